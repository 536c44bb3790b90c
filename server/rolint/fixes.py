"""Applying fixes to source text, and writing files without ever half-writing them."""

from __future__ import annotations

import itertools
import os
import tempfile
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from rolint.diagnostic import Diagnostic, Edit

MAX_ROUNDS = 10


def fixable(
    diags: Iterable[Diagnostic], unsafe: bool = False, rule: str | None = None
) -> list[Diagnostic]:
    """Diagnostics whose fix may be applied under the given policy."""
    return [
        d
        for d in diags
        if d.fix is not None and (unsafe or d.fix.safe) and (rule is None or d.rule == rule)
    ]


def apply_edits(source: str, edits: Iterable[Edit]) -> tuple[str, int]:
    """Apply non-overlapping edits (first wins on overlap); return (text, edits applied)."""
    ordered = sorted(edits, key=lambda e: (e.start, e.end))
    out: list[str] = []
    pos = 0
    applied = 0
    for edit in ordered:
        if edit.start < pos:
            continue  # overlaps an edit already taken: left for the next round
        out.append(source[pos : edit.start])
        out.append(edit.text)
        pos = edit.end
        applied += 1
    out.append(source[pos:])
    return "".join(out), applied


def apply_diagnostic_fixes(source: str, diags: Iterable[Diagnostic]) -> tuple[str, int]:
    """Apply each diagnostic's fix as a unit (all its edits or none); first wins on overlap.

    Linear in the number of fixes (plus a sort): the spans taken so far are kept sorted,
    so each fix is tested against its neighbours only, never against every fix taken.
    """
    taken: list[Edit] = []
    spans: list[tuple[int, int]] = []  # spans taken so far, sorted (disjoint)
    ends: list[int] = []  # their ends, same order: non-decreasing since they are disjoint
    count = 0
    for d in sorted(diags, key=lambda d: d.start):
        assert d.fix is not None
        edits = d.fix.edits
        if any(_collides(e, spans, ends) for e in edits) or _self_overlap(edits):
            continue
        for e in edits:
            i = bisect_left(spans, (e.start, e.end))  # usually the end: fixes come in order
            spans.insert(i, (e.start, e.end))
            ends.insert(i, e.end)
        taken.extend(edits)
        count += 1
    text, _ = apply_edits(source, taken)
    return text, count


def _collides(edit: Edit, spans: list[tuple[int, int]], ends: list[int]) -> bool:
    """Does ``edit`` overlap a taken span, or start where a taken insertion is?"""
    j = bisect_right(ends, edit.start)  # first span ending after the edit's start
    if j < len(spans) and spans[j][0] < edit.end:
        return True  # that span starts before the edit ends: they share characters
    i = bisect_left(spans, (edit.start, edit.start))
    return i < len(spans) and spans[i] == (edit.start, edit.start)


def _self_overlap(edits: tuple[Edit, ...]) -> bool:
    if len(edits) < 2:
        return False
    ordered = sorted((e.start, e.end) for e in edits)
    return any(b[0] < a[1] for a, b in itertools.pairwise(ordered))


@dataclass
class FixOutcome:
    """What fixing a text gave: the text, how many fixes, and the diagnostics of the
    final text when the last round computed them (then no re-check is needed)."""

    text: str
    count: int
    remaining: list[Diagnostic] | None


def fix_until_done(
    source: str,
    check: Callable[[str], list[Diagnostic]],
    unsafe: bool = False,
    rule: str | None = None,
) -> FixOutcome:
    """Fix until nothing fixable remains (bounded rounds); each round applies every
    non-overlapping fix at once, so the work is linear in the number of fixes."""
    total = 0
    for _ in range(MAX_ROUNDS):
        diags = check(source)
        todo = fixable(diags, unsafe, rule)
        if not todo:
            return FixOutcome(source, total, diags)
        source, count = apply_diagnostic_fixes(source, todo)
        total += count
        if count == 0:
            return FixOutcome(source, total, diags)
    return FixOutcome(source, total, None)


def fix_text(
    source: str,
    check: Callable[[str], list[Diagnostic]],
    unsafe: bool = False,
    rule: str | None = None,
) -> tuple[str, int]:
    """Fix until nothing fixable remains (bounded); return (text, fixes applied)."""
    outcome = fix_until_done(source, check, unsafe, rule)
    return outcome.text, outcome.count


def encode(text: str, bom: bool) -> bytes:
    data = text.encode("utf-8")
    return b"\xef\xbb\xbf" + data if bom else data


class ChangedOnDisk(RuntimeError):
    """The file changed between reading and writing; nothing was written."""


def write_atomic(path: Path, data: bytes, expected: bytes | None = None) -> None:
    """Replace ``path`` by ``data`` atomically, keeping its permissions.

    With ``expected``, refuse (raise :class:`ChangedOnDisk`) when the file no longer holds
    those bytes: an editor or another process wrote it since we read it.
    """
    if expected is not None and path.read_bytes() != expected:
        raise ChangedOnDisk(f"{path}: fișierul s-a schimbat între timp; nu l-am modificat")
    mode = path.stat().st_mode if path.exists() else None
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".rolint")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        if mode is not None:
            os.chmod(tmp, mode & 0o7777)
        if expected is not None and path.read_bytes() != expected:
            raise ChangedOnDisk(f"{path}: fișierul s-a schimbat între timp; nu l-am modificat")
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
