<?php
/**
 * Plugin Name:       Convex Chat
 * Plugin URI:        https://github.com/convex-chat/convex-chat
 * Description:       An AI chat for your visitors, answered live and kept in your Convex deployment. Logged-in users keep their conversations on every device; your staff answer from a Chat inbox in wp-admin.
 * Version:           0.1.0
 * Requires at least: 6.1
 * Requires PHP:      7.4
 * Author:            convex-chat
 * License:           MIT
 * Text Domain:       convex-chat
 * Domain Path:       /languages
 *
 * @package ConvexChat
 */

defined( 'ABSPATH' ) || exit;

define( 'CONVEX_CHAT_VERSION', '0.1.0' );
define( 'CONVEX_CHAT_FILE', __FILE__ );
define( 'CONVEX_CHAT_DIR', plugin_dir_path( __FILE__ ) );

require_once CONVEX_CHAT_DIR . 'includes/signer.php';
require_once CONVEX_CHAT_DIR . 'includes/settings.php';
require_once CONVEX_CHAT_DIR . 'includes/rest.php';
require_once CONVEX_CHAT_DIR . 'includes/frontend.php';
require_once CONVEX_CHAT_DIR . 'includes/inbox.php';

add_action( 'init', 'convex_chat_load_textdomain' );
/** Translations from languages/ (WordPress.org's language packs take precedence). */
function convex_chat_load_textdomain() {
	load_plugin_textdomain( 'convex-chat', false, dirname( plugin_basename( CONVEX_CHAT_FILE ) ) . '/languages' );
}
