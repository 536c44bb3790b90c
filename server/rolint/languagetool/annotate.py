"""What is sent to LanguageTool for one block, and how its answer maps back.

Plain-text documents send the block's text. HTML and Markdown send LanguageTool's
*annotated text*: the block's source slice cut into ``text`` pieces (verbatim prose)
and ``markup`` pieces (tags, syntax; entities with ``interpretAs`` their character),
read off the Document's source map. LanguageTool then answers in positions of the
whole annotated string, which is the source slice itself: a match maps into the
source by one addition, however much markup surrounds it.

LanguageTool counts UTF-16 code units; rolint counts code points. :class:`Utf16` turns
one into the other for the exact string that was sent (an emoji before or inside a
match shifts everything after it by one unit per emoji).
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

from rolint.document import Block, Document


class Utf16:
    """UTF-16 offsets in ``text`` → code-point offsets (identity for BMP-only text)."""

    def __init__(self, text: str) -> None:
        self._len = len(text)
        self._units: list[int] | None = None
        if not text.isascii() and any(ord(ch) > 0xFFFF for ch in text):
            units, u = [], 0
            for ch in text:
                units.append(u)
                u += 2 if ord(ch) > 0xFFFF else 1
            units.append(u)
            self._units = units

    def to_cp(self, unit: int) -> int:
        """Code-point offset at UTF-16 offset ``unit`` (inside a pair: the pair's start)."""
        if self._units is None:
            return max(0, min(unit, self._len))
        return max(0, min(bisect_right(self._units, unit) - 1, self._len))


@dataclass(frozen=True)
class Request:
    """One block ready to send: plain ``text`` or an ``annotation``, and where the
    positions of the answer start (a lint offset for text, a source offset for markup)."""

    block: Block
    sent: str  # the string whose positions the answer uses
    base: int
    annotated: bool
    annotation: tuple[tuple[str, str, str], ...] = ()  # (kind, content, interpretAs)

    def payload(self) -> list[dict[str, str]]:
        out = []
        for kind, content, interpret in self.annotation:
            item = {kind: content}
            if kind == "markup" and interpret:
                item["interpretAs"] = interpret
            out.append(item)
        return out

    @property
    def key(self) -> tuple[bool, str, tuple[tuple[str, str, str], ...]]:
        """What the answer depends on (the paragraph cache's key)."""
        return (self.annotated, self.sent if not self.annotated else "", self.annotation)


def request_for(doc: Document, block: Block) -> Request:
    """The request for ``block`` of ``doc``."""
    if doc.smap.is_identity:
        return Request(block, doc.text[block.start : block.end], block.start, False)
    src_start, src_end = doc.to_source(block.start, block.end)
    pieces = _annotation(doc, block, src_start, src_end)
    return Request(block, doc.source[src_start:src_end], src_start, True, pieces)


def _annotation(
    doc: Document, block: Block, src_start: int, src_end: int
) -> tuple[tuple[str, str, str], ...]:
    """Cut ``source[src_start:src_end]`` into text and markup pieces (see module doc).

    A lint character copied verbatim is text; source between two lint characters is
    markup; a lint character with another source (an entity, a ``<br>`` read as a line
    break) is markup interpreted as that character. Neighbours of a kind are joined.
    """
    src, text, smap = doc.source, doc.text, doc.smap
    pieces: list[tuple[str, str, str]] = []
    kind = ""
    content: list[str] = []
    interpret: list[str] = []

    def add(k: str, c: str, t: str = "") -> None:
        nonlocal kind
        if k != kind and kind:
            pieces.append((kind, "".join(content), "".join(interpret)))
            content.clear()
            interpret.clear()
        kind = k
        content.append(c)
        interpret.append(t)

    pos = src_start
    for i in range(block.start, block.end):
        s, e = smap.start(i), smap.end(i + 1)
        if s > pos:
            add("markup", src[pos:s])
            pos = s
        ch = text[i]
        if e - s == 1 and s == pos and src[s] == ch:
            add("text", ch)
        else:
            add("markup", src[pos:e] if e > pos else "", ch)
        pos = max(pos, e)
    if pos < src_end:
        add("markup", src[pos:src_end])
    if kind:
        pieces.append((kind, "".join(content), "".join(interpret)))
    return tuple(pieces)


def source_span(doc: Document, req: Request, offset: int, length: int) -> tuple[int, int]:
    """Source span (code points) of a match at UTF-16 ``offset``/``length`` in ``req``."""
    conv = Utf16(req.sent)
    start, end = conv.to_cp(offset), conv.to_cp(offset + length)
    if req.annotated:
        return req.base + start, req.base + max(end, start)
    return doc.to_source(req.base + start, req.base + max(end, start))
