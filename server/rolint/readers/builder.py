"""Shared machinery for readers: building lint text, its source map and its blocks."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache, cached_property

from rolint.document import RELATED_ITEM, RELATED_MARKER, Block, Document, RelatedBlock
from rolint.sourcemap import SourceMap


def fold(text: str) -> str:
    """Lower-case and strip combining marks (ș, ş → s; ă → a), for loose matching.

    Equal to :func:`_fold_exact`: the marks of Romanian (and most Latin) letters are
    removed by one regex, and only text still not ASCII afterwards is walked per
    character.
    """
    low = text.lower()
    if low.isascii():
        return low
    decomposed = unicodedata.normalize("NFD", low)
    stripped = _COMMON_MARKS.sub("", decomposed)
    if stripped.isascii():
        return stripped
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _fold_exact(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text.lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


# The combining marks of the Combining Diacritical Marks block (U+034F is not one).
_COMMON_MARKS = re.compile(
    "[" + "".join(chr(c) for c in range(0x300, 0x370) if unicodedata.combining(chr(c))) + "]"
)


@dataclass(frozen=True)
class Hints:
    """Structure cues a reader uses; loaded from the ``structure`` rule pack."""

    markers: tuple[str, ...]
    html_hints: tuple[str, ...]

    @cached_property
    def first_letters(self) -> frozenset[str]:
        return frozenset(m[0] for m in self.markers if m)

    @cached_property
    def longest(self) -> int:
        return max((len(m) for m in self.markers), default=0)

    def marker_length(self, line: str) -> int:
        """Length of the related-block marker starting ``line``, 0 when there is none.

        The marker may be followed by punctuation, a short source ("de sport.ro") or,
        after a colon or dots, a headline on the same line ("Citește și: Titlu"): the
        returned length then stops after the marker and its punctuation, so the caller
        can take the rest as an item. A sentence that merely starts with "Vezi și" is
        not a marker.
        """
        lead = len(line) - len(line.lstrip(" \t*_#>"))
        body = line[lead:]
        if not body or _fold_char(body[0]) not in self.first_letters:
            return 0  # cheap rejection: most lines start with no marker's first letter
        folded = fold(body[: self.longest + 8])  # markers are short: never fold a paragraph
        if not folded.startswith(self.markers):
            return 0  # one C call instead of the loop below for every line
        for marker in self.markers:
            if not folded.startswith(marker):
                continue
            end = lead + _original_length(body, len(marker))
            if end < len(line) and line[end].isalnum():
                continue  # "Vezi sițiul" — the marker is part of a longer word
            punct = _MARKER_PUNCT.match(line, end)
            after = punct.end() if punct else end
            rest = fold(line[after:]).strip(" *_")
            if not rest:
                return len(line)
            if rest.startswith("de ") and len(rest) <= 30:
                return len(line)
            if punct and any(c in punct.group() for c in ":.…»>|-–—"):
                return after
        return 0


@cache
def _fold_char(ch: str) -> str:
    return fold(ch)


_MARKER_PUNCT = re.compile(r"[\s*_:.…!»>|\-–—]+")


def _original_length(text: str, folded_len: int) -> int:
    """How many characters of ``text`` fold to the first ``folded_len`` folded ones."""
    count = 0
    for i, ch in enumerate(text):
        if count >= folded_len:
            return i
        count += len(fold(ch))
    return len(text)


@cache
def default_hints() -> Hints:
    from rolint.rulepacks import load_pack

    data = load_pack("structure") or {}
    return Hints(
        markers=tuple(fold(m) for m in data.get("related_markers", [])),
        html_hints=tuple(h.lower() for h in data.get("related_html_hints", [])),
    )


def looks_like_duplicate(a: str, b: str) -> bool:
    """True when ``b`` repeats headline ``a``: equal or a truncated prefix, loosely compared."""
    fa, fb = normalize_headline(a), normalize_headline(b)
    if not fa or not fb:
        return False
    if fa == fb:
        return True
    short, long_ = (fa, fb) if len(fa) < len(fb) else (fb, fa)
    return len(short) >= 20 and long_.startswith(short.rstrip(" :.…-–—"))


_QUOTES_WS = re.compile(r"[\"'„“”«»‚‘’`\s]+")


def normalize_headline(text: str) -> str:
    """Headline comparison key: folded, quotes dropped, whitespace collapsed."""
    return _QUOTES_WS.sub(" ", fold(text)).strip()


@dataclass
class Builder:
    """Accumulates lint text with its source map, and the blocks over it."""

    source: str
    parts: list[str] = field(default_factory=list)
    smap: SourceMap = field(default_factory=SourceMap)
    blocks: list[Block] = field(default_factory=list)
    related: list[RelatedBlock] = field(default_factory=list)
    _length: int = 0

    @property
    def pos(self) -> int:
        return self._length

    def copy(self, src_start: int, src_end: int) -> None:
        """Append ``source[src_start:src_end]`` verbatim."""
        if src_end > src_start:
            self._emit(self.source[src_start:src_end], src_start, src_end)

    def put(self, text: str, src_start: int, src_end: int) -> None:
        """Append ``text`` standing for ``source[src_start:src_end]`` as a whole."""
        self._emit(text, src_start, src_end)

    def _emit(self, text: str, src_start: int, src_end: int) -> None:
        self.parts.append(text)
        self.smap.add(len(text), src_start, src_end)
        self._length += len(text)

    def last_char(self) -> str:
        for part in reversed(self.parts):
            if part:
                return part[-1]
        return ""

    def block(self, kind: str, start: int, end: int, **kw: object) -> Block:
        block = Block(kind, start, end, **kw)  # type: ignore[arg-type]
        self.blocks.append(block)
        return block

    def add_related(self, marker: Block | None, items: list[Block]) -> int:
        self.related.append(RelatedBlock(marker, tuple(items)))
        return len(self.related) - 1

    def build(self, fmt: str, path: str | None, bom: bool) -> Document:
        text = "".join(self.parts)
        blocks = sorted(self.blocks, key=lambda b: (b.start, b.end))
        return Document(self.source, text, self.smap, blocks, self.related, fmt, path, bom)


def group_related(
    b: Builder, marker: Block | None, items: list[tuple[int, int, str | None]]
) -> None:
    """Register a related block: marker plus item spans (start, end, href)."""
    group = len(b.related)
    marker_block = None
    if marker is not None:
        marker_block = b.block(RELATED_MARKER, marker.start, marker.end, related_group=group)
    item_blocks = [
        b.block(RELATED_ITEM, s, e, related_group=group, href=href) for s, e, href in items
    ]
    b.add_related(marker_block, item_blocks)
