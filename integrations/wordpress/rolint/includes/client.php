<?php
/**
 * The HTTP call to `rolint serve`: POST {url}/v1/check with the article's fields.
 *
 * Answers are kept for the rest of the PHP request, keyed by the request body: one save
 * passes through several hooks (rest_pre_insert_*, wp_insert_post_data) and must not
 * call the service twice for the same text.
 *
 * @package rolint
 */

defined( 'ABSPATH' ) || exit;

/**
 * Asks the service for a verdict.
 *
 * @param array $body The request body (see DESIGN: fields, document, override).
 * @return array|WP_Error The decoded answer, or a WP_Error with code
 *                        'rolint_unavailable' (no usable answer) or 'rolint_rejected'
 *                        (the service refused the request itself, e.g. 401, 413, 422).
 */
function rolint_check( array $body ) {
	static $answers = array();
	$key = md5( wp_json_encode( $body ) );
	if ( ! isset( $answers[ $key ] ) ) {
		$answers[ $key ] = rolint_request_check( $body );
	}
	return $answers[ $key ];
}

/**
 * One uncached POST /v1/check.
 *
 * @param array $body The request body.
 * @return array|WP_Error
 */
function rolint_request_check( array $body ) {
	$url = rolint_setting( 'url' );
	if ( '' === $url ) {
		return new WP_Error( 'rolint_unavailable', __( 'adresa serviciului rolint nu este configurată (ROLINT_URL)', 'rolint' ) );
	}
	$headers = array(
		'Content-Type' => 'application/json; charset=utf-8',
		'Accept'       => 'application/json',
	);
	$token = rolint_setting( 'token' );
	if ( '' !== $token ) {
		$headers['Authorization'] = 'Bearer ' . $token;
	}
	$response = wp_remote_post(
		$url . '/v1/check',
		array(
			'timeout'     => rolint_setting( 'timeout' ),
			'redirection' => 0,
			'headers'     => $headers,
			'body'        => wp_json_encode( $body ),
		)
	);
	if ( is_wp_error( $response ) ) {
		return new WP_Error( 'rolint_unavailable', $response->get_error_message() );
	}
	return rolint_read_answer( $response );
}

/**
 * Turns the HTTP response into an answer or an error that says what went wrong.
 *
 * @param array $response A wp_remote_post() response.
 * @return array|WP_Error
 */
function rolint_read_answer( $response ) {
	$status  = (int) wp_remote_retrieve_response_code( $response );
	$decoded = json_decode( wp_remote_retrieve_body( $response ), true );
	if ( 200 === $status ) {
		if ( is_array( $decoded ) && isset( $decoded['verdict'] ) && in_array( $decoded['verdict'], array( 'publish', 'warn', 'block' ), true ) ) {
			return $decoded;
		}
		return new WP_Error( 'rolint_unavailable', __( 'răspuns de neînțeles de la serviciu', 'rolint' ) );
	}
	// problem+json (RFC 9457): title and detail say what the service did not accept.
	$detail = '';
	if ( is_array( $decoded ) ) {
		$detail = trim( ( $decoded['title'] ?? '' ) . ': ' . ( $decoded['detail'] ?? '' ), ': ' );
	}
	/* translators: 1: HTTP status code, 2: the service's explanation */
	$message = sprintf( __( 'HTTP %1$d %2$s', 'rolint' ), $status, $detail );
	if ( $status >= 500 || 429 === $status || 0 === $status ) {
		return new WP_Error( 'rolint_unavailable', trim( $message ) );
	}
	return new WP_Error( 'rolint_rejected', trim( $message ) );
}
