"""The block analysis: what the rules read of a block, computed once and shared.

The engine builds one :class:`BlockAnalysis` per distinct (kind, text) of a document's
blocks and keeps it in its own bounded cache, so that every rule reads the same folded
and lower-cased forms instead of making them again, and an unchanged paragraph is
analysed once for all the checks of a language-server session.

Facts a single rule derives from a block (its tokens, its quotation marks paired, the
names the speller sees in it) are kept on the analysis with :meth:`BlockAnalysis.derive`,
under a key the rule chooses. They live exactly as long as the analysis does: the
engine's one eviction policy bounds them, and rules keep no tables of their own.
Derived values must be pure functions of the block (and of the rule's fixed setup):
two threads may compute the same one at once, and either result may be kept.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

from rolint.romanian import fold_cedilla, lower, sentence_start

if TYPE_CHECKING:
    from rolint.document import Block, Document

T = TypeVar("T")


class BlockAnalysis:
    """One block's text and the forms of it the rules share.

    * ``folded``: cedilla letters folded to comma below (same length as ``text``);
    * ``low``: ``folded`` lower-cased with the same length (see romanian.lower): a
      pattern of lower-case literals matches there at the offsets of ``text``;
    * ``results``: the engine's results of the block rules on this block (see
      Engine._block_diagnostics), kept exactly as long as the analysis.
    """

    __slots__ = ("_derived", "_folded", "_low", "kind", "results", "text")

    def __init__(self, text: str, kind: str) -> None:
        self.text = text
        self.kind = kind
        self._folded: str | None = None
        self._low: str | None = None
        self._derived: dict[Hashable, Any] = {}
        self.results: dict[Hashable, Any] = {}

    @property
    def folded(self) -> str:
        """Computed on first use (a rule that needs no fold does not pay for it)."""
        if self._folded is None:
            self._folded = fold_cedilla(self.text)
        return self._folded

    @property
    def low(self) -> str:
        if self._low is None:
            self._low = lower(self.folded)
        return self._low

    def derive(self, key: Hashable, make: Callable[[BlockAnalysis], T]) -> T:
        """``make(self)``, computed once per analysis and key (see the module doc)."""
        derived = self._derived
        try:
            return derived[key]  # type: ignore[no-any-return]
        except KeyError:
            value = derived[key] = make(self)
            return value

    def sentence_start(self, pos: int) -> bool:
        """Does the word at ``pos`` open a sentence (see romanian.sentence_start)?"""
        return sentence_start(self.text, pos)

    @property
    def weight(self) -> int:
        """What keeping this analysis costs, roughly, in characters."""
        return 3 * len(self.text) + 64


@dataclass(frozen=True)
class DocumentAnalysis:
    """A document with the analysis of each of its blocks (same order as its blocks)."""

    doc: Document
    blocks: Sequence[BlockAnalysis]

    def pairs(self) -> zip[tuple[Block, BlockAnalysis]]:
        return zip(self.doc.blocks, self.blocks, strict=True)
