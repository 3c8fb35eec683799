<?php
/**
 * The "Chat inbox" page in wp-admin: <convex-chat-console> (assets/convex-chat-console.js, bundled)
 * signed in with an operator identity this site signs for the logged-in user, so staff answer the
 * chats without another password. For users with the capability chosen in the settings.
 *
 * @package ConvexChat
 */

defined( 'ABSPATH' ) || exit;

add_action( 'admin_menu', 'convex_chat_inbox_menu' );
/** The menu entry, for users with the chosen capability. */
function convex_chat_inbox_menu() {
	$hook = add_menu_page(
		__( 'Chat inbox', 'convex-chat' ),
		__( 'Chat inbox', 'convex-chat' ),
		convex_chat_settings()['inbox_capability'],
		'convex-chat-inbox',
		'convex_chat_render_inbox',
		'dashicons-format-chat',
		26
	);
	add_action( 'admin_print_scripts-' . $hook, 'convex_chat_enqueue_console' );
}

/** The console's own script, only on the inbox page. */
function convex_chat_enqueue_console() {
	wp_enqueue_script( 'convex-chat-console', plugins_url( 'assets/convex-chat-console.js', CONVEX_CHAT_FILE ), array(), CONVEX_CHAT_VERSION, true );
}

/** The page: the console, or what to configure first. */
function convex_chat_render_inbox() {
	if ( ! current_user_can( convex_chat_settings()['inbox_capability'] ) ) {
		return;
	}
	$settings = convex_chat_settings();
	echo '<div class="wrap"><h1>' . esc_html__( 'Chat inbox', 'convex-chat' ) . '</h1>';
	if ( ! convex_chat_is_configured() || '' === convex_chat_identity_secret() ) {
		echo '<p>' . esc_html__( 'Set the deployment URL, the site key and the identity secret in Settings → Convex Chat first.', 'convex-chat' ) . '</p></div>';
		return;
	}
	printf(
		'<convex-chat-console convex-url="%s" site-key="%s" identity-url="%s" storage="session" lang="%s" style="display:block;height:calc(100vh - 140px);min-height:480px;margin-top:12px"></convex-chat-console>',
		esc_attr( $settings['convex_url'] ),
		esc_attr( $settings['site_key'] ),
		esc_attr( convex_chat_route_url( '/operator-identity' ) ),
		esc_attr( $settings['language'] ? $settings['language'] : substr( get_user_locale(), 0, 2 ) )
	);
	echo '</div>';
}
