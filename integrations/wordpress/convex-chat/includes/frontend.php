<?php
/**
 * The visitor side: the bundled script (assets/convex-chat.js, the project's script-tag loader,
 * which loads assets/convex-chat-widget.js from beside it when the visitor wants to chat;
 * nothing loaded from elsewhere), the floating chat on the pages the settings name, and the inline
 * chat of the [convex_chat] shortcode and the "Convex Chat" block.
 *
 * @package ConvexChat
 */

defined( 'ABSPATH' ) || exit;

/** Whether the deployment URL and site key are set. */
function convex_chat_is_configured() {
	$settings = convex_chat_settings();
	return '' !== $settings['convex_url'] && '' !== $settings['site_key'];
}

/**
 * Whether a path matches a pattern ("*" matches anything, the rest literally; the whole path).
 *
 * @param string $path    The request's path (and query).
 * @param string $pattern e.g. /shop/*.
 */
function convex_chat_path_matches( $path, $pattern ) {
	$regex = '~^' . str_replace( '\*', '.*', preg_quote( $pattern, '~' ) ) . '$~i';
	return 1 === preg_match( $regex, $path );
}

/** The floating chat shows here: excluded URLs never, included ones always, else front page / post types. */
function convex_chat_shows_floating() {
	$settings = convex_chat_settings();
	if ( 'floating' !== $settings['mode'] || ! convex_chat_is_configured() ) {
		return false;
	}
	$uri  = isset( $_SERVER['REQUEST_URI'] ) ? esc_url_raw( wp_unslash( $_SERVER['REQUEST_URI'] ) ) : '/';
	$path = (string) wp_parse_url( $uri, PHP_URL_PATH );
	$full = $path . ( wp_parse_url( $uri, PHP_URL_QUERY ) ? '?' . wp_parse_url( $uri, PHP_URL_QUERY ) : '' );
	foreach ( $settings['exclude_patterns'] as $pattern ) {
		if ( convex_chat_path_matches( $path, $pattern ) || convex_chat_path_matches( $full, $pattern ) ) {
			return false;
		}
	}
	foreach ( $settings['include_patterns'] as $pattern ) {
		if ( convex_chat_path_matches( $path, $pattern ) || convex_chat_path_matches( $full, $pattern ) ) {
			return true;
		}
	}
	if ( is_front_page() || is_home() ) {
		return (bool) $settings['show_on_front'];
	}
	if ( is_singular() ) {
		return in_array( get_post_type(), $settings['post_types'], true );
	}
	return false;
}

/** The attributes both the script tag (as data-*) and the inline element take. */
function convex_chat_element_attributes() {
	$settings   = convex_chat_settings();
	$attributes = array(
		'convex-url' => $settings['convex_url'],
		'site-url'   => $settings['site_url'],
		'site-key'   => $settings['site_key'],
		'theme'      => $settings['theme'],
		'lang'       => $settings['language'],
	);
	// Logged-in users sign in as themselves; the signature comes from the REST route, never the page.
	if ( is_user_logged_in() && '' !== convex_chat_identity_secret() ) {
		$attributes['identity-url'] = convex_chat_route_url( '/identity' );
	}
	return array_filter( $attributes, 'strlen' );
}

/** Whether the script tag adds the floating chat (else it only defines the element). */
$GLOBALS['convex_chat_floating'] = false;

add_action( 'wp_enqueue_scripts', 'convex_chat_enqueue_floating' );
/** Registers the bundled script; enqueues it with the floating chat where it shows. */
function convex_chat_enqueue_floating() {
	wp_register_script(
		'convex-chat',
		plugins_url( 'assets/convex-chat.js', CONVEX_CHAT_FILE ),
		array(),
		CONVEX_CHAT_VERSION,
		array(
			'strategy'  => 'defer',
			'in_footer' => true,
		)
	);
	if ( convex_chat_shows_floating() ) {
		$GLOBALS['convex_chat_floating'] = true;
		wp_enqueue_script( 'convex-chat' );
	}
}

add_filter( 'script_loader_tag', 'convex_chat_script_tag', 10, 2 );
/**
 * The script tag's configuration, as data attributes (widget/src/embed.ts), each escaped; `defer`
 * also on WordPress before 6.3, which ignores the strategy.
 *
 * @param string $tag    The tag WordPress built.
 * @param string $handle The script's handle.
 */
function convex_chat_script_tag( $tag, $handle ) {
	if ( 'convex-chat' !== $handle ) {
		return $tag;
	}
	$data = '';
	if ( $GLOBALS['convex_chat_floating'] ) {
		$settings = convex_chat_settings();
		foreach ( convex_chat_element_attributes() as $name => $value ) {
			$data .= sprintf( ' data-%s="%s"', esc_attr( $name ), esc_attr( $value ) );
		}
		$data .= sprintf( ' data-position="%s"', esc_attr( $settings['position'] ) );
	} else {
		$data .= ' data-floating="false"';
	}
	if ( false === strpos( $tag, ' defer' ) ) {
		$data .= ' defer';
	}
	return preg_replace( '/<script /', '<script' . $data . ' ', $tag, 1 );
}

/**
 * The inline chat, for the shortcode and the block: every attribute escaped.
 *
 * @param array $atts `height` (CSS length, default 600px), `theme` (light/dark/auto).
 */
function convex_chat_render_inline( $atts ) {
	if ( ! convex_chat_is_configured() ) {
		return current_user_can( 'manage_options' )
			? '<p>' . esc_html__( 'Convex Chat: set the deployment URL and site key in Settings → Convex Chat.', 'convex-chat' ) . '</p>'
			: '';
	}
	$atts   = shortcode_atts( array( 'height' => '600px', 'theme' => '' ), $atts, 'convex_chat' );
	$height = preg_match( '/^\d{2,4}(px|vh|em|rem)$/', (string) $atts['height'] ) ? $atts['height'] : '600px';
	$attrs  = convex_chat_element_attributes();
	if ( in_array( $atts['theme'], array( 'light', 'dark', 'auto' ), true ) ) {
		$attrs['theme'] = $atts['theme'];
	}
	wp_enqueue_script( 'convex-chat' );
	$html = '<convex-chat mode="inline"';
	foreach ( $attrs as $name => $value ) {
		$html .= sprintf( ' %s="%s"', esc_attr( $name ), esc_attr( $value ) );
	}
	return $html . sprintf( ' style="%s"></convex-chat>', esc_attr( 'display:block;height:' . $height ) );
}

add_shortcode( 'convex_chat', 'convex_chat_render_inline' );

add_action( 'init', 'convex_chat_register_block' );
/** The "Convex Chat" block: rendered on the server like the shortcode (its save() is null). */
function convex_chat_register_block() {
	wp_register_script(
		'convex-chat-block-editor',
		plugins_url( 'blocks/inline-chat/editor.js', CONVEX_CHAT_FILE ),
		array( 'wp-blocks', 'wp-element', 'wp-i18n', 'wp-block-editor' ),
		CONVEX_CHAT_VERSION,
		true
	);
	wp_set_script_translations( 'convex-chat-block-editor', 'convex-chat', CONVEX_CHAT_DIR . 'languages' );
	register_block_type(
		CONVEX_CHAT_DIR . 'blocks/inline-chat',
		array(
			'editor_script'   => 'convex-chat-block-editor',
			'render_callback' => function ( $attributes ) {
				return convex_chat_render_inline(
					array(
						'height' => isset( $attributes['height'] ) ? $attributes['height'] : '600px',
						'theme'  => isset( $attributes['theme'] ) ? $attributes['theme'] : '',
					)
				);
			},
		)
	);
}
