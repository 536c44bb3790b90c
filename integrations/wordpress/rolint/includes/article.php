<?php
/**
 * What is sent to rolint (the title, the excerpt and the body of a post) and how its
 * findings are told to people (the offending text and the suggestion, in plain text).
 *
 * The same three fields are built in every path (REST gate, classic gate, the editor's
 * panel) so that one text always has one content hash.
 *
 * @package rolint
 */

defined( 'ABSPATH' ) || exit;

/**
 * The request body for one article.
 *
 * @param array $article { title, excerpt, content } as strings (unslashed).
 * @param array $doc     { id, type, status } for the service's logs; any may be missing.
 * @return array
 */
function rolint_request_body( array $article, array $doc = array() ) {
	$fields = array(
		array(
			'name'    => 'title',
			'format'  => 'text',
			'content' => (string) ( $article['title'] ?? '' ),
		),
	);
	if ( '' !== trim( (string) ( $article['excerpt'] ?? '' ) ) ) {
		$fields[] = array(
			'name'    => 'excerpt',
			'format'  => 'text',
			'content' => (string) $article['excerpt'],
		);
	}
	$fields[] = array(
		'name'    => 'body',
		'format'  => 'html',
		'content' => (string) ( $article['content'] ?? '' ),
	);
	$body = array( 'fields' => $fields );
	$doc  = array_filter( array_map( 'strval', $doc ), 'strlen' );
	if ( $doc ) {
		$body['document'] = $doc;
	}
	return $body;
}

/**
 * Where a field's content is, to cut out the offending text of its findings.
 *
 * @param array $body A request body from rolint_request_body().
 * @return array<string, string> Field name → content.
 */
function rolint_field_contents( array $body ) {
	$contents = array();
	foreach ( $body['fields'] as $field ) {
		$contents[ $field['name'] ] = $field['content'];
	}
	return $contents;
}

/**
 * The findings of an answer as people read them: one entry per diagnostic.
 *
 * Offsets are code points into the field's source exactly as sent (HTML offsets point
 * into the HTML), so the offending text is cut with mb_substr and stripped of markup.
 *
 * @param array $answer A /v1/check answer.
 * @param array $body   The request it answers.
 * @return array[] { field, rule, severity, message, blocking, text, suggestion, url }
 */
function rolint_findings( array $answer, array $body ) {
	$contents = rolint_field_contents( $body );
	$out      = array();
	foreach ( (array) ( $answer['fields'] ?? array() ) as $field ) {
		$source = $contents[ $field['name'] ] ?? '';
		foreach ( (array) ( $field['diagnostics'] ?? array() ) as $d ) {
			$offset = max( 0, (int) ( $d['offset'] ?? 0 ) );
			$length = max( 0, (int) ( $d['length'] ?? 0 ) );
			$around = rolint_context( $source, $offset, $length );
			$out[]  = array(
				'field'       => $field['name'],
				'rule'        => (string) ( $d['rule'] ?? '' ),
				'severity'    => (string) ( $d['severity'] ?? '' ),
				'message'     => (string) ( $d['message'] ?? '' ),
				'blocking'    => ! empty( $d['blocking'] ),
				'text'        => rolint_plain( mb_substr( $source, $offset, $length, 'UTF-8' ), 120 ),
				'before'      => $around[0],
				'after'       => $around[1],
				'suggestion'  => rolint_suggestion( $d ),
				'url'         => (string) ( $d['url'] ?? '' ),
				'fingerprint' => (string) ( $d['fingerprint'] ?? '' ),
			);
		}
	}
	return $out;
}

/**
 * A few words of plain text on each side of a finding, so that a one-letter finding
 * ("ş") can be found in the article ("din oraş primesc").
 *
 * @param string $source The field's content.
 * @param int    $offset Start of the finding, in code points.
 * @param int    $length Its length, in code points.
 * @return string[] { before, after }
 */
function rolint_context( $source, $offset, $length ) {
	$span   = 80;
	$before = mb_substr( $source, max( 0, $offset - $span ), min( $offset, $span ), 'UTF-8' );
	$after  = mb_substr( $source, $offset + $length, $span, 'UTF-8' );
	$before = preg_replace( '/^[^<]*>/u', '', $before ); // a tag cut in half at the start
	$after  = preg_replace( '/<[^>]*$/u', '', $after );  // and at the end
	// A tag between the context and the finding ends a block: keep only the finding's side.
	$before = preg_replace( '/^.*<\/?(p|h[1-6]|li|ul|ol|div|blockquote|figcaption)\b[^>]*>/isu', '', $before );
	$after  = preg_replace( '/<\/?(p|h[1-6]|li|ul|ol|div|blockquote|figcaption)\b.*$/isu', '', $after );
	$words_before = preg_split( '/\s+/u', rolint_plain( $before, $span ), -1, PREG_SPLIT_NO_EMPTY );
	$words_after  = preg_split( '/\s+/u', rolint_plain( $after, $span ), -1, PREG_SPLIT_NO_EMPTY );
	$glue_before  = preg_match( '/\s$/u', $before ) ? ' ' : '';
	$glue_after   = preg_match( '/^\s/u', $after ) ? ' ' : '';
	return array(
		$words_before ? implode( ' ', array_slice( $words_before, -4 ) ) . $glue_before : '',
		$words_after ? $glue_after . implode( ' ', array_slice( $words_after, 0, 4 ) ) : '',
	);
}

/**
 * A diagnostic's suggestion in words: the first replacement, "(ștergere)" for a fix
 * that removes the text, or '' when rolint has none.
 *
 * @param array $d A diagnostic.
 * @return string
 */
function rolint_suggestion( array $d ) {
	if ( ! empty( $d['replacements'] ) ) {
		return rolint_plain( (string) $d['replacements'][0], 120 );
	}
	$edits = $d['fix']['edits'] ?? array();
	if ( 1 === count( $edits ) && '' === $edits[0]['text'] ) {
		return __( '(ștergere)', 'rolint' );
	}
	return '';
}

/**
 * Text without markup and with runs of white space collapsed, cut to a length.
 *
 * @param string $text  Text, perhaps with HTML.
 * @param int    $limit Code points to keep.
 * @return string
 */
function rolint_plain( $text, $limit ) {
	$text = trim( preg_replace( '/\s+/u', ' ', wp_strip_all_tags( html_entity_decode( $text, ENT_QUOTES, 'UTF-8' ) ) ) );
	return mb_strlen( $text, 'UTF-8' ) > $limit ? mb_substr( $text, 0, $limit - 1, 'UTF-8' ) . '…' : $text;
}

/**
 * The fingerprints of the findings that block publishing.
 *
 * @param array $answer A /v1/check answer.
 * @return string[]
 */
function rolint_blocking_fingerprints( array $answer ) {
	$prints = array();
	foreach ( (array) ( $answer['fields'] ?? array() ) as $field ) {
		foreach ( (array) ( $field['diagnostics'] ?? array() ) as $d ) {
			if ( ! empty( $d['blocking'] ) && isset( $d['fingerprint'] ) ) {
				$prints[] = (string) $d['fingerprint'];
			}
		}
	}
	return array_values( array_unique( $prints ) );
}

/**
 * The reasons of an answer as one plain-text line (the block editor drops notices that
 * contain HTML, so no markup here).
 *
 * @param array $answer A /v1/check answer.
 * @return string
 */
function rolint_reasons_text( array $answer ) {
	$reasons = array_map( 'strval', (array) ( $answer['reasons'] ?? array() ) );
	return implode( ' | ', $reasons );
}
