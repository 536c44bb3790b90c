"""Line/character positions in the three encodings LSP knows, computed in one place.

Every door (CLI, LSP, HTTP) converts between code-point offsets of the source text and
``(line, character)`` pairs here and nowhere else, so a bug in position arithmetic is
fixed once for all of them. Lines end at ``\\r\\n``, ``\\n`` or ``\\r`` exactly as LSP
defines them (not at the other characters ``str.splitlines`` knows).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from itertools import accumulate
from operator import attrgetter
from typing import Literal, cast

Encoding = Literal["utf-16", "utf-8", "utf-32"]
ENCODINGS: tuple[Encoding, ...] = ("utf-16", "utf-8", "utf-32")

_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")  # two UTF-16 code units each
#: code points between two checkpoints of the running count of code units: a position
#: further than this from its line's start is counted from the nearest checkpoint, so
#: every conversion costs at most this many characters, however long the line
STEP = 256
#: code points per piece of the line table (pieces hold ``CHUNK`` to ``2 * CHUNK``): an
#: edit rescans the pieces it touches, so its cost is a few pieces whatever the text's size
CHUNK = 4096


def _units(text: str, encoding: Encoding) -> int:
    """Length of ``text`` in code units of ``encoding``."""
    if encoding == "utf-32" or text.isascii():
        return len(text)
    if encoding == "utf-16":
        return len(text.encode("utf-16-le", "surrogatepass")) // 2
    return len(text.encode("utf-8", "surrogatepass"))


class _Piece:
    """One stretch of the text as the line table knows it: its length, the line breaks
    ending in it, and (computed on demand) its code-unit counts and whether it holds an
    astral character. A piece never changes: an edit replaces the pieces it touches and
    every other piece is shared by the old and the new index, with what it has counted.

    ``ends`` are the ends of the breaks whose last character is in the piece, shifted by
    ``origin``: a break ends ``e - origin`` code points after the piece's start. (The
    ends are sliced from a list of absolute offsets, so ``origin`` saves rewriting them.)
    """

    __slots__ = ("astral", "counts", "ends", "origin", "size")

    def __init__(self, size: int, ends: list[int], origin: int) -> None:
        self.size, self.ends, self.origin = size, ends, origin
        self.astral: bool | None = None
        #: per encoding: code units of the piece's first ``k * step`` code points for
        #: k = 0 … size // step, and of the whole piece
        self.counts: dict[Encoding, tuple[list[int], int]] = {}

    def has_astral(self, text: str, start: int) -> bool:
        if self.astral is None:
            self.astral = _ASTRAL.search(text, start, start + self.size) is not None
        return self.astral

    def units(self, encoding: Encoding, text: str, start: int, step: int) -> tuple[list[int], int]:
        """Checkpoints and total of the piece starting at ``start`` of ``text`` (each
        code point of the piece is encoded once per encoding, for all the indexes that
        share the piece)."""
        got = self.counts.get(encoding)
        if got is None:
            last = self.size // step
            marks = [0] * (last + 1)
            for k in range(last):
                at = start + k * step
                marks[k + 1] = marks[k] + _units(text[at : at + step], encoding)
            total = marks[last] + _units(text[start + last * step : start + self.size], encoding)
            got = self.counts[encoding] = (marks, total)
        return got


_SIZE, _ENDS = attrgetter("size"), attrgetter("ends")


def _cut(ends: list[int], lo: int, hi: int, chunk: int) -> list[_Piece]:
    """Pieces of ``[lo, hi)`` of about ``chunk`` code points (at least ``chunk`` and
    under ``2 * chunk`` when the stretch is that long), given the ends of the line
    breaks in it (absolute offsets in ``(lo, hi]``, sorted)."""
    size = hi - lo
    parts = max(1, size // chunk)
    out: list[_Piece] = []
    i = 0
    for k in range(parts):
        start, end = lo + size * k // parts, lo + size * (k + 1) // parts
        j = bisect_right(ends, end, i)
        out.append(_Piece(end - start, ends[i:j], start))
        i = j
    return out


class LineIndex:
    """Converts code-point offsets of one text to line/character positions and back.

    The line table is cut into pieces of about ``chunk`` code points (:class:`_Piece`):
    each knows the line breaks ending in it relative to its own start, so an edit
    (:meth:`edited`) rescans only the pieces around it and shares all the others with
    the old index, with the code units they have counted. What an edit still costs in
    proportion to the whole text is the new ``str`` (immutable: a new text is a copy)
    and two running sums over the pieces' lengths and line counts (a few thousand
    integers added in C for 10 MB).
    """

    def __init__(self, text: str, step: int = STEP, chunk: int = CHUNK) -> None:
        ends = [m.end() for m in _LINE_BREAK.finditer(text)]
        self.text, self.step, self.chunk = text, step, chunk
        self._set_pieces(_cut(ends, 0, len(text), chunk))
        self._flat: list[int] | None = [0, *ends]
        #: pieces holding an astral character; once it is known, each of them knows
        #: it (``_Piece.astral`` is True), the others may not have looked (None)
        self._astral: int | None = None
        #: per encoding, code units before piece i for i = 0, 1, … (extended on
        #: demand, only as far as a conversion on a long line needs)
        self._before: dict[Encoding, list[int]] = {}
        #: per encoding, each piece's code units where known (None: not asked yet);
        #: an edit splices it as it splices the pieces, so the sums above are
        #: extended past an edit in C, not piece by piece
        self._totals: dict[Encoding, list[int | None]] = {}

    def _set_pieces(self, pieces: list[_Piece]) -> None:
        self._pieces = pieces
        #: where each piece starts, and how many line breaks end before it (one more
        #: entry than pieces: the text's length, all its breaks)
        self._starts = list(accumulate(map(_SIZE, pieces), initial=0))
        self._bases = list(accumulate(map(len, map(_ENDS, pieces)), initial=0))

    @property
    def line_starts(self) -> list[int]:
        """Offset of every line's first code point (built once per index: an edited
        index answers :meth:`line_start` without it)."""
        if self._flat is None:
            flat = [0]
            for p, start in zip(self._pieces, self._starts, strict=False):
                shift = start - p.origin
                flat.extend(e + shift for e in p.ends)
            self._flat = flat
        return self._flat

    @property
    def bmp_only(self) -> bool:
        """True when UTF-16 characters equal code points everywhere in the text (no
        emoji or other astral characters): positions then need no encoding."""
        if self._astral is None:
            self._astral = self._count_astral()
        return self._astral == 0

    def _count_astral(self) -> int:
        """Pieces holding an astral character, each told so: one search from each such
        piece's end to the next astral character (the text is scanned once)."""
        text, count, pos = self.text, 0, 0
        while (m := _ASTRAL.search(text, pos)) is not None:
            i = self._piece_at(m.start())
            self._pieces[i].astral = True
            count += 1
            pos = self._starts[i + 1]
        return count

    @property
    def line_count(self) -> int:
        return self._bases[-1] + 1

    def _piece_at(self, offset: int) -> int:
        """The piece holding ``offset`` (the last piece for the text's end)."""
        return bisect_right(self._starts, offset, 0, len(self._pieces)) - 1

    def line_start(self, line: int) -> int:
        """Offset of ``line``'s first code point (``line_starts[line]``, negative lines
        counted from the end as a list's index)."""
        count = self._bases[-1] + 1
        if line < 0:
            line += count
        if not 0 <= line < count:
            raise IndexError("line index out of range")
        if line == 0:
            return 0
        i = bisect_right(self._bases, line - 1, 0, len(self._pieces)) - 1
        p = self._pieces[i]
        return p.ends[line - 1 - self._bases[i]] - p.origin + self._starts[i]

    def _locate(self, offset: int) -> tuple[int, int]:
        """``(line, line start)`` of an offset in ``[0, len(text)]``."""
        i = self._piece_at(offset)
        p, start = self._pieces[i], self._starts[i]
        k = bisect_right(p.ends, offset - start + p.origin)
        line = self._bases[i] + k
        return line, (p.ends[k - 1] - p.origin + start if k else self.line_start(line))

    def line_of(self, offset: int) -> int:
        """0-based line holding ``offset`` (an offset at a line break belongs to that line)."""
        if offset < 0:
            return -1
        return self._locate(min(offset, len(self.text)))[0]

    def line_span(self, line: int) -> tuple[int, int]:
        """Code-point span of ``line`` including its line terminator."""
        start = self.line_start(line)
        if line < 0:
            line += self.line_count
        end = self.line_start(line + 1) if line + 1 < self.line_count else len(self.text)
        return start, end

    def position(self, offset: int, encoding: Encoding = "utf-16") -> tuple[int, int]:
        """``(line, character)`` of a code-point offset; character counted in ``encoding``."""
        if offset < 0:
            offset = 0
        elif offset > len(self.text):
            offset = len(self.text)
        line, start = self._locate(offset)
        if encoding == "utf-32" or (encoding == "utf-16" and self.bmp_only):
            return line, offset - start
        if offset - start <= self.step:
            return line, _units(self.text[start:offset], encoding)
        return line, self._units_before(offset, encoding) - self._units_before(start, encoding)

    def _piece_units(self, i: int, encoding: Encoding) -> tuple[list[int], int]:
        return self._pieces[i].units(encoding, self.text, self._starts[i], self.step)

    def _units_before_piece(self, encoding: Encoding, upto: int) -> list[int]:
        """Code units before each piece, at least up to piece ``upto``."""
        before = self._before.setdefault(encoding, [0])
        if len(before) <= upto:
            totals = self._totals.setdefault(encoding, [None] * len(self._pieces))
            k = lo = len(before) - 1
            while True:  # count the pieces nobody has asked about yet
                try:
                    k = totals.index(None, k, upto)
                except ValueError:
                    break
                totals[k] = self._piece_units(k, encoding)[1]
            known = cast("list[int]", totals[lo:upto])
            before.extend(accumulate(known, initial=before.pop()))
        return before

    def _units_before(self, offset: int, encoding: Encoding) -> int:
        """Code units of ``text[:offset]`` in ``encoding``, from the checkpoint below."""
        i = self._piece_at(offset)
        start = self._starts[i]
        k = (offset - start) // self.step
        marks = self._piece_units(i, encoding)[0]
        tail = _units(self.text[start + k * self.step : offset], encoding)
        return self._units_before_piece(encoding, i)[i] + marks[k] + tail

    def edited(self, start: int, end: int, new: str) -> LineIndex:
        """The index of ``text[:start] + new + text[end:]``, built from this one: the
        pieces holding ``start - 1`` to ``end`` are cut again from their new text (a
        ``\\r\\n`` may join or split at either side), the others are shared; a piece
        left under half a chunk is cut together with its neighbour."""
        return self._reindexed("".join((self.text[:start], new, self.text[end:])), start, end)

    def _reindexed(self, text: str, start: int, end: int) -> LineIndex:
        """:meth:`edited` given its new text (everything but the copy of the text)."""
        pieces, starts = self._pieces, self._starts
        a, b = self._piece_at(max(start - 1, 0)), self._piece_at(end)
        delta = len(text) - len(self.text)
        if starts[b + 1] + delta - starts[a] < self.chunk // 2 and len(pieces) > 1:
            if b + 1 < len(pieces):
                b += 1
            elif a > 0:
                a -= 1
        lo, hi = starts[a], starts[b + 1] + delta
        # up to hi + 1: a \r\n across the right edge ends in the next piece (_cut drops it)
        ends = [m.end() for m in _LINE_BREAK.finditer(text, lo, hi + 1)]
        made = _cut(ends, lo, hi, self.chunk)
        out = LineIndex.__new__(LineIndex)
        out.text, out.step, out.chunk = text, self.step, self.chunk
        out._set_pieces([*pieces[:a], *made, *pieces[b + 1 :]])
        out._flat = None
        out._astral = None
        if self._astral is not None:  # every old piece with one knows, so count the change
            gone = sum(1 for p in pieces[a : b + 1] if p.astral)
            came = sum(p.has_astral(text, s) for p, s in zip(made, out._starts[a:], strict=False))
            out._astral = self._astral - gone + came
        # the counts before the first rebuilt piece are still those of the same pieces
        out._before = {enc: before[: a + 1] for enc, before in self._before.items()}
        fresh: list[int | None] = [None] * len(made)
        out._totals = {enc: [*t[:a], *fresh, *t[b + 1 :]] for enc, t in self._totals.items()}
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
        """The last checkpoint of ``[start, limit]`` (a piece's start, or one every
        ``step`` code points into a piece) at most ``character`` units into the line,
        and its units (a walk from there reaches the same offset as a walk from the
        line's start: units only grow, checkpoints are code-point boundaries)."""
        step = self.step
        base = self._units_before(start, encoding)
        target = base + character
        first, last = self._piece_at(start), self._piece_at(limit)
        before = self._units_before_piece(encoding, last)
        i = max(first, bisect_right(before, target, first + 1, last + 1) - 1)
        piece_start = self._starts[i]
        marks = self._piece_units(i, encoding)[0]
        lo = -(-(start - piece_start) // step) if i == first else 0
        hi = min(len(marks), (limit - piece_start) // step + 1)
        k = bisect_right(marks, target - before[i], lo, hi) - 1
        if k < lo:
            return start, 0
        return piece_start + k * step, before[i] + marks[k] - base
