"""HTML reader: article bodies as a CMS stores them.

Uses the standard library's ``html.parser`` (well kept, lenient with broken markup,
and it tells where each piece of text starts, which is what the source map needs).
Tags, comments, scripts and styles are dropped; entities are decoded and mapped as a
whole to their source span; whitespace runs collapse to one space as a browser shows
them. Block elements (p, h1–h6, li, blockquote, figcaption, td, div…) become blocks;
``<aside>`` and elements whose class/id hints at related content, and links following
a "Citește și" marker, become related blocks with their links' targets.
"""

from __future__ import annotations

import re
from html import unescape
from html.parser import HTMLParser

from rolint.document import CAPTION, HEADING, HEADLINE, LIST_ITEM, PARAGRAPH, Block, Document
from rolint.readers.builder import Builder, Hints, group_related

_BLOCK_TAGS = {
    "p",
    "div",
    "section",
    "article",
    "header",
    "footer",
    "main",
    "aside",
    "nav",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "blockquote",
    "figcaption",
    "figure",
    "td",
    "th",
    "tr",
    "table",
    "dd",
    "dt",
    "dl",
    "title",
    "pre",
    "body",
    "html",
}
_SKIP_TAGS = {"script", "style", "noscript", "template", "svg", "head"}
# Inline elements a browser shows apart from the text around them: their text is never
# glued to the next word (``<textarea>ţara</textarea><code>şi</code>`` is two words).
_WORD_BREAK_TAGS = {"textarea", "code", "kbd", "samp", "button", "select", "option", "label"}
_KIND = {
    "h1": HEADING,
    "h2": HEADING,
    "h3": HEADING,
    "h4": HEADING,
    "h5": HEADING,
    "h6": HEADING,
    "li": LIST_ITEM,
    "figcaption": CAPTION,
    "title": HEADLINE,
}
_ENTITY = re.compile(r"&(#[0-9]+;?|#[xX][0-9a-fA-F]+;?|[A-Za-z][A-Za-z0-9]*;?)")
_WS = re.compile(r"\s+")


