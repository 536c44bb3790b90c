"""JSON-RPC as rolint's server speaks it: every message answered or reported, never a
traceback, never silence.

pygls decodes and dispatches; this subclass checks each message first, the way
JSON-RPC 2.0 and LSP say a server must:

* a body that is not JSON → ``ParseError`` (id null); valid JSON that is not an object,
  a request whose ``id`` is not an integer or string, a ``method`` that is not a string
  → ``InvalidRequest`` (id null when the id itself is bad: it is never echoed);
* a request whose params do not fit its method → ``InvalidParams`` for that id;
* any request after ``shutdown`` → ``InvalidRequest`` (only ``exit`` is still obeyed);
* a notification cannot be answered, so a bad one is logged to the client
  (``window/logMessage``) and stderr, one line, no traceback. Text-sync positions
  are clamped instead (negative to 0, huge to the largest LSP integer, which the
  document then clamps to its end), so a broken position never drops an edit and the
  server's text stays the client's text.

Diagnostics are published as pre-encoded JSON (:mod:`rolint.lsp.convert`), and
pygls keeps no copy of open documents here: text sync goes straight to the server's
own store (:mod:`rolint.lsp.documents`).
"""

from __future__ import annotations

import asyncio
import contextlib
import inspect
import json
import logging
from collections.abc import Callable
from typing import Any

from lsprotocol import types
from pygls.exceptions import JsonRpcException, JsonRpcInternalError, JsonRpcInvalidParams
from pygls.protocol import LanguageServerProtocol
from pygls.protocol.json_rpc import (
    JsonRPCNotification,
    JsonRPCRequestMessage,
    JsonRPCResponseMessage,
    ResponseErrorMessage,
)
from pygls.protocol.language_server import lsp_method

from rolint.lsp.convert import message_text
from rolint.lsp.framing import Broken

log = logging.getLogger("rolint.lsp")

PARSE_ERROR = -32700
INVALID_REQUEST = -32600
INVALID_PARAMS = -32602
MAX_INT = 2**31 - 1  # LSP integers and uintegers
_SYNC = (
    types.TEXT_DOCUMENT_DID_OPEN,
    types.TEXT_DOCUMENT_DID_CHANGE,
    types.TEXT_DOCUMENT_DID_CLOSE,
    types.TEXT_DOCUMENT_DID_SAVE,
)
_PENDING_WRITES: set[asyncio.Future[Any]] = set()


