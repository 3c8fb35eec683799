<?php
/**
 * REST routes that hand signed identities to the browser. Never printed into a page: a full-page
 * cache would serve one user's signature to others. Logged-in users only (the REST nonce in the
 * URL makes WordPress honour the login cookie), and never stored by a cache.
 *
 * @package ConvexChat
 */

defined( 'ABSPATH' ) || exit;

const CONVEX_CHAT_REST_NAMESPACE = 'convex-chat/v1';

add_action( 'rest_api_init', 'convex_chat_register_routes' );
/** GET identity (visitors) and operator-identity (the Chat inbox). */
function convex_chat_register_routes() {
	register_rest_route(
		CONVEX_CHAT_REST_NAMESPACE,
		'/identity',
		array(
			'methods'             => 'GET',
			'callback'            => 'convex_chat_rest_identity',
			'permission_callback' => 'is_user_logged_in',
		)
	);
	register_rest_route(
		CONVEX_CHAT_REST_NAMESPACE,
		'/operator-identity',
		array(
			'methods'             => 'GET',
			'callback'            => 'convex_chat_rest_operator_identity',
			'permission_callback' => function () {
				return current_user_can( convex_chat_settings()['inbox_capability'] );
			},
		)
	);
}

/** Logged-in REST answers get WordPress's no-cache headers, sent last: make them no-store too. */
function convex_chat_nocache_headers( $headers ) {
	$headers['Cache-Control'] = 'no-store, private, max-age=0';
	return $headers;
}

/** A JSON answer no cache may keep. */
function convex_chat_no_store( $data, $status = 200 ) {
	add_filter( 'nocache_headers', 'convex_chat_nocache_headers' );
	$response = new WP_REST_Response( $data, $status );
	$response->header( 'Cache-Control', 'no-store, private, max-age=0' );
	$response->header( 'Pragma', 'no-cache' );
	$response->header( 'Vary', 'Cookie' );
	return $response;
}

/** The site key and secret, or a 503 saying what is missing. */
function convex_chat_signing_config() {
	$settings = convex_chat_settings();
	$secret   = convex_chat_identity_secret();
	if ( '' === $settings['site_key'] || '' === $secret ) {
		return new WP_Error( 'convex_chat_not_configured', __( 'Convex Chat has no site key or identity secret.', 'convex-chat' ), array( 'status' => 503 ) );
	}
	return array( $settings['site_key'], $secret );
}

/** `{ customerId, expiresAt, signature }` for the logged-in user (customer id = user id). */
function convex_chat_rest_identity() {
	$config = convex_chat_signing_config();
	if ( is_wp_error( $config ) ) {
		return $config;
	}
	$identity = convex_chat_sign_identity( $config[1], $config[0], (string) get_current_user_id(), convex_chat_expiry() );
	return convex_chat_no_store( $identity );
}

/** `{ siteKey, operatorId, email, expiresAt, signature }` for the logged-in staff member. */
function convex_chat_rest_operator_identity() {
	$config = convex_chat_signing_config();
	if ( is_wp_error( $config ) ) {
		return $config;
	}
	$user     = wp_get_current_user();
	$operator = convex_chat_sign_operator( $config[1], $config[0], (string) $user->ID, strtolower( $user->user_email ), convex_chat_expiry() );
	return convex_chat_no_store( $operator );
}

add_filter( 'rest_post_dispatch', 'convex_chat_no_store_errors', 10, 3 );
/** Refusals of these routes (401, 403) must not be cached either: the next answer may differ. */
function convex_chat_no_store_errors( $response, $server, $request ) {
	if ( 0 === strpos( $request->get_route(), '/' . CONVEX_CHAT_REST_NAMESPACE . '/' ) && $response instanceof WP_HTTP_Response ) {
		$response->header( 'Cache-Control', 'no-store, private, max-age=0' );
	}
	return $response;
}

/**
 * The URL the browser fetches a route from, with the REST nonce that makes WordPress honour the
 * login cookie (without it, a cookie-authenticated REST request counts as logged out).
 */
function convex_chat_route_url( $route ) {
	return add_query_arg( '_wpnonce', wp_create_nonce( 'wp_rest' ), rest_url( CONVEX_CHAT_REST_NAMESPACE . $route ) );
}
