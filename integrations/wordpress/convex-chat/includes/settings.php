<?php
/**
 * The settings page (Settings → Convex Chat): one option array, validated by one sanitize
 * callback, for users who can manage_options.
 *
 * @package ConvexChat
 */

defined( 'ABSPATH' ) || exit;

const CONVEX_CHAT_OPTION = 'convex_chat_settings';

/** Capabilities the owner may give the Chat inbox to, most restricted first. */
function convex_chat_inbox_capabilities() {
	return array(
		'manage_options'    => __( 'Administrators (manage_options)', 'convex-chat' ),
		'edit_others_posts' => __( 'Editors and above (edit_others_posts)', 'convex-chat' ),
		'moderate_comments' => __( 'Comment moderators (moderate_comments)', 'convex-chat' ),
		'edit_posts'        => __( 'Contributors and above (edit_posts)', 'convex-chat' ),
	);
}

/** Every setting and its default. */
function convex_chat_default_settings() {
	return array(
		'convex_url'       => '',
		'site_url'         => '',
		'site_key'         => '',
		'identity_secret'  => '',
		'mode'             => 'floating',
		'position'         => 'right',
		'theme'            => 'light',
		'language'         => '',
		'show_on_front'    => true,
		'post_types'       => array( 'post', 'page' ),
		'include_patterns' => array(),
		'exclude_patterns' => array(),
		'inbox_capability' => 'manage_options',
	);
}

/** The saved settings, every key present. */
function convex_chat_settings() {
	$saved = get_option( CONVEX_CHAT_OPTION, array() );
	return array_merge( convex_chat_default_settings(), is_array( $saved ) ? $saved : array() );
}

/** One URL pattern per line: paths starting with "/", "*" matching anything. */
function convex_chat_sanitize_patterns( $value ) {
	$lines    = preg_split( '/\r\n|\r|\n/', is_string( $value ) ? $value : '' );
	$patterns = array();
	foreach ( $lines as $line ) {
		$line = trim( sanitize_text_field( $line ) );
		if ( '' === $line ) {
			continue;
		}
		if ( '/' !== $line[0] && '*' !== $line[0] ) {
			$line = '/' . $line;
		}
		$patterns[] = substr( $line, 0, 200 );
	}
	return array_slice( array_values( array_unique( $patterns ) ), 0, 50 );
}

/** An https URL (http only on loopback, for a local backend) without a trailing slash, or null. */
function convex_chat_sanitize_url( $value ) {
	$url = esc_url_raw( trim( (string) $value ), array( 'https', 'http' ) );
	if ( preg_match( '~^https://[^/\s?#]+(/[^\s?#]*)?$~', $url ) || preg_match( '~^http://(127\.0\.0\.1|localhost)(:\d+)?/?$~', $url ) ) {
		return untrailingslashit( $url );
	}
	return null;
}

/**
 * The sanitize callback: keeps what is valid, reports what is not (and keeps the previous value
 * of that field). The identity secret is only replaced when a new one is typed.
 *
 * @param mixed $input The submitted form fields.
 * @return array The settings to save.
 */
