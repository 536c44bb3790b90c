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

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property

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
