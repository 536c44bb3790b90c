"""Running checks on two threads at once, as the language server's lanes do."""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable, Sequence
from typing import Any


def at_once(lanes: Sequence[Callable[[], list[Any]]]) -> list[list[Any]]:
    """Each lane's results, the lanes started together on threads of their own and
    switched as often as Python allows (a race shows up within a few checks). A lane
    that raises fails the caller with that exception."""
    results: list[list[Any]] = [[] for _ in lanes]
    errors: list[BaseException] = []
    start = threading.Barrier(len(lanes))

    def run(k: int) -> None:
        try:
            start.wait()
            results[k] = lanes[k]()
        except BaseException as exc:  # reported by the main thread
            errors.append(exc)

    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    try:
        threads = [threading.Thread(target=run, args=(k,)) for k in range(len(lanes))]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    finally:
        sys.setswitchinterval(interval)
    if errors:
        raise errors[0]
    return results


def typed_versions(base: str, salt: str, count: int, step: int = 37) -> list[str]:
    """``count`` versions of ``base``, each one character further (a user typing): the
    characters of ``salt`` in turn, ``step`` characters apart."""
    out, text = [], base
    for i in range(count):
        pos = (i * step) % (len(text) + 1)
        text = text[:pos] + salt[i % len(salt)] + text[pos:]
        out.append(text)
    return out
