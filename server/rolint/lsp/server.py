"""``rolint lsp``: the language server (pygls + lsprotocol, stdio or TCP).

How work flows
--------------
* The asyncio event loop reads messages and keeps the text of open documents
  (:mod:`rolint.lsp.documents`: incremental sync, positions through the one LineIndex).
* Checks run off the loop on the lint thread (:mod:`rolint.lsp.checks`); documents over
  a million characters and workspace checks on a second, bulk thread. The shared
  engine's block cache means a re-check after an edit runs rules only on the touched
  blocks plus the document-level rules; the result equals a full check by
  construction. File I/O of commands and polls runs on a third thread.
* Each open document has a key ``(edits, generation)``: ``edits`` counts changes to its
  text, ``generation`` counts changes of settings, rolint.toml or vocabulary files. A
  result is current when its key is the document's key. A check notices between its
  stages when the key has moved on and gives up (:class:`~rolint.lsp.checks.Stale`);
  only current results are published or used by requests.
* Push mode (every client without pull+refresh): open and save check at once, a
  change checks after ``debounceMs`` (a burst of changes coalesces into one check).
  Pull mode (clients that support ``textDocument/diagnostic`` and
  ``workspace/diagnostic/refresh``, e.g. VS Code): nothing is pushed for open
  documents; pulls get the current result and a refresh is requested when settings
  or project files change.
* Requests that need results (hover, code actions, pulls, commands) await the current
  result; cancelling them never cancels the shared check. Nothing slow runs on the
  event loop, so a slow rule delays only results, never other requests.
* Errors are logged to the client (``window/logMessage``) and to stderr; a handler
  that fails answers with an error, the server goes on.
"""

from __future__ import annotations

import asyncio
import contextlib
import inspect
import itertools
import logging
import os
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from lsprotocol import types
from pygls.exceptions import (
    JsonRpcContentModified,
    JsonRpcException,
    JsonRpcInternalError,
    JsonRpcInvalidParams,
)
from pygls.lsp.server import LanguageServer
from pygls.protocol import LanguageServerProtocol
from pygls.protocol.language_server import lsp_method

from rolint import __version__, gc_tuning
from rolint.config import Config
from rolint.lsp import actions, checks, languagetool_lane
from rolint.lsp import settings as settings_mod
from rolint.lsp.checks import CheckResult, Snapshot, Stale
from rolint.lsp.convert import JsonData, converter_factory, encoding_of, message_text, offset_at
from rolint.lsp.documents import OpenDocument, path_to_uri, uri_to_path
from rolint.lsp.settings import Settings
from rolint.positions import Encoding

log = logging.getLogger("rolint.lsp")

CMD_FIX_ALL = "rolint.fixAll"
CMD_ADD_WORD = "rolint.addToVocabulary"
CMD_CHECK_WORKSPACE = "rolint.checkWorkspace"
POLL_SECONDS = 2.0
WARM_UP_IDLE = 1.0  # seconds without edits before the one-time warm-up
CONFIG_TIMEOUT = 5.0
WATCH_ID = "rolint-watch-project-files"
WATCH_GLOBS = (
    "**/rolint.toml",
    "**/.rolint.toml",
    "**/pyproject.toml",
    "**/.rolint/*.txt",
    "**/vocabular/*.txt",
    "**/vocabulary/*.txt",
)


_PENDING_WRITES: set[asyncio.Future[Any]] = set()


class DocState:
    """An open document plus its scheduling state."""

    def __init__(self, doc: OpenDocument) -> None:
        self.doc = doc
        self.edits = 0
        self.fmt: str | None = None
        self.folder: Path | None = None
        self.timer: asyncio.TimerHandle | None = None
        self.running: asyncio.Future[None] | None = None
        self.publisher: asyncio.Future[None] | None = None
        self.result: CheckResult | None = None
        self.published_id: str | None = None
        self.closed = False


