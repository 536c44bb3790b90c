"""How much of an engine's caches the language server keeps: its working set.

The server runs for days over text that changes with every keystroke, and every edit
leaves the old block's analysis and rule results behind in the engine's caches. So
after each check the lane that ran it bounds its engine's caches to what the open
documents need, least recently used evicted first:

* rule results: ``CACHE_FACTOR`` × (blocks × block rules of the open documents) plus
  the results of ``SLACK_EDITS`` more edited blocks (undo, switching documents);
* block analyses (one per block, each holding its text three times and the facts the
  rules derive from it): ``CACHE_FACTOR`` × the open documents' blocks plus
  ``SLACK_EDITS``, and ``CACHE_FACTOR`` × their weight plus ``SLACK_WEIGHT`` (so that a
  few stale huge blocks cannot hold hundreds of megabytes either);
* the rules' per-word memo tables (the speller's: about 1 KB per distinct word over all
  of them, and nearly every keystroke types a new word): ``CACHE_FACTOR`` × the open
  documents' words plus ``SLACK_WORDS`` each. Their fixed caps (10,000–500,000 words)
  held up to ~150 MB after a long session; the growth was ~1 MB per 1,000 edits
  (benchmarks/RESULTS-lsp.md).

A single bound for both (results × 3 + 4,000) let 20 documents of 48 blocks keep
5,440 analyses, about 100 times their working set (benchmarks/RESULTS-lsp.md). Evicting
costs only recomputation: a check after eviction equals a fresh check.
"""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass

from rolint.document import Document
from rolint.engine import Engine

CACHE_FACTOR = 3
SLACK_EDITS = 50  # edited blocks kept beyond the working set
SLACK_WEIGHT = 1_000_000  # analysis weight kept beyond it (about 330,000 characters)
SLACK_WORDS = 10_000  # words kept in each per-word table beyond the documents' (~10 MB)
_ANALYSIS_OVERHEAD = 64  # BlockAnalysis.weight of an empty block


@dataclass(frozen=True)
class Need:
    """What one open document needs kept to re-check any of its blocks at no cost."""

    blocks: int
    results: int
    weight: int
    words: int  # about: the spaces of its blocks, plus one per block

    @classmethod
    def of(cls, doc: Document, engine: Engine) -> Need:
        blocks = len(doc.blocks)
        texts = doc.block_texts
        weight = 3 * sum(map(len, texts)) + _ANALYSIS_OVERHEAD * blocks
        words = sum(t.count(" ") for t in texts) + blocks
        return cls(blocks, blocks * max(1, len(engine.block_rules)), weight, words)


class Budget:
    """The needs of the documents one lane checks, and the bounds they make."""

    def __init__(self) -> None:
        self.needs: dict[Hashable, Need] = {}

    def note(self, key: Hashable, doc: Document, engine: Engine) -> None:
        """``doc`` (under ``key``, its uri) was just checked by ``engine``: bound it."""
        self.needs[key] = Need.of(doc, engine)
        needs = self._needs()
        blocks = sum(n.blocks for n in needs)
        results = sum(n.results for n in needs)
        weight = sum(n.weight for n in needs)
        engine.bound_caches(
            CACHE_FACTOR * results + SLACK_EDITS * max(1, len(engine.block_rules)),
            CACHE_FACTOR * blocks + SLACK_EDITS,
            CACHE_FACTOR * weight + SLACK_WEIGHT,
            self.max_words(),
        )

    def _needs(self) -> list[Need]:
        """The needs now, copied at once: the event loop forgets a closed document
        while a lane thread sums them (iterating the dict itself could then fail)."""
        return list(self.needs.values())

    def max_words(self) -> int:
        """Words each per-word memo table may keep for these documents."""
        return CACHE_FACTOR * sum(n.words for n in self._needs()) + SLACK_WORDS

    def forget(self, key: Hashable) -> None:
        self.needs.pop(key, None)


def keep_slack(engine: Engine, max_words: int = SLACK_WORDS) -> None:
    """Bound an engine that checks files once each (the workspace check on the bulk
    lane) to the slack alone: no open document needs what it cached, and a folder of
    4,000 articles would otherwise stay in its caches (up to their fixed bounds) for
    the life of the server. Its rules are those of the interactive lane's engine (one
    speller), so ``max_words`` is what the open documents need there
    (:meth:`Budget.max_words`)."""
    rules = max(1, len(engine.block_rules))
    engine.bound_caches(SLACK_EDITS * rules, SLACK_EDITS, SLACK_WEIGHT, max_words)
