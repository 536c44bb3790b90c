"""``rolint lsp``: the language server (pygls + lsprotocol, stdio or TCP).

The rooms of the server:

* :mod:`~rolint.lsp.framing`, :mod:`~rolint.lsp.transport`, :mod:`~rolint.lsp.protocol`:
  bytes to messages (resynchronising after broken framing), and JSON-RPC checked
  the way the spec says (every bad request answered with an error);
* :mod:`~rolint.lsp.documents`: the text of open documents (incremental sync);
* :mod:`~rolint.lsp.scheduling` and :mod:`~rolint.lsp.lanes`: when documents are
  checked, on which thread, with bounded caches; what is published;
* :mod:`~rolint.lsp.checks`: the synchronous work on those threads (no protocol);
* :mod:`~rolint.lsp.project` and :mod:`~rolint.lsp.settings`: workspace folders,
  editor settings, project files;
* :mod:`~rolint.lsp.actions` and :mod:`~rolint.lsp.commands`: code actions, hovers,
  commands.

This module wires them together: the server object, the LSP features it registers,
and :func:`run`. Nothing slow runs on the event loop, so a slow rule delays only
results, never other requests. Errors are logged to the client (``window/logMessage``)
and to stderr; a handler that fails answers with an error, the server goes on.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import sys
from typing import Any

from lsprotocol import types
from pygls.lsp.server import LanguageServer

from rolint import __version__, gc_tuning
from rolint.lsp import actions, commands, languagetool_lane, transport
from rolint.lsp import settings as settings_mod
from rolint.lsp.convert import JsonData, converter_factory, encoding_of, offset_at
from rolint.lsp.documents import OpenDocument, uri_to_path
from rolint.lsp.project import Project
from rolint.lsp.protocol import RolintProtocol
from rolint.lsp.scheduling import DocState, Scheduler
from rolint.positions import Encoding

log = logging.getLogger("rolint.lsp")

WATCH_ID = "rolint-watch-project-files"
WATCH_GLOBS = (
    "**/rolint.toml",
    "**/.rolint.toml",
    "**/pyproject.toml",
    "**/.rolint/*.txt",
    "**/vocabular/*.txt",
    "**/vocabulary/*.txt",
)
_LEVELS = {
    "error": types.MessageType.Error,
    "warning": types.MessageType.Warning,
    "info": types.MessageType.Info,
}


class RolintServer(LanguageServer):
    def __init__(self) -> None:
        super().__init__(
            "rolint",
            __version__,
            text_document_sync_kind=types.TextDocumentSyncKind.Incremental,
            protocol_cls=RolintProtocol,
            converter_factory=converter_factory,
        )
        self.encoding: Encoding = "utf-16"
        self.pull_mode = False
        self.ready: asyncio.Event | None = None
        self.project = Project(self)
        self.scheduler = Scheduler(self)
        self.workspace_published: set[str] = set()
        self._shown: set[str] = set()

    # -- capabilities & client ------------------------------------------------------
    def cap(self, dotted: str) -> Any:
        obj: Any = self.client_capabilities
        for part in dotted.split("."):
            obj = getattr(obj, part, None)
            if obj is None:
                return None
        return obj

    def adjust_capabilities(self, caps: types.ServerCapabilities) -> None:
        if not self.pull_mode:
            caps.diagnostic_provider = None
        if isinstance(caps.text_document_sync, types.TextDocumentSyncOptions):
            caps.text_document_sync.save = types.SaveOptions(include_text=False)

    def log_client(self, level: str, message: str) -> None:
        """``window/logMessage`` (and stderr); never raises."""
        getattr(log, level if level in _LEVELS else "debug")(message)
        kind = _LEVELS.get(level, types.MessageType.Log)
        try:
            self.window_log_message(types.LogMessageParams(type=kind, message=message))
        except Exception:  # the transport may be gone
            log.debug("cannot log to the client", exc_info=True)

    def show_again(self, message: str) -> None:
        """Let :meth:`show_once` show ``message`` once more (a notice that is true again)."""
        self._shown.discard(message)

    def show_once(self, level: str, message: str) -> None:
        """``window/showMessage`` once per distinct text (config errors, notices)."""
        self.log_client(level, message)
        if message in self._shown:
            return
        self._shown.add(message)
        kind = _LEVELS.get(level, types.MessageType.Info)
        try:
            self.window_show_message(types.ShowMessageParams(type=kind, message=message))
        except Exception:
            log.debug("cannot show a message", exc_info=True)

    def report_server_error(self, error: Exception, source: Any) -> None:
        """pygls' error hook: log to the client instead of popping up a dialog."""
        self.log_client("error", f"rolint: eroare internă: {type(error).__name__}: {error}")

    # -- transports -------------------------------------------------------------------
    def start_io(self, stdin: Any = None, stdout: Any = None) -> None:
        """Serve on stdio with rolint's resynchronising reader (see transport)."""
        transport.serve_stdio(self)

    def start_tcp(self, host: str, port: int) -> None:
        transport.serve_tcp(self, host, port)

    def shutdown(self) -> None:
        """Stop without waiting for threads (the stdin reader may block until EOF)."""
        self.scheduler.shutdown()
        self.project.stop()
        if self._stop_event is not None:
            self._stop_event.set()
        if self._thread_pool:
            self._thread_pool.shutdown(wait=False, cancel_futures=True)
        if self._server:
            self._server.close()

    # -- text sync (called by the protocol) ---------------------------------------------
    def did_open(self, params: types.DidOpenTextDocumentParams) -> None:
        item = params.text_document
        scheduler = self.scheduler
        old = scheduler.docs.get(item.uri)
        if old is not None:
            scheduler.forget(old)
        doc = OpenDocument(
            item.uri, item.text, item.version, item.language_id, uri_to_path(item.uri)
        )
        st = scheduler.docs[item.uri] = DocState(doc)
        scheduler.activity += 1
        if self.pull_mode:
            if item.uri in self.workspace_published:  # the pull results take over
                self.workspace_published.discard(item.uri)
                scheduler.send(item.uri, [])
            return
        scheduler.schedule(st, 0)

    def did_change(self, params: types.DidChangeTextDocumentParams) -> None:
        uri, version = params.text_document.uri, params.text_document.version
        st = self.scheduler.docs.get(uri)
        if st is None:
            self.log_client("warning", f"didChange pentru un document nedeschis: {uri}")
            return
        st.doc.apply(params.content_changes, self.encoding)
        if st.doc.version is not None and version is not None and version < st.doc.version:
            self.log_client(
                "warning",
                f"didChange {uri}: versiunea {version} e mai mică decât {st.doc.version}",
            )
        st.doc.version = version
        st.edits += 1
        self.scheduler.activity += 1
        self.scheduler.schedule(st, self.project.settings_for(st.folder).debounce_ms)

    def did_close(self, params: types.DidCloseTextDocumentParams) -> None:
        st = self.scheduler.docs.pop(params.text_document.uri, None)
        if st is None:
            return
        self.scheduler.forget(st)
        if not self.pull_mode:
            self.scheduler.send(st.doc.uri, [])


