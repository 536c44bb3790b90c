/**
 * rolint in the block editor: a pre-publish panel with the verdict and the findings of
 * the title, the excerpt and the body (the offending text and the suggestion), and the
 * Publish button locked while the verdict is "block". A post that is already out has no
 * pre-publish panel (its button says Update): the same view is in the sidebar.
 *
 * Plain JavaScript on the wp.* globals, no build step. The lock is held only while the
 * pre-publish panel is open (the panel's body is mounted then): a lock held while people
 * draft would also stop Ctrl+S. The server refuses a blocked article anyway; this panel
 * says why before the click.
 */
( function ( wp, config ) {
	'use strict';

	const el = wp.element.createElement;
	const { useState, useEffect, useRef } = wp.element;
	const { useSelect, useDispatch } = wp.data;
	const { Button, TextareaControl, Spinner, Notice } = wp.components;
	const PrePublishPanel = ( wp.editor && wp.editor.PluginPrePublishPanel ) || wp.editPost.PluginPrePublishPanel;
	const DocumentPanel = ( wp.editor && wp.editor.PluginDocumentSettingPanel ) || wp.editPost.PluginDocumentSettingPanel;

	const LOCK = 'rolint';
	const DELAY_MS = 500; // wait for typing to pause before checking again
	const LIVE_DELAY_MS = 1500; // the sidebar of a published post: less often
	const PUBLIC_STATUSES = [ 'publish', 'future', 'private' ];
	const FIELD_LABELS = { title: 'Titlu', excerpt: 'Rezumat', body: 'Text' };
	const VERDICTS = {
		publish: 'Nimic de corectat: articolul poate fi publicat.',
		warn: 'Avertismente: articolul poate fi publicat, dar merită recitit.',
		block: 'Publicarea este blocată până la corectarea textului.',
		unchecked: 'Articolul nu a putut fi verificat; se publică fără verificare.',
	};

	/** The article as it stands in the editor, and the override asked for with the save. */
	function useArticle() {
		return useSelect( function ( select ) {
			const editor = select( 'core/editor' );
			const meta = editor.getEditedPostAttribute( 'meta' ) || {};
			return {
				postId: editor.getCurrentPostId(),
				title: editor.getEditedPostAttribute( 'title' ) || '',
				excerpt: editor.getEditedPostAttribute( 'excerpt' ) || '',
				content: editor.getEditedPostContent(),
				override: meta.rolint_override || null,
			};
		}, [] );
	}

	/** Checks the article through the plugin's REST route whenever it changes. */
	function useCheck( article, delay ) {
		const [ state, setState ] = useState( { checking: true, result: null, error: null } );
		const seq = useRef( 0 );
		useEffect(
			function () {
				const mine = ++seq.current;
				setState( function ( s ) {
					return Object.assign( {}, s, { checking: true } );
				} );
				const timer = setTimeout( function () {
					wp.apiFetch( {
						path: '/rolint/v1/check',
						method: 'POST',
						data: {
							post_id: article.postId,
							title: article.title,
							excerpt: article.excerpt,
							content: article.content,
						},
					} ).then(
						function ( result ) {
							if ( mine === seq.current ) {
								setState( { checking: false, result: result, error: null } );
							}
						},
						function ( error ) {
							if ( mine === seq.current ) {
								const message = ( error && error.message ) || 'Serviciul rolint nu răspunde.';
								setState( { checking: false, result: null, error: message } );
							}
						}
					);
				}, delay );
				return function () {
					clearTimeout( timer );
				};
			},
			[ article.postId, article.title, article.excerpt, article.content ]
		);
		return state;
	}

	/** Whether the override asked for with the save is for this very check. */
	function overrideCovers( override, result ) {
		if ( ! override || ! override.reason || ! result ) {
			return false;
		}
		if ( override.content_hash && override.content_hash === result.content_hash ) {
			return true;
		}
		const prints = override.fingerprints || [];
		const blocking = result.blocking_fingerprints || [];
		return blocking.length > 0 && blocking.every( function ( p ) {
			return prints.indexOf( p ) !== -1;
		} );
	}

	/** Whether Publish must stay locked. */
	function mustLock( state, override ) {
		if ( state.error ) {
			return ! config.failOpen;
		}
		if ( ! state.result ) {
			return true; // the first check has not answered yet
		}
		const r = state.result;
		return r.verdict === 'block' && ! r.approved && ! overrideCovers( override, r );
	}

	function Finding( props ) {
		const f = props.finding;
		return el(
			'li',
			{
				className: 'rolint-finding' + ( f.blocking ? ' is-blocking' : '' ),
				'data-field': f.field,
				'data-rule': f.rule,
				'data-blocking': f.blocking ? '1' : '0',
				style: { borderLeft: '3px solid ' + ( f.blocking ? '#cc1818' : '#dba617' ), paddingLeft: '8px', marginBottom: '10px' },
			},
			el(
				'div',
				null,
				el( 'strong', null, FIELD_LABELS[ f.field ] || f.field ),
				f.blocking ? el( 'span', { className: 'rolint-blocking', style: { color: '#cc1818' } }, ' · blochează' ) : null
			),
			f.text
				? el(
					'div',
					{ className: 'rolint-context' },
					f.before ? '…' + f.before : '',
					el( 'mark', { className: 'rolint-text' }, f.text ),
					f.after ? f.after + '…' : ''
				)
				: null,
			f.suggestion ? el( 'div', { className: 'rolint-suggestion' }, 'Sugestie: „' + f.suggestion + '”' ) : null,
			el( 'div', { className: 'rolint-message', style: { color: '#50575e' } }, f.message + ' (' + f.rule + ')' )
		);
	}

	function OverrideForm( props ) {
		const [ reason, setReason ] = useState( '' );
		const { editPost } = useDispatch( 'core/editor' );
		const result = props.result;
		return el(
			'div',
			{ className: 'rolint-override' },
			el( TextareaControl, {
				label: 'Publicați totuși? Scrieți motivul (rămâne în jurnalul redacției):',
				value: reason,
				onChange: setReason,
			} ),
			el(
				Button,
				{
					variant: 'secondary',
					isDestructive: true,
					disabled: reason.trim() === '',
					onClick: function () {
						editPost( {
							meta: {
								rolint_override: {
									reason: reason.trim(),
									content_hash: result.content_hash,
									fingerprints: result.blocking_fingerprints || [],
								},
							},
						} );
					},
				},
				'Aprobă publicarea cu acest motiv'
			)
		);
	}

	/** The verdict, the findings and, for those who may, the override form. */
	function CheckView( props ) {
		const state = props.state;
		const article = props.article;
		if ( state.error ) {
			return el( Notice, { status: config.failOpen ? 'warning' : 'error', isDismissible: false }, state.error );
		}
		if ( ! state.result ) {
			return el( 'p', { className: 'rolint-status' }, el( Spinner ), ' Se verifică textul…' );
		}
		const r = state.result;
		const covered = overrideCovers( article.override, r );
		const blocked = r.verdict === 'block' && ! r.approved && ! covered;
		return el(
			'div',
			{ className: 'rolint-panel', 'data-verdict': r.verdict, 'data-locked': props.locked ? '1' : '0' },
			el( 'p', { className: 'rolint-verdict' }, el( 'strong', null, VERDICTS[ r.verdict ] || r.verdict ), state.checking ? el( Spinner ) : null ),
			r.findings && r.findings.length
				? el( 'ul', { className: 'rolint-findings' }, r.findings.map( function ( f, i ) {
					return el( Finding, { key: i, finding: f } );
				} ) )
				: null,
			r.approved ? el( Notice, { status: 'warning', isDismissible: false }, 'Publicare aprobată de ' + r.approved.user + ': ' + r.approved.reason ) : null,
			covered ? el( Notice, { status: 'warning', isDismissible: false }, 'Se publică peste blocare, cu motivul: ' + article.override.reason ) : null,
			blocked && config.canOverride ? el( OverrideForm, { result: r } ) : null,
			blocked && ! config.canOverride
				? el( 'p', { className: 'rolint-hint' }, 'Corectați textul; doar un editor poate aproba publicarea peste blocare.' )
				: null
		);
	}

	/** In the pre-publish panel: checks as the text changes, holds the lock while blocked. */
	function PrePublishBody() {
		const article = useArticle();
		const state = useCheck( article, DELAY_MS );
		const locked = mustLock( state, article.override );
		const { lockPostSaving, unlockPostSaving } = useDispatch( 'core/editor' );

		useEffect(
			function () {
				if ( locked ) {
					lockPostSaving( LOCK );
				} else {
					unlockPostSaving( LOCK );
				}
			},
			[ locked ]
		);
		useEffect( function () {
			return function () {
				unlockPostSaving( LOCK ); // never leave the lock behind when the panel closes
			};
		}, [] );
		return el( CheckView, { state: state, article: article, locked: locked } );
	}

	/**
	 * In the sidebar of a post that is already out (its Update button opens no pre-publish
	 * panel): the same view, without a lock; the server refuses a blocked update anyway.
	 */
	function PublishedBody() {
		const article = useArticle();
		const state = useCheck( article, LIVE_DELAY_MS );
		return el( CheckView, { state: state, article: article, locked: false } );
	}

	function Panels() {
		const isPublic = useSelect( function ( select ) {
			return PUBLIC_STATUSES.indexOf( select( 'core/editor' ).getCurrentPostAttribute( 'status' ) ) !== -1;
		}, [] );
		return el(
			wp.element.Fragment,
			null,
			el( PrePublishPanel, { title: 'rolint', initialOpen: true, className: 'rolint-prepublish' }, el( PrePublishBody ) ),
			isPublic && DocumentPanel
				? el( DocumentPanel, { name: 'rolint-status', title: 'rolint', className: 'rolint-document-panel' }, el( PublishedBody ) )
				: null
		);
	}

	wp.plugins.registerPlugin( 'rolint', { render: Panels } );
} )( window.wp, window.rolintEditor || { canOverride: false, failOpen: false } );
