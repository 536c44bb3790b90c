"""Markdown reader: articles written in Markdown (static-site newsrooms, docs).

A deliberately small reader for the Markdown news copy uses: front matter, ATX
headings, paragraphs, lists, block quotes, fenced code, emphasis, links, images, code
spans and HTML comments. Markup is removed from the lint text and every kept character
maps back to its place in the source. The first ``#`` heading is the headline; a
marker line ("**Citește și:**") followed by list items or link lines opens a related
block whose items are the links' texts.
"""

from __future__ import annotations

import re

from rolint.document import HEADING, HEADLINE, LIST_ITEM, PARAGRAPH, Block, Document
from rolint.readers.builder import Builder, Hints, group_related, line_unit
from rolint.readers.text import blank_comments

_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n.*?\r?\n---[ \t]*(?:\r?\n|\Z)", re.S)
_FENCE = re.compile(r"^[ \t]{0,3}(```|~~~)", re.M)
_HEADING = re.compile(r"^[ \t]{0,3}(#{1,6})[ \t]+", re.M)
_LIST = re.compile(r"^[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]+", re.M)
_QUOTE = re.compile(r"^[ \t]{0,3}(?:>[ \t]?)+", re.M)
# Inline markup, in priority order. Groups named "keep" hold text that stays.
_INLINE = re.compile(
    r"(?P<image>!\[[^\[\]]*\]\([^()]*\))"
    r"|(?P<code>`+)(?:.+?)(?P=code)"
    r"|\[(?P<keep>[^\[\]]+)\](?P<target>\([^()]*\)|\[[^\[\]]*\])"
    r"|(?P<auto><https?://[^>\s]+>)"
    r"|(?P<html></?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>)"
    r"|(?P<emph>\*\*|__|\*|(?<!\w)_|_(?!\w))"
    r"|(?P<trail>#+[ \t]*$)"
)
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n|$)")
# (kind, lint start, lint end, links, source span from its first line to its last)
_Block = tuple[str, int, int, list[tuple[int, int, str | None]], tuple[int, int]]
# "[1]: https://…" — a link reference definition: markup, never prose
_REF_DEF = re.compile(
    r"[ \t]{0,3}\[[^\[\]]+\]:[ \t]*<?[^\s<>]+>?"
    r"(?:[ \t]+(?:\"[^\"]*\"|'[^']*'|\([^()]*\)))?[ \t]*$"
)
_HREF = re.compile(r"\(([^)\s]*)")


def _inline(b: Builder, text: str, start: int, end: int) -> list[tuple[int, int, str | None]]:
    """Copy ``text[start:end]`` without inline markup; return the links (lint spans)."""
    links = []
    pos = start
    for m in _INLINE.finditer(text, start, end):
        b.copy(pos, m.start())
        if m.group("keep") is not None:
            link_start = b.pos
            b.copy(m.start("keep"), m.end("keep"))
            href = _HREF.match(m.group("target"))
            links.append((link_start, b.pos, href.group(1) if href else None))
        pos = m.end()
    b.copy(pos, end)
    return links


def _lines(text: str, start: int) -> list[tuple[int, int, int]]:
    """(start, content end, line end) for each line from ``start``."""
    out = []
    for m in _LINE.finditer(text, start):
        if m.start() == len(text):
            break
        content = m.group().rstrip("\r\n")
        out.append((m.start(), m.start() + len(content), m.end()))
    return out


def read_markdown(source: str, path: str | None, hints: Hints, bom: bool = False) -> Document:
    text = blank_comments(source)
    b = Builder(source, view=text)
    fm = _FRONT_MATTER.match(text)
    lines = _lines(text, fm.end() if fm else 0)
    blocks: list[_Block] = []
    in_fence = False
    prev_end = 0
    current: tuple[str, int, list[tuple[int, int, str | None]], int] | None = None

    def close() -> None:
        nonlocal current
        if current is not None:
            kind, begin, links, src_start = current
            if b.pos > begin:
                blocks.append((kind, begin, b.pos, links, (src_start, prev_end)))
            current = None

    def open_(kind: str) -> tuple[str, int, list[tuple[int, int, str | None]], int]:
        if b.pos:
            b.put("\n\n", ls, ls)
        return (kind, b.pos, [], ls)

    for ls, ce, _le in lines:
        line = text[ls:ce]
        if _FENCE.match(line):
            close()
            in_fence = not in_fence
            continue
        if in_fence:
            continue
        if not line.strip() or _REF_DEF.match(line):
            close()
            continue
        qm = _QUOTE.match(line)
        s = ls + (qm.end() if qm else 0)
        hm = _HEADING.match(text, s, ce)
        lm = _LIST.match(text, s, ce)
        if hm or lm:
            close()
            kind = LIST_ITEM if lm else HEADING
            current = open_(kind)
            s = (hm or lm).end()  # type: ignore[union-attr]
        elif current is None:
            current = open_(PARAGRAPH)
        else:
            b.put("\n", prev_end, ls)
        current[2].extend(_inline(b, text, s, _rstrip(text, s, ce)))
        prev_end = ce
        if hm:
            close()
    close()
    _assemble(b, blocks, hints)
    return b.build("markdown", path, bom)


def _rstrip(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1] in " \t":
        end -= 1
    return end


def _assemble(b: Builder, blocks: list[_Block], hints: Hints) -> None:
    text = "".join(b.parts)
    headline_seen = False
    pending: tuple[Block, list[tuple[int, int, str | None]]] | None = None
    units: dict[tuple[int, int], tuple[int, int]] = {}

    def flush() -> None:
        nonlocal pending
        if pending is not None:
            group_related(b, pending[0], pending[1], units)
            pending = None
            units.clear()

    for kind, start, end, links, src in blocks:
        body = text[start:end]
        if hints.marker_length(body.split("\n", 1)[0]):
            flush()
            first_line_end = start + len(body.split("\n", 1)[0])
            pending = (Block("marker", start, first_line_end), [])
            # Links on the marker's own paragraph are its items.
            pending[1].extend(link for link in links if link[0] >= first_line_end)
            continue
        if pending is not None and kind == LIST_ITEM:
            items = links or [(start, end, None)]
            pending[1].extend(items)
            if len(items) == 1 and items[0][:2] == (start, end):  # the item is the whole line
                units[(start, end)] = line_unit(b.source, *src)
            continue
        flush()
        if kind == HEADING and not headline_seen and text[start:end].strip():
            headline_seen = True
            kind = HEADLINE
        b.block(kind, start, end)
    flush()
