"""HTML reader: article bodies as a CMS stores them.

Uses the standard library's ``html.parser`` (well kept, lenient with broken markup,
and it tells where each piece of text starts, which is what the source map needs).
Tags, comments, scripts and styles are dropped; entities are decoded and mapped as a
whole to their source span; whitespace runs collapse to one space as a browser shows
them. Block elements (p, h1–h6, li, blockquote, figcaption, td, div…) become blocks;
``<aside>`` and elements whose class/id hints at related content, and links following
a "Citește și" marker, become related blocks with their links' targets.

A marker may also stand alone in its element, the way CMS editors write it
(``<p><strong>Citește și:</strong></p>``), followed by one paragraph per headline, linked
or plain text. Plain paragraphs join the block only while they read as headlines
(:func:`~rolint.readers.builder.headline_paragraph`) and the items so far were plain
too; the block ends at a heading, an ``<hr>``, a quote, table or figure, the end of the
marker's container or the first paragraph that reads as body text, so the body after it
is still checked as body. With no marker, a headline paragraph followed by the same
headline as a link (or the other way round) is a related pair, as a CMS template prints
a teaser. Inside one block, ``<br>`` lines are read as the text reader reads the lines
of a paragraph: a marker on any line, its headline lines after it, body lines around.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from html import unescape
from html.parser import HTMLParser

from rolint.document import (
    BODY_KINDS,
    CAPTION,
    HEADING,
    HEADLINE,
    LIST_ITEM,
    PARAGRAPH,
    Block,
    Document,
)
from rolint.readers.builder import (
    HEADLINE_MAX,
    Builder,
    Hints,
    group_related,
    headline_like,
    headline_paragraph,
    is_teaser_pair,
    looks_like_duplicate,
)

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
# Elements a related item may own whole: deleting the item deletes the element (never a
# table cell, which would break the table's layout).
_UNIT_TAGS = {"p", "li", "div", "h2", "h3", "h4", "h5", "h6", "dd", "dt"}
# A repeated paragraph of fewer words ("Foto", "Video live") is a label, not a headline.
_TEASER_WORDS = 3
_ENTITY = re.compile(r"&(#[0-9]+;?|#[xX][0-9a-fA-F]+;?|[A-Za-z][A-Za-z0-9]*;?)")
_WS = re.compile(r"\s+")


_Link = tuple[int, int, str | None]  # lint start, lint end, href


@dataclass(slots=True)
class _Piece:
    """A block the parser collected, before related blocks are grouped."""

    kind: str
    start: int
    end: int
    links: list[_Link]
    in_related: bool  # inside an <aside> or an element hinting at related content
    level: int  # stack depth of the element holding the text
    #: source span of the whole element (start tag to end tag, or to where a browser
    #: ends an open <p>/<li>) when the block is exactly one element of _UNIT_TAGS
    element: tuple[int, int] | None
    brs: list[tuple[int, int]]  # its <br> line breaks: lint offset, source offset


# In the parser's list of pieces an int stands for the end of a container at that stack
# depth (``<hr>``, and the start of an element no related block holds: -1): a related
# block opened inside it ends there.
_HR = -1
# A quote, table, figure or code block after a related block is the article again (a
# quote paragraph without a full stop must not pass for a headline).
_BREAK_TAGS = {"blockquote", "table", "figure", "pre", "form", "iframe"}


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
        self.links: list[_Link] = []  # links in current block
        self.block_tag: str | None = None  # the element that opened the current block
        self.block_src = 0  # source offset of its start tag
        self.block_level = 0
        self.element: tuple[int, int] | None = None  # set where block_tag's element ends
        self.brs: list[tuple[int, int]] = []  # the <br>s in the current block (see _Piece)
        self.blocks: list[_Piece | int] = []

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
    def _open_block(self, kind: str, tag: str | None = None) -> None:
        """Start a block; ``tag``: the block element opening it (None: bare text)."""
        if self.b.pos and self.b.last_char() != "\n":
            self.b.put("\n\n", self._offset(), self._offset())
        self.block_start = self.b.pos
        self.block_kind = kind
        self.links = []
        self.block_tag = tag
        self.block_src = self._offset()
        self.block_level = len(self.stack) - 1 if tag else len(self.stack)
        self.element = None
        self.brs = []

    def _close_block(self) -> None:
        if self.block_start is None:
            return
        start, end = self.block_start, self.b.pos
        end -= self.b.trailing_spaces(end - start)  # trim a trailing collapsed space
        if end > start:
            in_related = bool(self.related_depth)
            level, element, brs = self.block_level, self.element, self.brs
            piece = _Piece(self.block_kind, start, end, self.links, in_related, level, element, brs)
            self.blocks.append(piece)
        self.block_start = None
        self.links = []
        self.element = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP_TAGS:
            self.skip += 1
        if tag in _WORD_BREAK_TAGS:
            self._space(self._offset())
        if tag in ("br",):
            self._line_break()
            return
        if tag == "hr":
            self._break_runs()
            return
        if tag in ("img", "meta", "link", "input", "wbr", "source"):
            return
        if tag == self.block_tag:
            self._implied_end(self._offset())
        if tag in _BREAK_TAGS:
            self._break_runs()
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
                self._open_block(kind, tag)
        elif tag == "a":
            if self.block_start is None and not self.skip:
                self._open_block(PARAGRAPH)
            self.link_start = self.b.pos
            self.link_href = dict(attrs).get("href")
            self.link_src = self._offset()

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "br":
            self._line_break()
        elif tag == "hr":
            self._break_runs()

    def _line_break(self) -> None:
        """``<br>``: a space in the lint text, and a line end a marker's items split at."""
        if self.block_start is not None and not self.skip:
            self.brs.append((self.b.pos, self._offset()))
        self._space(self._offset())

    def _break_runs(self) -> None:
        """``<hr>``, ``<blockquote>``…: the end of any related block before (not when
        inside a script or template)."""
        if not self.skip:
            self.blocks.append(_HR)

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP_TAGS and self.skip:
            self.skip -= 1
        if tag in _WORD_BREAK_TAGS:
            self._space(self._offset())
        if tag == self.block_tag and tag in _UNIT_TAGS and self.block_start is not None:
            close = self.source.find(">", self._offset())
            if close >= 0:
                self.element = (self.block_src, close + 1)
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
                    self.blocks.append(len(self.stack))
                if self.related_depth and self.related_depth[-1] > len(self.stack):
                    self.related_depth.pop()
                if top == tag:
                    break

    def handle_comment(self, data: str) -> None:
        return

    def _implied_end(self, at: int) -> None:
        """``<p>A<p>B``, ``<li>A<li>B`` and a last ``<p>`` left open: a browser ends the
        element where the next one (or the input) starts, so the block owns the source
        up to ``at`` whole (what removing it as a related item removes)."""
        if (
            self.block_tag in ("p", "li")
            and self.block_start is not None
            and self.stack
            and self.stack[-1] == self.block_tag
            and self.block_level == len(self.stack) - 1
        ):
            self.element = (self.block_src, at)

    def close(self) -> None:
        super().close()
        self._implied_end(len(self.source))
        self._close_block()


