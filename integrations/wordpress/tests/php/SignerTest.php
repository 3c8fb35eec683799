<?php
use PHPUnit\Framework\TestCase;

/** The PHP signer against the vectors the deployment's verifier also checks (convex/tests/signatureVectors.test.ts). */
final class SignerTest extends TestCase {
	private static function vectors(): array {
		return json_decode( file_get_contents( __DIR__ . '/../signature-vectors.json' ), true );
	}

	public function test_visitor_identity_matches_the_shared_vector(): void {
		$v        = self::vectors();
		$identity = convex_chat_sign_identity( $v['secret'], $v['siteKey'], $v['visitor']['customerId'], $v['visitor']['expiresAt'] );
		$this->assertSame( $v['visitor'], $identity );
	}

	public function test_operator_identity_matches_the_shared_vector(): void {
		$v        = self::vectors();
		$o        = $v['operator'];
		$operator = convex_chat_sign_operator( $v['secret'], $v['siteKey'], $o['operatorId'], $o['email'], $o['expiresAt'] );
		$this->assertSame( array_merge( array( 'siteKey' => $v['siteKey'] ), $o ), $operator );
	}

	public function test_another_site_customer_or_expiry_changes_the_signature(): void {
		$v    = self::vectors();
		$base = $v['visitor']['signature'];
		$this->assertNotSame( $base, convex_chat_sign_identity( $v['secret'], 'mall', '42', $v['visitor']['expiresAt'] )['signature'] );
		$this->assertNotSame( $base, convex_chat_sign_identity( $v['secret'], $v['siteKey'], '43', $v['visitor']['expiresAt'] )['signature'] );
		$this->assertNotSame( $base, convex_chat_sign_identity( $v['secret'], $v['siteKey'], '42', $v['visitor']['expiresAt'] + 1 )['signature'] );
	}

	public function test_expiry_is_minutes_ahead_in_milliseconds(): void {
		$expiry = convex_chat_expiry();
		$this->assertGreaterThan( ( time() + 60 ) * 1000, $expiry );
		$this->assertLessThanOrEqual( ( time() + 15 * 60 ) * 1000, $expiry );
	}

	public function test_the_wp_config_constant_is_the_secret(): void {
		$this->assertTrue( defined( 'CONVEX_CHAT_IDENTITY_SECRET' ) );
		$this->assertSame( CONVEX_CHAT_IDENTITY_SECRET, convex_chat_identity_secret() );
	}
}
