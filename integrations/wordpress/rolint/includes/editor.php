<?php
/**
 * The block editor's side: the pre-publish panel (assets/editor.js) and the REST route it
 * calls, POST /wp-json/rolint/v1/check. The route is behind the REST cookie nonce that
 * wp.apiFetch sends and checks that the user may edit the post; it calls rolint from the
 * server, so the service's token never reaches the browser.
 *
 * @package rolint
 */

defined( 'ABSPATH' ) || exit;

add_action( 'enqueue_block_editor_assets', 'rolint_enqueue_editor_panel' );
add_action( 'rest_api_init', 'rolint_register_check_route' );

/**
 * Loads the panel on the edit screen of a checked post type.
 */
function rolint_enqueue_editor_panel() {
	$screen = function_exists( 'get_current_screen' ) ? get_current_screen() : null;
	if ( ! $screen || ! rolint_checks_post_type( $screen->post_type ) ) {
		return;
	}
	wp_enqueue_script(
		'rolint-editor',
		plugins_url( 'assets/editor.js', ROLINT_PLUGIN_FILE ),
		array( 'wp-plugins', 'wp-edit-post', 'wp-element', 'wp-components', 'wp-data', 'wp-api-fetch', 'wp-i18n' ),
		ROLINT_PLUGIN_VERSION,
		true
	);
	$config = array(
		'canOverride' => current_user_can( ROLINT_CAPABILITY ),
		'failOpen'    => (bool) rolint_setting( 'fail_open' ),
	);
	wp_add_inline_script( 'rolint-editor', 'window.rolintEditor = ' . wp_json_encode( $config ) . ';', 'before' );
}

/**
 * Registers POST rolint/v1/check.
 */
function rolint_register_check_route() {
	register_rest_route(
		'rolint/v1',
		'/check',
		array(
			'methods'             => 'POST',
			'callback'            => 'rolint_check_route',
			'permission_callback' => 'rolint_check_route_permission',
			'args'                => array(
				'post_id' => array(
					'type'     => 'integer',
					'required' => true,
				),
				'title'   => array(
					'type'    => 'string',
					'default' => '',
				),
				'excerpt' => array(
					'type'    => 'string',
					'default' => '',
				),
				'content' => array(
					'type'    => 'string',
					'default' => '',
				),
			),
		)
	);
}

/**
 * Only someone who may edit the post may have it checked.
 *
 * @param WP_REST_Request $request The request.
 * @return bool
 */
function rolint_check_route_permission( $request ) {
	$post = get_post( (int) $request['post_id'] );
	return $post && rolint_checks_post_type( $post->post_type ) && current_user_can( 'edit_post', $post->ID );
}

/**
 * Checks the text as it stands in the editor (not yet saved).
 *
 * @param WP_REST_Request $request The request.
 * @return array|WP_Error
 */
function rolint_check_route( $request ) {
	$post    = get_post( (int) $request['post_id'] );
	$article = array(
		'title'   => (string) $request['title'],
		'excerpt' => (string) $request['excerpt'],
		'content' => (string) $request['content'],
	);
	$body    = rolint_request_body(
		$article,
		array(
			'id'     => $post->ID,
			'type'   => $post->post_type,
			'status' => $post->post_status,
		)
	);
	$answer  = rolint_check( $body );
	if ( is_wp_error( $answer ) ) {
		$failure = rolint_service_failure( $answer );
		return $failure['allowed']
			? array(
				'verdict'  => 'unchecked',
				'reasons'  => $failure['summary']['reasons'],
				'findings' => array(),
			)
			: $failure['error'];
	}
	$approved = rolint_recorded_override( $post->ID, (string) ( $answer['content_hash'] ?? '' ) );
	return array(
		'verdict'               => $answer['verdict'],
		'reasons'               => array_map( 'strval', (array) ( $answer['reasons'] ?? array() ) ),
		'findings'              => rolint_findings( $answer, $body ),
		'content_hash'          => (string) ( $answer['content_hash'] ?? '' ),
		'blocking_fingerprints' => rolint_blocking_fingerprints( $answer ),
		'complete'              => ! empty( $answer['complete'] ),
		'approved'              => $approved ? array(
			'user'   => $approved['user'],
			'reason' => $approved['reason'],
			'time'   => $approved['time'],
		) : null,
	);
}
