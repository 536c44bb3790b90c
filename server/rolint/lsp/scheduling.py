"""When documents are checked, on which lane, and what gets published.

* Each open document has a key ``(edits, generation)``: ``edits`` counts changes to its
  text, ``generation`` counts changes of settings, rolint.toml or vocabulary files. A
  result is current when its key is the document's key. A check notices between its
  stages when the key has moved on and gives up (:class:`~rolint.lsp.checks.Stale`);
  only current results are published or used by requests.
* Two lanes (see :mod:`rolint.lsp.lanes`): the interactive one for documents being
  edited, and the bulk one for documents over ``checks.BULK_CHARS`` and workspace checks.
* Push mode: open and save check at once, a change checks after ``debounceMs`` (a
  burst of changes coalesces into one check). Pull mode: nothing is pushed for open
  documents; pulls get the current result.
* Extra sources of diagnostics (e.g. a LanguageTool lane) plug in with
  :meth:`Scheduler.add_source`: an async function of the current result returning more
  LSP diagnostics (JSON data), merged in before publishing (a source that fails or is
  late is logged and left out; it never holds back rolint's own diagnostics for long).
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import logging
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any

from lsprotocol import types
from pygls.exceptions import JsonRpcContentModified, JsonRpcInvalidParams

from rolint import gc_tuning
from rolint.config import Config
from rolint.lsp import checks, lanes, languagetool_lane
from rolint.lsp import settings as settings_mod
from rolint.lsp.checks import CheckResult, Snapshot, Stale
from rolint.lsp.convert import JsonData
from rolint.lsp.documents import OpenDocument

if TYPE_CHECKING:
    from rolint.lsp.server import RolintServer

log = logging.getLogger("rolint.lsp")

WARM_UP_IDLE = 1.0  # seconds without edits before the one-time warm-up
READY_TIMEOUT = 5.0
SOURCE_TIMEOUT = 10.0  # seconds an extra source may take before it is left out

#: an extra source: current result → more LSP diagnostics (JSON data) for it
Source = Callable[[CheckResult], Awaitable[list[dict[str, Any]]]]


class DocState:
    """An open document plus its scheduling state."""

    def __init__(self, doc: OpenDocument) -> None:
        self.doc = doc
        self.edits = 0
        self.fmt: str | None = None
        self.folder: Any = None
        self.timer: asyncio.TimerHandle | None = None
        self.running: asyncio.Future[None] | None = None
        self.publisher: asyncio.Future[None] | None = None
        self.result: CheckResult | None = None
        self.published_id: str | None = None
        self.published_version: int | None = None
        self.closed = False


class Scheduler:
    """Open documents, their checks, and publication."""

    def __init__(self, ls: RolintServer) -> None:
        self.ls = ls
        self.docs: dict[str, DocState] = {}
        self.lanes = lanes.Lanes()
        self.sources: list[Source] = []
        self.activity = 0  # document opens and edits so far (see _warm_up_when_idle)
        self._result_ids = itertools.count(1)
        self._warm: asyncio.Future[None] | None = None

    def add_source(self, source: Source) -> None:
        """Merge ``source``'s diagnostics into every publication and pull (see module doc)."""
        self.sources.append(source)

    # -- documents ----------------------------------------------------------------------
    def key(self, st: DocState) -> tuple[int, int]:
        return (st.edits, self.ls.project.generation)

    def fmt_of(self, st: DocState) -> str | None:
        if st.fmt is None:
            project = self.ls.project
            st.folder = project.folder_for(st.doc.path)
            st.fmt = (
                settings_mod.format_for(
                    project.settings_for(st.folder),
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
            self.ls.project.settings_for(st.folder),
            self.ls.encoding,
            st.result,
        )

    def forget(self, st: DocState) -> None:
        """The document is closed or replaced: stop its timer, drop its result."""
        st.closed = True
        if st.timer is not None:
            st.timer.cancel()
        st.result = None
        self.lanes.forget(st.doc.uri)
        languagetool_lane.forget(self.ls, st.doc.uri)

    # -- checking ---------------------------------------------------------------------------
    async def _check(self, st: DocState) -> None:
        ready = self.ls.ready
        if ready is not None and not ready.is_set():
            with contextlib.suppress(asyncio.TimeoutError):
                await asyncio.wait_for(ready.wait(), READY_TIMEOUT)
        snap = self.snapshot(st)
        if snap is None:
            st.result = CheckResult(
                self.key(st), st.doc.text, None, [], [], self.ls.encoding, result_id="skip"
            )
            return
        try:
            result = await self.lanes.check(st.doc.uri, snap, lambda: self.key(st) != snap.key)
        except Stale:
            return
        if not await self.ls.project.still_valid(result.stamps):
            return
        for level, text in result.messages:
            if level == "error":
                self.ls.show_once(level, text)
            else:
                self.ls.log_client(level, text)
        if self.sources and result.doc is not None:
            result.items = result.items + await self._extra_items(result)
        if result.key == self.key(st) and not st.closed:
            result.result_id = str(next(self._result_ids))
            st.result = result
        self._warm_up_once(result)

    async def _extra_items(self, result: CheckResult) -> list[dict[str, Any]]:
        """Diagnostics of the extra sources for ``result`` (see :meth:`add_source`)."""
        out: list[dict[str, Any]] = []
        for source in self.sources:
            try:
                out.extend(await asyncio.wait_for(source(result), SOURCE_TIMEOUT))
            except Exception as exc:
                self.ls.log_client("warning", f"o sursă de diagnostice a eșuat: {exc!r}")
        return out

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
        try:
            await self.lanes.run(False, checks.warm_up, cfg, path)
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

    # -- push mode ----------------------------------------------------------------------
    def schedule(self, st: DocState, delay_ms: float) -> None:
        """Push mode: publish fresh diagnostics after ``delay_ms`` (restarts the timer)."""
        if self.ls.pull_mode or st.closed:
            return
        if st.timer is not None:
            st.timer.cancel()
        loop = asyncio.get_running_loop()
        st.timer = loop.call_later(max(delay_ms, 0) / 1000, self._kick, st)

    def schedule_all(self) -> None:
        for st in list(self.docs.values()):
            st.fmt = None  # language/extension mapping may have changed
            self.schedule(st, 0)

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
            self.ls.log_client(
                "error", f"verificarea {st.doc.uri} a eșuat: {type(exc).__name__}: {exc}"
            )

    def publish(self, st: DocState, res: CheckResult) -> None:
        """Publish ``res`` for the document; a version never goes backwards (a client
        that sent an older version than one already published gets no version)."""
        st.published_id = res.result_id
        version = st.doc.version
        last = st.published_version
        if version is not None and last is not None and version < last:
            version = None
        if version is not None:
            st.published_version = version
        self.send(st.doc.uri, res.items, version)
        languagetool_lane.after_publish(self.ls, st, res)  # LanguageTool's, when they arrive

    def send(self, uri: str, items: list[dict[str, Any]], version: int | None = None) -> None:
        """``textDocument/publishDiagnostics`` with the items as plain JSON data."""
        params: dict[str, Any] = {"uri": uri, "diagnostics": items}
        if version is not None:
            params["version"] = version
        self.ls.protocol.notify(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS, JsonData(params))

    def shutdown(self) -> None:
        for st in self.docs.values():
            st.closed = True
            if st.timer is not None:
                st.timer.cancel()
        self.lanes.shutdown()
