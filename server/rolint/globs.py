"""File patterns of ``include``, ``exclude`` and ``[[overrides]] files``, compiled once.

A path (relative, ``/``-separated) matches a pattern when either

* the pattern matches its last parts, part by part (``PurePosixPath.match``: ``*`` stays
  in one folder level; a pattern starting with ``/`` never matches a relative path), or
* the pattern matches the whole string (``fnmatch``: ``*`` may cross folders),

and a leading ``**/`` may also match nothing (``**/*.txt`` matches ``a.txt``).

A batch asks this of every file against every pattern; :class:`Globs` translates each
pattern to regular expressions once instead of building a path and translating the
patterns again for each file (0.22 s per 4,281 files before, in the serial part of
``rolint check --jobs N``).
"""

from __future__ import annotations

import fnmatch
import re
from collections.abc import Iterable


def _variants(pattern: str) -> list[str]:
    """The pattern, and the pattern without each leading ``**/``."""
    out = [pattern]
    while pattern.startswith("**/"):
        pattern = pattern[3:]
        out.append(pattern)
    return out


def _parts(pattern: str) -> list[str] | None:
    """The parts compared from the right; None for a pattern that never matches a
    relative path by parts (rooted, or no parts at all)."""
    if pattern.startswith("/"):
        return None
    parts = [p for p in pattern.split("/") if p and p != "."]
    return parts or None


class Globs:
    """Patterns compiled for :meth:`match`; an empty set matches nothing."""

    def __init__(self, patterns: Iterable[str]) -> None:
        variants = [v for p in patterns for v in _variants(p)]
        whole = "|".join(f"(?:{fnmatch.translate(v)})" for v in variants)
        self._whole = re.compile(whole) if variants else None
        self._tails: list[list[re.Pattern[str]]] = []
        for v in variants:
            parts = _parts(v)
            if parts is not None:
                self._tails.append([re.compile(fnmatch.translate(p)) for p in parts])

    def match(self, rel: str) -> bool:
        """Whether the relative path ``rel`` matches one of the patterns."""
        if self._whole is not None and self._whole.match(rel):
            return True
        parts = [p for p in rel.split("/") if p and p != "."]
        if rel.startswith("/"):  # an absolute path: its root is a part, as in pathlib
            parts.insert(0, "/")
        return any(_tail_matches(parts, tail) for tail in self._tails)


def _tail_matches(parts: list[str], tail: list[re.Pattern[str]]) -> bool:
    if len(tail) > len(parts):
        return False
    return all(pat.match(part) for part, pat in zip(reversed(parts), reversed(tail), strict=False))
