<?php
/**
 * Test-only must-use plugin: posts carrying the meta e2e_classic open in the classic
 * editor (WordPress 6.1 has no switch of its own without the Classic Editor plugin), so
 * the test can drive the classic form with a browser.
 */
add_filter(
	'use_block_editor_for_post',
	function ( $use, $post ) {
		return get_post_meta( $post->ID, 'e2e_classic', true ) ? false : $use;
	},
	10,
	2
);