function convex_chat_sanitize_settings( $input ) {
	$old   = convex_chat_settings();
	$input = is_array( $input ) ? wp_unslash( $input ) : array();
	$out   = $old;
	$error = function ( $code, $message ) {
		if ( function_exists( 'add_settings_error' ) ) {
			add_settings_error( CONVEX_CHAT_OPTION, $code, $message );
		}
	};

	foreach ( array( 'convex_url', 'site_url' ) as $field ) {
		$value = isset( $input[ $field ] ) ? trim( (string) $input[ $field ] ) : '';
		if ( '' === $value ) {
			$out[ $field ] = '';
			continue;
		}
		$url = convex_chat_sanitize_url( $value );
		if ( null === $url ) {
			$error( $field, __( 'The deployment URL must be an https:// address.', 'convex-chat' ) );
		} else {
			$out[ $field ] = $url;
		}
	}

	$site_key = isset( $input['site_key'] ) ? trim( (string) $input['site_key'] ) : '';
	if ( '' === $site_key || preg_match( '/^[A-Za-z0-9_-]{1,64}$/', $site_key ) ) {
		$out['site_key'] = $site_key;
	} else {
		$error( 'site_key', __( 'The site key has 1 to 64 letters, digits, "-" or "_".', 'convex-chat' ) );
	}

	if ( ! empty( $input['clear_identity_secret'] ) ) {
		$out['identity_secret'] = '';
	} elseif ( isset( $input['identity_secret'] ) && '' !== trim( (string) $input['identity_secret'] ) ) {
		$secret = trim( (string) $input['identity_secret'] );
		if ( strlen( $secret ) < 32 || strlen( $secret ) > 256 || preg_match( '/\s/', $secret ) ) {
			$error( 'identity_secret', __( 'The identity secret is 32 to 256 characters without spaces (copy it from the console).', 'convex-chat' ) );
		} else {
			$out['identity_secret'] = $secret;
		}
	}

	$choices = array(
		'mode'     => array( 'floating', 'none' ),
		'position' => array( 'right', 'left' ),
		'theme'    => array( 'light', 'dark', 'auto' ),
		'language' => array( '', 'en', 'fr' ),
	);
	foreach ( $choices as $field => $allowed ) {
		$value = isset( $input[ $field ] ) ? (string) $input[ $field ] : $old[ $field ];
		$out[ $field ] = in_array( $value, $allowed, true ) ? $value : convex_chat_default_settings()[ $field ];
	}

	$capability              = isset( $input['inbox_capability'] ) ? (string) $input['inbox_capability'] : $old['inbox_capability'];
	$out['inbox_capability'] = array_key_exists( $capability, convex_chat_inbox_capabilities() ) ? $capability : 'manage_options';

	$out['show_on_front'] = ! empty( $input['show_on_front'] );
	$post_types           = isset( $input['post_types'] ) && is_array( $input['post_types'] ) ? array_map( 'sanitize_key', $input['post_types'] ) : array();
	$public               = function_exists( 'get_post_types' ) ? get_post_types( array( 'public' => true ) ) : $post_types;
	$out['post_types']    = array_values( array_intersect( $post_types, array_values( $public ) ) );

	$out['include_patterns'] = convex_chat_sanitize_patterns( isset( $input['include_patterns'] ) ? $input['include_patterns'] : '' );
	$out['exclude_patterns'] = convex_chat_sanitize_patterns( isset( $input['exclude_patterns'] ) ? $input['exclude_patterns'] : '' );
	return $out;
}