class RolintProtocol(LanguageServerProtocol):
    """pygls' protocol with rolint's text store, encoding choice and error answers."""

    _server: RolintServer

    @lsp_method(types.INITIALIZE)
    def lsp_initialize(self, params: types.InitializeParams) -> Any:
        _prefer_utf8(params.capabilities)
        result = yield from super().lsp_initialize(params)
        self._server.adjust_capabilities(result.capabilities)
        return result

    # Text sync goes to the server's own store (no second copy in pygls' workspace).
    @lsp_method(types.TEXT_DOCUMENT_DID_OPEN)
    def lsp_text_document__did_open(self, params: types.DidOpenTextDocumentParams) -> Any:
        if (handler := self.fm.features.get(types.TEXT_DOCUMENT_DID_OPEN)) is not None:
            yield handler, (params,), None

    @lsp_method(types.TEXT_DOCUMENT_DID_CHANGE)
    def lsp_text_document__did_change(self, params: types.DidChangeTextDocumentParams) -> Any:
        if (handler := self.fm.features.get(types.TEXT_DOCUMENT_DID_CHANGE)) is not None:
            yield handler, (params,), None

    @lsp_method(types.TEXT_DOCUMENT_DID_CLOSE)
    def lsp_text_document__did_close(self, params: types.DidCloseTextDocumentParams) -> Any:
        if (handler := self.fm.features.get(types.TEXT_DOCUMENT_DID_CLOSE)) is not None:
            yield handler, (params,), None

    def get_message_type(self, method: str) -> Any:  # type: ignore[override]
        """Diagnostics are published as plain JSON data (see convert.diagnostic_json)."""
        if method == types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS:
            return None
        return super().get_message_type(method)

    def _send_data(self, data: Any) -> None:
        """Messages carrying :class:`JsonData` (diagnostics) are encoded here: compact
        UTF-8 JSON in which each diagnostic's text is encoded once and reused by later
        publications (see ``convert.json_text``); pygls encodes every other message."""
        body = message_text(data) if data else None
        if body is None or self.writer is None:
            super()._send_data(data)
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

    def structure_message(self, data: dict[str, Any]) -> Any:
        """A request whose params do not parse gets an error answer (not silence)."""
        try:
            return super().structure_message(data)
        except JsonRpcException as exc:
            if isinstance(data, dict) and "id" in data and "method" in data:
                self._send_response(data["id"], error=exc.to_response_error())
            raise


def _prefer_utf8(caps: types.ClientCapabilities) -> None:
    """Make pygls pick UTF-8 when the client offers it, else UTF-16 (the LSP default)."""
    general = caps.general
    if general is None or not general.position_encodings:
        return
    order = {"utf-8": 0, "utf-16": 1}
    general.position_encodings = sorted(
        general.position_encodings, key=lambda e: order.get(str(getattr(e, "value", e)), 2)
    )