def create_server() -> RolintServer:
    ls = RolintServer()
    _register_lifecycle(ls)
    _register_documents(ls)
    _register_workspace(ls)
    _register_commands(ls)
    return ls


def _register_lifecycle(ls: RolintServer) -> None:
    @ls.feature(types.INITIALIZE)
    def initialize(ls: RolintServer, params: types.InitializeParams) -> None:
        ls.encoding = encoding_of(ls.workspace.position_encoding)
        caps = params.capabilities
        pull = caps.text_document is not None and caps.text_document.diagnostic is not None
        refresh = ls.cap("workspace.diagnostics.refresh_support")
        ls.pull_mode = bool(pull and refresh)
        ls.project.initial_settings = settings_mod.parse(params.initialization_options)
        ls.project.global_settings = ls.project.initial_settings
        ls.ready = asyncio.Event()

    @ls.feature(types.INITIALIZED)
    async def initialized(ls: RolintServer, params: types.InitializedParams) -> None:
        assert ls.ready is not None
        ls.project.warn(ls.project.global_settings, "initializationOptions")
        try:
            await ls.project.pull_settings()
        finally:
            ls.ready.set()
        ls.log_client(
            "info",
            f"rolint {__version__}: poziții {ls.encoding}, diagnostice "
            f"{'pull' if ls.pull_mode else 'push'}",
        )
        await _watch_project_files(ls)
        await ls.project.poll()
        ls.project.start_polling()

    @ls.feature(types.SHUTDOWN)
    def shutdown(ls: RolintServer, params: None) -> None:
        for st in ls.scheduler.docs.values():
            st.closed = True
            if st.timer is not None:
                st.timer.cancel()
        ls.project.stop()


