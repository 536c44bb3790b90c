"""Shared machinery for readers: building lint text, its source map and its blocks."""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from functools import cache, cached_property, lru_cache

from rolint.document import RELATED_ITEM, RELATED_MARKER, Block, Document, RelatedBlock
from rolint.romanian import CLOSING_MARKS, LETTER, UPPER_LETTER, fold_marks
from rolint.sourcemap import SourceMap


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
        folded = fold_marks(body[: self.longest + 8])  # markers are short: never fold a paragraph
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
            rest = fold_marks(line[after:]).strip(" *_")
            if not rest:
                return len(line)
            if rest.startswith("de ") and len(rest) <= 30:
                return len(line)
            if punct and any(c in punct.group() for c in ":.…»>|-–—"):
                return after
        return 0


@lru_cache(maxsize=4096)  # bounded: any code point may start a line
def _fold_char(ch: str) -> str:
    return fold_marks(ch)


_MARKER_PUNCT = re.compile(r"[\s*_:.…!»>|\-–—]+")


def _original_length(text: str, folded_len: int) -> int:
    """How many characters of ``text`` fold to the first ``folded_len`` folded ones."""
    count = 0
    for i, ch in enumerate(text):
        if count >= folded_len:
            return i
        count += len(fold_marks(ch))
    return len(text)


