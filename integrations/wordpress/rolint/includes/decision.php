<?php
/**
 * One decision for every path: may this article go out now?
 *
 * Inputs are the article, who publishes and an override request if one came with the
 * save; the output says allowed or not, and why, as a WP_Error the REST API can return
 * as it is (status 422 blocked, 403 override not allowed, 409 override for other text,
 * 503 service unavailable, 502 service refused the request).
 *
 * @package rolint
 */

defined( 'ABSPATH' ) || exit;

/**
 * Statuses that make an article public (now, later or to logged-in readers).
 *
 * @return string[]
 */
function rolint_gated_statuses() {
	return array( 'publish', 'future', 'private' );
}

/**
 * Decides whether an article may be published.
 *
 * @param array      $article  { title, excerpt, content } (unslashed).
 * @param array      $doc      { id, type, status } of the post.
 * @param array|null $override A normalised override request from this save, or null.
 * @param WP_User    $user     Who publishes.
 * @return array { allowed: bool, error: WP_Error|null, answer: array|null,
 *                 audit: array|null (a new override to record), summary: array|null }
 */
function rolint_decide( array $article, array $doc, $override, WP_User $user ) {
	if ( $override && ! user_can( $user, ROLINT_CAPABILITY ) ) {
		return rolint_refusal(
			'rolint_override_forbidden',
			__( 'Nu aveți dreptul să publicați peste blocarea rolint (capabilitatea rolint_override). Corectați textul sau cereți unui editor să aprobe publicarea.', 'rolint' ),
			403
		);
	}
	$body   = rolint_request_body( $article, $doc );
	$answer = rolint_check( $body );
	if ( is_wp_error( $answer ) ) {
		return rolint_service_failure( $answer );
	}
	$summary = rolint_summary( $answer );
	if ( 'block' !== $answer['verdict'] ) {
		return rolint_allowed( $answer, null, $summary );
	}
	if ( rolint_recorded_override( (int) ( $doc['id'] ?? 0 ), $answer['content_hash'] ?? '' ) ) {
		return rolint_allowed( $answer, null, $summary );
	}
	if ( ! $override ) {
		return rolint_blocked( $answer, $body, $summary );
	}
	if ( ! rolint_override_matches( $override, $answer ) ) {
		$prefix = __( 'Textul s-a schimbat după verificarea pe care ați aprobat-o; verificați din nou și scrieți motivul pentru textul nou. ', 'rolint' );
		return rolint_blocked( $answer, $body, $summary, 'rolint_override_stale', $prefix, 409 );
	}
	return rolint_apply_override( $body, $override, $user, $summary );
}

/**
 * Sends the check again with the override, so that the service records it in its audit
 * log, and returns the decision with the audit record to keep on the post.
 *
 * @param array   $body     The request body that was blocked.
 * @param array   $override A matching override request.
 * @param WP_User $user     Who overrides.
 * @param array   $summary  The blocked check's summary.
 * @return array
 */
function rolint_apply_override( array $body, array $override, WP_User $user, array $summary ) {
	$body['override'] = array(
		'user'   => $user->user_login,
		'reason' => $override['reason'],
	);
	$answer = rolint_check( $body );
	if ( is_wp_error( $answer ) ) {
		return rolint_service_failure( $answer );
	}
	$audit = array(
		'user'         => $user->user_login,
		'user_id'      => $user->ID,
		'reason'       => $override['reason'],
		'content_hash' => (string) ( $answer['content_hash'] ?? '' ),
		'check_id'     => (string) ( $answer['check_id'] ?? '' ),
		'time'         => gmdate( 'c' ),
	);
	$summary['override'] = $audit;
	return rolint_allowed( $answer, $audit, $summary );
}

/**
 * What is kept of a check on the post (shown in the classic editor's notice and box).
 *
 * @param array $answer A /v1/check answer.
 * @return array
 */
