<?php
/**
 * Settings: a wp-config.php constant wins over the value stored from the settings page,
 * so that an operator can pin the service address and token in code.
 *
 *   define( 'ROLINT_URL', 'http://127.0.0.1:8710' );    // the rolint serve base URL
 *   define( 'ROLINT_TOKEN', '...' );                    // bearer token (ROLINT_SERVE_TOKEN)
 *   define( 'ROLINT_FAIL_OPEN', false );                // true: service down = publish anyway
 *   define( 'ROLINT_POST_TYPES', 'post,page' );         // post types that are checked
 *   define( 'ROLINT_TIMEOUT', 10 );                     // seconds to wait for the service
 *
 * @package rolint
 */

defined( 'ABSPATH' ) || exit;

const ROLINT_OPTION = 'rolint_settings';

/**
 * The defaults, also the list of known settings.
 *
 * @return array<string, mixed>
 */
function rolint_default_settings() {
	return array(
		'url'        => 'http://127.0.0.1:8710',
		'token'      => '',
		'fail_open'  => false,
		'post_types' => array( 'post', 'page' ),
		'timeout'    => 10,
	);
}

/**
 * The constant that pins a setting, by setting name.
 *
 * @return array<string, string>
 */
function rolint_setting_constants() {
	return array(
		'url'        => 'ROLINT_URL',
		'token'      => 'ROLINT_TOKEN',
		'fail_open'  => 'ROLINT_FAIL_OPEN',
		'post_types' => 'ROLINT_POST_TYPES',
		'timeout'    => 'ROLINT_TIMEOUT',
	);
}

/**
 * Whether a wp-config.php constant pins this setting (the settings page then shows it read-only).
 *
 * @param string $name Setting name.
 * @return bool
 */
function rolint_setting_is_pinned( $name ) {
	$constants = rolint_setting_constants();
	return isset( $constants[ $name ] ) && defined( $constants[ $name ] );
}

/**
 * One setting, normalised to its type.
 *
 * @param string $name Setting name (see rolint_default_settings()).
 * @return mixed
 */
function rolint_setting( $name ) {
	$defaults = rolint_default_settings();
	$stored   = get_option( ROLINT_OPTION, array() );
	$value    = is_array( $stored ) && array_key_exists( $name, $stored ) ? $stored[ $name ] : $defaults[ $name ];
	if ( rolint_setting_is_pinned( $name ) ) {
		$value = constant( rolint_setting_constants()[ $name ] );
	}
	return rolint_normalize_setting( $name, $value );
}

/**
 * Normalises a raw setting value (from a constant, the option or the settings form).
 *
 * @param string $name  Setting name.
 * @param mixed  $value Raw value.
 * @return mixed
 */
function rolint_normalize_setting( $name, $value ) {
	switch ( $name ) {
		case 'url':
			return untrailingslashit( trim( (string) $value ) );
		case 'token':
			return trim( (string) $value );
		case 'fail_open':
			return filter_var( $value, FILTER_VALIDATE_BOOLEAN );
		case 'post_types':
			$types = is_array( $value ) ? $value : explode( ',', (string) $value );
			return array_values( array_filter( array_map( 'sanitize_key', array_map( 'trim', $types ) ) ) );
		case 'timeout':
			$seconds = (float) $value;
			return $seconds > 0 ? min( $seconds, 60.0 ) : 10.0;
	}
	return $value;
}

/**
 * Whether rolint checks posts of this type.
 *
 * @param string $post_type Post type slug.
 * @return bool
 */
function rolint_checks_post_type( $post_type ) {
	return in_array( $post_type, rolint_setting( 'post_types' ), true );
}
