<?php
/**
 * Deleting the plugin removes its settings (deactivating keeps them).
 *
 * @package ConvexChat
 */

defined( 'WP_UNINSTALL_PLUGIN' ) || exit;

delete_option( 'convex_chat_settings' );
