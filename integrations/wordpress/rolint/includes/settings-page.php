<?php
/**
 * Settings → rolint: the service address and token, fail-open, the checked post types and
 * the timeout. A setting pinned by a wp-config.php constant is shown read-only; the token
 * is never printed back (leave the field empty to keep it).
 *
 * @package rolint
 */

defined( 'ABSPATH' ) || exit;

add_action( 'admin_menu', 'rolint_add_settings_page' );
add_action( 'admin_init', 'rolint_register_settings' );

/**
 * Adds the page under Settings.
 */
function rolint_add_settings_page() {
	add_options_page( 'rolint', 'rolint', 'manage_options', 'rolint', 'rolint_settings_page_html' );
}

/**
 * Registers the option with its sanitiser.
 */
function rolint_register_settings() {
	register_setting(
		'rolint',
		ROLINT_OPTION,
		array(
			'type'              => 'array',
			'sanitize_callback' => 'rolint_sanitize_settings',
			'default'           => rolint_default_settings(),
		)
	);
}

/**
 * Sanitises the submitted form; an empty token field keeps the stored token.
 *
 * @param mixed $input The submitted values.
 * @return array
 */
function rolint_sanitize_settings( $input ) {
	$input  = is_array( $input ) ? $input : array();
	$stored = get_option( ROLINT_OPTION, array() );
	$stored = is_array( $stored ) ? $stored : array();
	$out    = array();
	foreach ( array_keys( rolint_default_settings() ) as $name ) {
		$value = $input[ $name ] ?? null;
		if ( 'fail_open' === $name ) {
			$value = ! empty( $value );
		}
		if ( 'token' === $name && ( null === $value || '' === trim( (string) $value ) ) ) {
			$value = $stored['token'] ?? '';
		}
		if ( null === $value ) {
			$value = $stored[ $name ] ?? rolint_default_settings()[ $name ];
		}
		$out[ $name ] = rolint_normalize_setting( $name, $value );
	}
	if ( '' !== $out['url'] && ! wp_http_validate_url( $out['url'] ) && ! preg_match( '#^https?://(127\.0\.0\.1|localhost|\[::1\])(:\d+)?(/|$)#', $out['url'] ) ) {
		add_settings_error( ROLINT_OPTION, 'rolint_url', __( 'Adresa serviciului nu este un URL http(s) valid.', 'rolint' ) );
		$out['url'] = $stored['url'] ?? '';
	}
	return $out;
}

/**
 * One form row.
 *
 * @param string $name  Setting name.
 * @param string $label Row label.
 * @param string $input The input's HTML (already escaped).
 * @param string $help  Help text.
 */
function rolint_settings_row( $name, $label, $input, $help ) {
	echo '<tr><th scope="row"><label for="rolint-' . esc_attr( $name ) . '">' . esc_html( $label ) . '</label></th><td>';
	echo $input; // phpcs:ignore WordPress.Security.EscapeOutput.OutputNotEscaped -- built from escaped parts below.
	if ( rolint_setting_is_pinned( $name ) ) {
		/* translators: %s: constant name */
		echo '<p class="description">' . esc_html( sprintf( __( 'Stabilit în wp-config.php prin %s.', 'rolint' ), rolint_setting_constants()[ $name ] ) ) . '</p>';
	}
	echo '<p class="description">' . esc_html( $help ) . '</p></td></tr>';
}

/**
 * The page.
 */
function rolint_settings_page_html() {
	if ( ! current_user_can( 'manage_options' ) ) {
		return;
	}
	$field    = function ( $name, $type, $value ) {
		$disabled = rolint_setting_is_pinned( $name ) ? ' disabled' : '';
		return '<input id="rolint-' . esc_attr( $name ) . '" type="' . esc_attr( $type ) . '" class="regular-text" name="' . esc_attr( ROLINT_OPTION . '[' . $name . ']' ) . '" value="' . esc_attr( $value ) . '"' . $disabled . '>';
	};
	$has_token = '' !== rolint_setting( 'token' );
	$fail_open = '<input id="rolint-fail_open" type="checkbox" name="' . esc_attr( ROLINT_OPTION . '[fail_open]' ) . '" value="1"' . checked( rolint_setting( 'fail_open' ), true, false ) . disabled( rolint_setting_is_pinned( 'fail_open' ), true, false ) . '>';
	echo '<div class="wrap"><h1>rolint</h1><form method="post" action="options.php">';
	settings_fields( 'rolint' );
	echo '<table class="form-table" role="presentation">';
	rolint_settings_row( 'url', __( 'Adresa serviciului', 'rolint' ), $field( 'url', 'url', rolint_setting( 'url' ) ), __( 'Unde rulează `rolint serve`, de exemplu http://127.0.0.1:8710.', 'rolint' ) );
	rolint_settings_row( 'token', __( 'Cheia (token)', 'rolint' ), $field( 'token', 'password', '' ), $has_token ? __( 'O cheie este salvată; lăsați câmpul gol ca să o păstrați.', 'rolint' ) : __( 'Cheia dată serviciului prin ROLINT_SERVE_TOKEN; nu ajunge niciodată în browser.', 'rolint' ) );
	rolint_settings_row( 'fail_open', __( 'Dacă serviciul nu răspunde', 'rolint' ), $fail_open, __( 'Bifat: se publică fără verificare. Nebifat (implicit): publicarea este oprită până revine serviciul.', 'rolint' ) );
	rolint_settings_row( 'post_types', __( 'Tipuri de conținut verificate', 'rolint' ), $field( 'post_types', 'text', implode( ',', rolint_setting( 'post_types' ) ) ), __( 'Separate prin virgulă, de exemplu post,page.', 'rolint' ) );
	rolint_settings_row( 'timeout', __( 'Timp de așteptare (secunde)', 'rolint' ), $field( 'timeout', 'number', rolint_setting( 'timeout' ) ), __( 'Cât se așteaptă răspunsul serviciului înainte ca publicarea să fie oprită.', 'rolint' ) );
	echo '</table>';
	submit_button();
	echo '</form></div>';
}