@dataclass(slots=True)
class _Run:
    """A related block being collected: its marker, its items so far, and what may
    still join it."""

    marker: Block | None
    items: list[_Link]
    level: int  # stack depth of the marker's element: its container closes above it
    #: False once the marker's container ended or an <hr> came: only pieces inside a
    #: related container may still join
    open: bool = True
    #: plain-text paragraphs may join: the marker stands alone in its element and no
    #: item so far was a link (a block is written one way; body text after linked
    #: items is body)
    plain: bool = False


def _assemble(r: _Reader) -> None:
    """Turn the collected blocks into Document blocks and related groups."""
    b, text = r.b, "".join(r.b.parts)
    seen_headline = False
    run: _Run | None = None
    pairs = _teaser_pairs(text, r.blocks, r.hints)
    second = -1  # index of a pair's second piece, already grouped with the first
    for i, piece in enumerate(r.blocks):
        if i == second:
            continue
        if isinstance(piece, int):
            if run is not None and piece < run.level:
                run.open = run.plain = False
            continue
        lines = _lines(text, piece)
        found = _find_marker(r, text, lines, 0)
        if found is not None:
            _flush(b, run, r.units)
            run = _marker_piece(r, text, piece, lines, *found)
            continue
        if run is None and piece.in_related:
            run = _Run(None, [], _HR)  # ended by leaving the related container only
        if run is not None and _join(run, text, piece, r.units):
            continue
        _flush(b, run, r.units)
        run = None
        if piece.brs and piece.kind == PARAGRAPH and _br_teaser(r, text, piece):
            continue
        if i in pairs:
            second, other = pairs[i]
            run = _Run(None, [], _HR, open=False)
            for item in (piece, other):
                _join(run, text, item, r.units, teaser=True)
            continue
        kind = piece.kind
        if kind == HEADLINE:
            if seen_headline:
                kind = HEADING
            seen_headline = True
        b.block(kind, piece.start, piece.end)
    _flush(b, run, r.units)