class RolintProtocol(LanguageServerProtocol):
    """pygls' protocol with rolint's message checks, text store and error answers."""

    _server: Any  # the RolintServer (typed loosely: it imports this module)

    # -- reading ------------------------------------------------------------------------
    def handle_body(self, body: bytes) -> None:
        """One framed message body from the transport: check it, then dispatch it."""
        try:
            data = json.loads(body)
        except (ValueError, RecursionError) as exc:
            self.send_error(None, PARSE_ERROR, f"mesaj JSON invalid: {exc}")
            return
        problem = request_problem(data)
        if problem is not None:
            bad_id = isinstance(data, dict) and not _valid_id(data.get("id"))
            msg_id = None if bad_id or not isinstance(data, dict) else data.get("id")
            self.send_error(msg_id, INVALID_REQUEST, problem)
            return
        if "method" in data:
            data.setdefault("params", None)  # JSON-RPC lets a message omit params
        if data.get("method") in _SYNC and isinstance(data.get("params"), dict):
            data["params"] = clamp_positions(data["params"], self.note_clamped)
        try:
            message = self.structure_message(data)
        except JsonRpcException as exc:
            self._reject(data, exc)
            return
        self.handle_message(message)

    def report_broken(self, event: Broken) -> None:
        """Framing the transport had to skip (see :mod:`rolint.lsp.framing`)."""
        self._server.log_client("error", f"rolint: cadru LSP invalid: {event.reason}")
        self.send_error(None, PARSE_ERROR, event.reason)

    def _reject(self, data: dict[str, Any], exc: JsonRpcException) -> None:
        method = data.get("method")
        if "id" in data and method is not None:
            self.send_error(data["id"], INVALID_PARAMS, f"parametri invalizi pentru {method}")
        elif method is not None:
            self._server.log_client(
                "warning", f"rolint: notificarea {method} ignorată: parametri invalizi"
            )
        else:
            log.warning("unreadable response from the client: %s", exc)

    def note_clamped(self, method_hint: str) -> None:
        self._server.log_client(
            "warning", f"rolint: poziție în afara documentului corectată ({method_hint})"
        )

    def structure_message(self, data: dict[str, Any]) -> Any:
        """pygls' decoding, minus its traceback on stderr for every bad message."""
        try:
            if "id" in data:
                if "error" in data:
                    return self._converter.structure(data, ResponseErrorMessage)
                if "method" in data:
                    kind = self.get_message_type(data["method"]) or JsonRPCRequestMessage
                    return self._converter.structure(data, kind)
                kind = self._result_types.pop(data["id"], None) or JsonRPCResponseMessage
                return self._converter.structure(data, kind)
            kind = self.get_message_type(data.get("method", "")) or JsonRPCNotification
            return self._converter.structure(data, kind)
        except Exception as exc:
            log.debug("cannot decode a message: %r", exc)
            raise JsonRpcInvalidParams() from exc

    def handle_message(self, message: Any) -> None:
        method = getattr(message, "method", None)
        if self._shutdown and method is not None and method != types.EXIT:
            msg_id = getattr(message, "id", None)
            if msg_id is not None and not hasattr(message, "result"):
                self.send_error(msg_id, INVALID_REQUEST, "serverul se oprește (shutdown)")
            return
        super().handle_message(message)

    def _execute_handler(
        self,
        msg_id: Any,
        handler: Any,
        callback: Callable[[Any], None],
        args: tuple[Any, ...] | None = None,
        kwargs: dict[str, Any] | None = None,
    ) -> None:
        """pygls keeps the future of every asynchronous handler in ``_request_futures``
        and removes only those of requests: each notification (every save, every
        generator-based handler) stayed there for the life of the server. Remove each
        when it is done."""

        loop = asyncio.get_running_loop()

        def forget(future: Any) -> None:
            if self._request_futures.get(msg_id) is future:
                del self._request_futures[msg_id]

        def done(future: Any) -> None:
            # later, on the loop: pygls may be iterating the table (shutdown cancels)
            with contextlib.suppress(RuntimeError):  # the loop is closed: nothing to keep
                loop.call_soon_threadsafe(forget, future)
            callback(future)

        super()._execute_handler(msg_id, handler, done, args, kwargs)

    # -- initialize and text sync ----------------------------------------------------------
    @lsp_method(types.INITIALIZE)
    def lsp_initialize(self, params: types.InitializeParams) -> Any:
        prefer_utf8(params.capabilities)
        result = yield from super().lsp_initialize(params)
        self._server.adjust_capabilities(result.capabilities)
        return result

    # Text sync goes to the server's own store (no second copy in pygls' workspace).
    @lsp_method(types.TEXT_DOCUMENT_DID_OPEN)
    def lsp_text_document__did_open(self, params: types.DidOpenTextDocumentParams) -> None:
        self._server.did_open(params)

    @lsp_method(types.TEXT_DOCUMENT_DID_CHANGE)
    def lsp_text_document__did_change(self, params: types.DidChangeTextDocumentParams) -> None:
        self._server.did_change(params)

    @lsp_method(types.TEXT_DOCUMENT_DID_CLOSE)
    def lsp_text_document__did_close(self, params: types.DidCloseTextDocumentParams) -> None:
        self._server.did_close(params)

    # -- writing -------------------------------------------------------------------------
    def get_message_type(self, method: str) -> Any:  # type: ignore[override]
        """Diagnostics are published as plain JSON data (see convert.diagnostic_json)."""
        if method == types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS:
            return None
        return super().get_message_type(method)

    def send_error(self, msg_id: int | str | None, code: int, message: str) -> None:
        """An error response; ``msg_id`` None is JSON ``null`` (the id was unusable)."""
        body = json.dumps(
            {"jsonrpc": "2.0", "id": msg_id, "error": {"code": code, "message": message}},
            ensure_ascii=False,
        )
        self.write_body(body)

    def _send_data(self, data: Any) -> None:
        """Messages carrying :class:`JsonData` (diagnostics) are encoded here: compact
        UTF-8 JSON in which each diagnostic's text is encoded once and reused by later
        publications (see ``convert.json_text``); pygls encodes every other message."""
        body = message_text(data) if data else None
        if body is None or self.writer is None:
            super()._send_data(data)
            return
        self.write_body(body)

    def write_body(self, body: str) -> None:
        """Frame and write one message body (UTF-8, Content-Length in bytes)."""
        if self.writer is None:
            log.error("no transport to send a message on")
            return
        raw = body.encode("utf-8")
        if self._include_headers:
            header = (
                f"Content-Length: {len(raw)}\r\n"
                f"Content-Type: {self.CONTENT_TYPE}; charset={self.CHARSET}\r\n\r\n"
            )
            raw = header.encode("ascii") + raw
        try:
            res = self.writer.write(raw)
            if inspect.isawaitable(res):  # websocket transports write asynchronously
                task = asyncio.ensure_future(res)
                _PENDING_WRITES.add(task)
                task.add_done_callback(_PENDING_WRITES.discard)
        except BrokenPipeError:
            log.exception("cannot send to the client: broken pipe")
            raise
        except Exception as error:
            log.exception("cannot send to the client")
            self._server._report_server_error(error, JsonRpcInternalError)


