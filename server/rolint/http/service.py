"""The state of one server process: configuration, the checker thread, the queue bound,
the result cache and the ready/draining flags.

Checks are CPU-bound and hold the GIL, so one checker thread per process is all the
parallelism a process has; more cores are used with ``--workers N`` (processes). The
event loop only parses, validates and answers, so ``/livez`` and ``/readyz`` stay quick
while a long article is being checked.
"""

from __future__ import annotations

import asyncio
import math
import os
import threading
import time
from collections import OrderedDict
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rolint.config import Config, config_for, load
from rolint.positions import Encoding

from . import checks, fingerprint, logs
from .auth import SeenIds, secret_key
from .metrics import Metrics
from .policy import ServeSettings

_WARM_TEXT = "Ana a spus că „guvernul” a catalogat ţara; deasemenea, sînt 1,5 milioane."
LANGUAGETOOL_SHARE = 0.7  # of check-timeout-ms that LanguageTool may use


class Busy(Exception):
    """The queue is full; ``retry_after`` is a guess in whole seconds."""

    def __init__(self, retry_after: int) -> None:
        super().__init__(retry_after)
        self.retry_after = retry_after


@dataclass
class Auth:
    token: str | None = None
    hmac_key: bytes | None = None
    seen: SeenIds = field(default_factory=SeenIds)  # ids of accepted signed requests


def auth_from_env(env: dict[str, str] | None = None) -> Auth:
    """``ROLINT_SERVE_TOKEN`` (or the file named by ``ROLINT_SERVE_TOKEN_FILE``) and
    ``ROLINT_SERVE_HMAC_SECRET``."""
    env = dict(os.environ) if env is None else env
    token = env.get("ROLINT_SERVE_TOKEN") or None
    token_file = env.get("ROLINT_SERVE_TOKEN_FILE")
    if token is None and token_file:
        token = Path(token_file).read_text(encoding="utf-8").strip() or None
    secret = env.get("ROLINT_SERVE_HMAC_SECRET")
    return Auth(token, secret_key(secret) if secret else None)


