<?php
/**
 * The gate on XML-RPC, which desktop and mobile blogging clients publish through.
 *
 * wp_insert_post_data (gate-classic.php) cannot return an error: on its own it keeps a
 * refused article a draft while the client is told the call succeeded. XML-RPC methods
 * can answer a fault, though, and the xmlrpc_methods filter lets a plugin replace the
 * callback of a method (the xmlrpc_call action, fired inside each method, cannot: it
 * returns nothing). So the methods that can publish are wrapped:
 *
 * 1. Before WordPress runs the method, the article it would leave public is worked out
 *    from the call's arguments (merged with the stored post for edits) and decided by
 *    rolint_decide(), the one decision of every gate. Refused → an IXR_Error whose code
 *    is the REST status (422 blocked, 503 service unavailable, 502 service refused the
 *    request) and whose message is the REST message with rolint's reasons; nothing is
 *    written.
 * 2. Allowed → WordPress runs the method as usual, and the classic gate checks the text
 *    it really writes. Should that refuse (the client's text was changed on the way, or a
 *    method without step 1), the answer becomes the same fault, saying the article was
 *    kept as a draft (or that the published version stayed).
 *
 * Fault codes 401 and 403 are not used: WordPress answers those for a wrong login or a
 * missing permission, and a client must not take a refusal for a login problem.
 *
 * @package rolint
 */

defined( 'ABSPATH' ) || exit;

add_filter( 'xmlrpc_methods', 'rolint_xmlrpc_wrap_methods', 999 );

/**
 * One wrapped XML-RPC method: IXR calls array( $this, 'call' ) with the call's arguments.
 */
class Rolint_XMLRPC_Method {
	/**
	 * The method's name, e.g. wp.newPost.
	 *
	 * @var string
	 */
	public $name;

	/**
	 * The callback it had ('this:wp_newPost', a function name or an array callable).
	 *
	 * @var string|array
	 */
	public $original;

	/**
	 * @param string       $name     Method name.
	 * @param string|array $original Its callback before rolint.
	 */
	public function __construct( $name, $original ) {
		$this->name     = $name;
		$this->original = $original;
	}

	/**
	 * Called by IXR_Server::call().
	 *
	 * @param mixed $args The call's arguments.
	 * @return mixed The method's answer or an IXR_Error.
	 */
	public function call( $args ) {
		return rolint_xmlrpc_call( $this->name, $this->original, $args );
	}
}

/**
 * The methods that can make a post public. The ones with a reader are checked before
 * WordPress runs them; blogger.* (plain text, no excerpt) only by the classic gate.
 *
 * @return array<string, string|null> Method → function reading its arguments, or null.
 */
function rolint_xmlrpc_gated_methods() {
	return array(
		'wp.newPost'          => 'rolint_xmlrpc_read_wp',
		'wp.editPost'         => 'rolint_xmlrpc_read_wp',
		'metaWeblog.newPost'  => 'rolint_xmlrpc_read_mw',
		'metaWeblog.editPost' => 'rolint_xmlrpc_read_mw',
		'wp.newPage'          => 'rolint_xmlrpc_read_mw',
		'wp.editPage'         => 'rolint_xmlrpc_read_mw',
		'mt.publishPost'      => 'rolint_xmlrpc_read_publish',
		'blogger.newPost'     => null,
		'blogger.editPost'    => null,
	);
}

/**
 * Filter xmlrpc_methods (late, so that a method another plugin replaced is wrapped too).
 *
 * @param array $methods Method name → callback.
 * @return array
 */
function rolint_xmlrpc_wrap_methods( $methods ) {
	foreach ( array_keys( rolint_xmlrpc_gated_methods() ) as $name ) {
		if ( isset( $methods[ $name ] ) && ! ( is_array( $methods[ $name ] ) && $methods[ $name ][0] instanceof Rolint_XMLRPC_Method ) ) {
			$methods[ $name ] = array( new Rolint_XMLRPC_Method( $name, $methods[ $name ] ), 'call' );
		}
	}
	return $methods;
}

/**
 * Runs one wrapped method: rolint first, then WordPress, then a look at what the
 * classic gate did.
 *
 * @param string       $name     Method name.
 * @param string|array $original Its callback.
 * @param mixed        $args     The call's arguments.
 * @return mixed
 */
