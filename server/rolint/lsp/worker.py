"""The huge-document lane: checks of documents over ``checks.BULK_CHARS`` in a worker
process of their own.

A second thread is not enough: a 10 MB check holds the interpreter lock for seconds,
and every keystroke's check in a small document then waits for it in 5 ms slices
(p95 of a small document's edit went from 10 ms to ~580 ms). A process has its own
interpreter, so on two cores the small document does not notice the big one.

* One worker, started when the first huge document is checked (``spawn``: a fresh
  interpreter, nothing inherited from the server's threads), kept warm: its engine's
  block cache makes the re-check after an edit cost the touched blocks, and it keeps
  each document's previous result to reuse the JSON of unmoved diagnostics.
* Jobs run one at a time; a check that became stale while it ran is dropped by the
  scheduler, which then checks the latest text (edits in between coalesce).
* Cancellable: closing the document (or shutting down) kills a running check; the
  worker starts again on the next huge document.
* The worker encodes the diagnostics' JSON itself and sends back only those texts, as
  one bytes object (see ``_slim``); the server keeps the whole array's text with the
  items (``convert.EncodedList``), so publishing costs the event loop no work per
  diagnostic (the writer thread sends the message in 1 MB chunks).
* The worker runs at a lower CPU priority (``WORKER_NICE``): the huge document gets
  the CPU the keystrokes' checks leave.
"""

from __future__ import annotations

import contextlib
import dataclasses
import multiprocessing
import os
import threading
from collections.abc import Callable
from multiprocessing.connection import Connection
from typing import Any

from rolint.lsp import checks
from rolint.lsp.budget import Budget
from rolint.lsp.checks import CheckResult, Snapshot, Stale
from rolint.lsp.convert import EncodedList, encoded_item, json_text

#: the worker's CPU priority below the server's: on a busy machine the kernel then
#: gives the keystrokes' checks (in the server) the CPU first, the huge document what
#: is left (with equal priority it took an equal share, on two cores one of them)
WORKER_NICE = 10


class ProcessLane:
    """The parent's side: send a snapshot, wait for its result (on a lane thread)."""

    def __init__(self) -> None:
        self._proc: Any = None
        self._conn: Connection | None = None
        self._lock = threading.Lock()
        self._busy: str | None = None

    def check(
        self, uri: str, snap: Snapshot, stale: Callable[[], bool] = lambda: False
    ) -> CheckResult:
        """Check ``snap`` in the worker (blocking: call it from a lane thread). A result
        that is ``stale`` when it arrives is dropped before its items are built (while
        the huge document is typed in, most are: 150,000 items are 0.1–0.9 s of this
        process's interpreter lock, taken from the keystrokes' checks)."""
        with self._lock:
            conn = self._start()
            self._busy = uri
            try:
                conn.send((uri, dataclasses.replace(snap, previous=None)))
                kind, payload = conn.recv()
            except (EOFError, OSError, BrokenPipeError) as exc:  # killed or crashed
                self._stop()
                raise Stale from exc
            finally:
                self._busy = None
        if kind == "error":
            raise RuntimeError(payload)
        if stale():
            raise Stale
        result, encoded = payload
        result.source = snap.text
        result.items = _items(encoded)
        return result

    def forget(self, uri: str) -> None:
        """The document closed: a check of it that is running is killed (the worker
        keeps the previous results of a few recent documents only)."""
        if self._busy == uri:
            self._stop()

    def _start(self) -> Connection:
        if self._proc is not None and self._proc.is_alive() and self._conn is not None:
            return self._conn
        ctx = multiprocessing.get_context("spawn")
        parent, child = ctx.Pipe()
        self._proc = ctx.Process(target=serve, args=(child,), name="rolint-huge", daemon=True)
        self._proc.start()
        child.close()
        self._conn = parent
        return parent

    def _stop(self) -> None:
        proc, self._proc = self._proc, None
        if proc is not None and proc.is_alive():
            proc.kill()
            proc.join(5)
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    def shutdown(self) -> None:
        self._stop()


def serve(conn: Connection) -> None:
    """The worker: check each snapshot it receives until the pipe closes."""
    from rolint import gc_tuning

    with contextlib.suppress(OSError):  # not everywhere (and never fatal)
        os.nice(WORKER_NICE)
    gc_tuning.tune()
    previous: dict[str, CheckResult] = {}
    budget = Budget()  # the engine's caches: what the recent documents need
    while True:
        try:
            uri, snap = conn.recv()
        except (EOFError, OSError):
            return
        try:
            result = _check(uri, snap, previous, budget)
            conn.send(("ok", _slim(result)))
        except Exception as exc:
            previous.pop(uri, None)
            conn.send(("error", f"{type(exc).__name__}: {exc}"))


def _slim(result: CheckResult) -> tuple[CheckResult, bytes]:
    """What the server needs back, cheap to send: the diagnostics' JSON texts, one a
    line, as one UTF-8 string (compact JSON has no raw line breaks). 130,000 Diagnostic
    objects and a 10 MB Document took seconds to pickle and as long to unpickle in the
    server, holding its interpreter lock; a list of 150,000 strings still took 0.1–0.4
    s to unpickle, a bytes object is copied. Without the Document the server offers no
    hover or code actions on a huge document; its diagnostics are published and pulled
    as usual."""
    slim = dataclasses.replace(result, source="", doc=None, diags=[], items=[])
    return slim, "\n".join([json_text(item) for item in result.items]).encode("utf-8")


def _items(encoded: bytes) -> EncodedList:
    """The items of a result from the worker, with their whole JSON text at hand (so a
    publication does no per-item work on the event loop, see ``EncodedList``)."""
    if not encoded:
        items = EncodedList()
        items.encoded = "[]"
        return items
    text = encoded.decode("utf-8")
    items = EncodedList(map(encoded_item, text.split("\n")))
    items.encoded = "[" + text.replace("\n", ",") + "]"
    return items


def _check(
    uri: str, snap: Snapshot, previous: dict[str, CheckResult], budget: Budget
) -> CheckResult:
    snap = dataclasses.replace(snap, previous=previous.get(uri))
    result = checks.check(snap, lambda: False)
    for item in result.items:
        json_text(item)
    previous[uri] = result
    if len(previous) > 8:  # closed documents: keep the most recent few
        for old in list(previous)[:-8]:
            previous.pop(old, None)
            budget.forget(old)
    if result.doc is not None and result.cfg is not None:
        budget.note(uri, result.doc, checks.lane_engine(result.cfg, result.path, True))
    return result
