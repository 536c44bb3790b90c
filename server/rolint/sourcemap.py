"""Mapping from the text rules see (the *lint text*) back to the source text.

Readers strip markup (HTML tags, entities, Markdown syntax) before rules run. While
they build the lint text they record, piece by piece, where each piece came from.
A piece copied verbatim maps character by character; a piece that replaced source of
a different length (``&amp;`` → ``&``) maps as a whole: its start to the source start,
its end to the source end. That is enough to put every diagnostic and every fix edit
exactly where it belongs in the source.
"""

from __future__ import annotations

from bisect import bisect_right


class SourceMap:
    """Piecewise map from lint-text offsets to source offsets (code points)."""

    def __init__(self) -> None:
        self._lint: list[int] = []
        self._src: list[int] = []
        self._lint_len: list[int] = []
        self._src_len: list[int] = []
        self._length = 0

    @classmethod
    def identity(cls, length: int) -> SourceMap:
        smap = cls()
        smap.add(length, 0, length)
        return smap

    @property
    def is_identity(self) -> bool:
        """True when lint text and source are the same text (plain-text documents)."""
        if not self._lint:
            return True
        return len(self._lint) == 1 and self._src[0] == 0 and self._lint_len[0] == self._src_len[0]

    @property
    def length(self) -> int:
        """Length of the lint text described so far."""
        return self._length

    def add(self, lint_len: int, src_start: int, src_end: int) -> None:
        """Record that the next ``lint_len`` lint characters came from ``src[start:end]``."""
        src_len = src_end - src_start
        if lint_len == 0 and src_len == 0:
            return
        # Merge contiguous verbatim pieces: keeps the map small for plain runs.
        if (
            self._lint
            and lint_len == src_len
            and self._lint_len[-1] == self._src_len[-1]
            and self._src[-1] + self._src_len[-1] == src_start
        ):
            self._lint_len[-1] += lint_len
            self._src_len[-1] += src_len
            self._length += lint_len
            return
        self._lint.append(self._length)
        self._src.append(src_start)
        self._lint_len.append(lint_len)
        self._src_len.append(src_len)
        self._length += lint_len

    def _piece(self, offset: int) -> int:
        return max(bisect_right(self._lint, offset) - 1, 0)

    def start(self, offset: int) -> int:
        """Source offset where the lint character at ``offset`` starts."""
        if not self._lint:
            return 0
        i = self._piece(offset)
        rel = offset - self._lint[i]
        if self._lint_len[i] == self._src_len[i]:
            return self._src[i] + min(rel, self._src_len[i])
        return self._src[i] if rel <= 0 else self._src[i] + self._src_len[i]

    def end(self, offset: int) -> int:
        """Source offset where a lint range ending at ``offset`` (exclusive) ends."""
        if not self._lint or offset <= 0:
            return self.start(0) if self._lint else 0
        i = self._piece(offset - 1)
        rel = offset - self._lint[i]
        if self._lint_len[i] == self._src_len[i]:
            return self._src[i] + min(rel, self._src_len[i])
        return self._src[i] + self._src_len[i]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Source span of the lint span ``[start, end)``; an empty span stays empty."""
        src_start = self.start(start)
        if end <= start:
            return src_start, src_start
        return src_start, max(self.end(end), src_start)

    def gaps(self, source_length: int) -> list[tuple[int, int]]:
        """Source spans no lint character came from: the markup a reader dropped (tags,
        Markdown syntax, link targets, front matter, code), sorted and disjoint."""
        covered = sorted((s, s + n) for s, n in zip(self._src, self._src_len, strict=True) if n > 0)
        out = []
        pos = 0
        for start, end in covered:
            if start > pos:
                out.append((pos, start))
            pos = max(pos, end)
        if pos < source_length:
            out.append((pos, source_length))
        return out