add_action( 'admin_init', 'convex_chat_register_settings' );
/** The option, its sanitizer and the page's fields. */
function convex_chat_register_settings() {
	register_setting(
		'convex_chat',
		CONVEX_CHAT_OPTION,
		array(
			'type'              => 'array',
			'sanitize_callback' => 'convex_chat_sanitize_settings',
			'default'           => convex_chat_default_settings(),
		)
	);
	add_settings_section( 'convex_chat_deployment', __( 'Deployment', 'convex-chat' ), '__return_false', 'convex-chat' );
	add_settings_section( 'convex_chat_display', __( 'Display', 'convex-chat' ), '__return_false', 'convex-chat' );
	add_settings_section( 'convex_chat_where', __( 'Where the chat shows', 'convex-chat' ), '__return_false', 'convex-chat' );
	$fields = array(
		'convex_url'       => array( __( 'Deployment URL', 'convex-chat' ), 'convex_chat_deployment' ),
		'site_url'         => array( __( 'HTTP actions URL (optional)', 'convex-chat' ), 'convex_chat_deployment' ),
		'site_key'         => array( __( 'Site key', 'convex-chat' ), 'convex_chat_deployment' ),
		'identity_secret'  => array( __( 'Identity secret', 'convex-chat' ), 'convex_chat_deployment' ),
		'inbox_capability' => array( __( 'Chat inbox for', 'convex-chat' ), 'convex_chat_deployment' ),
		'mode'             => array( __( 'Mode', 'convex-chat' ), 'convex_chat_display' ),
		'position'         => array( __( 'Position', 'convex-chat' ), 'convex_chat_display' ),
		'theme'            => array( __( 'Theme', 'convex-chat' ), 'convex_chat_display' ),
		'language'         => array( __( 'Language', 'convex-chat' ), 'convex_chat_display' ),
		'show_on_front'    => array( __( 'Front page', 'convex-chat' ), 'convex_chat_where' ),
		'post_types'       => array( __( 'Post types', 'convex-chat' ), 'convex_chat_where' ),
		'include_patterns' => array( __( 'Also on these URLs', 'convex-chat' ), 'convex_chat_where' ),
		'exclude_patterns' => array( __( 'Never on these URLs', 'convex-chat' ), 'convex_chat_where' ),
	);
	foreach ( $fields as $field => $meta ) {
		add_settings_field(
			'convex_chat_' . $field,
			$meta[0],
			'convex_chat_render_field',
			'convex-chat',
			$meta[1],
			array(
				'field'     => $field,
				'label_for' => 'convex_chat_' . $field,
			)
		);
	}
}

/**
 * One field of the form, escaped.
 *
 * @param array $args `field`: the setting's key.
 */
