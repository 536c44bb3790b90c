"""Diagnostics and fixes in source coordinates: what every sink reports."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from rolint.rule import Severity


@dataclass(frozen=True)
class Edit:
    """Replace ``source[start:end]`` (code points) by ``text``."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Fix:
    """Edits that resolve a diagnostic; ``safe`` fixes may be applied without review."""

    edits: tuple[Edit, ...]
    safe: bool


@dataclass(frozen=True)
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

    @property
    def length(self) -> int:
        return self.end - self.start
