"""Line/character positions in the three encodings LSP knows, computed in one place.

Every door (CLI, LSP, HTTP) converts between code-point offsets of the source text and
``(line, character)`` pairs here and nowhere else, so a bug in position arithmetic is
fixed once for all of them. Lines end at ``\\r\\n``, ``\\n`` or ``\\r`` exactly as LSP
defines them (not at the other characters ``str.splitlines`` knows).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from typing import Literal

Encoding = Literal["utf-16", "utf-8", "utf-32"]
ENCODINGS: tuple[Encoding, ...] = ("utf-16", "utf-8", "utf-32")

_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")  # two UTF-16 code units each
#: code points between two checkpoints of the running count of code units: a position
#: further than this from its line's start is counted from the nearest checkpoint, so
#: every conversion costs at most this many characters, however long the line
STEP = 256


def _units(text: str, encoding: Encoding) -> int:
    """Length of ``text`` in code units of ``encoding``."""
    if encoding == "utf-32" or text.isascii():
        return len(text)
    if encoding == "utf-16":
        return len(text.encode("utf-16-le", "surrogatepass")) // 2
    return len(text.encode("utf-8", "surrogatepass"))


class LineIndex:
    """Converts code-point offsets of one text to line/character positions and back."""

    def __init__(self, text: str, step: int = STEP) -> None:
        self.text = text
        self.line_starts = [0] + [m.end() for m in _LINE_BREAK.finditer(text)]
        self._bmp: bool | None = None  # no character beyond U+FFFF? (computed on demand)
        self.step = step
        #: per encoding, code units of ``text[: k * step]`` for k = 0, 1, … (extended
        #: on demand, only as far as a conversion on a long line needs)
        self._marks: dict[Encoding, list[int]] = {}

    @property
    def bmp_only(self) -> bool:
        """True when UTF-16 characters equal code points everywhere in the text (no
        emoji or other astral characters): positions then need no encoding."""
        if self._bmp is None:
            self._bmp = _ASTRAL.search(self.text) is None
        return self._bmp

    @property
    def line_count(self) -> int:
        return len(self.line_starts)

    def line_of(self, offset: int) -> int:
        """0-based line holding ``offset`` (an offset at a line break belongs to that line)."""
        return bisect_right(self.line_starts, offset) - 1

    def line_span(self, line: int) -> tuple[int, int]:
        """Code-point span of ``line`` including its line terminator."""
        start = self.line_starts[line]
        end = self.line_starts[line + 1] if line + 1 < len(self.line_starts) else len(self.text)
        return start, end

    def position(self, offset: int, encoding: Encoding = "utf-16") -> tuple[int, int]:
        """``(line, character)`` of a code-point offset; character counted in ``encoding``."""
        if offset < 0:
            offset = 0
        elif offset > len(self.text):
            offset = len(self.text)
        line = bisect_right(self.line_starts, offset) - 1
        start = self.line_starts[line]
        if encoding == "utf-32" or (encoding == "utf-16" and self.bmp_only):
            return line, offset - start
        if offset - start <= self.step:
            return line, _units(self.text[start:offset], encoding)
        return line, self._units_before(offset, encoding) - self._units_before(start, encoding)

    def _checkpoints(self, encoding: Encoding, upto: int) -> list[int]:
        """The running counts of ``encoding``'s code units, at least up to checkpoint
        ``upto`` (each chunk of ``step`` code points is encoded once per index)."""
        marks = self._marks.setdefault(encoding, [0])
        text, step = self.text, self.step
        last = min(upto, len(text) // step)
        while len(marks) <= last:
            k = len(marks) - 1
            marks.append(marks[k] + _units(text[k * step : (k + 1) * step], encoding))
        return marks

    def _units_before(self, offset: int, encoding: Encoding) -> int:
        """Code units of ``text[:offset]`` in ``encoding``, from the checkpoint below."""
        k = offset // self.step
        base = self._checkpoints(encoding, k)[k]
        return base + _units(self.text[k * self.step : offset], encoding)

    def edited(self, start: int, end: int, new: str) -> LineIndex:
        """The index of ``text[:start] + new + text[end:]``, built from this one: only
        the lines around the edit are scanned again, the later line starts are shifted
        (a keystroke in a 10 MB document costs milliseconds, not a full scan)."""
        text = self.text[:start] + new + self.text[end:]
        starts = self.line_starts
        delta = len(new) - (end - start)
        lo = max(0, bisect_right(starts, start) - 2)  # a \r\n may join or split here
        hi = bisect_right(starts, end + 1)  # first old line start safely after the edit
        scan_to = starts[hi] + delta if hi < len(starts) else len(text)
        out = LineIndex.__new__(LineIndex)
        out.text = text
        out.line_starts = [
            *starts[: lo + 1],
            *(m.end() for m in _LINE_BREAK.finditer(text, starts[lo], scan_to)),
            *(s + delta for s in starts[hi + 1 :]),
        ]
        out._bmp = None
        out.step = self.step
        # checkpoints wholly before the edit still count the same text
        out._marks = {enc: marks[: start // self.step + 1] for enc, marks in self._marks.items()}
        return out

    def offset(self, line: int, character: int, encoding: Encoding = "utf-16") -> int:
        """Code-point offset of a position; clamps like LSP clients expect.

        A line past the end maps to the end of the text; a character past the end of
        the line maps to the position before the line's break (``\r\n`` counts as one
        break: a position never falls between its two characters).
        A character inside a surrogate pair or a UTF-8 sequence rounds up to the next
        code point boundary.
        """
        if line < 0:
            return 0
        if line >= len(self.line_starts):
            return len(self.text)
        start, end = self.line_span(line)
        limit = end
        if self.text.endswith("\r\n", start, end):
            limit = end - 2  # before the break, never between \r and \n (LSP)
        elif end > start and self.text[end - 1] in "\r\n":
            limit = end - 1
        if encoding == "utf-32" or (encoding == "utf-16" and self.bmp_only):
            return min(start + max(character, 0), limit)
        units = 0
        pos = start
        if character > self.step and limit - start > self.step:
            pos, units = self._walk_start(start, limit, character, encoding)
        elif self.text[start:limit].isascii():
            return min(start + max(character, 0), limit)
        while pos < limit and units < character:
            units += _units(self.text[pos], encoding)
            pos += 1
        return pos

    def _walk_start(
        self, start: int, limit: int, character: int, encoding: Encoding
    ) -> tuple[int, int]:
        """The last checkpoint of ``[start, limit]`` at most ``character`` units into
        the line, and its units (a walk from there reaches the same offset as a walk
        from the line's start: units only grow, checkpoints are code-point boundaries)."""
        step = self.step
        first, last = -(-start // step), limit // step
        if first > last:
            return start, 0
        marks = self._checkpoints(encoding, last)
        base = self._units_before(start, encoding)
        k = bisect_right(marks, base + character, first, last + 1) - 1
        if k < first:
            return start, 0
        return k * step, marks[k] - base
