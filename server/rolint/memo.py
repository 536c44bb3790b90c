"""Bounded memo tables: per-text and per-word caches that cannot grow without end.

News keeps bringing new words and paragraphs, and a language server runs for days, so
every memo table in rolint is emptied when it is full instead of growing forever. An
emptied table costs only recomputation: memoised values never change a result.

Two kinds of bound: per-text tables (block analyses, rule results) hold paragraphs,
kilobytes each, so a door that knows its working set shrinks them to it (the language
server, :mod:`rolint.lsp.budget`); per-word tables (the speller's) hold about a
kilobyte per distinct word in all, so a fixed cap is enough.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from typing import Generic, TypeVar

K = TypeVar("K")
V = TypeVar("V")


def remember(memo: dict[K, V], key: K, value: V, limit: int) -> V:
    """Store ``value`` under ``key`` in ``memo`` (emptied first when it holds ``limit``
    entries) and return it."""
    if len(memo) >= limit:
        memo.clear()
    memo[key] = value
    return value


class BoundedCache(Generic[K, V]):
    """A least-recently-used table bounded by entry count and (optionally) by total
    weight, safe to share between threads (the language server checks on two at once).

    The engine owns these: its block analyses and its per-rule results. ``weight`` of
    an entry is what it costs to keep (for block analyses, the block's length), so that
    a few huge blocks cannot hold unbounded memory however few entries there are.
    """

    def __init__(self, max_entries: int, max_weight: int | None = None) -> None:
        self.max_entries = max_entries
        self.max_weight = max_weight
        self._data: OrderedDict[K, V] = OrderedDict()
        self._weights: dict[K, int] = {}  # only with max_weight
        self._weight = 0
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._data)

    @property
    def weight(self) -> int:
        return self._weight

    def get(self, key: K) -> V | None:
        """The value under ``key`` (marked as just used), or None. Without the lock: a
        dict look-up and ``move_to_end`` are each atomic, and a key evicted by another
        thread in between only makes ``move_to_end`` fail, which loses nothing."""
        data = self._data
        value = data.get(key)
        if value is not None:
            try:  # noqa: SIM105 (a with-block costs more on this hot path)
                data.move_to_end(key)
            except KeyError:
                pass
        return value

    def put(self, key: K, value: V, weight: int = 1) -> V:
        """Store ``value`` (evicting the least recently used entries over the bounds)."""
        data = self._data
        with self._lock:
            data[key] = value
            data.move_to_end(key)
            if self.max_weight is None:
                if len(data) > self.max_entries:
                    data.popitem(last=False)
                return value
            weights = self._weights
            self._weight += weight - weights.get(key, 0)
            weights[key] = weight
            while len(data) > 1 and (
                len(data) > self.max_entries or self._weight > self.max_weight
            ):
                old, _ = data.popitem(last=False)
                self._weight -= weights.pop(old)
        return value

    def shrink(self, max_entries: int, max_weight: int | None = None) -> None:
        """Evict the least recently used entries until at most ``max_entries`` are left
        and (with ``max_weight``, for a cache that weighs its entries) they weigh at most
        ``max_weight`` (a door that knows its working set, such as the language server,
        calls this)."""
        data, weights = self._data, self._weights
        limit = max_weight if self.max_weight is not None else None  # unweighed: no limit
        with self._lock:
            while len(data) > max_entries or (limit is not None and data and self._weight > limit):
                old, _ = data.popitem(last=False)
                self._weight -= weights.pop(old, 0)

    def clear(self) -> None:
        with self._lock:
            self._data.clear()
            self._weights.clear()
            self._weight = 0
