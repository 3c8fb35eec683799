<?php
use PHPUnit\Framework\TestCase;

/** The settings sanitizer: valid input kept, invalid input reported and the old value kept. */
final class SanitizerTest extends TestCase {
	private array $saved;

	protected function setUp(): void {
		$this->saved = convex_chat_settings();
		global $wp_settings_errors;
		$wp_settings_errors = array();
	}

	private static function errors(): array {
		return array_map( fn( $e ) => $e['code'], get_settings_errors( CONVEX_CHAT_OPTION ) );
	}

	public function test_valid_settings_are_kept(): void {
		$out = convex_chat_sanitize_settings(
			array(
				'convex_url'       => ' https://happy-otter-123.convex.cloud/ ',
				'site_key'         => 'shop_1',
				'mode'             => 'none',
				'position'         => 'left',
				'theme'            => 'auto',
				'language'         => 'fr',
				'post_types'       => array( 'post', 'page' ),
				'include_patterns' => "/shop/*\n\n shop/cart ",
				'exclude_patterns' => '/checkout*',
				'inbox_capability' => 'edit_others_posts',
				'show_on_front'    => '1',
			)
		);
		$this->assertSame( 'https://happy-otter-123.convex.cloud', $out['convex_url'] );
		$this->assertSame( 'shop_1', $out['site_key'] );
		$this->assertSame( array( 'none', 'left', 'auto', 'fr' ), array( $out['mode'], $out['position'], $out['theme'], $out['language'] ) );
		$this->assertSame( array( '/shop/*', '/shop/cart' ), $out['include_patterns'] );
		$this->assertSame( array( '/checkout*' ), $out['exclude_patterns'] );
		$this->assertSame( 'edit_others_posts', $out['inbox_capability'] );
		$this->assertTrue( $out['show_on_front'] );
		$this->assertSame( array(), self::errors() );
	}

	public function test_bad_urls_and_keys_are_reported_and_the_old_values_kept(): void {
		$out = convex_chat_sanitize_settings(
			array(
				'convex_url' => 'javascript:alert(1)',
				'site_url'   => 'http://evil.example',
				'site_key'   => 'bad key!',
			)
		);
		$this->assertSame( $this->saved['convex_url'], $out['convex_url'] );
		$this->assertSame( $this->saved['site_url'], $out['site_url'] );
		$this->assertSame( $this->saved['site_key'], $out['site_key'] );
		$this->assertEqualsCanonicalizing( array( 'convex_url', 'site_url', 'site_key' ), self::errors() );
	}

	public function test_choices_outside_the_lists_fall_back_to_defaults(): void {
		$out = convex_chat_sanitize_settings(
			array(
				'mode'             => '<script>',
				'theme'            => 'neon',
				'inbox_capability' => 'read',
				'post_types'       => array( 'post', 'nav_menu_item', '"><b>' ),
			)
		);
		$this->assertSame( 'floating', $out['mode'] );
		$this->assertSame( 'light', $out['theme'] );
		$this->assertSame( 'manage_options', $out['inbox_capability'], 'read would give every subscriber the inbox' );
		$this->assertSame( array( 'post' ), $out['post_types'] );
	}

	public function test_the_identity_secret_is_replaced_only_when_typed_and_validated(): void {
		$kept = convex_chat_sanitize_settings( array( 'identity_secret' => '' ) );
		$this->assertSame( $this->saved['identity_secret'], $kept['identity_secret'] );
		$short = convex_chat_sanitize_settings( array( 'identity_secret' => 'too short' ) );
		$this->assertSame( $this->saved['identity_secret'], $short['identity_secret'] );
		$this->assertContains( 'identity_secret', self::errors() );
		$new = convex_chat_sanitize_settings( array( 'identity_secret' => str_repeat( 'ab', 20 ) ) );
		$this->assertSame( str_repeat( 'ab', 20 ), $new['identity_secret'] );
		$cleared = convex_chat_sanitize_settings( array( 'clear_identity_secret' => '1' ) );
		$this->assertSame( '', $cleared['identity_secret'] );
	}

	public function test_url_patterns_match_whole_paths(): void {
		$this->assertTrue( convex_chat_path_matches( '/shop/tea', '/shop/*' ) );
		$this->assertFalse( convex_chat_path_matches( '/blog/shop/tea', '/shop/*' ) );
		$this->assertTrue( convex_chat_path_matches( '/checkout', '/checkout*' ) );
		$this->assertFalse( convex_chat_path_matches( '/a.b', '/a?b' ) );
	}
}
