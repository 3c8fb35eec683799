<?php
// Loads the real WordPress the suite booted (its wp-load.php in WP_LOAD), with the plugin active:
// the functions under test run with WordPress's own escaping and sanitizing, nothing stubbed.
$wp_load = getenv( 'WP_LOAD' );
if ( ! $wp_load || ! is_file( $wp_load ) ) {
	fwrite( STDERR, "Set WP_LOAD to a booted WordPress's wp-load.php (npm run test:wordpress does).\n" );
	exit( 1 );
}
$_SERVER['HTTP_HOST'] = getenv( 'WP_HOST' ) ? getenv( 'WP_HOST' ) : '127.0.0.1';
require $wp_load;
// add_settings_error() and get_settings_errors(), which the settings page has loaded.
require_once ABSPATH . 'wp-admin/includes/template.php';
if ( ! function_exists( 'convex_chat_sign_identity' ) ) {
	fwrite( STDERR, "The convex-chat plugin is not active on that WordPress.\n" );
	exit( 1 );
}
