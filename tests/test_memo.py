"""rolint.memo: a memo table never holds more than its limit, and answers what was stored."""

from __future__ import annotations

from rolint.memo import remember


def test_remember_stores_returns_and_empties_a_full_table() -> None:
    memo: dict[str, int] = {}
    assert remember(memo, "a", 1, limit=2) == 1
    assert remember(memo, "b", 2, limit=2) == 2
    assert memo == {"a": 1, "b": 2}
    assert remember(memo, "c", 3, limit=2) == 3  # full: emptied first
    assert memo == {"c": 3}
    for i in range(100):
        remember(memo, str(i), i, limit=10)
        assert len(memo) <= 10


def test_shrink_bounds_entries_and_weight_least_recently_used_first() -> None:
    from rolint.memo import BoundedCache

    cache: BoundedCache[str, int] = BoundedCache(100, max_weight=10_000)
    for i, key in enumerate("abcdef"):
        cache.put(key, i, weight=10 * (i + 1))  # weights 10 … 60, 210 in all
    assert cache.get("a") == 0  # now the most recently used: b c d e f a
    cache.shrink(5)
    assert len(cache) == 5 and cache.weight == 190 and "b" not in cache._data
    cache.shrink(5, max_weight=100)  # c, d, e go (190 → 160 → 120 → 70)
    assert list(cache._data) == ["f", "a"] and cache.weight == 70


def test_shrink_ignores_a_weight_limit_on_an_unweighed_cache() -> None:
    from rolint.memo import BoundedCache

    cache: BoundedCache[int, int] = BoundedCache(100)
    for i in range(10):
        cache.put(i, i)
    cache.shrink(6, max_weight=0)
    assert len(cache) == 6 and cache.get(9) == 9 and cache.get(3) is None
