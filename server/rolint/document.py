"""The Document: what every rule reads and every door reports against.

A Document holds three things:

* ``source``: the decoded file text (BOM removed) — all positions refer to it;
* ``text``: the lint text, the prose a reader extracted (markup removed), with a
  :class:`~rolint.sourcemap.SourceMap` from it back to ``source``;
* the structure: blocks (headline, paragraphs, headings, list items, related-article
  markers and items) as spans of ``text``.

Readers build Documents; rules only read them; sinks convert positions through
:meth:`Document.range` — the one place positions are computed.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property

from rolint.diagnostic import Diagnostic, Edit, Fix
from rolint.positions import Encoding, LineIndex
from rolint.sourcemap import SourceMap

# Block kinds. Rules choose which kinds they look at.
HEADLINE = "headline"
HEADING = "heading"
PARAGRAPH = "paragraph"
LIST_ITEM = "list-item"
CAPTION = "caption"
RELATED_MARKER = "related-marker"
RELATED_ITEM = "related-item"

BODY_KINDS = frozenset({PARAGRAPH, LIST_ITEM, HEADING})
RELATED_KINDS = frozenset({RELATED_MARKER, RELATED_ITEM})


@dataclass(frozen=True)
class Block:
    """A span of the lint text with a structural role."""

    kind: str
    start: int
    end: int
    related_group: int | None = None  # index into Document.related for related blocks
    href: str | None = None  # link target of a related item, when the source has one
    #: source span of the whole item (its line or element, with its markup and line
    #: break), when the item has one to itself: deleting the item's text deletes this
    unit: tuple[int, int] | None = None


@dataclass(frozen=True)
class RelatedBlock:
    """A related-articles block: its marker ("Citește și") and its headline items."""

    marker: Block | None
    items: tuple[Block, ...]


def _html_escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _no_escape(text: str) -> str:
    return text


@dataclass
class Document:
    """A checked text with its structure and its one source map."""

    source: str
    text: str
    smap: SourceMap
    blocks: list[Block]
    related: list[RelatedBlock] = field(default_factory=list)
    fmt: str = "text"  # "text" | "markdown" | "html"
    path: str | None = None
    bom: bool = False
    #: sorted, disjoint source spans no edit may touch and no range may cross: markup
    #: (tags, attributes, Markdown syntax, link targets), URLs and comments
    protected: list[tuple[int, int]] = field(default_factory=list)

    @cached_property
    def lines(self) -> LineIndex:
        return LineIndex(self.source)

    @property
    def escape(self) -> Callable[[str], str]:
        """How replacement text must be written into this document's source."""
        return _html_escape if self.fmt == "html" else _no_escape

    def block_text(self, block: Block) -> str:
        return self.text[block.start : block.end]

    @cached_property
    def block_texts(self) -> list[str]:
        """The text of each block, in block order, sliced once: every block rule reads
        the same string objects, so each is hashed once for all the caches keyed by it."""
        text = self.text
        return [text[b.start : b.end] for b in self.blocks]

    @cached_property
    def block_starts(self) -> list[int]:
        """Each block's start, in order: for finding the block at an offset by bisection
        (built once per document; a rule that built it per question was quadratic)."""
        return [b.start for b in self.blocks]

    @cached_property
    def headline(self) -> Block | None:
        return next((b for b in self.blocks if b.kind == HEADLINE), None)

    def to_source(self, start: int, end: int) -> tuple[int, int]:
        """Source span (code points) of the lint span ``[start, end)``."""
        if self.smap.is_identity:
            return start, end
        return self.smap.span(start, end)

    def range(
        self, src_start: int, src_end: int, encoding: Encoding = "utf-16"
    ) -> tuple[tuple[int, int], tuple[int, int]]:
        """LSP-style ``((line, character), (line, character))`` of a source span."""
        return self.lines.position(src_start, encoding), self.lines.position(src_end, encoding)

    def offset_at(self, line: int, character: int, encoding: Encoding = "utf-16") -> int:
        return self.lines.offset(line, character, encoding)

    @cached_property
    def _protected_ends(self) -> list[int]:
        return [e for _, e in self.protected]

    @cached_property
    def _units(self) -> dict[tuple[int, int], tuple[int, int]]:
        """Source span of a related item's text → the item's whole unit."""
        units = {}
        for group in self.related:
            for item in group.items:
                if item.unit is not None:
                    units[self.to_source(item.start, item.end)] = item.unit
        return units

    def touches_markup(self, start: int, end: int) -> bool:
        """Does source span ``[start, end)`` share a character with a protected span
        (or, empty, sit strictly inside one)?"""
        ends = self._protected_ends
        i = bisect_right(ends, start)  # first protected span ending after ``start``
        if i == len(ends):
            return False
        return self.protected[i][0] < end  # (empty span: strictly inside that one)

    def _free_pieces(self, start: int, end: int) -> list[tuple[int, int]]:
        """The parts of ``[start, end)`` outside every protected span."""
        pieces = []
        pos = start
        i = bisect_right(self._protected_ends, start)
        while i < len(self.protected) and self.protected[i][0] < end:
            p_start, p_end = self.protected[i]
            if p_start > pos:
                pieces.append((pos, p_start))
            pos = max(pos, p_end)
            i += 1
        if pos < end:
            pieces.append((pos, end))
        return pieces

    def guard(self, diags: list[Diagnostic]) -> list[Diagnostic]:
        """``diags`` made safe for this document's markup, for every door at once.

        Deleting the whole text of a related item deletes the item's unit (its line or
        element). Otherwise a fix with an edit touching markup, a URL or a comment is
        dropped; a range crossing one is clipped to its longest free part (and loses its
        replacements, which were meant for the whole span); a finding lying wholly
        inside one (a word of a URL) is not prose and is dropped.
        """
        if not self.protected and not self._units:
            return diags
        out = []
        for d in diags:
            safe = self._guarded(d)
            if safe is not None:
                out.append(safe)
        return out

    def _guarded(self, d: Diagnostic) -> Diagnostic | None:
        fix = d.fix
        if fix is not None:
            edits = [self._unit_edit(e) for e in fix.edits]
            if any(e is None for e in edits):
                fix = None
            elif edits != list(fix.edits):
                fix = Fix(tuple(e for e in edits if e is not None), fix.safe)
        start, end, replacements = d.start, d.end, d.replacements
        if self.protected and self.touches_markup(start, end):
            pieces = self._free_pieces(start, end)
            if not pieces:
                return None
            start, end = max(pieces, key=lambda p: p[1] - p[0])
            replacements = ()
        if fix is d.fix and (start, end) == (d.start, d.end):
            return d
        return Diagnostic(d.rule, d.severity, d.message, start, end, replacements, fix, d.data)

    def _unit_edit(self, e: Edit) -> Edit | None:
        """``e`` widened to its item's unit, kept, or None when it touches markup."""
        if not e.text and self._units:
            unit = self._units.get((e.start, e.end))
            if unit is not None:
                return Edit(unit[0], unit[1], "")
        if self.protected and self.touches_markup(e.start, e.end):
            return None
        return e
