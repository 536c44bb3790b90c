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