def _find_marker(
    r: _Reader, text: str, lines: list[tuple[int, int]], first: int
) -> tuple[int, int] | None:
    """(line index, marker length) of the first line from ``first`` a marker opens."""
    for k in range(first, len(lines)):
        marker_len = r.hints.marker_length(text[lines[k][0] : lines[k][1]])
        if marker_len:
            return k, marker_len
    return None


def _marker_piece(
    r: _Reader, text: str, piece: _Piece, lines: list[tuple[int, int]], k: int, marker_len: int
) -> _Run | None:
    """Read a block whose line ``k`` opens a related block (lines: split at ``<br>``, as
    the text reader reads the lines of a paragraph): body lines before, between and
    after its items become paragraphs. Returns the run still open at the block's end,
    which the next blocks may join."""
    kind = piece.kind if piece.kind in BODY_KINDS else PARAGRAPH
    if k > 0:
        r.b.block(kind, piece.start, lines[k - 1][1])
    while True:
        run, stop = _marker_lines(r, text, piece, lines, k, marker_len)
        if stop is None:
            return run
        _flush(r.b, run, r.units)
        found = _find_marker(r, text, lines, stop)
        body_end = piece.end if found is None else lines[found[0] - 1][1]
        if found is None or found[0] > stop:
            r.b.block(kind, lines[stop][0], body_end)
        if found is None:
            return None
        k, marker_len = found


def _marker_lines(
    r: _Reader, text: str, piece: _Piece, lines: list[tuple[int, int]], k: int, marker_len: int
) -> tuple[_Run, int | None]:
    """The run the marker on line ``k`` opens, and the index of the first line after its
    items (None: they end the block). Links after the marker, up to the next marker,
    are its items; else the text after it on its line, then the following lines while
    they read as headlines."""
    start, first_end = lines[k]
    cut = start + marker_len
    marker = Block("marker", start, start + len(text[start:cut].rstrip()))
    nxt = _find_marker(r, text, lines, k + 1)
    stop = None if nxt is None else nxt[0]
    seg_end = piece.end if stop is None else lines[stop - 1][1]
    items = [link for link in piece.links if cut <= link[0] < seg_end]
    if items:
        return _Run(marker, items, piece.level), stop
    if cut < first_end:
        items.append((cut, first_end, None))
    for j in range(k + 1, len(lines) if stop is None else stop):
        line_start, line_end = lines[j]
        if not headline_paragraph(text[line_start:line_end]):
            stop = j
            break
        items.append((line_start, line_end, None))
        _br_line_unit(r, piece, line_start, line_end)
    alone = cut >= first_end and len(lines) == k + 1
    return _Run(marker, items, piece.level, plain=alone), stop


def _lines(text: str, piece: _Piece) -> list[tuple[int, int]]:
    """The block's lines (split at its ``<br>``s), trimmed, blank ones left out."""
    if not piece.brs:
        return [(piece.start, piece.end)]
    bounds = [pos for pos, _src in piece.brs if piece.start < pos < piece.end]
    out = []
    for s, e in itertools.pairwise([piece.start, *bounds, piece.end]):
        seg = text[s:e]
        left, right = len(seg) - len(seg.lstrip()), len(seg.rstrip())
        if right > left:
            out.append((s + left, s + right))
    return out or [(piece.start, piece.end)]


def _br_teaser(r: _Reader, text: str, piece: _Piece) -> bool:
    """A paragraph of ``<br>`` lines, one repeating its neighbour, is a related block
    with no marker, as the text reader reads lines of one paragraph."""
    lines = _lines(text, piece)
    if not is_teaser_pair(text, lines):
        return False
    for s, e in lines[1:]:
        _br_line_unit(r, piece, s, e)
    group_related(r.b, None, [(s, e, None) for s, e in lines], r.units)
    return True


