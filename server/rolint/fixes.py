"""Applying fixes to source text, and writing files without ever half-writing them."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterable
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
    """Apply each diagnostic's fix as a unit (all its edits or none)."""
    taken: list[Edit] = []
    spans: list[tuple[int, int]] = []
    count = 0
    for d in sorted(diags, key=lambda d: d.start):
        assert d.fix is not None
        edits = d.fix.edits
        if any(
            (e.start < s_end and s_start < e.end) or e.start == s_start == s_end
            for e in edits
            for s_start, s_end in spans
        ):
            continue
        taken.extend(edits)
        spans.extend((e.start, e.end) for e in edits)
        count += 1
    text, _ = apply_edits(source, taken)
    return text, count


def fix_text(
    source: str,
    check: Callable[[str], list[Diagnostic]],
    unsafe: bool = False,
    rule: str | None = None,
) -> tuple[str, int]:
    """Fix until nothing fixable remains (bounded); return (text, fixes applied)."""
    total = 0
    for _ in range(MAX_ROUNDS):
        todo = fixable(check(source), unsafe, rule)
        if not todo:
            break
        source, count = apply_diagnostic_fixes(source, todo)
        total += count
        if count == 0:
            break
    return source, total


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