class RolintServer(LanguageServer):
    def __init__(self) -> None:
        super().__init__(
            "rolint",
            __version__,
            text_document_sync_kind=types.TextDocumentSyncKind.Incremental,
            protocol_cls=RolintProtocol,
            converter_factory=converter_factory,
        )
        self.docs: dict[str, DocState] = {}
        self.encoding: Encoding = "utf-16"
        self.pull_mode = False
        self.initial_settings = Settings()
        self.global_settings = Settings()
        self.folder_settings: dict[Path, Settings] = {}
        self.generation = 0
        self.lint_pool = ThreadPoolExecutor(1, thread_name_prefix="rolint-lint")
        self.bulk_pool = ThreadPoolExecutor(1, thread_name_prefix="rolint-bulk")
        self.io_pool = ThreadPoolExecutor(1, thread_name_prefix="rolint-io")
        self.ready: asyncio.Event | None = None
        self._stamps: dict[str, tuple[int, int]] = {}
        self._poll_task: asyncio.Task[None] | None = None
        self._shown: set[str] = set()
        self._workspace_published: set[str] = set()
        self._result_ids = itertools.count(1)
        self._warm: asyncio.Future[None] | None = None
        self.activity = 0  # document opens and edits so far (see _warm_up_when_idle)

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
        kind = {
            "error": types.MessageType.Error,
            "warning": types.MessageType.Warning,
            "info": types.MessageType.Info,
        }.get(level, types.MessageType.Log)
        getattr(log, level if level in ("error", "warning", "info") else "debug")(message)
        try:
            self.window_log_message(types.LogMessageParams(type=kind, message=message))
        except Exception:  # the transport may be gone
            log.debug("cannot log to the client", exc_info=True)

    def show_once(self, level: str, message: str) -> None:
        """``window/showMessage`` once per distinct text (config errors, notices)."""
        self.log_client(level, message)
        if message in self._shown:
            return
        self._shown.add(message)
        kind = {"error": types.MessageType.Error, "warning": types.MessageType.Warning}.get(
            level, types.MessageType.Info
        )
        try:
            self.window_show_message(types.ShowMessageParams(type=kind, message=message))
        except Exception:
            log.debug("cannot show a message", exc_info=True)

    def report_server_error(self, error: Exception, source: Any) -> None:
        """pygls' error hook: log to the client instead of popping up a dialog."""
        self.log_client("error", f"rolint: eroare internă: {type(error).__name__}: {error}")

    def shutdown(self) -> None:
        """Stop without waiting for threads (the stdin reader may block until EOF)."""
        for st in self.docs.values():
            if st.timer is not None:
                st.timer.cancel()
        if self._poll_task is not None:
            self._poll_task.cancel()
        self.lint_pool.shutdown(wait=False, cancel_futures=True)
        self.bulk_pool.shutdown(wait=False, cancel_futures=True)
        self.io_pool.shutdown(wait=False, cancel_futures=True)
        if self._stop_event is not None:
            self._stop_event.set()
        if self._thread_pool:
            self._thread_pool.shutdown(wait=False, cancel_futures=True)
        if self._server:
            self._server.close()

    def pool(self, bulk: bool) -> ThreadPoolExecutor:
        return self.bulk_pool if bulk else self.lint_pool

    # -- settings ----------------------------------------------------------------------
    def folders(self) -> list[Path]:
        out = []
        for folder in self.workspace.folders.values():
            path = uri_to_path(folder.uri)
            if path is not None:
                out.append(path)
        root = self.workspace.root_path
        if not out and root:
            out.append(Path(root))
        return out

    def folder_for(self, path: Path | None) -> Path | None:
        folders = self.folders()
        if path is not None:
            found = checks.folder_of(path, folders)
            if found is not None:
                return found
        return folders[0] if len(folders) == 1 and path is None else None

    def settings_for(self, folder: Path | None) -> Settings:
        if folder is not None and folder in self.folder_settings:
            return self.folder_settings[folder]
        return self.global_settings

    def _warn_settings(self, settings: Settings, where: str) -> None:
        for w in settings.warnings:
            self.log_client("warning", f"setări rolint ({where}): {w}")

    async def pull_settings(self) -> None:
        """Ask the client for section ``rolint`` (global and per workspace folder)."""
        if not self.cap("workspace.configuration"):
            return
        folders = [
            (f, w.uri)
            for w in self.workspace.folders.values()
            if (f := uri_to_path(w.uri)) is not None
        ]
        items = [types.ConfigurationItem(section=settings_mod.SECTION)]
        items += [
            types.ConfigurationItem(scope_uri=uri, section=settings_mod.SECTION)
            for _, uri in folders
        ]
        try:
            values = await asyncio.wait_for(
                self.workspace_configuration_async(types.ConfigurationParams(items=items)),
                CONFIG_TIMEOUT,
            )
        except (TimeoutError, Exception) as exc:
            self.log_client("warning", f"nu am putut citi setările clientului: {exc!r}")
            return
        values = list(values or [])
        if values and isinstance(values[0], dict):
            self.global_settings = settings_mod.parse(values[0])
            self._warn_settings(self.global_settings, "global")
        per_folder = {}
        for (folder, _), value in zip(folders, values[1:], strict=False):
            if isinstance(value, dict):
                per_folder[folder] = settings_mod.parse(value)
                self._warn_settings(per_folder[folder], str(folder))
        self.folder_settings = per_folder

    def invalidate(self, why: str) -> None:
        """Settings or project files changed: every result is out of date."""
        self.generation += 1
        log.info("re-checking open documents: %s", why)
        for st in self.docs.values():
            st.fmt = None  # language/extension mapping may have changed
        if self.pull_mode:
            if self.cap("workspace.diagnostics.refresh_support"):
                self.protocol.send_request("workspace/diagnostic/refresh", None)
            return
        for st in list(self.docs.values()):
            self.schedule(st, 0)

    # -- documents & scheduling -----------------------------------------------------
    def key(self, st: DocState) -> tuple[int, int]:
        return (st.edits, self.generation)

    def fmt_of(self, st: DocState) -> str | None:
        if st.fmt is None:
            st.folder = self.folder_for(st.doc.path)
            st.fmt = (
                settings_mod.format_for(
                    self.settings_for(st.folder),
                    st.doc.language_id,
                    str(st.doc.path) if st.doc.path else st.doc.uri,
                )
                or ""
            )
        return st.fmt or None

    def snapshot(self, st: DocState) -> Snapshot | None:
        fmt = self.fmt_of(st)
        if fmt is None:
            return None
        return Snapshot(
            self.key(st),
            st.doc.text,
            fmt,
            st.doc.path,
            st.folder,
            self.settings_for(st.folder),
            self.encoding,
            st.result,
        )

    async def _check(self, st: DocState) -> None:
        if self.ready is not None and not self.ready.is_set():
            with contextlib.suppress(asyncio.TimeoutError):
                await asyncio.wait_for(self.ready.wait(), CONFIG_TIMEOUT)
        snap = self.snapshot(st)
        if snap is None:
            st.result = CheckResult(
                self.key(st), st.doc.text, None, [], [], self.encoding, result_id="skip"
            )
            return
        loop = asyncio.get_running_loop()
        try:
            result = await loop.run_in_executor(
                self.pool(snap.bulk), checks.check, snap, lambda: self.key(st) != snap.key
            )
        except Stale:
            return
        # What this check read, for the poll; a file that changed meanwhile outdates it.
        if any(self._stamps.setdefault(k, v) != v for k, v in result.stamps.items()):
            # A project file changed around this check: read them all now (this
            # invalidates every result if they did change) and drop this one if it
            # still disagrees.
            await self.poll_project_files()
            if any(self._stamps.get(k) != v for k, v in result.stamps.items()):
                return
        for level, text in result.messages:
            if level == "error":
                self.show_once(level, text)
            else:
                self.log_client(level, text)
        if result.key == self.key(st) and not st.closed:
            result.result_id = str(next(self._result_ids))
            st.result = result
        self._warm_up_once(result)

    def _warm_up_once(self, result: CheckResult) -> None:
        """After the first real check: freeze the loaded rules out of the collector's
        sight (gc_tuning.settle), and once the editor is idle let the rules build their
        lazily made tables on the lint thread and freeze those too. The warm-up takes
        tens of milliseconds once; done while the user types, it would delay a
        keystroke's squiggles."""
        if self._warm is not None or result.cfg is None:
            return
        gc_tuning.settle()
        self._warm = asyncio.ensure_future(self._warm_up_when_idle(result.cfg, result.path))

    async def _warm_up_when_idle(self, cfg: Config, path: str | None) -> None:
        while True:
            seen = self.activity
            await asyncio.sleep(WARM_UP_IDLE)
            if seen == self.activity:
                break
        loop = asyncio.get_running_loop()
        try:
            await loop.run_in_executor(self.lint_pool, checks.warm_up, cfg, path)
        except Exception:
            log.exception("warm-up failed")
        gc_tuning.freeze()

    async def run_check(self, st: DocState) -> None:
        """Run one check of the current text (or join the one already running)."""
        if st.running is None or st.running.done():
            st.running = asyncio.ensure_future(self._check(st))
        await asyncio.shield(st.running)

    async def fresh(self, st: DocState) -> CheckResult:
        """The result for the document as it is now (checks if needed)."""
        while True:
            if st.closed:
                raise JsonRpcContentModified(message="documentul a fost închis")
            res = st.result
            if res is not None and res.key == self.key(st):
                return res
            await self.run_check(st)

    def schedule(self, st: DocState, delay_ms: float) -> None:
        """Push mode: publish fresh diagnostics after ``delay_ms`` (restarts the timer)."""
        if self.pull_mode or st.closed:
            return
        if st.timer is not None:
            st.timer.cancel()
        loop = asyncio.get_running_loop()
        st.timer = loop.call_later(max(delay_ms, 0) / 1000, self._kick, st)

    def _kick(self, st: DocState) -> None:
        st.timer = None
        if st.publisher is None or st.publisher.done():
            st.publisher = asyncio.ensure_future(self._publish_loop(st))

    async def _publish_loop(self, st: DocState) -> None:
        try:
            while not st.closed and st.timer is None:
                res = st.result
                if res is not None and res.key == self.key(st):
                    if res.result_id != st.published_id:
                        self.publish(st, res)
                    return
                await self.run_check(st)
        except Exception as exc:
            log.exception("check failed")
            self.log_client(
                "error", f"verificarea {st.doc.uri} a eșuat: {type(exc).__name__}: {exc}"
            )

    def publish(self, st: DocState, res: CheckResult) -> None:
        st.published_id = res.result_id
        self.send_diagnostics(st.doc.uri, res.items, st.doc.version)
        languagetool_lane.after_publish(self, st, res)  # LanguageTool's, when they arrive

    def send_diagnostics(
        self, uri: str, items: list[dict[str, Any]], version: int | None = None
    ) -> None:
        """``textDocument/publishDiagnostics`` with the items as plain JSON data."""
        params: dict[str, Any] = {"uri": uri, "diagnostics": items}
        if version is not None:
            params["version"] = version
        self.protocol.notify(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS, JsonData(params))

    def state(self, uri: str) -> DocState | None:
        return self.docs.get(uri)

    async def checked(self, uri: str) -> tuple[DocState, CheckResult] | None:
        """An open, checked document and its current result (None: nothing to offer)."""
        st = self.docs.get(uri)
        if st is None:
            return None
        res = await self.fresh(st)
        return None if res.doc is None else (st, res)

    def require(self, uri: str) -> DocState:
        st = self.docs.get(uri)
        if st is None:
            raise JsonRpcInvalidParams(message=f"document nedeschis: {uri}")
        return st

    # -- actions & commands -------------------------------------------------------------
    async def resolve(self, action: types.CodeAction) -> None:
        data = action.data if isinstance(action.data, dict) else {}
        st = self.state(str(data.get("uri", "")))
        if st is None:
            return
        res = await self.fresh(st)
        loop = asyncio.get_running_loop()
        edits = await loop.run_in_executor(
            self.pool(res.bulk), checks.fix_edits, res, data.get("rule")
        )
        action.edit = actions.workspace_edit(
            res, st.doc.uri, st.doc.version, edits, self.edit_style()
        )

    def edit_style(self) -> bool:
        """True when the client takes versioned ``documentChanges`` edits."""
        return bool(self.cap("workspace.workspace_edit.document_changes"))

    async def apply_fix_all(self, uri: str) -> dict[str, Any]:
        st = self.require(uri)
        res = await self.fresh(st)
        loop = asyncio.get_running_loop()
        edits = await loop.run_in_executor(self.pool(res.bulk), checks.fix_edits, res, None)
        if not edits:
            return {"applied": True, "edits": 0}
        edit = actions.workspace_edit(res, uri, st.doc.version, edits, self.edit_style())
        answer = await self.workspace_apply_edit_async(
            types.ApplyWorkspaceEditParams(edit=edit, label="rolint: corecturi sigure")
        )
        applied = bool(getattr(answer, "applied", False))
        if not applied:
            self.log_client(
                "warning",
                f"clientul a refuzat corecturile: {getattr(answer, 'failure_reason', None)}",
            )
        return {"applied": applied, "edits": len(edits)}

    async def add_to_vocabulary(self, uri: str, word: str) -> dict[str, Any]:
        from rolint.vocabulary import VocabularyError, add_word

        st = self.state(uri)
        path = st.doc.path if st is not None else uri_to_path(uri)
        folder = self.folder_for(path)
        settings = self.settings_for(folder)

        def work() -> tuple[Path, bool, bool]:
            messages: list[tuple[str, str]] = []
            base = checks.base_config(path, folder, messages)
            target = settings_mod.vocabulary_file(base, settings, folder)
            named = bool(settings.vocabulary) or target in base.accept_files
            return target, add_word(target, word), named

        loop = asyncio.get_running_loop()
        try:
            target, added, named = await loop.run_in_executor(self.io_pool, work)
        except VocabularyError as exc:
            self.show_once("error", f"nu am adăugat cuvântul: {exc}")
            return {"added": False, "error": str(exc)}
        if added and not named:
            self.show_once(
                "info",
                f"Am creat vocabularul {target}. Ca `rolint check` să-l "
                "folosească, adăugați în rolint.toml: [vocabulary] accept = "
                f'["{_relative(target, folder)}"]',
            )
        self.log_client("info", f"„{word}” {'adăugat în' if added else 'era deja în'} {target}")
        await self.poll_project_files()  # records the new stamp ...
        self.invalidate(f"vocabular: {target}")  # ... and re-checks now, not at the next poll
        return {"added": added, "file": str(target)}

    async def check_workspace(self) -> dict[str, Any]:
        loop = asyncio.get_running_loop()
        total_files = total_diags = 0
        for folder in self.folders():
            files = await loop.run_in_executor(self.io_pool, _list_files, folder)
            settings = self.settings_for(folder)
            for path in files:
                uri = path_to_uri(path)
                st = self.docs.get(uri)
                if st is not None:
                    res = await self.fresh(st)
                    if not self.pull_mode:
                        self.publish(st, res)
                else:
                    fmt = settings_mod.format_for(settings, None, str(path)) or "text"
                    res = await loop.run_in_executor(
                        self.bulk_pool,
                        checks.check_file,
                        path,
                        fmt,
                        folder,
                        settings,
                        self.encoding,
                    )
                    for level, text in res.messages:
                        self.log_client(level, text)
                    self._workspace_published.add(uri)
                    self.send_diagnostics(uri, res.items)
                total_files += 1
                total_diags += len(res.items)
        self.log_client("info", f"rolint: {total_diags} probleme în {total_files} fișiere")
        return {"files": total_files, "diagnostics": total_diags}

    # -- polling project files --------------------------------------------------------
    def _places(self) -> list[tuple[Path, Path | None, Settings]]:
        places: dict[Path, tuple[Path, Path | None, Settings]] = {}
        for st in self.docs.values():
            if st.doc.path is not None:
                folder = self.folder_for(st.doc.path)
                places[st.doc.path.parent] = (st.doc.path.parent, folder, self.settings_for(folder))
        for folder in self.folders():
            places.setdefault(folder, (folder, folder, self.settings_for(folder)))
        return list(places.values())

    async def poll_project_files(self) -> None:
        loop = asyncio.get_running_loop()
        places = self._places()
        try:
            stamps = await loop.run_in_executor(self.io_pool, checks.config_stamps, places)
        except RuntimeError:  # pool shut down
            return
        changed = [k for k in stamps.keys() & self._stamps.keys() if stamps[k] != self._stamps[k]]
        self._stamps.update(stamps)
        if changed:
            self.invalidate("fișiere de proiect schimbate: " + ", ".join(sorted(changed)))

    async def _poll_forever(self) -> None:
        while True:
            await asyncio.sleep(POLL_SECONDS)
            try:
                await self.poll_project_files()
            except asyncio.CancelledError:
                raise
            except Exception:
                log.exception("polling project files failed")


