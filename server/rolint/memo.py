"""Bounded memo tables: per-text and per-word caches that cannot grow without end.

News keeps bringing new words and paragraphs, and a language server runs for days, so
every memo table in rolint is emptied when it is full instead of growing forever. An
emptied table costs only recomputation: memoised values never change a result.
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
    """A least-recently-used table bounded by entry count and by total weight, safe to
    share between threads (the language server checks on two at once).

    The engine owns these: its block analyses and its per-rule results. ``weight`` of
    an entry is what it costs to keep (for block analyses, the block's length), so that
    a few huge blocks cannot hold unbounded memory however few entries there are.
    """

    def __init__(self, max_entries: int, max_weight: int | None = None) -> None:
        self.max_entries = max_entries
        self.max_weight = max_weight
        self._data: OrderedDict[K, tuple[V, int]] = OrderedDict()
        self._weight = 0
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._data)

    @property
    def weight(self) -> int:
        return self._weight

    def get(self, key: K) -> V | None:
        with self._lock:
            entry = self._data.get(key)
            if entry is None:
                return None
            self._data.move_to_end(key)
            return entry[0]

    def put(self, key: K, value: V, weight: int = 1) -> V:
        """Store ``value`` (evicting the least recently used entries over the bounds)."""
        with self._lock:
            old = self._data.pop(key, None)
            if old is not None:
                self._weight -= old[1]
            self._data[key] = (value, weight)
            self._weight += weight
            limit = self.max_weight
            data = self._data
            while len(data) > self.max_entries or (
                limit is not None and self._weight > limit and len(data) > 1
            ):
                _, (_, w) = data.popitem(last=False)
                self._weight -= w
        return value

    def clear(self) -> None:
        with self._lock:
            self._data.clear()
            self._weight = 0