function rolint_xmlrpc_call( $name, $original, $args ) {
	global $wp_xmlrpc_server;
	$server = $wp_xmlrpc_server;
	if ( ! $server instanceof wp_xmlrpc_server ) {
		return new IXR_Error( 500, __( 'rolint: serverul XML-RPC al WordPress nu este pornit.', 'rolint' ) );
	}
	$reader  = rolint_xmlrpc_gated_methods()[ $name ] ?? null;
	$request = $reader ? call_user_func( $reader, $name, (array) $args ) : null;
	if ( $request ) {
		$user = $server->login( wp_slash( (string) $request['username'] ), wp_slash( (string) $request['password'] ) );
		if ( ! $user ) {
			return $server->error;
		}
		$fault = rolint_xmlrpc_precheck( $request, $user );
		if ( $fault ) {
			return $fault;
		}
	}
	rolint_classic_outcome( array() ); // Forget an earlier call of the same request (system.multicall).
	$result  = rolint_xmlrpc_run( $server, $original, $args );
	$outcome = rolint_classic_outcome();
	if ( $outcome && $outcome['refused'] && ! $result instanceof IXR_Error ) {
		$kept = $outcome['live']
			? __( ' Versiunea publicată a rămas neschimbată.', 'rolint' )
			: __( ' Articolul a fost păstrat ca ciornă.', 'rolint' );
		return rolint_xmlrpc_fault( $outcome['decision']['error'], $kept );
	}
	return $result;
}

/**
 * Step 1: the decision on the article the call would leave public, before anything is
 * written. Calls WordPress would refuse anyway (no permission, no such post, a change
 * of post type) are left to WordPress, so that its own error comes back and nobody
 * learns rolint's verdict on a post they may not edit.
 *
 * @param array   $request From a reader: { id, type, status, title, excerpt, content }.
 * @param WP_User $user    The logged-in user.
 * @return IXR_Error|null A fault when rolint refuses.
 */
function rolint_xmlrpc_precheck( array $request, WP_User $user ) {
	$type = get_post_type_object( $request['type'] );
	if ( ! $type || ! rolint_checks_post_type( $request['type'] )
		|| ! in_array( $request['status'], rolint_gated_statuses(), true )
		|| ( $request['id'] && ( get_post_type( $request['id'] ) !== $request['type'] || ! current_user_can( 'edit_post', $request['id'] ) ) )
		|| ! current_user_can( $type->cap->publish_posts ) ) {
		return null;
	}
	$article  = array(
		'title'   => (string) $request['title'],
		'excerpt' => (string) $request['excerpt'],
		'content' => (string) $request['content'],
	);
	$doc      = array(
		'id'     => $request['id'] ? $request['id'] : '',
		'type'   => $request['type'],
		'status' => $request['status'],
	);
	$decision = rolint_decide( $article, $doc, null, $user );
	if ( $decision['allowed'] ) {
		return null;
	}
	if ( $request['id'] ) {
		update_post_meta( $request['id'], ROLINT_LAST_CHECK_META, wp_slash( $decision['summary'] ) );
	}
	return rolint_xmlrpc_fault( $decision['error'], '' );
}

/**
 * Calls the method's own callback, as IXR_Server::call() would have.
 *
 * @param wp_xmlrpc_server $server   The server.
 * @param string|array     $original The callback.
 * @param mixed            $args     The call's arguments.
 * @return mixed
 */
function rolint_xmlrpc_run( $server, $original, $args ) {
	$callback = is_string( $original ) && 0 === strpos( $original, 'this:' )
		? array( $server, substr( $original, 5 ) )
		: $original;
	if ( ! is_callable( $callback ) ) {
		return new IXR_Error( -32601, 'server error. requested method does not exist.' );
	}
	return call_user_func( $callback, $args );
}

/**
 * A refusal as an XML-RPC fault: the REST status as the fault code, the REST message.
 *
 * @param WP_Error $error  A decision's error.
 * @param string   $suffix What to add to the message ('' for nothing).
 * @return IXR_Error
 */
function rolint_xmlrpc_fault( WP_Error $error, $suffix ) {
	$data = $error->get_error_data();
	$code = is_array( $data ) && isset( $data['status'] ) ? (int) $data['status'] : 500;
	return new IXR_Error( $code, $error->get_error_message() . $suffix );
}

/**
 * The stored post of an edit, as an array (empty for a new post or a wrong ID).
 *
 * @param int $id Post ID.
 * @return array
 */
