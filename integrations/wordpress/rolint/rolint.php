<?php
/**
 * Plugin Name:       rolint
 * Description:       Oprește publicarea articolelor pe care serviciul rolint le blochează (diacritice cu sedilă, titluri dublate, citate fără sursă…) și arată motivele înainte de publicare.
 * Version:           0.1.0
 * Requires at least: 6.1
 * Requires PHP:      7.4
 * License:           MIT
 * Text Domain:       rolint
 *
 * One file per concern under includes/:
 *   settings.php       wp-config constants and the stored option, in one place
 *   settings-page.php  Settings → rolint
 *   client.php         the HTTP call to `rolint serve` (POST /v1/check)
 *   article.php        what is sent (title, excerpt, body) and how findings are shown
 *   override.php       the rolint_override capability, the override meta, the audit record
 *   decision.php       verdict + override + service errors → publish or refuse
 *   gate-rest.php      REST API (the block editor saves through it)
 *   gate-classic.php   classic editor, Quick Edit, code calling wp_insert_post() (wp_insert_post_data)
 *   gate-xmlrpc.php    XML-RPC publishing methods: a fault with the reasons (xmlrpc_methods)
 *   gate-schedule.php  scheduled posts, checked again when cron publishes them
 *   editor.php         the block editor's pre-publish panel and its REST route
 *
 * @package rolint
 */

defined( 'ABSPATH' ) || exit;

define( 'ROLINT_PLUGIN_VERSION', '0.1.0' );
define( 'ROLINT_PLUGIN_FILE', __FILE__ );
define( 'ROLINT_PLUGIN_DIR', __DIR__ );

require_once __DIR__ . '/includes/settings.php';
require_once __DIR__ . '/includes/client.php';
require_once __DIR__ . '/includes/article.php';
require_once __DIR__ . '/includes/override.php';
require_once __DIR__ . '/includes/decision.php';
require_once __DIR__ . '/includes/gate-rest.php';
require_once __DIR__ . '/includes/gate-classic.php';
require_once __DIR__ . '/includes/gate-xmlrpc.php';
require_once __DIR__ . '/includes/gate-schedule.php';
require_once __DIR__ . '/includes/editor.php';

if ( is_admin() ) {
	require_once __DIR__ . '/includes/settings-page.php';
}

register_activation_hook( __FILE__, 'rolint_grant_override_capability' );
register_deactivation_hook( __FILE__, 'rolint_revoke_override_capability' );