@cache
def default_hints() -> Hints:
    from rolint.rulepacks import load_pack

    data = load_pack("structure") or {}
    return Hints(
        markers=tuple(fold_marks(m) for m in data.get("related_markers", [])),
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


def is_teaser_pair(text: str, lines: list[tuple[int, int]]) -> bool:
    """Lines of one paragraph (``[start, end)`` in ``text``) that are a related block with
    no marker: all short, and one repeats its neighbour (the "headline + same headline
    as link" shape scrapers and CMS templates produce)."""
    if len(lines) < 2:
        return False
    if any(e - s > HEADLINE_MAX for s, e in lines):
        return False
    return any(
        looks_like_duplicate(text[a[0] : a[1]], text[b[0] : b[1]])
        for a, b in itertools.pairwise(lines)
    )


_QUOTES_WS = re.compile(r"[\"'„“”«»‚‘’`\s]+")

#: a longer line is body text, never a related headline
HEADLINE_MAX = 250


def headline_like(line: str) -> bool:
    """A related headline on a line of a marked block: short, not a sentence ending
    with a full stop (the text reader's test; lines in one paragraph)."""
    line = line.rstrip()
    return len(line) <= HEADLINE_MAX and (not line.endswith(".") or line.endswith(".."))


# A sentence break: a full stop, question or exclamation mark after a word, then a
# capital (maybe after an opening quote or bracket).
_BREAK = re.compile(rf"(?<=[{LETTER}0-9])[.!?]+\s+(?=[„“\"«(]?[{UPPER_LETTER}0-9])")
# Real headlines hold up to three sentences ("DOCUMENT. Alegeri 2024. Rezultatele…",
# a headline and a quote of two sentences): four or more are a body paragraph.
_MAX_BREAKS = 2


def headline_paragraph(text: str) -> bool:
    """A paragraph of its own that reads as a related headline, not as body text.

    Stricter than :func:`headline_like`: in HTML a headline is a ``<p>`` like any body
    paragraph, so after a "Citește și" the block must end at the first paragraph that
    reads as prose — one ending in a full stop (also inside closing quotes), a colon, a
    semicolon or a comma; one over :data:`HEADLINE_MAX`; one of four sentences or more.
    A body paragraph taken for a headline would hide its findings from the body rules;
    a headline taken for body only ends the block early.
    """
    line = text.strip()
    if not line or not headline_like(line):
        return False
    end = line.rstrip(CLOSING_MARKS + "]")
    if end.endswith((":", ";", ",")) or (end.endswith(".") and not end.endswith("..")):
        return False
    return len(_BREAK.findall(line)) <= _MAX_BREAKS


def normalize_headline(text: str) -> str:
    """Headline comparison key: folded, quotes dropped, whitespace collapsed."""
    return _QUOTES_WS.sub(" ", fold_marks(text)).strip()


@dataclass
class Builder:
    """Accumulates lint text with its source map, and the blocks over it."""

    source: str
    parts: list[str] = field(default_factory=list)
    smap: SourceMap = field(default_factory=SourceMap)
    blocks: list[Block] = field(default_factory=list)
    related: list[RelatedBlock] = field(default_factory=list)
    #: the source with comments blanked (same offsets), what ``copy`` reads: comment
    #: text is never prose
    view: str | None = None
    _length: int = 0

    @property
    def pos(self) -> int:
        return self._length

    def copy(self, src_start: int, src_end: int) -> None:
        """Append ``source[src_start:src_end]`` verbatim (read from ``view`` when set)."""
        if src_end > src_start:
            text = self.view if self.view is not None else self.source
            self._emit(text[src_start:src_end], src_start, src_end)

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

    def trailing_spaces(self, limit: int) -> int:
        """How many of the last ``limit`` lint characters are spaces at the very end
        (read from the last parts only: never joins the whole text)."""
        count = 0
        for part in reversed(self.parts):
            stripped = part.rstrip(" ")
            count += len(part) - len(stripped)
            if stripped or count >= limit:
                break
        return min(count, limit)

    def build(self, fmt: str, path: str | None, bom: bool) -> Document:
        text = "".join(self.parts)
        blocks = sorted(self.blocks, key=lambda b: (b.start, b.end))
        doc = Document(self.source, text, self.smap, blocks, self.related, fmt, path, bom)
        doc.protected = protected_spans(self.source, self.smap)
        return doc


# What no fix may rewrite even where it is copied as text: web addresses
# (a Markdown reference definition, a bare link in a .txt) and HTML comments (rolint's
# own suppression directives among them).
# (no word boundary before it: an address glued to a word, "vezihttps://…", is one too)
_URL = re.compile(r"(?:(?:https?|ftp)://|www\.)[^\s<>\"'()\[\]{}]+", re.IGNORECASE)
_COMMENT = re.compile(r"<!--.*?(?:-->|\Z)", re.S)


def protected_spans(source: str, smap: SourceMap) -> list[tuple[int, int]]:
    """Sorted, disjoint source spans of markup (what the reader dropped), URLs and
    comments: the spans :meth:`Document.guard` keeps every fix and range out of."""
    # a gap of spaces only (trailing blanks, list indentation) is layout, not markup
    gaps = [] if smap.is_identity else smap.gaps(len(source))
    spans = [(s, e) for s, e in gaps if not source[s:e].isspace()]
    if "://" in source or "www." in source:
        spans.extend(m.span() for m in _URL.finditer(source))
    if "<!--" in source:
        spans.extend(m.span() for m in _COMMENT.finditer(source))
    if not spans:
        return spans
    spans.sort()
    merged = [spans[0]]
    for start, end in spans[1:]:
        last_start, last_end = merged[-1]
        if start <= last_end:
            merged[-1] = (last_start, max(last_end, end))
        else:
            merged.append((start, end))
    return merged


def group_related(
    b: Builder,
    marker: Block | None,
    items: list[tuple[int, int, str | None]],
    units: dict[tuple[int, int], tuple[int, int]] | None = None,
) -> None:
    """Register a related block: marker plus item spans (start, end, href); ``units``:
    lint span of an item → source span of its whole line or element (see Block.unit)."""
    group = len(b.related)
    marker_block = None
    if marker is not None:
        marker_block = b.block(RELATED_MARKER, marker.start, marker.end, related_group=group)
    units = units or {}
    item_blocks = [
        b.block(RELATED_ITEM, s, e, related_group=group, href=href, unit=units.get((s, e)))
        for s, e, href in items
    ]
    b.add_related(marker_block, item_blocks)


def line_unit(text: str, start: int, end: int) -> tuple[int, int]:
    """Source span of the whole line holding ``[start, end)`` with its line break (the
    one before it for a last line without one): what removing that line removes."""
    line_start = max(text.rfind("\n", 0, start), text.rfind("\r", 0, start)) + 1
    line_end = end
    while line_end < len(text) and text[line_end] in " \t":
        line_end += 1
    if text.startswith("\r\n", line_end):
        return line_start, line_end + 2
    if line_end < len(text) and text[line_end] in "\r\n":
        return line_start, line_end + 1
    if line_start >= 2 and text.startswith("\r\n", line_start - 2):
        return line_start - 2, line_end
    return max(line_start - 1, 0), line_end
