<?php
/**
 * Prepares the freshly installed WordPress for the test, in place of wp-cli (which no
 * registry here carries): pretty permalinks, the rolint plugin activated (so its
 * activation hook grants rolint_override), an Editor and an Author, and one application
 * password per user for the REST and XML-RPC calls. Prints the credentials as JSON.
 *
 * php wp-setup.php WORDPRESS_DIR
 */
if ( 'cli' !== PHP_SAPI ) {
	exit( 1 );
}
$_SERVER['HTTP_HOST'] = 'localhost';
define( 'WP_ADMIN', true );
require $argv[1] . '/wp-load.php';
require_once ABSPATH . 'wp-admin/includes/plugin.php';
require_once ABSPATH . 'wp-admin/includes/user.php';

update_option( 'permalink_structure', '/%postname%/' );
$result = activate_plugin( 'rolint/rolint.php' );
if ( is_wp_error( $result ) ) {
	fwrite( STDERR, 'activate_plugin: ' . $result->get_error_message() . "\n" );
	exit( 1 );
}

$users = array();
foreach ( array( 'admin' => 'administrator', 'redactor' => 'editor', 'reporter' => 'author' ) as $login => $role ) {
	$user = get_user_by( 'login', $login );
	if ( ! $user ) {
		$id = wp_insert_user(
			array(
				'user_login' => $login,
				'user_pass'  => $login . '-parola-e2e',
				'user_email' => $login . '@example.invalid',
				'role'       => $role,
			)
		);
		$user = get_user_by( 'id', $id );
	}
	list( $password ) = WP_Application_Passwords::create_new_application_password( $user->ID, array( 'name' => 'e2e' ) );
	$users[ $login ] = array(
		'id'           => $user->ID,
		'role'         => $role,
		'password'     => $login . '-parola-e2e',
		'app_password' => $password,
		'can_override' => user_can( $user, 'rolint_override' ),
	);
}
echo wp_json_encode( $users ) . "\n";
