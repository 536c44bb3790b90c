<?php
/**
 * Router for PHP's built-in web server: real files as they are, everything else
 * (pretty permalinks, /wp-json/...) to WordPress's index.php, as Apache's rewrite would.
 */
$path = parse_url( $_SERVER['REQUEST_URI'], PHP_URL_PATH );
$file = $_SERVER['DOCUMENT_ROOT'] . $path;
if ( '/' !== $path && file_exists( $file ) && ! is_dir( $file ) ) {
	return false;
}
if ( is_dir( $file ) && file_exists( rtrim( $file, '/' ) . '/index.php' ) ) {
	return false;
}
$_SERVER['SCRIPT_NAME'] = '/index.php';
require $_SERVER['DOCUMENT_ROOT'] . '/index.php';