function rolint_summary( array $answer ) {
	return array(
		'verdict'      => $answer['verdict'],
		'reasons'      => array_map( 'strval', (array) ( $answer['reasons'] ?? array() ) ),
		'content_hash' => (string) ( $answer['content_hash'] ?? '' ),
		'fingerprints' => rolint_blocking_fingerprints( $answer ),
		'check_id'     => (string) ( $answer['check_id'] ?? '' ),
		'time'         => gmdate( 'c' ),
	);
}

/**
 * An "allowed" decision.
 *
 * @param array|null $answer  The answer (null: not checked, fail-open).
 * @param array|null $audit   A new override to record.
 * @param array|null $summary What to keep on the post.
 * @return array
 */
function rolint_allowed( $answer, $audit, $summary ) {
	return array(
		'allowed' => true,
		'error'   => null,
		'answer'  => $answer,
		'audit'   => $audit,
		'summary' => $summary,
	);
}

/**
 * A "blocked by rolint" decision: the message lists the service's reasons in plain text,
 * the error data carries what a client needs to fix the text or to override.
 *
 * @param array  $answer  The blocking answer.
 * @param array  $body    The request it answers.
 * @param array  $summary What to keep on the post.
 * @param string $code    Error code.
 * @param string $prefix  What the message says before the reasons ('' for the default).
 * @param int    $status  HTTP status for the REST API.
 * @return array
 */
function rolint_blocked( array $answer, array $body, array $summary, $code = 'rolint_blocked', $prefix = '', $status = 422 ) {
	if ( '' === $prefix ) {
		$prefix = __( 'Publicarea a fost oprită de rolint: ', 'rolint' );
	}
	$message = $prefix . rolint_reasons_text( $answer );
	$data    = array(
		'status'                => $status,
		'verdict'               => 'block',
		'reasons'               => $summary['reasons'],
		'content_hash'          => $summary['content_hash'],
		'blocking_fingerprints' => $summary['fingerprints'],
		'check_id'              => $summary['check_id'],
		'findings'              => rolint_findings( $answer, $body ),
	);
	return array(
		'allowed' => false,
		'error'   => new WP_Error( $code, $message, $data ),
		'answer'  => $answer,
		'audit'   => null,
		'summary' => $summary,
	);
}

/**
 * The decision when no verdict could be had: refused (fail closed) unless fail-open is
 * configured; a request the service itself refused (e.g. a wrong token) is always refused.
 *
 * @param WP_Error $error From rolint_check().
 * @return array
 */
function rolint_service_failure( WP_Error $error ) {
	$unavailable = 'rolint_unavailable' === $error->get_error_code();
	if ( $unavailable && rolint_setting( 'fail_open' ) ) {
		$summary = array(
			'verdict' => 'unchecked',
			'reasons' => array( __( 'Publicat fără verificare: serviciul rolint nu a răspuns (ROLINT_FAIL_OPEN).', 'rolint' ) ),
			'time'    => gmdate( 'c' ),
		);
		return rolint_allowed( null, null, $summary );
	}
	$message = $unavailable
		/* translators: %s: what went wrong (transport error or HTTP status) */
		? sprintf( __( 'Publicarea este oprită: serviciul de verificare rolint nu răspunde (service unavailable: %s). Încercați din nou în câteva minute.', 'rolint' ), $error->get_error_message() )
		/* translators: %s: the service's answer */
		: sprintf( __( 'Publicarea este oprită: serviciul rolint a refuzat cererea (%s). Verificați ROLINT_URL și ROLINT_TOKEN.', 'rolint' ), $error->get_error_message() );
	return rolint_refusal( $unavailable ? 'rolint_unavailable' : 'rolint_service_rejected', $message, $unavailable ? 503 : 502 );
}

/**
 * A refusal without a check result.
 *
 * @param string $code    Error code.
 * @param string $message Plain-text message.
 * @param int    $status  HTTP status for the REST API.
 * @return array
 */
function rolint_refusal( $code, $message, $status ) {
	return array(
		'allowed' => false,
		'error'   => new WP_Error( $code, $message, array( 'status' => $status ) ),
		'answer'  => null,
		'audit'   => null,
		'summary' => array(
			'verdict' => 'refused',
			'reasons' => array( $message ),
			'time'    => gmdate( 'c' ),
		),
	);
}
