"""Plain-text reader: articles as newsroom archives and scrapers store them.

Paragraphs are runs of non-blank lines. The first line of the document, when it stands
alone, is the headline. A line that is a related-articles marker ("Citește și", "Vezi
și", "Recomandări"…) opens a related block; the following lines of its paragraph are
its items. A paragraph of short lines in which a line repeats its neighbour (the
"headline + same headline as link" shape scrapers produce) is a related block too,
with no marker. HTML comments (suppression directives) are blanked with spaces so the
lint text keeps the source's offsets exactly.
"""

from __future__ import annotations

import itertools
import re

from rolint.document import HEADLINE, PARAGRAPH, Block, Document
from rolint.readers.builder import (
    Builder,
    Hints,
    group_related,
    headline_like,
    is_teaser_pair,
    line_unit,
)

_COMMENT = re.compile(r"<!--.*?-->", re.S)
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n|$)")


def blank_comments(source: str) -> str:
    """Replace HTML comments by spaces (newlines kept), preserving every offset."""
    return _COMMENT.sub(lambda m: re.sub(r"[^\r\n]", " ", m.group()), source)


def _lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of each line's content, terminators excluded."""
    if "\r" not in text:  # the usual case, at C speed: only \n ends lines
        pieces = text.split("\n")
        if pieces[-1] == "":
            pieces.pop()  # a final terminator (or an empty text) opens no line
        pos = 0
        out = []
        for piece in pieces:
            out.append((pos, pos + len(piece)))
            pos += len(piece) + 1
        return out
    spans = []
    for m in _LINE.finditer(text):
        if m.start() == len(text) and m.end() == m.start():
            break
        content = m.group().rstrip("\r\n")
        spans.append((m.start(), m.start() + len(content)))
    return spans


def paragraphs(text: str) -> list[list[tuple[int, int]]]:
    """Runs of non-blank lines, each a list of (start, end) line spans."""
    result: list[list[tuple[int, int]]] = []
    current: list[tuple[int, int]] = []
    for start, end in _lines(text):
        if text[start:end].strip():
            current.append((start, end))
        elif current:
            result.append(current)
            current = []
    if current:
        result.append(current)
    return result


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """Span without leading/trailing whitespace."""
    seg = text[start:end]
    left = len(seg) - len(seg.lstrip())
    return start + left, start + len(seg.rstrip())


def structure(
    b: Builder,
    text: str,
    paras: list[list[tuple[int, int]]],
    hints: Hints,
    first_is_headline: bool = True,
) -> None:
    """Add headline, paragraph and related blocks for line-based text."""
    for index, lines in enumerate(paras):
        lines = [_trimmed(text, s, e) for s, e in lines]
        if index == 0 and first_is_headline and len(lines) == 1 and len(paras) > 1:
            b.block(HEADLINE, *lines[0])
            continue
        marker_at = [i for i, (s, e) in enumerate(lines) if hints.marker_length(text[s:e])]
        if marker_at:
            _marked_paragraph(b, text, lines, marker_at, hints)
        elif is_teaser_pair(text, lines):
            group_related(b, None, [(s, e, None) for s, e in lines], _units(text, lines))
        else:
            b.block(PARAGRAPH, lines[0][0], lines[-1][1])


def _marked_paragraph(
    b: Builder, text: str, lines: list[tuple[int, int]], marker_at: list[int], hints: Hints
) -> None:
    if marker_at[0] > 0:
        b.block(PARAGRAPH, lines[0][0], lines[marker_at[0] - 1][1])
    bounds = [*marker_at, len(lines)]
    for m, nxt in itertools.pairwise(bounds):
        start, end = lines[m]
        cut = start + hints.marker_length(text[start:end])
        marker = Block("marker", *_trimmed(text, start, cut))
        # Items are the headline-like lines after the marker; in scraped text without
        # blank lines the article's body goes on after them in the same "paragraph".
        body = m + 1
        while body < nxt and headline_like(text[lines[body][0] : lines[body][1]]):
            body += 1
        own = lines[m + 1 : body]
        items: list[tuple[int, int, str | None]] = [(s, e, None) for s, e in own]
        if cut < end:  # "Citește și: Titlu" — the headline shares the marker's line
            items.insert(0, (*_trimmed(text, cut, end), None))
        group_related(b, marker, items, _units(text, own))
        if body < nxt:
            b.block(PARAGRAPH, lines[body][0], lines[nxt - 1][1])


def _units(text: str, lines: list[tuple[int, int]]) -> dict[tuple[int, int], tuple[int, int]]:
    """Each item line's whole line with its break (items that own their line)."""
    return {(s, e): line_unit(text, s, e) for s, e in lines}


def read_text(source: str, path: str | None, hints: Hints, bom: bool = False) -> Document:
    text = blank_comments(source)
    b = Builder(source)
    b.put(text, 0, len(source))
    structure(b, text, paragraphs(text), hints)
    return b.build("text", path, bom)
