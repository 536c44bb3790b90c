"""The lanes engine work runs on, off the event loop, and the memory they may keep.

* interactive: one thread for the documents being edited (shared engine, warm caches);
* bulk: documents over ``checks.BULK_CHARS``, checked in a worker process
  (:mod:`rolint.lsp.worker`) waited for on the bulk thread, so a 10 MB document never
  queues in front of a keystroke nor holds the interpreter lock; and workspace checks
  and fixes of huge documents, on the bulk thread itself (own engines);
* io: file work of commands and polls.

Memory is bounded by design: after each check the engine that ran it keeps only
about what the open documents need (:mod:`rolint.lsp.budget`). Without the bound
every keystroke left the old block's results behind for good (1.8 GB after 10,000
edits over 20 documents).
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

from rolint.lsp import checks
from rolint.lsp.budget import Budget, keep_slack
from rolint.lsp.checks import CheckResult, Snapshot, Stale
from rolint.lsp.convert import json_text
from rolint.lsp.worker import ProcessLane

T = TypeVar("T")


class Lanes:
    def __init__(self) -> None:
        self.interactive = ThreadPoolExecutor(1, thread_name_prefix="rolint-lint")
        self.bulk = ThreadPoolExecutor(1, thread_name_prefix="rolint-bulk")
        self.io = ThreadPoolExecutor(1, thread_name_prefix="rolint-io")
        self.huge = ProcessLane()
        self.budget = Budget()  # of the interactive lane (the worker keeps its own)

    def pool(self, bulk: bool) -> ThreadPoolExecutor:
        return self.bulk if bulk else self.interactive

    async def run(self, bulk: bool, fn: Callable[..., T], *args: Any) -> T:
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self.pool(bulk), fn, *args)

    async def run_io(self, fn: Callable[..., T], *args: Any) -> T:
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self.io, fn, *args)

    async def check(self, uri: str, snap: Snapshot, stale: Callable[[], bool]) -> CheckResult:
        """Check ``snap`` on its lane; the engine's caches are bounded right after."""
        if snap.bulk:
            return await self.run(True, self._check_huge, uri, snap, stale)
        return await self.run(False, self._check_bounded, uri, snap, stale)

    def _check_huge(self, uri: str, snap: Snapshot, stale: Callable[[], bool]) -> CheckResult:
        if stale():  # the text moved on while this job waited: skip it
            raise Stale
        return self.huge.check(uri, snap, stale)

    def _check_bounded(self, uri: str, snap: Snapshot, stale: Callable[[], bool]) -> CheckResult:
        result = checks.check(snap, stale)
        for item in result.items:  # encoded here, not on the event loop when published
            json_text(item)
        if result.doc is not None and result.cfg is not None:
            engine = checks.lane_engine(result.cfg, result.path, snap.bulk)
            self.budget.note(uri, result.doc, engine)
        return result

    async def check_file(self, *args: Any) -> CheckResult:
        """``checks.check_file`` on the bulk lane (workspace checks), its engine's
        caches bounded right after (see ``budget.keep_slack``)."""
        return await self.run(True, self._check_file_bounded, *args)

    def _check_file_bounded(self, *args: Any) -> CheckResult:
        result = checks.check_file(*args)
        if result.cfg is not None:
            engine = checks.lane_engine(result.cfg, result.path, True)
            keep_slack(engine, self.budget.max_words())
        return result

    def forget(self, uri: str) -> None:
        """A document closed: its blocks no longer count towards the cache budget."""
        self.budget.forget(uri)
        self.huge.forget(uri)

    def shutdown(self) -> None:
        for pool in (self.interactive, self.bulk, self.io):
            pool.shutdown(wait=False, cancel_futures=True)
        self.huge.shutdown()