def _valid_id(value: Any) -> bool:
    return isinstance(value, str) or (isinstance(value, int) and not isinstance(value, bool))


def request_problem(data: Any) -> str | None:
    """Why ``data`` is not a JSON-RPC message this server can take (None: it is)."""
    if not isinstance(data, dict):
        return "mesajul JSON-RPC trebuie să fie un obiect"
    if data.get("jsonrpc") != "2.0":
        return 'lipsește "jsonrpc": "2.0"'
    method = data.get("method")
    if "method" in data and not isinstance(method, str):
        return "method trebuie să fie un șir"
    if "id" in data and not _valid_id(data["id"]):
        if method is None and data["id"] is None and "error" in data:
            return None  # the client's error answer to something it could not read
        return "id trebuie să fie un număr întreg sau un șir"
    if method is None and "id" not in data:
        return "mesaj fără method și fără id"
    return None


def clamp_positions(params: dict[str, Any], note: Callable[[str], None]) -> dict[str, Any]:
    """Text-sync params with every range position made a valid LSP position.

    Negative numbers become 0, numbers past the largest LSP integer become that
    integer (the document clamps it to its end, see ``LineIndex.offset``); anything
    else that is not an integer is left for the params check to reject."""
    changes = params.get("contentChanges")
    if not isinstance(changes, list):
        return params
    for change in changes:
        rng = change.get("range") if isinstance(change, dict) else None
        if not isinstance(rng, dict):
            continue
        for end in ("start", "end"):
            pos = rng.get(end)
            if not isinstance(pos, dict):
                continue
            for key in ("line", "character"):
                value = pos.get(key)
                if isinstance(value, bool) or not isinstance(value, int):
                    continue
                if value < 0 or value > MAX_INT:
                    pos[key] = min(max(value, 0), MAX_INT)
                    note(f"{key} {value}")
    return params


def prefer_utf8(caps: types.ClientCapabilities) -> None:
    """Make pygls pick UTF-8 when the client offers it, else UTF-16 (the LSP default)."""
    general = caps.general
    if general is None or not general.position_encodings:
        return
    order = {"utf-8": 0, "utf-16": 1}
    general.position_encodings = sorted(
        general.position_encodings, key=lambda e: order.get(str(getattr(e, "value", e)), 2)
    )
