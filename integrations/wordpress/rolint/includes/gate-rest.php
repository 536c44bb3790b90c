<?php
/**
 * The gate on the REST API, which the block editor saves through:
 * rest_pre_insert_{post_type} returns a WP_Error and nothing is written.
 *
 * An article is checked when the save would leave it public (publish, future, private):
 * publishing, scheduling, and updating a post that is already out.
 *
 * @package rolint
 */

defined( 'ABSPATH' ) || exit;

add_action( 'init', 'rolint_register_rest_gates', 20 );

/**
 * Hooks the gate on every checked post type (after the types are registered).
 */
function rolint_register_rest_gates() {
	foreach ( rolint_setting( 'post_types' ) as $post_type ) {
		add_filter( "rest_pre_insert_{$post_type}", 'rolint_rest_gate', 10, 2 );
		add_action( "rest_after_insert_{$post_type}", 'rolint_rest_after_insert', 10, 1 );
	}
}

/**
 * The decision of this request's REST save, for rest_after_insert and the classic gate.
 *
 * @param array|null $decision A decision to remember, or null to read it.
 * @return array|null
 */
function rolint_rest_decision( $decision = null ) {
	static $remembered = null;
	if ( null !== $decision ) {
		$remembered = $decision;
	}
	return $remembered;
}

/**
 * Filter rest_pre_insert_{post_type}: a WP_Error when rolint refuses publication.
 *
 * @param stdClass        $prepared The post about to be written (only the fields sent).
 * @param WP_REST_Request $request  The request.
 * @return stdClass|WP_Error
 */
function rolint_rest_gate( $prepared, $request ) {
	// The autosaves route runs this filter too, but writes a revision, never the live post:
	// stopping it would only lose the editor's safety copy.
	if ( preg_match( '#/autosaves$#', $request->get_route() ) ) {
		return $prepared;
	}
	$existing = empty( $prepared->ID ) ? null : get_post( $prepared->ID );
	$status   = $prepared->post_status ?? ( $existing ? $existing->post_status : 'draft' );
	if ( ! in_array( $status, rolint_gated_statuses(), true ) ) {
		return $prepared;
	}
	$article = array(
		'title'   => $prepared->post_title ?? ( $existing ? $existing->post_title : '' ),
		'excerpt' => $prepared->post_excerpt ?? ( $existing ? $existing->post_excerpt : '' ),
		'content' => $prepared->post_content ?? ( $existing ? $existing->post_content : '' ),
	);
	$doc      = array(
		'id'     => $existing ? $existing->ID : '',
		'type'   => $prepared->post_type ?? ( $existing ? $existing->post_type : '' ),
		'status' => $status,
	);
	$meta     = $request->get_param( 'meta' );
	$override = rolint_normalize_override( is_array( $meta ) ? ( $meta[ ROLINT_OVERRIDE_META ] ?? null ) : null );
	$decision = rolint_decide( $article, $doc, $override, wp_get_current_user() );
	if ( ! $decision['allowed'] ) {
		if ( $existing ) {
			update_post_meta( $existing->ID, ROLINT_LAST_CHECK_META, wp_slash( $decision['summary'] ) );
		}
		return $decision['error'];
	}
	rolint_rest_decision( $decision );
	return $prepared;
}

/**
 * Action rest_after_insert_{post_type}: keeps the audit record and the last check, and
 * empties the override request (after the REST API has written the meta it was sent).
 *
 * @param WP_Post $post The saved post.
 */
function rolint_rest_after_insert( $post ) {
	$decision = rolint_rest_decision();
	if ( $decision ) {
		rolint_store_decision( $post->ID, $decision );
	} else {
		delete_post_meta( $post->ID, ROLINT_OVERRIDE_META );
	}
}