async def _watch_project_files(ls: RolintServer) -> None:
    if not ls.cap("workspace.did_change_watched_files.dynamic_registration"):
        return
    watchers = [types.FileSystemWatcher(glob_pattern=g) for g in WATCH_GLOBS]
    options = types.DidChangeWatchedFilesRegistrationOptions(watchers=watchers)
    registration = types.Registration(
        id=WATCH_ID, method=types.WORKSPACE_DID_CHANGE_WATCHED_FILES, register_options=options
    )
    try:
        await ls.client_register_capability_async(
            types.RegistrationParams(registrations=[registration])
        )
    except Exception as exc:
        ls.log_client("warning", f"nu pot urmări fișierele proiectului: {exc!r}")


def _register_documents(ls: RolintServer) -> None:
    @ls.feature(types.TEXT_DOCUMENT_DID_SAVE)
    async def did_save(ls: RolintServer, params: types.DidSaveTextDocumentParams) -> None:
        await ls.project.poll()  # a save is a good moment to notice project files
        st = ls.scheduler.docs.get(params.text_document.uri)
        if st is not None:
            st.published_id = None  # publish on save even when nothing changed
            ls.scheduler.schedule(st, 0)

    @ls.feature(
        types.TEXT_DOCUMENT_DIAGNOSTIC,
        types.DiagnosticOptions(
            inter_file_dependencies=False, workspace_diagnostics=False, identifier="rolint"
        ),
    )
    async def pull(ls: RolintServer, params: types.DocumentDiagnosticParams) -> Any:
        st = ls.scheduler.docs.get(params.text_document.uri)
        if st is None:
            return {"kind": "full", "items": []}
        res = await ls.scheduler.fresh(st)
        items, result_id = languagetool_lane.pulled(ls, st, res)
        if params.previous_result_id and params.previous_result_id == result_id:
            return {"kind": "unchanged", "resultId": result_id}
        return JsonData({"kind": "full", "resultId": result_id, "items": items})

    @ls.feature(types.TEXT_DOCUMENT_HOVER)
    async def hover(ls: RolintServer, params: types.HoverParams) -> types.Hover | None:
        found = await ls.scheduler.checked(params.text_document.uri)
        if found is None:
            return None
        _, res = found
        assert res.doc is not None
        markdown = "markdown" in (ls.cap("text_document.hover.content_format") or ["markdown"])
        return actions.hover(res, offset_at(res.doc, params.position, res.encoding), markdown)

    @ls.feature(
        types.TEXT_DOCUMENT_CODE_ACTION,
        types.CodeActionOptions(
            code_action_kinds=[types.CodeActionKind.QuickFix, actions.FIX_ALL_KIND],
            resolve_provider=True,
        ),
    )
    async def code_action(ls: RolintServer, params: types.CodeActionParams) -> Any:
        checked = await ls.scheduler.checked(params.text_document.uri)
        if checked is None:
            return None
        st, res = checked
        lazy = "edit" in (ls.cap("text_document.code_action.resolve_support.properties") or [])
        style = commands.edit_style(ls)
        found = actions.code_actions(res, st.doc.uri, st.doc.version, params, style)
        for action in [] if lazy else found:
            if action.edit is None and action.command is None and action.data is not None:
                await commands.resolve(ls, action)  # a client that cannot resolve: now
        return found

    @ls.feature(types.CODE_ACTION_RESOLVE)
    async def resolve(ls: RolintServer, action: types.CodeAction) -> types.CodeAction:
        await commands.resolve(ls, action)
        return action


