<?php
/**
 * The gate for every save that does not come through the REST API: the classic editor,
 * Quick Edit, XML-RPC and code calling wp_insert_post(). wp_insert_post_data cannot
 * return an error, so a refused article is written as a draft (or, for a post that is
 * already out, the live version stays and the edit is kept as an autosave), and the
 * reasons are shown in an admin notice and in the "rolint" box of the classic editor.
 * XML-RPC publishing methods are checked before this (gate-xmlrpc.php), and a refusal
 * here during one of them is turned into an XML-RPC fault.
 *
 * @package rolint
 */

defined( 'ABSPATH' ) || exit;

add_filter( 'wp_insert_post_data', 'rolint_classic_gate', 99, 2 );
add_action( 'wp_insert_post', 'rolint_classic_after_insert', 10, 1 );
add_filter( 'redirect_post_location', 'rolint_classic_redirect', 10, 2 );
add_action( 'admin_notices', 'rolint_classic_notice' );
add_action( 'add_meta_boxes', 'rolint_classic_meta_box', 10, 1 );

/**
 * What the classic gate decided in this request, for the hooks that run after the write.
 *
 * @param array|null $outcome { decision, refused, live, attempted } to remember, an empty
 *                           array to forget (gate-xmlrpc.php, between calls), or null.
 * @return array|null
 */
function rolint_classic_outcome( $outcome = null ) {
	static $remembered = null;
	if ( null !== $outcome ) {
		$remembered = $outcome;
	}
	return $remembered;
}

/**
 * Filter wp_insert_post_data: keeps a refused article from going out.
 *
 * @param array $data    Slashed, sanitised post data about to be written.
 * @param array $postarr Slashed data as given to wp_insert_post().
 * @return array
 */
function rolint_classic_gate( $data, $postarr ) {
	if ( rolint_rest_decision() || ! rolint_checks_post_type( $data['post_type'] )
		|| ! in_array( $data['post_status'], rolint_gated_statuses(), true )
		|| ( defined( 'DOING_AUTOSAVE' ) && DOING_AUTOSAVE ) ) {
		return $data;
	}
	$post_id  = (int) ( $postarr['ID'] ?? 0 );
	$article  = array(
		'title'   => wp_unslash( $data['post_title'] ),
		'excerpt' => wp_unslash( $data['post_excerpt'] ),
		'content' => wp_unslash( $data['post_content'] ),
	);
	$doc      = array(
		'id'     => $post_id ? $post_id : '',
		'type'   => $data['post_type'],
		'status' => $data['post_status'],
	);
	$decision = rolint_decide( $article, $doc, rolint_classic_override_request( $post_id ), wp_get_current_user() );
	$live     = $post_id ? get_post( $post_id ) : null;
	$is_live  = $live && in_array( $live->post_status, rolint_gated_statuses(), true );
	rolint_classic_outcome(
		array(
			'decision'  => $decision,
			'refused'   => ! $decision['allowed'],
			'live'      => $is_live,
			'attempted' => $article,
		)
	);
	if ( $decision['allowed'] ) {
		return $data;
	}
	rolint_classic_remember_notice( $decision, $is_live );
	if ( $is_live ) {
		// The published version stays as it is; the edit is kept as an autosave.
		$data['post_title']   = wp_slash( $live->post_title );
		$data['post_excerpt'] = wp_slash( $live->post_excerpt );
		$data['post_content'] = wp_slash( $live->post_content );
		$data['post_status']  = $live->post_status;
		return $data;
	}
	$data['post_status'] = 'draft';
	return $data;
}

/**
 * The override request of a classic-editor form, checked against its nonce.
 *
 * @param int $post_id The post being saved.
 * @return array|null
 */
