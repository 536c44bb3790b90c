<?php
/**
 * Looks inside WordPress for the test (what REST does not show: protected meta, autosaves)
 * and runs cron's scheduled publisher for one post, as wp-cron would.
 *
 *   php wp-run.php WORDPRESS_DIR post ID        → JSON of the post, its rolint meta, autosave
 *   php wp-run.php WORDPRESS_DIR cron ID        → do_action( 'publish_future_post', ID )
 *   php wp-run.php WORDPRESS_DIR meta ID KEY V  → update_post_meta (test set-up only)
 *   php wp-run.php WORDPRESS_DIR setting NAME V → one rolint setting, as the settings page stores it
 *   php wp-run.php WORDPRESS_DIR titled 0 TITLE → [{id, status}] of every post with that title
 */
if ( 'cli' !== PHP_SAPI ) {
	exit( 1 );
}
$_SERVER['HTTP_HOST'] = 'localhost';
require $argv[1] . '/wp-load.php';

$command = $argv[2];
if ( 'setting' === $command ) {
	$settings              = (array) get_option( 'rolint_settings', array() );
	$settings[ $argv[3] ]  = $argv[4];
	update_option( 'rolint_settings', $settings );
	echo wp_json_encode( get_option( 'rolint_settings' ) ) . "\n";
	exit( 0 );
}
if ( 'titled' === $command ) {
	global $wpdb;
	$rows = $wpdb->get_results( $wpdb->prepare( "SELECT ID AS id, post_status AS status FROM {$wpdb->posts} WHERE post_title = %s AND post_type <> 'revision' ORDER BY ID", $argv[4] ) );
	echo wp_json_encode( $rows ) . "\n";
	exit( 0 );
}
$post_id = (int) $argv[3];
if ( 'cron' === $command ) {
	do_action( 'publish_future_post', $post_id );
	clean_post_cache( $post_id );
} elseif ( 'meta' === $command ) {
	update_post_meta( $post_id, $argv[4], $argv[5] );
}
$post     = get_post( $post_id );
$autosave = null;
foreach ( $post ? wp_get_post_revisions( $post_id, array( 'check_enabled' => false ) ) : array() as $revision ) {
	if ( wp_is_post_autosave( $revision ) ) {
		$autosave = $revision;
		break;
	}
}
echo wp_json_encode(
	array(
		'status'     => $post ? $post->post_status : null,
		'title'      => $post ? $post->post_title : null,
		'content'    => $post ? $post->post_content : null,
		'audit'      => $post ? get_post_meta( $post_id, '_rolint_override' ) : array(),
		'last_check' => $post ? get_post_meta( $post_id, '_rolint_last_check', true ) : null,
		'request'    => $post ? get_post_meta( $post_id, 'rolint_override', true ) : null,
		'autosave'   => $autosave ? array( 'content' => $autosave->post_content ) : null,
		'scheduled'  => wp_next_scheduled( 'publish_future_post', array( $post_id ) ),
	)
) . "\n";