function convex_chat_render_field( $args ) {
	$settings = convex_chat_settings();
	$field    = $args['field'];
	$id       = 'convex_chat_' . $field;
	$name     = CONVEX_CHAT_OPTION . '[' . $field . ']';
	$value    = $settings[ $field ];
	$select   = function ( $options ) use ( $id, $name, $value ) {
		printf( '<select id="%s" name="%s">', esc_attr( $id ), esc_attr( $name ) );
		foreach ( $options as $option => $label ) {
			printf( '<option value="%s"%s>%s</option>', esc_attr( $option ), selected( $value, $option, false ), esc_html( $label ) );
		}
		echo '</select>';
	};
	switch ( $field ) {
		case 'convex_url':
		case 'site_url':
			printf( '<input type="url" class="regular-text code" id="%s" name="%s" value="%s" placeholder="https://NAME.convex.cloud">', esc_attr( $id ), esc_attr( $name ), esc_attr( $value ) );
			if ( 'site_url' === $field ) {
				echo '<p class="description">' . esc_html__( 'Only when the http actions are not at NAME.convex.site (e.g. a local backend).', 'convex-chat' ) . '</p>';
			}
			break;
		case 'site_key':
			printf( '<input type="text" class="regular-text code" id="%s" name="%s" value="%s" pattern="[A-Za-z0-9_-]{1,64}">', esc_attr( $id ), esc_attr( $name ), esc_attr( $value ) );
			break;
		case 'identity_secret':
			if ( defined( 'CONVEX_CHAT_IDENTITY_SECRET' ) ) {
				echo '<p>' . esc_html__( 'Set by the CONVEX_CHAT_IDENTITY_SECRET constant in wp-config.php.', 'convex-chat' ) . '</p>';
				break;
			}
			printf( '<input type="password" class="regular-text code" id="%s" name="%s" value="" autocomplete="new-password">', esc_attr( $id ), esc_attr( $name ) );
			echo '<p class="description">' . esc_html(
				'' !== $value
					? __( 'A secret is saved (never shown again). Type a new one to replace it.', 'convex-chat' )
					: __( 'Logged-in users keep their conversations on every device. Preferred: define CONVEX_CHAT_IDENTITY_SECRET in wp-config.php.', 'convex-chat' )
			) . '</p>';
			if ( '' !== $value ) {
				printf( '<label><input type="checkbox" name="%s" value="1"> %s</label>', esc_attr( CONVEX_CHAT_OPTION . '[clear_identity_secret]' ), esc_html__( 'Forget the saved secret', 'convex-chat' ) );
			}
			break;
		case 'inbox_capability':
			$select( convex_chat_inbox_capabilities() );
			break;
		case 'mode':
			$select(
				array(
					'floating' => __( 'Floating (a button in a corner of every page it shows on)', 'convex-chat' ),
					'none'     => __( 'None (only where the [convex_chat] shortcode or the block is)', 'convex-chat' ),
				)
			);
			break;
		case 'position':
			$select( array( 'right' => __( 'Right', 'convex-chat' ), 'left' => __( 'Left', 'convex-chat' ) ) );
			break;
		case 'theme':
			$select( array( 'light' => __( 'Light', 'convex-chat' ), 'dark' => __( 'Dark', 'convex-chat' ), 'auto' => __( 'Follows the visitor', 'convex-chat' ) ) );
			break;
		case 'language':
			$select( array( '' => __( "The page's language", 'convex-chat' ), 'en' => 'English', 'fr' => 'Français' ) );
			break;
		case 'show_on_front':
			printf( '<label><input type="checkbox" id="%s" name="%s" value="1"%s> %s</label>', esc_attr( $id ), esc_attr( $name ), checked( $value, true, false ), esc_html__( 'Show on the front page and the posts page', 'convex-chat' ) );
			break;
		case 'post_types':
			foreach ( get_post_types( array( 'public' => true ), 'objects' ) as $type ) {
				if ( 'attachment' === $type->name ) {
					continue;
				}
				printf(
					'<label style="margin-right:1em"><input type="checkbox" name="%s[]" value="%s"%s> %s</label>',
					esc_attr( $name ),
					esc_attr( $type->name ),
					checked( in_array( $type->name, $value, true ), true, false ),
					esc_html( $type->labels->name )
				);
			}
			break;
		case 'include_patterns':
		case 'exclude_patterns':
			printf( '<textarea class="large-text code" rows="3" id="%s" name="%s" placeholder="/shop/*">%s</textarea>', esc_attr( $id ), esc_attr( $name ), esc_textarea( implode( "\n", $value ) ) );
			echo '<p class="description">' . esc_html__( 'One path per line; * matches anything, e.g. /shop/*', 'convex-chat' ) . '</p>';
			break;
	}
}

add_action( 'admin_menu', 'convex_chat_settings_menu' );
/** Settings → Convex Chat. */
function convex_chat_settings_menu() {
	add_options_page( __( 'Convex Chat', 'convex-chat' ), __( 'Convex Chat', 'convex-chat' ), 'manage_options', 'convex-chat', 'convex_chat_render_settings_page' );
}

/** The page: options.php handles the nonce (settings_fields) and the capability. */
function convex_chat_render_settings_page() {
	if ( ! current_user_can( 'manage_options' ) ) {
		return;
	}
	echo '<div class="wrap"><h1>' . esc_html( get_admin_page_title() ) . '</h1>';
	echo '<p>' . esc_html__( 'Paste the deployment URL and the site key from your Convex Chat console; add this site\'s address to the site\'s allowed origins there.', 'convex-chat' ) . '</p>';
	echo '<form action="options.php" method="post">';
	settings_fields( 'convex_chat' );
	do_settings_sections( 'convex-chat' );
	submit_button();
	echo '</form></div>';
}

add_filter( 'plugin_action_links_' . plugin_basename( CONVEX_CHAT_FILE ), 'convex_chat_action_links' );
/** A "Settings" link on the Plugins screen. */
function convex_chat_action_links( $links ) {
	array_unshift( $links, sprintf( '<a href="%s">%s</a>', esc_url( admin_url( 'options-general.php?page=convex-chat' ) ), esc_html__( 'Settings', 'convex-chat' ) ) );
	return $links;
}