class _Reader(HTMLParser):
    def __init__(self, source: str, hints: Hints) -> None:
        super().__init__(convert_charrefs=False)
        self.source = source
        self.hints = hints
        self.b = Builder(source)
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", source)]
        self.stack: list[str] = []
        self.skip = 0
        self.block_start: int | None = None
        self.block_kind = PARAGRAPH
        self.related_depth: list[int] = []  # stack depths of related containers
        self.link_start: int | None = None
        self.link_href: str | None = None
        self.link_src = 0  # source offset of the open link's start tag
        # lint span of a link → source span of its whole element (Block.unit)
        self.units: dict[tuple[int, int], tuple[int, int]] = {}
        self.li_src: list[int] = []  # source offsets of the open <li> start tags
        self.links: list[tuple[int, int, str | None]] = []  # links in current block
        self.pending_marker: Block | None = None
        self.pending_items: list[tuple[int, int, str | None]] = []
        self.blocks: list[tuple[str, int, int, list[tuple[int, int, str | None]], bool]] = []

    # -- positions ---------------------------------------------------------
    def _offset(self) -> int:
        line, col = self.getpos()
        return self.line_starts[line - 1] + col

    # -- text --------------------------------------------------------------
    def _space(self, src: int) -> None:
        if (
            self.block_start is not None
            and self.b.pos > self.block_start
            and self.b.last_char() not in (" ", "")
        ):
            self.b.put(" ", src, src)

    def _text(self, data: str, src: int) -> None:
        if self.skip:
            return
        if self.block_start is None:
            if not data.strip():
                return
            self._open_block(PARAGRAPH)
        pos = 0
        for m in _WS.finditer(data):
            self.b.copy(src + pos, src + m.start())
            at_start = self.b.pos == self.block_start or self.b.last_char() == " "
            if not at_start:
                self.b.put(" ", src + m.start(), src + m.end())
            pos = m.end()
        self.b.copy(src + pos, src + len(data))

    def handle_data(self, data: str) -> None:
        self._text(data, self._offset())

    def _entity(self) -> None:
        if self.skip:
            return
        src = self._offset()
        m = _ENTITY.match(self.source, src)
        end = m.end() if m else src + 1
        raw = self.source[src:end]
        text = unescape(raw)
        if text.isspace():
            if (
                self.block_start is not None
                and self.b.pos > self.block_start
                and self.b.last_char() != " "
            ):
                self.b.put(" ", src, end)
            return
        if self.block_start is None:
            self._open_block(PARAGRAPH)
        self.b.put(text, src, end)

    def handle_entityref(self, name: str) -> None:
        self._entity()

    def handle_charref(self, name: str) -> None:
        self._entity()

    # -- blocks ------------------------------------------------------------
    def _open_block(self, kind: str) -> None:
        if self.b.pos and self.b.last_char() != "\n":
            self.b.put("\n\n", self._offset(), self._offset())
        self.block_start = self.b.pos
        self.block_kind = kind
        self.links = []

    def _close_block(self) -> None:
        if self.block_start is None:
            return
        start, end = self.block_start, self.b.pos
        end -= self.b.trailing_spaces(end - start)  # trim a trailing collapsed space
        if end > start:
            self.blocks.append((self.block_kind, start, end, self.links, bool(self.related_depth)))
        self.block_start = None
        self.links = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP_TAGS:
            self.skip += 1
        if tag in _WORD_BREAK_TAGS:
            self._space(self._offset())
        if tag == "li":
            self.li_src.append(self._offset())
        if tag in ("br",):
            self._space(self._offset())
            return
        if tag in ("img", "meta", "link", "hr", "input", "wbr", "source"):
            return
        self.stack.append(tag)
        hint = " ".join(v or "" for k, v in attrs if k in ("class", "id")).lower()
        if tag == "aside" or any(h in hint for h in self.hints.html_hints):
            self.related_depth.append(len(self.stack))
        if tag in _BLOCK_TAGS:
            self._close_block()
            kind = _KIND.get(tag, PARAGRAPH)
            if tag == "h1":
                kind = HEADLINE
            if not self.skip:
                self._open_block(kind)
        elif tag == "a":
            if self.block_start is None and not self.skip:
                self._open_block(PARAGRAPH)
            self.link_start = self.b.pos
            self.link_href = dict(attrs).get("href")
            self.link_src = self._offset()

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "br":
            self._space(self._offset())

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP_TAGS and self.skip:
            self.skip -= 1
        if tag in _WORD_BREAK_TAGS:
            self._space(self._offset())
        if tag == "li" and self.li_src:
            self._list_item_unit(self.li_src.pop())
        if tag == "a" and self.link_start is not None:
            if self.b.pos > self.link_start:
                self.links.append((self.link_start, self.b.pos, self.link_href))
                close = self.source.find(">", self._offset())
                if close >= 0:
                    self.units[(self.link_start, self.b.pos)] = (self.link_src, close + 1)
            self.link_start = None
        if tag in self.stack:
            while self.stack:
                top = self.stack.pop()
                if top in _BLOCK_TAGS:
                    self._close_block()
                if self.related_depth and self.related_depth[-1] > len(self.stack):
                    self.related_depth.pop()
                if top == tag:
                    break

    def _list_item_unit(self, start: int) -> None:
        """A list item holding only one link: removing the link removes the ``<li>``."""
        if len(self.links) != 1 or self.block_start is None:
            return
        link = self.links[0][:2]
        end = self.b.pos - self.b.trailing_spaces(self.b.pos - self.block_start)
        close = self.source.find(">", self._offset())
        if link in self.units and link == (self.block_start, end) and close >= 0:
            self.units[link] = (start, close + 1)

    def handle_comment(self, data: str) -> None:
        return

    def close(self) -> None:
        super().close()
        self._close_block()


def _assemble(r: _Reader) -> None:
    """Turn the collected blocks into Document blocks and related groups."""
    b, text = r.b, "".join(r.b.parts)
    seen_headline = False
    pending: tuple[Block | None, list[tuple[int, int, str | None]]] | None = None

    def flush() -> None:
        nonlocal pending
        if pending is not None and (pending[1] or pending[0] is not None):
            group_related(b, pending[0], pending[1], r.units)
        pending = None

    for kind, start, end, links, in_related in r.blocks:
        body = text[start:end]
        marker_len = r.hints.marker_length(body)
        if marker_len:
            flush()
            marker = Block("marker", start, start + len(body[:marker_len].rstrip()))
            items = [link for link in links if link[0] >= start + marker_len]
            if marker_len < len(body) and not items:
                items = [(start + marker_len, end, None)]
            pending = (marker, items)
            continue
        if in_related or (
            pending is not None
            and links
            and kind in (LIST_ITEM, PARAGRAPH)
            and _is_link_only(text, start, end, links)
        ):
            if pending is None:
                pending = (None, [])
            pending[1].extend(links or [(start, end, None)])
            continue
        flush()
        if kind == HEADLINE:
            if seen_headline:
                kind = HEADING
            seen_headline = True
        b.block(kind, start, end)
    flush()


def _is_link_only(
    text: str, start: int, end: int, links: list[tuple[int, int, str | None]]
) -> bool:
    covered = sum(e - s for s, e, _ in links)
    return covered >= 0.8 * len(text[start:end].strip())


def read_html(source: str, path: str | None, hints: Hints, bom: bool = False) -> Document:
    reader = _Reader(source, hints)
    reader.feed(source)
    reader.close()
    _assemble(reader)
    return reader.b.build("html", path, bom)
