"""A whole document through LanguageTool: blocks in parallel, a paragraph cache, a
deadline, and a breaker so a dead or hung server costs one timeout, not one per block.

One :class:`Service` per process (:func:`service`) is shared by every door. Nothing
here ever raises for a server problem: the outcome says what happened (``complete``
and a Romanian ``notice``) and the built-in findings go on without LanguageTool's.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from typing import Any

from rolint.diagnostic import Diagnostic
from rolint.document import RELATED_KINDS, Document
from rolint.languagetool import local
from rolint.languagetool.annotate import Request, request_for
from rolint.languagetool.client import Client, RequestFailed
from rolint.languagetool.convert import to_diagnostics
from rolint.languagetool.settings import LTSettings

MAX_PARALLEL = 4  # requests in flight per process (LanguageTool has few cores too)
CACHE_ENTRIES = 4096  # paragraphs
COOL_OFF = 5.0  # seconds without requests after a failure; then it tries again

Matches = list[dict[str, Any]]


@dataclass
class Pending:
    """Requests of one document on their way (see :meth:`Service.submit`)."""

    doc: Document
    settings: LTSettings
    parts: list[tuple[Request, Matches | Future[Matches] | None]] = field(default_factory=list)
    notice: str | None = None


@dataclass
class Outcome:
    """LanguageTool's diagnostics for a document (not merged), and what went wrong."""

    diagnostics: list[Diagnostic]
    complete: bool
    notice: str | None = None


class Service:
    """Clients, the local server, the paragraph cache and the breaker of one process."""

    def __init__(self, max_parallel: int = MAX_PARALLEL) -> None:
        self.pool = ThreadPoolExecutor(max_parallel, thread_name_prefix="rolint-lt")
        self._lock = threading.Lock()
        self._clients: dict[tuple[str, LTSettings], Client] = {}
        self._cache: OrderedDict[tuple[Any, ...], Matches] = OrderedDict()
        self._down_until = 0.0
        self._down_reason = ""
        self._starting: threading.Thread | None = None
        self._start_error = ""
        self.sent = 0  # requests sent (benchmarks read it)

    # -- the server -------------------------------------------------------------------
    def url(self, settings: LTSettings, wait_s: float = 0.0) -> str | None:
        """The server's URL; a local one is started in the background (waiting up to
        ``wait_s`` for it). None: not available now (see :attr:`reason`)."""
        if settings.url:
            return settings.url
        srv = local.current()
        if srv is not None and srv.alive():
            return srv.url
        with self._lock:
            if self._starting is None or not self._starting.is_alive():
                self._start_error = ""
                self._starting = threading.Thread(target=self._start, daemon=True)
                self._starting.start()
            starting = self._starting
        if wait_s > 0:
            starting.join(wait_s)
        srv = local.current()
        return srv.url if srv is not None and srv.alive() else None

    def _start(self) -> None:
        try:
            local.ensure()
        except local.Unavailable as exc:
            self._start_error = str(exc)

    def reason(self) -> str:
        return self._start_error or self._down_reason or "serverul LanguageTool pornește"

    def _client(self, url: str, settings: LTSettings) -> Client:
        key = (url, settings)
        with self._lock:
            found = self._clients.get(key)
        if found is None:
            found = Client(url, settings)
            with self._lock:
                self._clients[key] = found
        return found

    def _failed(self, url: str, reason: str) -> None:
        with self._lock:
            self._down_until = time.monotonic() + COOL_OFF
            self._down_reason = reason
            for key in [k for k in self._clients if k[0] == url]:
                del self._clients[key]

    def down(self) -> bool:
        return time.monotonic() < self._down_until

    # -- requests ---------------------------------------------------------------------
    def _send(self, url: str, settings: LTSettings, req: Request, key: tuple[Any, ...]) -> Matches:
        if self.down():
            raise RequestFailed(self._down_reason)
        try:
            client = self._client(url, settings)
            self.sent += 1
            if req.annotated:
                matches: Matches = client.check(annotation=req.payload())
            else:
                matches = client.check(req.sent)
        except RequestFailed as exc:
            self._failed(url, str(exc))
            raise
        with self._lock:
            self._down_until = 0.0
            self._cache[key] = matches
            if len(self._cache) > CACHE_ENTRIES:
                self._cache.popitem(last=False)
        return matches

    def submit(self, doc: Document, settings: LTSettings, wait_s: float = 0.0) -> Pending:
        """Send every block of ``doc`` not already in the paragraph cache."""
        pending = Pending(doc, settings)
        url = self.url(settings, wait_s)
        for block, text in zip(doc.blocks, doc.block_texts, strict=True):
            if block.kind in RELATED_KINDS or not text.strip():
                continue
            req = request_for(doc, block)
            key = (settings, req.key)
            with self._lock:
                cached = self._cache.get(key)
                if cached is not None:
                    self._cache.move_to_end(key)
            if cached is not None:
                pending.parts.append((req, cached))
            elif url is None or self.down():
                pending.parts.append((req, None))
            else:
                pending.parts.append((req, self.pool.submit(self._send, url, settings, req, key)))
        if url is None:
            pending.notice = self.reason()
        return pending

    def collect(
        self, pending: Pending, rule_settings: dict[str, str], deadline: float | None = None
    ) -> Outcome:
        """Wait for ``pending`` (until ``deadline``, a ``time.monotonic()`` value) and
        convert what came back."""
        futures = [p for _, p in pending.parts if isinstance(p, Future)]
        if futures:
            timeout = None if deadline is None else max(0.0, deadline - time.monotonic())
            wait(futures, timeout)
        out: list[Diagnostic] = []
        complete, notice = pending.notice is None, pending.notice
        for req, part in pending.parts:
            matches: Matches | None = None
            if isinstance(part, Future):
                if part.done() and part.exception() is None:
                    matches = part.result()
                elif part.done():
                    notice = notice or str(part.exception())
                else:
                    notice = notice or "serverul LanguageTool nu a răspuns în timpul alocat"
            else:
                matches = part
            if matches is None:
                complete = False
                notice = notice or self.reason()
                continue
            out.extend(to_diagnostics(pending.doc, req, matches, rule_settings))
        return Outcome(out, complete, None if complete else notice)

    def check(
        self,
        doc: Document,
        settings: LTSettings,
        rule_settings: dict[str, str] | None = None,
        deadline: float | None = None,
        wait_s: float = 0.0,
    ) -> Outcome:
        return self.collect(self.submit(doc, settings, wait_s), rule_settings or {}, deadline)

    def clear_cache(self) -> None:
        with self._lock:
            self._cache.clear()


_service: Service | None = None
_service_lock = threading.Lock()


def service() -> Service:
    """This process's one Service."""
    global _service
    with _service_lock:
        if _service is None:
            _service = Service()
        return _service


def speller_accepts(cfg: Any, path: str | None) -> Callable[[str], bool] | None:
    """``accepts(word)`` from our spelling/unknown rule under ``cfg`` (None: rule off)."""
    from rolint.linter import engine_for
    from rolint.spelling.tokens import normalise

    rule = next((r for r in engine_for(cfg, path).rules if r.id == "spelling/unknown"), None)
    checker = getattr(rule, "checker", None) if rule is not None else None
    if checker is None:
        return None

    def accepts(word: str) -> bool:
        word = word.strip()
        if not word:
            return False
        if word[0].isupper() and not checker.check_capitalised:
            return True  # names: our speller leaves capitalised words alone on purpose
        return bool(checker.known(normalise(word)))

    return accepts
