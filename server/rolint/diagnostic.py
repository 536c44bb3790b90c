"""Diagnostics and fixes in source coordinates: what every sink reports.

These values are shared between results and caches (the engine hands the same
Diagnostic to every check of an unchanged paragraph), so they are never modified after
creation. They are slotted, not frozen, dataclasses: a frozen dataclass costs about four
times as much to create, and the language server creates hundreds per keystroke.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from rolint.rule import Severity


@dataclass(slots=True, unsafe_hash=True)
class Edit:
    """Replace ``source[start:end]`` (code points) by ``text``."""

    start: int
    end: int
    text: str

    def __reduce__(self) -> tuple[Any, ...]:  # batch workers send many: pickle as a call
        return (Edit, (self.start, self.end, self.text))


@dataclass(slots=True, unsafe_hash=True)
class Fix:
    """Edits that resolve a diagnostic; ``safe`` fixes may be applied without review."""

    edits: tuple[Edit, ...]
    safe: bool

    def __reduce__(self) -> tuple[Any, ...]:
        return (Fix, (self.edits, self.safe))


@dataclass(slots=True, unsafe_hash=True)
class Diagnostic:
    """One finding mapped to the source: the unit of every output format."""

    rule: str
    severity: Severity
    message: str
    start: int  # source offset, code points
    end: int
    replacements: tuple[str, ...] = ()
    fix: Fix | None = None
    data: dict[str, Any] | None = field(default=None, compare=False)

    def __reduce__(self) -> tuple[Any, ...]:
        return (
            Diagnostic,
            (
                self.rule,
                self.severity,
                self.message,
                self.start,
                self.end,
                self.replacements,
                self.fix,
                self.data,
            ),
        )

    @property
    def length(self) -> int:
        return self.end - self.start
