"""Test client helpers: a real pytest-lsp client that records what the server sends.

Positions in these helpers are computed independently of rolint (plain UTF-16/UTF-8
arithmetic), so the tests check the server's position code instead of reusing it.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import json
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Union

from lsprotocol import types
from lsprotocol.converters import get_converter
from pygls.protocol import default_converter
from pytest_lsp import LanguageClient
from pytest_lsp.client import DEFAULT_CLIENT_FEATURES, register_lsp_features
from pytest_lsp.protocol import LanguageClientProtocol

SERVER = [sys.executable, "-m", "rolint", "lsp"]
TIMEOUT = 20.0


def _converter():  # type: ignore[no-untyped-def]
    """pygls' converter, with code actions that carry a command kept as CodeActions
    (lsprotocol's own union hook turns them into bare Commands)."""
    conv = default_converter()

    def action_or_command(obj: Any, _: Any) -> Any:
        if isinstance(obj.get("command"), str):
            return conv.structure(obj, types.Command)
        return conv.structure(obj, types.CodeAction)

    conv.register_structure_hook(Union[types.Command, types.CodeAction], action_or_command)  # noqa: UP007
    return conv


class TimedProtocol(LanguageClientProtocol):
    """Notes when each publishDiagnostics arrives, before the client decodes it into
    lsprotocol objects (so latency measurements exclude the test client's own work)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.received_at: dict[tuple[str, int | None], float] = {}

    def structure_message(self, data: dict[str, Any]) -> Any:
        if data.get("method") == types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS:
            params = data.get("params") or {}
            self.received_at[(params.get("uri"), params.get("version"))] = time.perf_counter()
        return super().structure_message(data)


def capabilities(
    *,
    pull: bool = False,
    encodings: list[str] | None = None,
    resolve: bool = True,
    versioned: bool = False,
    watch: bool = False,
    markdown: bool = True,
) -> types.ClientCapabilities:
    """Client capabilities for a test session (only what matters to rolint)."""
    raw: dict[str, Any] = {
        "workspace": {
            "applyEdit": True,
            "configuration": True,
            "workspaceFolders": True,
            "didChangeConfiguration": {"dynamicRegistration": False},
            "didChangeWatchedFiles": {"dynamicRegistration": watch},
            "workspaceEdit": {"documentChanges": versioned},
            "executeCommand": {"dynamicRegistration": False},
        },
        "textDocument": {
            "synchronization": {"didSave": True, "dynamicRegistration": False},
            "publishDiagnostics": {"versionSupport": True},
            "hover": {"contentFormat": ["markdown", "plaintext"] if markdown else ["plaintext"]},
            "codeAction": {
                "codeActionLiteralSupport": {
                    "codeActionKind": {"valueSet": ["", "quickfix", "source", "source.fixAll"]}
                },
                "isPreferredSupport": True,
                "dataSupport": True,
                "resolveSupport": {"properties": ["edit"] if resolve else []},
            },
        },
        "window": {"workDoneProgress": False},
    }
    if pull:
        raw["textDocument"]["diagnostic"] = {"dynamicRegistration": False}
        raw["workspace"]["diagnostics"] = {"refreshSupport": True}
    if encodings is not None:
        raw["general"] = {"positionEncodings": encodings}
    return get_converter().structure(raw, types.ClientCapabilities)


# -- independent position arithmetic ------------------------------------------------


def _units(text: str, encoding: str) -> int:
    if encoding == "utf-8":
        return len(text.encode("utf-8"))
    if encoding == "utf-16":
        return len(text.encode("utf-16-le")) // 2
    return len(text)


def position(text: str, offset: int, encoding: str = "utf-16") -> tuple[int, int]:
    """(line, character) of a code-point offset; lines end at \\n (tests use \\n only)."""
    before = text[:offset]
    line = before.count("\n")
    start = before.rfind("\n") + 1
    return line, _units(text[start:offset], encoding)


def offset(text: str, line: int, character: int, encoding: str = "utf-16") -> int:
    lines = text.split("\n")
    start = sum(len(x) + 1 for x in lines[:line])
    body = lines[line] if line < len(lines) else ""
    units = 0
    for i, ch in enumerate(body):
        if units >= character:
            return start + i
        units += _units(ch, encoding)
    return start + len(body)


def lsp_range(text: str, start: int, end: int, encoding: str = "utf-16") -> types.Range:
    sl, sc = position(text, start, encoding)
    el, ec = position(text, end, encoding)
    return types.Range(
        start=types.Position(line=sl, character=sc), end=types.Position(line=el, character=ec)
    )


def apply_text_edits(text: str, edits: list[types.TextEdit], encoding: str = "utf-16") -> str:
    spans = []
    for e in edits:
        s = offset(text, e.range.start.line, e.range.start.character, encoding)
        t = offset(text, e.range.end.line, e.range.end.character, encoding)
        spans.append((s, t, e.new_text))
    for s, t, new in sorted(spans, reverse=True):
        text = text[:s] + new + text[t:]
    return text


def edits_of(edit: types.WorkspaceEdit, uri: str) -> list[types.TextEdit]:
    if edit.changes:
        return list(edit.changes.get(uri, []))
    out: list[types.TextEdit] = []
    for change in edit.document_changes or []:
        if isinstance(change, types.TextDocumentEdit) and change.text_document.uri == uri:
            out.extend(e for e in change.edits if isinstance(e, types.TextEdit))
    return out


# -- the session -----------------------------------------------------------------------


@dataclass
class Published:
    version: int | None
    diagnostics: list[types.Diagnostic]
    at: float


@dataclass
class Session:
    """A started server with its client, plus what the client has seen."""

    client: LanguageClient
    encoding: str = "utf-16"
    texts: dict[str, str] = field(default_factory=dict)
    versions: dict[str, int] = field(default_factory=dict)
    published: dict[str, list[Published]] = field(default_factory=dict)
    applied: list[types.ApplyWorkspaceEditParams] = field(default_factory=list)
    arrived: asyncio.Event = field(default_factory=asyncio.Event)
    result: types.InitializeResult | None = None

    # documents
    def open(self, uri: str, text: str, language_id: str = "plaintext") -> None:
        self.texts[uri] = text
        self.versions[uri] = 1
        self.client.text_document_did_open(
            types.DidOpenTextDocumentParams(
                text_document=types.TextDocumentItem(
                    uri=uri, language_id=language_id, version=1, text=text
                )
            )
        )

    def replace(self, uri: str, start: int, end: int, new: str) -> int:
        """Send one ranged change (code-point offsets of the current text)."""
        return self.change(uri, [(start, end, new)])

    def change(self, uri: str, spans: list[tuple[int, int, str]]) -> int:
        """Send several ranged changes in one didChange (each relative to the previous)."""
        text = self.texts[uri]
        changes = []
        for start, end, new in spans:
            changes.append(
                types.TextDocumentContentChangePartial(
                    range=lsp_range(text, start, end, self.encoding), text=new
                )
            )
            text = text[:start] + new + text[end:]
        return self._send(uri, text, changes)

    def set_text(self, uri: str, text: str) -> int:
        return self._send(uri, text, [types.TextDocumentContentChangeWholeDocument(text=text)])

    def _send(self, uri: str, text: str, changes: list[Any]) -> int:
        self.texts[uri] = text
        self.versions[uri] += 1
        self.client.text_document_did_change(
            types.DidChangeTextDocumentParams(
                text_document=types.VersionedTextDocumentIdentifier(
                    uri=uri, version=self.versions[uri]
                ),
                content_changes=changes,
            )
        )
        return self.versions[uri]

    def close(self, uri: str) -> None:
        self.client.text_document_did_close(
            types.DidCloseTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=uri))
        )

    def save(self, uri: str) -> None:
        self.client.text_document_did_save(
            types.DidSaveTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=uri))
        )

    async def diagnostics(
        self, uri: str, version: int | None = None, after: int = 0, timeout: float = TIMEOUT
    ) -> list[types.Diagnostic]:
        """Wait for diagnostics of ``uri`` published for ``version`` (or any, after the
        ``after``-th publication) and return them."""
        deadline = time.monotonic() + timeout
        while True:
            for p in self.published.get(uri, [])[after:]:
                if version is None or p.version == version:
                    return p.diagnostics
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError(
                    f"no diagnostics for {uri} v{version}: "
                    f"{[(p.version, len(p.diagnostics)) for p in self.published.get(uri, [])]}"
                )
            self.arrived.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self.arrived.wait(), min(left, 0.5))

    def count(self, uri: str) -> int:
        return len(self.published.get(uri, []))

    async def code_actions(
        self, uri: str, start: int, end: int, only: list[str] | None = None
    ) -> list[types.CodeAction]:
        text = self.texts[uri]
        result = await self.client.text_document_code_action_async(
            types.CodeActionParams(
                text_document=types.TextDocumentIdentifier(uri=uri),
                range=lsp_range(text, start, end, self.encoding),
                context=types.CodeActionContext(diagnostics=[], only=only),
            )
        )
        return [a for a in result or [] if isinstance(a, types.CodeAction)]

    async def resolved(self, action: types.CodeAction) -> types.CodeAction:
        if action.edit is None and action.data is not None:
            return await self.client.code_action_resolve_async(action)
        return action

    def apply(self, uri: str, edit: types.WorkspaceEdit) -> int:
        """Apply a workspace edit to our copy and send it as one didChange (like editors)."""
        new = apply_text_edits(self.texts[uri], edits_of(edit, uri), self.encoding)
        return self.set_text(uri, new)

    async def command(self, name: str, *args: Any) -> Any:
        return await self.client.workspace_execute_command_async(
            types.ExecuteCommandParams(command=name, arguments=list(args))
        )

    def raw(self, body: bytes) -> None:
        """Write one framed message as given (for malformed input)."""
        writer = self.client.protocol.writer
        assert writer is not None
        writer.write(b"Content-Length: %d\r\n\r\n%s" % (len(body), body))  # type: ignore[arg-type]

    async def raw_request(self, msg_id: str, method: str, params: Any) -> Any:
        """Send a request exactly as given, bypassing the client's typed serialization."""
        future: concurrent.futures.Future[Any] = concurrent.futures.Future()
        self.client.protocol._request_futures[msg_id] = future
        self.raw(
            json.dumps(
                {"jsonrpc": "2.0", "id": msg_id, "method": method, "params": params}
            ).encode()
        )
        return await asyncio.wait_for(asyncio.wrap_future(future), TIMEOUT)

    async def stop(self) -> None:
        await self.client.shutdown_session()
        await self.client.stop()


async def start(
    caps: types.ClientCapabilities | None = None,
    *,
    init_options: Any = None,
    folders: list[Path] | None = None,
    configuration: dict[str, Any] | None = None,
) -> Session:
    """Start ``rolint lsp`` on stdio and initialize it."""
    client = LanguageClient(
        converter_factory=_converter, configuration=configuration, protocol_cls=TimedProtocol
    )
    features = dict(DEFAULT_CLIENT_FEATURES)
    session = Session(client)

    def publish(ls: LanguageClient, params: types.PublishDiagnosticsParams) -> None:
        received = ls.protocol.received_at.pop((params.uri, params.version), None)
        session.published.setdefault(params.uri, []).append(
            Published(params.version, list(params.diagnostics), received or time.perf_counter())
        )
        session.arrived.set()

    def apply_edit(
        ls: LanguageClient, params: types.ApplyWorkspaceEditParams
    ) -> types.ApplyWorkspaceEditResult:
        session.applied.append(params)
        for uri in list(session.texts):
            if edits_of(params.edit, uri):
                session.apply(uri, params.edit)
        return types.ApplyWorkspaceEditResult(applied=True)

    def register(ls: LanguageClient, params: types.RegistrationParams) -> None:
        return None

    features[types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS] = publish
    features[types.WORKSPACE_APPLY_EDIT] = apply_edit
    features[types.CLIENT_REGISTER_CAPABILITY] = register
    register_lsp_features(client, features)
    await client.start_io(*SERVER)
    caps = caps or capabilities()
    params = types.InitializeParams(
        capabilities=caps,
        initialization_options=init_options,
        workspace_folders=[
            types.WorkspaceFolder(uri=f.as_uri(), name=f.name) for f in folders or []
        ],
        root_uri=folders[0].as_uri() if folders else None,
    )
    session.result = await client.initialize_session(params)
    enc = session.result.capabilities.position_encoding
    session.encoding = getattr(enc, "value", enc) or "utf-16"
    return session
