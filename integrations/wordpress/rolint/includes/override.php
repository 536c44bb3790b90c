<?php
/**
 * Publishing over a block: who may, what they send, what is kept.
 *
 * - The `rolint_override` capability, given to Editors and Administrators on activation.
 * - The `rolint_override` post meta ({reason, content_hash, fingerprints}) is how the
 *   block editor and REST clients ask for an override with a save; only users with the
 *   capability may write it, and it is emptied after every save, so an old reason never
 *   carries over to new text.
 * - The `_rolint_override` post meta (protected, one row per override) is the audit
 *   record: user, reason, content hash and check id. An update that leaves the checked
 *   text as it was (same content hash) needs no new reason.
 *
 * @package rolint
 */

defined( 'ABSPATH' ) || exit;

const ROLINT_CAPABILITY     = 'rolint_override';
const ROLINT_OVERRIDE_META  = 'rolint_override';
const ROLINT_AUDIT_META     = '_rolint_override';
const ROLINT_LAST_CHECK_META = '_rolint_last_check';

/**
 * Activation: Editors and Administrators may publish over a block.
 */
function rolint_grant_override_capability() {
	foreach ( array( 'editor', 'administrator' ) as $role_name ) {
		$role = get_role( $role_name );
		if ( $role ) {
			$role->add_cap( ROLINT_CAPABILITY );
		}
	}
}

/**
 * Deactivation: the capability goes away with the plugin.
 */
function rolint_revoke_override_capability() {
	foreach ( wp_roles()->role_objects as $role ) {
		$role->remove_cap( ROLINT_CAPABILITY );
	}
}

add_action( 'init', 'rolint_register_override_meta', 20 );

/**
 * Registers the override request meta for every checked post type.
 */
function rolint_register_override_meta() {
	$schema = array(
		'type'                 => 'object',
		'additionalProperties' => false,
		'properties'           => array(
			'reason'       => array( 'type' => 'string' ),
			'content_hash' => array( 'type' => 'string' ),
			'fingerprints' => array(
				'type'  => 'array',
				'items' => array( 'type' => 'string' ),
			),
		),
	);
	foreach ( rolint_setting( 'post_types' ) as $post_type ) {
		register_post_meta(
			$post_type,
			ROLINT_OVERRIDE_META,
			array(
				'single'        => true,
				'type'          => 'object',
				'default'       => array(
					'reason'       => '',
					'content_hash' => '',
					'fingerprints' => array(),
				),
				'show_in_rest'  => array( 'schema' => $schema ),
				'auth_callback' => 'rolint_user_may_override',
			)
		);
	}
}

/**
 * Meta auth callback: only holders of the capability may ask for an override.
 *
 * @return bool
 */
function rolint_user_may_override() {
	return current_user_can( ROLINT_CAPABILITY );
}

/**
 * An override request as sent, or null when there is none (an empty reason is none).
 *
 * @param mixed $raw The meta value or form fields: {reason, content_hash, fingerprints}.
 * @return array|null
 */
function rolint_normalize_override( $raw ) {
	if ( ! is_array( $raw ) ) {
		return null;
	}
	$reason = trim( sanitize_textarea_field( (string) ( $raw['reason'] ?? '' ) ) );
	if ( '' === $reason ) {
		return null;
	}
	$prints = array_map( 'strval', is_array( $raw['fingerprints'] ?? null ) ? $raw['fingerprints'] : array() );
	return array(
		'reason'       => mb_substr( $reason, 0, 2000, 'UTF-8' ),
		'content_hash' => (string) ( $raw['content_hash'] ?? '' ),
		'fingerprints' => $prints,
	);
}

/**
 * Whether an override request was made for this check: the same text (content hash), or
 * the same blocking findings (the editor may serialise unchanged text slightly
 * differently from what is stored; fingerprints survive that).
 *
 * @param array $override A normalised override request.
 * @param array $answer   The check it must match.
 * @return bool
 */
function rolint_override_matches( array $override, array $answer ) {
	if ( '' !== $override['content_hash'] && $override['content_hash'] === ( $answer['content_hash'] ?? null ) ) {
		return true;
	}
	$blocking = rolint_blocking_fingerprints( $answer );
	return $blocking && ! array_diff( $blocking, $override['fingerprints'] );
}

/**
 * The audit record of an earlier override of exactly this text, if any.
 *
 * @param int    $post_id      Post ID (0: a new post has none).
 * @param string $content_hash The current check's content hash.
 * @return array|null
 */
function rolint_recorded_override( $post_id, $content_hash ) {
	if ( ! $post_id ) {
		return null;
	}
	foreach ( array_reverse( get_post_meta( $post_id, ROLINT_AUDIT_META ) ) as $record ) {
		if ( is_array( $record ) && ( $record['content_hash'] ?? '' ) === $content_hash ) {
			return $record;
		}
	}
	return null;
}

/**
 * Keeps what a decision leaves behind on the post: the audit record of a new override,
 * the last check (verdict and reasons, shown in the classic editor), and the override
 * request meta emptied.
 *
 * @param int   $post_id  Post ID.
 * @param array $decision A decision from rolint_decide().
 */
function rolint_store_decision( $post_id, array $decision ) {
	if ( ! empty( $decision['audit'] ) ) {
		add_post_meta( $post_id, ROLINT_AUDIT_META, wp_slash( $decision['audit'] ) );
	}
	if ( ! empty( $decision['summary'] ) ) {
		update_post_meta( $post_id, ROLINT_LAST_CHECK_META, wp_slash( $decision['summary'] ) );
	}
	delete_post_meta( $post_id, ROLINT_OVERRIDE_META );
}