function rolint_classic_override_request( $post_id ) {
	if ( empty( $_POST['rolint_override'] ) || empty( $_POST['rolint_override_nonce'] ) ) {
		return null;
	}
	$nonce = sanitize_text_field( wp_unslash( $_POST['rolint_override_nonce'] ) );
	if ( ! wp_verify_nonce( $nonce, 'rolint_override_' . $post_id ) ) {
		return null;
	}
	$raw = wp_unslash( (array) $_POST['rolint_override'] ); // phpcs:ignore WordPress.Security.ValidatedSanitizedInput.InputNotSanitized -- normalised below.
	if ( isset( $raw['fingerprints'] ) && is_string( $raw['fingerprints'] ) ) {
		$raw['fingerprints'] = array_filter( explode( ',', $raw['fingerprints'] ) );
	}
	return rolint_normalize_override( $raw );
}

/**
 * Action wp_insert_post: keeps the decision on the post, and a refused edit of a live
 * post as the user's autosave.
 *
 * @param int $post_id The saved post.
 */
function rolint_classic_after_insert( $post_id ) {
	$outcome = rolint_classic_outcome();
	if ( ! $outcome || 'revision' === get_post_type( $post_id ) || ! empty( $outcome['stored'] ) ) {
		return;
	}
	$outcome['stored'] = true;
	rolint_classic_outcome( $outcome );
	rolint_store_decision( $post_id, $outcome['decision'] );
	if ( $outcome['refused'] && $outcome['live'] ) {
		rolint_keep_as_autosave( $post_id, $outcome['attempted'] );
	}
}

/**
 * Stores text that was not allowed out as the current user's autosave of the post, so
 * the edit is not lost: the editor offers to restore it.
 *
 * @param int   $post_id Post ID.
 * @param array $article { title, excerpt, content }.
 */
function rolint_keep_as_autosave( $post_id, array $article ) {
	$fields = array(
		'ID'           => $post_id,
		'post_title'   => $article['title'],
		'post_excerpt' => $article['excerpt'],
		'post_content' => $article['content'],
		'post_type'    => get_post_type( $post_id ),
	);
	$old = wp_get_post_autosave( $post_id, get_current_user_id() );
	if ( $old ) {
		$revision                = _wp_post_revision_data( $fields, true );
		$revision['ID']          = $old->ID;
		$revision['post_author'] = get_current_user_id();
		wp_update_post( wp_slash( $revision ) );
		return;
	}
	_wp_put_post_revision( $fields, true );
}

/**
 * Keeps the refusal for the next admin page this user sees.
 *
 * @param array $decision A refused decision.
 * @param bool  $is_live  Whether a published version stayed online.
 */
function rolint_classic_remember_notice( array $decision, $is_live ) {
	$data     = $decision['error']->get_error_data();
	$findings = is_array( $data ) ? ( $data['findings'] ?? array() ) : array();
	set_transient(
		'rolint_notice_' . get_current_user_id(),
		array(
			'message'  => $decision['error']->get_error_message(),
			'live'     => $is_live,
			'findings' => array_slice( $findings, 0, 30 ),
		),
		10 * MINUTE_IN_SECONDS
	);
}

/**
 * Filter redirect_post_location: no "Post published." after a refusal.
 *
 * @param string $location Where the classic editor goes after saving.
 * @return string
 */
function rolint_classic_redirect( $location ) {
	$outcome = rolint_classic_outcome();
	if ( $outcome && $outcome['refused'] ) {
		$location = add_query_arg( 'rolint', 'refused', remove_query_arg( 'message', $location ) );
	}
	return $location;
}

/**
 * Action admin_notices: the refusal and its findings, once.
 */
function rolint_classic_notice() {
	$key    = 'rolint_notice_' . get_current_user_id();
	$notice = get_transient( $key );
	if ( ! is_array( $notice ) ) {
		return;
	}
	delete_transient( $key );
	echo '<div class="notice notice-error rolint-notice"><p><strong>';
	echo esc_html( $notice['live'] ? __( 'rolint: modificările nu au fost publicate; versiunea publicată a rămas neschimbată, iar textul nou a fost păstrat ca salvare automată.', 'rolint' ) : __( 'rolint: articolul nu a fost publicat și a rămas ciornă.', 'rolint' ) );
	echo '</strong></p><p>' . esc_html( $notice['message'] ) . '</p>';
	rolint_print_findings( $notice['findings'] );
	echo '</div>';
}

