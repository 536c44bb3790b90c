"""Open documents as the editor has them: text, version, and incremental text sync.

Positions of ``didChange`` ranges are converted with :class:`rolint.positions.LineIndex`,
the same code that converts diagnostics back, so the server never disagrees with
itself about where a character is (pygls' own text store is not used).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol
from urllib.parse import unquote, urlparse

from rolint.positions import Encoding, LineIndex


class _Position(Protocol):
    line: int
    character: int


class _Range(Protocol):
    start: _Position
    end: _Position


def uri_to_path(uri: str) -> Path | None:
    """Filesystem path of a ``file:`` URI, None for other schemes (untitled: …)."""
    parsed = urlparse(uri)
    if parsed.scheme != "file":
        return None
    path = unquote(parsed.path)
    if parsed.netloc and parsed.netloc != "localhost":
        path = f"//{parsed.netloc}{path}"
    return Path(path)


def path_to_uri(path: Path) -> str:
    return path.resolve().as_uri()


@dataclass
class OpenDocument:
    """One document the client opened: its current text and version."""

    uri: str
    text: str
    version: int | None = None
    language_id: str = ""
    path: Path | None = None
    _index: LineIndex | None = field(default=None, repr=False)

    @property
    def index(self) -> LineIndex:
        """Line index of the current text (built once per text)."""
        if self._index is None or self._index.text is not self.text:
            self._index = LineIndex(self.text)
        return self._index

    def apply(self, changes: Iterable[object], encoding: Encoding) -> None:
        """Apply ``didChange`` content changes in order (ranged or whole-document)."""
        for change in changes:
            new_text = getattr(change, "text", "")
            rng: _Range | None = getattr(change, "range", None)
            if rng is None:
                self.text = new_text
                continue
            index = self.index
            start = index.offset(rng.start.line, rng.start.character, encoding)
            end = index.offset(rng.end.line, rng.end.character, encoding)
            if end < start:
                start, end = end, start
            self._index = index.edited(start, end, new_text)
            self.text = self._index.text
