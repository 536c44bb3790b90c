<?php
/**
 * Scheduled posts. They are checked when scheduled (status future goes through the REST
 * and classic gates like publish). When cron publishes them, wp_publish_post() writes the
 * status directly and no gate runs, so the article is checked once more just before:
 * rules or text may have changed since. Blocked then → back to draft with the reasons
 * kept; service unavailable (and not fail-open) → tried again in five minutes.
 *
 * @package rolint
 */

defined( 'ABSPATH' ) || exit;

const ROLINT_RETRY_SECONDS = 300;

add_action( 'publish_future_post', 'rolint_recheck_future_post', 9, 1 );

/**
 * Action publish_future_post (before WordPress's own, at 10).
 *
 * @param int $post_id The post cron is about to publish.
 */
function rolint_recheck_future_post( $post_id ) {
	$post = get_post( $post_id );
	if ( ! $post || 'future' !== $post->post_status || ! rolint_checks_post_type( $post->post_type )
		|| strtotime( $post->post_date_gmt . ' GMT' ) > time() ) {
		return;
	}
	$article  = array(
		'title'   => $post->post_title,
		'excerpt' => $post->post_excerpt,
		'content' => $post->post_content,
	);
	$doc      = array(
		'id'     => $post->ID,
		'type'   => $post->post_type,
		'status' => 'publish',
	);
	$author   = get_userdata( (int) $post->post_author );
	$decision = rolint_decide( $article, $doc, null, $author ? $author : new WP_User( 0 ) );
	if ( $decision['allowed'] ) {
		return;
	}
	if ( 'rolint_unavailable' === $decision['error']->get_error_code() ) {
		rolint_postpone_future_post( $post->ID );
		return;
	}
	update_post_meta( $post->ID, ROLINT_LAST_CHECK_META, wp_slash( $decision['summary'] ) );
	wp_update_post(
		array(
			'ID'          => $post->ID,
			'post_status' => 'draft',
		)
	);
}

/**
 * Keeps the post scheduled and tries again later: WordPress's own publisher is skipped
 * for this one run of the hook (and put back right after).
 *
 * @param int $post_id Post ID.
 */
function rolint_postpone_future_post( $post_id ) {
	remove_action( 'publish_future_post', 'check_and_publish_future_post', 10 );
	add_action( 'publish_future_post', 'rolint_restore_future_publisher', 11 );
	wp_schedule_single_event( time() + ROLINT_RETRY_SECONDS, 'publish_future_post', array( $post_id ) );
}

/**
 * Puts WordPress's scheduled publisher back after a postponed run.
 */
function rolint_restore_future_publisher() {
	remove_action( 'publish_future_post', 'rolint_restore_future_publisher', 11 );
	add_action( 'publish_future_post', 'check_and_publish_future_post', 10, 1 );
}