/**
 * Prints findings as a list: the offending text and the suggestion.
 *
 * @param array[] $findings From rolint_findings().
 */
function rolint_print_findings( array $findings ) {
	if ( ! $findings ) {
		return;
	}
	echo '<ul class="rolint-findings">';
	foreach ( $findings as $f ) {
		echo '<li><strong>' . esc_html( $f['field'] ) . '</strong>';
		if ( $f['blocking'] ) {
			echo ' <span style="color:#cc1818">' . esc_html__( '(blochează)', 'rolint' ) . '</span>';
		}
		echo ': ';
		if ( '' !== $f['text'] ) {
			echo '…' . esc_html( $f['before'] ?? '' ) . '<mark>' . esc_html( $f['text'] ) . '</mark>' . esc_html( $f['after'] ?? '' ) . '… ';
		}
		if ( '' !== $f['suggestion'] ) {
			/* translators: %s: suggested replacement */
			echo esc_html( sprintf( __( '→ sugestie: „%s” ', 'rolint' ), $f['suggestion'] ) );
		}
		echo '— ' . esc_html( $f['message'] ) . ' (<code>' . esc_html( $f['rule'] ) . '</code>)</li>';
	}
	echo '</ul>';
}

/**
 * Action add_meta_boxes: the "rolint" box of the classic editor (hidden in the block
 * editor, which has its own panel).
 *
 * @param string $post_type The edited post's type.
 */
function rolint_classic_meta_box( $post_type ) {
	if ( ! rolint_checks_post_type( $post_type ) ) {
		return;
	}
	add_meta_box( 'rolint', 'rolint', 'rolint_classic_meta_box_html', $post_type, 'side', 'high', array( '__back_compat_meta_box' => true ) );
}

/**
 * The box: the last check and, for users who may, the override form.
 *
 * @param WP_Post $post The edited post.
 */
function rolint_classic_meta_box_html( $post ) {
	$last = get_post_meta( $post->ID, ROLINT_LAST_CHECK_META, true );
	if ( ! is_array( $last ) || empty( $last['verdict'] ) ) {
		echo '<p>' . esc_html__( 'Articolul este verificat de rolint la publicare.', 'rolint' ) . '</p>';
		return;
	}
	$override = $last['override'] ?? null;
	/* translators: %s: verdict (publish, warn, block) */
	echo '<p><strong>' . esc_html( sprintf( __( 'Ultima verificare: %s', 'rolint' ), $last['verdict'] ) ) . '</strong></p>';
	echo '<ul>';
	foreach ( (array) $last['reasons'] as $reason ) {
		echo '<li>' . esc_html( $reason ) . '</li>';
	}
	echo '</ul>';
	if ( is_array( $override ) ) {
		/* translators: 1: user login, 2: the reason they gave */
		echo '<p>' . esc_html( sprintf( __( 'Publicat peste blocare de %1$s: %2$s', 'rolint' ), $override['user'], $override['reason'] ) ) . '</p>';
		return;
	}
	if ( 'block' !== $last['verdict'] || ! current_user_can( ROLINT_CAPABILITY ) ) {
		return;
	}
	wp_nonce_field( 'rolint_override_' . $post->ID, 'rolint_override_nonce' );
	echo '<p><label for="rolint-override-reason">' . esc_html__( 'Publicați totuși, cu motivul:', 'rolint' ) . '</label>';
	echo '<textarea id="rolint-override-reason" name="rolint_override[reason]" rows="3" class="widefat"></textarea></p>';
	echo '<input type="hidden" name="rolint_override[content_hash]" value="' . esc_attr( $last['content_hash'] ?? '' ) . '">';
	echo '<input type="hidden" name="rolint_override[fingerprints]" value="' . esc_attr( implode( ',', (array) ( $last['fingerprints'] ?? array() ) ) ) . '">';
}
