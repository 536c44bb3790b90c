"""Bounded memo tables: per-text and per-word caches that cannot grow without end.

News keeps bringing new words and paragraphs, and a language server runs for days, so
every memo table in rolint is emptied when it is full instead of growing forever. An
emptied table costs only recomputation: memoised values never change a result.
"""

from __future__ import annotations

from typing import TypeVar

K = TypeVar("K")
V = TypeVar("V")


def remember(memo: dict[K, V], key: K, value: V, limit: int) -> V:
    """Store ``value`` under ``key`` in ``memo`` (emptied first when it holds ``limit``
    entries) and return it."""
    if len(memo) >= limit:
        memo.clear()
    memo[key] = value
    return value