server = None  # the instance `run` serves; created lazily so importing is cheap


def create_server() -> RolintServer:
    ls = RolintServer()
    _register(ls)
    return ls


def _register(ls: RolintServer) -> None:
    @ls.feature(types.INITIALIZE)
    def initialize(ls: RolintServer, params: types.InitializeParams) -> None:
        ls.encoding = encoding_of(ls.workspace.position_encoding)
        caps = params.capabilities
        pull = caps.text_document is not None and caps.text_document.diagnostic is not None
        refresh = ls.cap("workspace.diagnostics.refresh_support")
        ls.pull_mode = bool(pull and refresh)
        ls.initial_settings = settings_mod.parse(params.initialization_options)
        ls.global_settings = ls.initial_settings
        ls.ready = asyncio.Event()

    @ls.feature(types.INITIALIZED)
    async def initialized(ls: RolintServer, params: types.InitializedParams) -> None:
        assert ls.ready is not None
        ls._warn_settings(ls.global_settings, "initializationOptions")
        try:
            await ls.pull_settings()
        finally:
            ls.ready.set()
        ls.log_client(
            "info",
            f"rolint {__version__}: poziții {ls.encoding}, diagnostice "
            f"{'pull' if ls.pull_mode else 'push'}",
        )
        if ls.cap("workspace.did_change_watched_files.dynamic_registration"):
            watchers = [types.FileSystemWatcher(glob_pattern=g) for g in WATCH_GLOBS]
            try:
                await ls.client_register_capability_async(
                    types.RegistrationParams(
                        registrations=[
                            types.Registration(
                                id=WATCH_ID,
                                method=types.WORKSPACE_DID_CHANGE_WATCHED_FILES,
                                register_options=types.DidChangeWatchedFilesRegistrationOptions(
                                    watchers=watchers
                                ),
                            )
                        ]
                    )
                )
            except Exception as exc:
                ls.log_client("warning", f"nu pot urmări fișierele proiectului: {exc!r}")
        await ls.poll_project_files()
        ls._poll_task = asyncio.ensure_future(ls._poll_forever())

    @ls.feature(types.SHUTDOWN)
    def shutdown(ls: RolintServer, params: None) -> None:
        for st in ls.docs.values():
            st.closed = True
            if st.timer is not None:
                st.timer.cancel()
        if ls._poll_task is not None:
            ls._poll_task.cancel()

    # -- text sync ---------------------------------------------------------------------
    @ls.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: RolintServer, params: types.DidOpenTextDocumentParams) -> None:
        item = params.text_document
        old = ls.docs.get(item.uri)
        if old is not None:
            old.closed = True
        doc = OpenDocument(
            item.uri, item.text, item.version, item.language_id, uri_to_path(item.uri)
        )
        st = ls.docs[item.uri] = DocState(doc)
        ls.activity += 1
        if ls.pull_mode:
            if item.uri in ls._workspace_published:  # the pull results take over
                ls._workspace_published.discard(item.uri)
                ls.send_diagnostics(item.uri, [])
            return
        ls.schedule(st, 0)

    @ls.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: RolintServer, params: types.DidChangeTextDocumentParams) -> None:
        st = ls.docs.get(params.text_document.uri)
        if st is None:
            ls.log_client(
                "warning", f"didChange pentru un document nedeschis: {params.text_document.uri}"
            )
            return
        st.doc.apply(params.content_changes, ls.encoding)
        st.doc.version = params.text_document.version
        st.edits += 1
        ls.activity += 1
        ls.schedule(st, ls.settings_for(st.folder).debounce_ms)

    @ls.feature(types.TEXT_DOCUMENT_DID_SAVE)
    async def did_save(ls: RolintServer, params: types.DidSaveTextDocumentParams) -> None:
        await ls.poll_project_files()  # a save is a good moment to notice project files
        st = ls.docs.get(params.text_document.uri)
        if st is not None:
            st.published_id = None  # publish on save even when nothing changed
            ls.schedule(st, 0)

    @ls.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: RolintServer, params: types.DidCloseTextDocumentParams) -> None:
        st = ls.docs.pop(params.text_document.uri, None)
        if st is None:
            return
        st.closed = True
        if st.timer is not None:
            st.timer.cancel()
        languagetool_lane.forget(ls, st.doc.uri)
        if not ls.pull_mode:
            ls.send_diagnostics(st.doc.uri, [])

    # -- diagnostics (pull) ---------------------------------------------------------------
    @ls.feature(
        types.TEXT_DOCUMENT_DIAGNOSTIC,
        types.DiagnosticOptions(
            inter_file_dependencies=False, workspace_diagnostics=False, identifier="rolint"
        ),
    )
    async def pull(ls: RolintServer, params: types.DocumentDiagnosticParams) -> Any:
        st = ls.state(params.text_document.uri)
        if st is None:
            return {"kind": "full", "items": []}
        res = await ls.fresh(st)
        items, result_id = languagetool_lane.pulled(ls, st, res)
        if params.previous_result_id and params.previous_result_id == result_id:
            return {"kind": "unchanged", "resultId": result_id}
        return JsonData({"kind": "full", "resultId": result_id, "items": items})

    # -- hover & code actions -------------------------------------------------------------
    @ls.feature(types.TEXT_DOCUMENT_HOVER)
    async def hover(ls: RolintServer, params: types.HoverParams) -> types.Hover | None:
        found = await ls.checked(params.text_document.uri)
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
        checked = await ls.checked(params.text_document.uri)
        if checked is None:
            return None
        st, res = checked
        lazy = "edit" in (ls.cap("text_document.code_action.resolve_support.properties") or [])
        found = actions.code_actions(res, st.doc.uri, st.doc.version, params, ls.edit_style())
        for action in [] if lazy else found:
            if action.edit is None and action.command is None and action.data is not None:
                await ls.resolve(action)  # a client that cannot resolve gets the edit now
        return found

    @ls.feature(types.CODE_ACTION_RESOLVE)
    async def resolve(ls: RolintServer, action: types.CodeAction) -> types.CodeAction:
        await ls.resolve(action)
        return action

    # -- configuration & files ----------------------------------------------------------------
    @ls.feature(types.WORKSPACE_DID_CHANGE_CONFIGURATION)
    async def did_change_configuration(
        ls: RolintServer, params: types.DidChangeConfigurationParams
    ) -> None:
        pushed = params.settings
        if isinstance(pushed, dict) and (
            settings_mod.SECTION in pushed or "rules" in pushed or "debounceMs" in pushed
        ):
            ls.global_settings = settings_mod.parse(pushed)
            ls._warn_settings(ls.global_settings, "didChangeConfiguration")
        await ls.pull_settings()
        ls.invalidate("setările editorului s-au schimbat")

    @ls.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    async def watched(ls: RolintServer, params: types.DidChangeWatchedFilesParams) -> None:
        await ls.poll_project_files()

    @ls.feature(types.WORKSPACE_DID_CHANGE_WORKSPACE_FOLDERS)
    async def folders_changed(
        ls: RolintServer, params: types.DidChangeWorkspaceFoldersParams
    ) -> None:
        await ls.pull_settings()
        ls.invalidate("dosarele spațiului de lucru s-au schimbat")

    # -- commands --------------------------------------------------------------------------
    @ls.command(CMD_FIX_ALL)
    async def fix_all(ls: RolintServer, *args: Any) -> Any:
        uri = _arg_str(args, 0, "uri")
        return await ls.apply_fix_all(uri)

    @ls.command(CMD_ADD_WORD)
    async def add_word(ls: RolintServer, *args: Any) -> Any:
        return await ls.add_to_vocabulary(_arg_str(args, 0, "uri"), _arg_str(args, 1, "word"))

    @ls.command(CMD_CHECK_WORKSPACE)
    async def check_workspace(ls: RolintServer, *args: Any) -> Any:
        return await ls.check_workspace()


def _arg_str(args: tuple[Any, ...], index: int, name: str) -> str:
    if len(args) <= index or not isinstance(args[index], str) or not args[index]:
        raise JsonRpcInvalidParams(
            message=f"argumentul {index + 1} ({name}) lipsește sau nu este un șir"
        )
    return str(args[index])


def _list_files(folder: Path) -> list[Path]:
    return list(checks.workspace_files(folder))


def _relative(path: Path, folder: Path | None) -> str:
    if folder is not None:
        try:
            return path.relative_to(folder).as_posix()
        except ValueError:
            pass
    return str(path)


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
    # Threads blocked on stdin must not keep the process alive after `exit`.
    with contextlib.suppress(OSError, ValueError):
        sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)
