<?php
/**
 * Uninstall: removes the settings and the capability. The audit records on posts
 * (_rolint_override) are kept: they are the newsroom's record of who published what.
 *
 * @package rolint
 */

defined( 'WP_UNINSTALL_PLUGIN' ) || exit;

delete_option( 'rolint_settings' );
foreach ( wp_roles()->role_objects as $role ) {
	$role->remove_cap( 'rolint_override' );
}