function rolint_xmlrpc_stored( $id ) {
	$post = $id ? get_post( $id, ARRAY_A ) : null;
	return is_array( $post ) ? $post : array();
}

/**
 * Reads wp.newPost( blog, user, password, struct ) and wp.editPost( blog, user,
 * password, post_id, struct ): the struct's fields over the stored post's.
 *
 * @param string $name Method name.
 * @param array  $args The call's arguments.
 * @return array|null
 */
function rolint_xmlrpc_read_wp( $name, array $args ) {
	$edit   = 'wp.editPost' === $name;
	$id     = $edit ? (int) ( $args[3] ?? 0 ) : 0;
	$struct = $args[ $edit ? 4 : 3 ] ?? null;
	if ( ! is_array( $struct ) || ( $edit && ! $id ) ) {
		return null;
	}
	$merged = array_merge( rolint_xmlrpc_stored( $id ), $struct );
	return array(
		'username' => $args[1] ?? '',
		'password' => $args[2] ?? '',
		'id'       => $id,
		'type'     => (string) ( $merged['post_type'] ?? 'post' ),
		'status'   => (string) ( $merged['post_status'] ?? 'draft' ),
		'title'    => $merged['post_title'] ?? '',
		'excerpt'  => $merged['post_excerpt'] ?? '',
		'content'  => $merged['post_content'] ?? '',
	);
}

/**
 * Reads the MetaWeblog calls: metaWeblog.newPost( blog, user, password, struct,
 * publish ), metaWeblog.editPost( post_id, user, password, struct, publish ), and
 * wp.newPage / wp.editPage( blog, page_id, user, password, struct, publish ), which
 * WordPress hands on to them. The status is "publish" or "draft" by the publish flag,
 * unless the struct names one; the body is description, then <!--more--> and
 * mt_text_more, as WordPress writes it.
 *
 * @param string $name Method name.
 * @param array  $args The call's arguments.
 * @return array|null
 */
function rolint_xmlrpc_read_mw( $name, array $args ) {
	$shift  = 'wp.editPage' === $name ? 1 : 0;
	$edit   = in_array( $name, array( 'metaWeblog.editPost', 'wp.editPage' ), true );
	$id     = $edit ? (int) ( $args[ $shift ] ?? 0 ) : 0;
	$struct = $args[ 3 + $shift ] ?? null;
	if ( ! is_array( $struct ) || ( $edit && ! $id ) ) {
		return null;
	}
	$stored = rolint_xmlrpc_stored( $id );
	$type   = 0 === strpos( $name, 'wp.' ) ? 'page' : (string) ( $struct['post_type'] ?? ( $stored['post_type'] ?? 'post' ) );
	$status = empty( $args[ 4 + $shift ] ) ? 'draft' : 'publish';
	$named  = $struct[ "{$type}_status" ] ?? '';
	if ( in_array( $named, array( 'draft', 'pending', 'private', 'publish' ), true ) ) {
		$status = $named;
	}
	$content = (string) ( $struct['description'] ?? ( $stored['post_content'] ?? '' ) );
	if ( ! empty( $struct['mt_text_more'] ) ) {
		$content .= '<!--more-->' . $struct['mt_text_more'];
	}
	return array(
		'username' => $args[ 1 + $shift ] ?? '',
		'password' => $args[ 2 + $shift ] ?? '',
		'id'       => $id,
		'type'     => $type,
		'status'   => $status,
		'title'    => $struct['title'] ?? ( $stored['post_title'] ?? '' ),
		'excerpt'  => $struct['mt_excerpt'] ?? ( $stored['post_excerpt'] ?? '' ),
		'content'  => $content,
	);
}

/**
 * Reads mt.publishPost( post_id, user, password ): the stored post, published.
 *
 * @param string $name Method name.
 * @param array  $args The call's arguments.
 * @return array|null
 */
function rolint_xmlrpc_read_publish( $name, array $args ) {
	$stored = rolint_xmlrpc_stored( (int) ( $args[0] ?? 0 ) );
	if ( ! $stored ) {
		return null;
	}
	return array(
		'username' => $args[1] ?? '',
		'password' => $args[2] ?? '',
		'id'       => (int) $stored['ID'],
		'type'     => $stored['post_type'],
		'status'   => 'publish',
		'title'    => $stored['post_title'],
		'excerpt'  => $stored['post_excerpt'],
		'content'  => $stored['post_content'],
	);
}