@dataclass
class Service:
    """Everything the routes share inside one process."""

    cfg: Config
    auth: Auth = field(default_factory=Auth)
    metrics: Metrics = field(default_factory=Metrics)
    ready: bool = False
    draining: bool = False

    def __post_init__(self) -> None:
        self.settings: ServeSettings = self.cfg.serve or ServeSettings()
        self.policy = self.settings.policy
        self._ruleset = checks.ruleset_id(self.cfg)
        self._fingerprint_memo = fingerprint.new_memo()
        self._vocab_stamp = self._stamp()
        self.executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="rolint-check")
        self._cache: OrderedDict[tuple[str, ...], checks.Findings] = OrderedDict()
        self._lock = threading.Lock()
        self.pending = 0
        self.failure: str | None = None  # why warm-up failed (readyz says so)
        self._seconds = 0.05  # running mean time of one check, for Retry-After

    def _stamp(self) -> tuple[float, ...]:
        stamps = []
        for path in (*self.cfg.accept_files, *self.cfg.reject_files):
            try:
                stamps.append(path.stat().st_mtime)
            except OSError:
                stamps.append(-1.0)
        return tuple(stamps)

    @property
    def ruleset(self) -> str:
        """The ruleset id, recomputed when a vocabulary file changed (the engine reloads
        it, so answers cached under the old id must not be served)."""
        stamp = self._stamp()
        if stamp != self._vocab_stamp:
            self._ruleset = checks.ruleset_id(self.cfg)
            self._vocab_stamp = stamp
        return self._ruleset

    # -- life cycle -------------------------------------------------------------
    async def warm_up(self) -> None:
        """Load the rules and their tables before saying ready (first check is then fast).
        A failure is logged and keeps ``/readyz`` at 503: a load balancer sends nothing
        to a replica that cannot check."""
        loop = asyncio.get_running_loop()
        field_ = {"name": "warm-up", "format": "text", "content": _WARM_TEXT}
        try:
            await loop.run_in_executor(
                self.executor, checks.findings, [field_], self.cfg, self.policy, "utf-16"
            )
            await loop.run_in_executor(self.executor, self._warm_rules)
        except Exception as exc:
            self.failure = f"{type(exc).__name__}: {exc}"
            logs.event("warm-up-failed", error=self.failure)
            return
        self.ready = True

    def _warm_rules(self) -> None:
        """Build the rules' lazy tables, then keep the collector off them: with the
        default thresholds its old generations walk every loaded table again and again
        (pauses of tens of ms in the latency tail; see rolint.gc_tuning)."""
        from rolint import gc_tuning
        from rolint.linter import engine_for

        engine_for(self.cfg).warm_up()
        gc_tuning.tune()
        gc_tuning.freeze()

    def close(self) -> None:
        self.executor.shutdown(wait=True, cancel_futures=False)

    # -- checking ---------------------------------------------------------------
    def _admit(self) -> None:
        with self._lock:
            if self.pending >= self.settings.queue:
                raise Busy(max(1, math.ceil(self.pending * self._seconds)))
            self.pending += 1
            self.metrics.queue.set(self.pending)

    def _release(self, seconds: float) -> None:
        with self._lock:
            self.pending -= 1
            self._seconds = 0.8 * self._seconds + 0.2 * seconds
            self.metrics.queue.set(self.pending)

    def _key(self, hash_: str, encoding: str) -> tuple[str, ...]:
        return (hash_, self.ruleset, self.policy.digest, encoding)

    def cached(self, hash_: str, encoding: str) -> checks.Findings | None:
        key = self._key(hash_, encoding)
        with self._lock:
            found = self._cache.get(key)
            if found is not None:
                self._cache.move_to_end(key)
        self.metrics.cache.labels("hit" if found else "miss").inc()
        return found

    def _remember(self, key: tuple[str, ...], found: checks.Findings) -> None:
        if not found.complete:
            return
        with self._lock:
            self._cache[key] = found
            while len(self._cache) > self.settings.cache_size:
                self._cache.popitem(last=False)

    def _run(self, fields: list[dict[str, Any]], encoding: Encoding) -> checks.Findings:
        """On the checker thread: check, cache, and count the time it took."""
        start = time.perf_counter()
        # LanguageTool gets most of the time limit, so the built-in verdict still comes
        # in time (complete: false) when it is slow or down.
        deadline = time.monotonic() + LANGUAGETOOL_SHARE * self.settings.check_timeout_ms / 1000
        try:
            found = checks.findings(
                fields, self.cfg, self.policy, encoding, deadline, self._fingerprint_memo
            )
            self._remember(self._key(found.content_hash, encoding), found)
            return found
        finally:
            self._release(time.perf_counter() - start)

    async def check(self, fields: list[dict[str, Any]], encoding: Encoding) -> checks.Findings:
        """The findings for ``fields``: from the cache, or checked off the event loop within
        the time limit (a late check answers incomplete and fills the cache when done)."""
        found = self.cached(checks.content_hash(fields), encoding)
        if found is not None:
            return found
        self._admit()
        future: Future[checks.Findings] = self.executor.submit(self._run, fields, encoding)
        limit = self.settings.check_timeout_ms
        try:
            # shielded: a late check goes on (and fills the cache) after its request answered
            return await asyncio.wait_for(asyncio.shield(asyncio.wrap_future(future)), limit / 1000)
        except TimeoutError:
            self.metrics.incomplete.inc()
            return checks.timed_out(fields, limit)

    async def run(self, fn: Any, *args: Any) -> Any:
        """Run other CPU-bound work (``/v1/fix``) on the checker thread, queue-bounded."""
        self._admit()
        start = time.perf_counter()
        loop = asyncio.get_running_loop()
        try:
            return await loop.run_in_executor(self.executor, fn, *args)
        finally:
            self._release(time.perf_counter() - start)


def config_from(path: Path | None) -> Config:
    return load(path) if path else config_for(Path.cwd())