def _br_line_unit(r: _Reader, piece: _Piece, start: int, end: int) -> None:
    """A headline line after a ``<br>``, with no other markup before its end, is removed
    with that ``<br>`` (what deleting it as a related item deletes)."""
    br = [src for pos, src in piece.brs if pos <= start]
    if not br:
        return
    src_end = r.b.smap.span(start, end)[1]
    if "<" not in r.source[br[-1] + 1 : src_end]:
        r.units[(start, end)] = (br[-1], src_end)


def _join(
    run: _Run,
    text: str,
    piece: _Piece,
    units: dict[tuple[int, int], tuple[int, int]],
    teaser: bool = False,
) -> bool:
    """Add ``piece`` to ``run`` when it belongs there; False: the run ends before it.
    ``teaser``: the piece is half of a headline pair and belongs there."""
    if piece.in_related or teaser:
        run.items.extend(piece.links or [(piece.start, piece.end, None)])
    elif not run.open or piece.kind not in (LIST_ITEM, PARAGRAPH):
        return False
    elif piece.links and _is_link_only(text, piece.start, piece.end, piece.links):
        run.items.extend(piece.links)
        run.plain = False
    elif run.plain and not piece.links and headline_paragraph(text[piece.start : piece.end]):
        run.items.append((piece.start, piece.end, None))
    else:
        return False
    span = (piece.start, piece.end)
    if piece.element is not None and (
        not piece.links or (len(piece.links) == 1 and piece.links[0][:2] == span)
    ):
        units[span] = piece.element  # the item is the whole element: removing it removes that
    return True


def _teaser_pairs(
    text: str, pieces: list[_Piece | int], hints: Hints
) -> dict[int, tuple[int, _Piece]]:
    """Adjacent headline paragraphs where one repeats the other and one of them is a
    link, with no marker before them: the "headline + same headline as link" a CMS
    template prints (index of the first piece → index and piece of the second). Two
    plain paragraphs repeating each other are not taken: the text reader does not pair
    separate paragraphs either, and a doubled intertitle is not a related block."""
    pairs: dict[int, tuple[int, _Piece]] = {}
    last: tuple[int, _Piece] | None = None  # the previous piece, when it may open a pair
    for i, piece in enumerate(pieces):
        if isinstance(piece, int):
            if last is not None and piece < last[1].level:
                last = None  # the first one's container ended (or an <hr>)
            continue
        body = text[piece.start : piece.end]
        if not _teaser_candidate(text, piece, body, hints):
            last = None
        elif (
            last is not None
            and (piece.links or last[1].links)
            and looks_like_duplicate(text[last[1].start : last[1].end], body)
        ):
            pairs[last[0]] = (i, piece)
            last = None
        else:
            last = (i, piece)
    return pairs


def _teaser_candidate(text: str, piece: _Piece, body: str, hints: Hints) -> bool:
    """A body-level paragraph of a few words, plain or one link and nothing else, no
    marker, that may be a headline. The text reader's line test is enough here (a
    truncated copy may end in a colon): body paragraphs do not repeat each other."""
    if piece.kind != PARAGRAPH or piece.in_related or len(body) > HEADLINE_MAX:
        return False
    if piece.links and not _is_link_only(text, piece.start, piece.end, piece.links):
        return False
    return (
        headline_like(body)
        and len(body.split(maxsplit=_TEASER_WORDS)) >= _TEASER_WORDS
        and not hints.marker_length(body)
    )


def _flush(b: Builder, run: _Run | None, units: dict[tuple[int, int], tuple[int, int]]) -> None:
    if run is not None and (run.items or run.marker is not None):
        group_related(b, run.marker, run.items, units)


def _is_link_only(text: str, start: int, end: int, links: list[_Link]) -> bool:
    covered = sum(e - s for s, e, _ in links)
    return covered >= 0.8 * len(text[start:end].strip())


def read_html(source: str, path: str | None, hints: Hints, bom: bool = False) -> Document:
    reader = _Reader(source, hints)
    reader.feed(source)
    reader.close()
    _assemble(reader)
    return reader.b.build("html", path, bom)