def _register_workspace(ls: RolintServer) -> None:
    @ls.feature(types.WORKSPACE_DID_CHANGE_CONFIGURATION)
    async def did_change_configuration(
        ls: RolintServer, params: types.DidChangeConfigurationParams
    ) -> None:
        pushed = params.settings
        if isinstance(pushed, dict) and (
            settings_mod.SECTION in pushed or "rules" in pushed or "debounceMs" in pushed
        ):
            ls.project.set_global(pushed, "didChangeConfiguration")
        await ls.project.pull_settings()
        ls.project.invalidate("setările editorului s-au schimbat")

    @ls.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    async def watched(ls: RolintServer, params: types.DidChangeWatchedFilesParams) -> None:
        await ls.project.poll()

    @ls.feature(types.WORKSPACE_DID_CHANGE_WORKSPACE_FOLDERS)
    async def folders_changed(
        ls: RolintServer, params: types.DidChangeWorkspaceFoldersParams
    ) -> None:
        await ls.project.pull_settings()
        ls.project.invalidate("dosarele spațiului de lucru s-au schimbat")


def _register_commands(ls: RolintServer) -> None:
    # Registered here: pygls reads the handlers' annotations, which must name the class.
    @ls.command(commands.FIX_ALL)
    async def fix_all(ls: RolintServer, *args: Any) -> Any:
        return await commands.apply_fix_all(ls, commands.arg_str(args, 0, "uri"))

    @ls.command(commands.ADD_WORD)
    async def add_word(ls: RolintServer, *args: Any) -> Any:
        uri, word = commands.arg_str(args, 0, "uri"), commands.arg_str(args, 1, "word")
        return await commands.add_to_vocabulary(ls, uri, word)

    @ls.command(commands.CHECK_WORKSPACE)
    async def check_workspace(ls: RolintServer, *args: Any) -> Any:
        return await commands.check_workspace(ls)


def _setup_logging() -> None:
    level = os.environ.get("ROLINT_LSP_LOG", "warning").upper()
    logging.basicConfig(
        level=getattr(logging, level, logging.WARNING),
        stream=sys.stderr,
        format="rolint-lsp %(levelname)s %(name)s: %(message)s",
    )
    # pygls logs every message body at INFO; keep it quiet unless asked for debug.
    if level != "DEBUG":
        logging.getLogger("pygls").setLevel(logging.WARNING)


_F_SETPIPE_SZ = 1031  # Linux fcntl: set a pipe's capacity
_PIPE_BYTES = 1 << 20


def _widen_pipe(stream: Any) -> None:
    """Let one publication of hundreds of diagnostics (~100 KB) fit in the stdout pipe,
    so the event loop does not wait for the editor to read it in 64 KB steps. Linux
    only; elsewhere, or for a file or terminal, nothing changes."""
    try:
        import fcntl

        fcntl.fcntl(stream.fileno(), _F_SETPIPE_SZ, _PIPE_BYTES)
    except (ImportError, OSError, ValueError, AttributeError):
        pass


def run(tcp: bool = False, host: str = "127.0.0.1", port: int = 2087) -> int:
    """Serve LSP on stdio (default) or TCP until the client says exit (or goes away)."""
    _setup_logging()
    gc_tuning.tune()
    ls = create_server()
    try:
        if tcp:
            ls.start_tcp(host, port)
        else:
            _widen_pipe(sys.stdout)
            ls.start_io()
    except (KeyboardInterrupt, SystemExit):
        pass
    finally:
        ls.shutdown()
    code = 0 if ls.protocol._shutdown else 1
    if isinstance(ls.protocol.writer, transport.QueuedWriter):
        ls.protocol.writer.close()  # what is still queued goes out first
    # Threads blocked on stdin must not keep the process alive after `exit`.
    with contextlib.suppress(OSError, ValueError):
        sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)
