// The block's editor side, plain JS (no build step): a placeholder and its two settings; the page
// shows the real chat, rendered on the server (save returns null).
( function ( blocks, element, i18n, blockEditor ) {
	var el = element.createElement;
	var __ = i18n.__;
	blocks.registerBlockType( 'convex-chat/inline-chat', {
		edit: function ( props ) {
			var blockProps = blockEditor.useBlockProps( { className: 'convex-chat-block-placeholder' } );
			return el(
				'div',
				blockProps,
				el( 'p', null, __( 'Convex Chat: the chat shows here on the page.', 'convex-chat' ) ),
				el(
					'label',
					null,
					__( 'Height', 'convex-chat' ) + ' ',
					el( 'input', {
						type: 'text',
						value: props.attributes.height,
						onChange: function ( event ) {
							props.setAttributes( { height: event.target.value } );
						},
					} )
				)
			);
		},
		save: function () {
			return null;
		},
	} );
} )( window.wp.blocks, window.wp.element, window.wp.i18n, window.wp.blockEditor );
