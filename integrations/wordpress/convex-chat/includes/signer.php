<?php
/**
 * Signed identities, the same formats the Convex deployment verifies (convex/lib/hostIdentity.ts
 * and convex/lib/operatorIdentity.ts): lowercase hex HMAC-SHA256 with the site's identity secret.
 *
 * @package ConvexChat
 */

defined( 'ABSPATH' ) || exit;

/** How long a signature handed to the browser stays valid (the widget fetches a fresh one before). */
const CONVEX_CHAT_IDENTITY_LIFETIME = 10 * MINUTE_IN_SECONDS;

/**
 * The identity secret: the CONVEX_CHAT_IDENTITY_SECRET constant (wp-config.php, preferred: it stays
 * out of the database and its backups), else the one saved in the settings. Empty: none.
 */
function convex_chat_identity_secret() {
	if ( defined( 'CONVEX_CHAT_IDENTITY_SECRET' ) && is_string( CONVEX_CHAT_IDENTITY_SECRET ) && '' !== CONVEX_CHAT_IDENTITY_SECRET ) {
		return CONVEX_CHAT_IDENTITY_SECRET;
	}
	$settings = convex_chat_settings();
	return $settings['identity_secret'];
}

/**
 * A visitor's signed identity: message `${siteKey}:${customerId}:${expiresAt}`.
 *
 * @param string $secret      The site's identity secret.
 * @param string $site_key    The site key.
 * @param string $customer_id The customer (here: the WordPress user id, as a string).
 * @param int    $expires_at  Milliseconds since the epoch.
 * @return array{customerId: string, expiresAt: int, signature: string}
 */
function convex_chat_sign_identity( $secret, $site_key, $customer_id, $expires_at ) {
	$message = $site_key . ':' . $customer_id . ':' . $expires_at;
	return array(
		'customerId' => (string) $customer_id,
		'expiresAt'  => (int) $expires_at,
		'signature'  => hash_hmac( 'sha256', $message, $secret ),
	);
}

/**
 * A staff member's signed operator identity: message
 * `operator/v1:${siteKey}:${operatorId}:${email}:${expiresAt}` (never confusable with a visitor's:
 * a site key cannot contain "/").
 *
 * @param string $secret      The site's identity secret.
 * @param string $site_key    The site key.
 * @param string $operator_id The WordPress user id, as a string.
 * @param string $email       The user's email.
 * @param int    $expires_at  Milliseconds since the epoch.
 * @return array{siteKey: string, operatorId: string, email: string, expiresAt: int, signature: string}
 */
function convex_chat_sign_operator( $secret, $site_key, $operator_id, $email, $expires_at ) {
	$message = 'operator/v1:' . $site_key . ':' . $operator_id . ':' . $email . ':' . $expires_at;
	return array(
		'siteKey'    => $site_key,
		'operatorId' => (string) $operator_id,
		'email'      => $email,
		'expiresAt'  => (int) $expires_at,
		'signature'  => hash_hmac( 'sha256', $message, $secret ),
	);
}

/** Now plus the lifetime, in milliseconds since the epoch. */
function convex_chat_expiry() {
	return ( time() + CONVEX_CHAT_IDENTITY_LIFETIME ) * 1000;
}
