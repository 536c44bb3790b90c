"""What a rule is: identity, documentation, examples and a check function.

Two kinds of rules exist, so that the language server can re-check only what an edit
touched:

* **block rules** (``scope = Scope.BLOCK``) see one block at a time — its
  :class:`~rolint.analysis.BlockAnalysis`, shared by every rule — plus a
  document-level *context* value they declare themselves (for instance "does this
  document use diacritics at all?"). The engine caches their findings by
  ``(rule, block kind, block text, context)``: an unchanged paragraph is never
  checked twice, and the cached result is by construction what a full check gives.
  A rule may narrow the context per block (``block_context``) to the part that can
  change that block's findings; the narrowed value is then both key and input.
* **document rules** (``scope = Scope.DOCUMENT``) see the whole document with the
  analysis of each block and run on every check (related-article blocks,
  document-level summaries).

Rules are pure: they keep no tables of their own. What a rule works out of a block is
kept on the block's analysis (``BlockAnalysis.derive``), which the engine owns and
bounds. Rules never read files and never know about LSP or HTTP.

The first API took a block's text (``check_block(text, kind, context)``,
``check_document(doc)``, ``context(doc)``, ``block_context(context, text)``); those
entry points still work: the default ``check``/``check_analysis``/``document_context``/
``narrow`` call them.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field
from enum import IntEnum, StrEnum
from typing import TYPE_CHECKING, Any, ClassVar

if TYPE_CHECKING:
    from rolint.analysis import BlockAnalysis, DocumentAnalysis
    from rolint.document import Block, Document


class Scope(StrEnum):
    """What a rule sees at a time (equal to the strings of the first API)."""

    BLOCK = "block"
    DOCUMENT = "document"


class FixKind(StrEnum):
    """How a finding's fix may be applied (equal to the strings of the first API)."""

    SAFE = "safe"  # applied by `rolint fix` without review
    UNSAFE = "unsafe"  # offered, applied only on request


class Severity(IntEnum):
    """Severities in LSP order of importance (higher is worse)."""

    HINT = 1
    INFO = 2
    WARNING = 3
    ERROR = 4

    @classmethod
    def parse(cls, name: str) -> Severity:
        try:
            return cls[name.strip().upper()]
        except KeyError:
            raise ValueError(
                f"severitate necunoscută {name!r} (error, warning, info sau hint)"
            ) from None

    @property
    def label(self) -> str:
        return self.name.lower()


@dataclass(slots=True)
class Finding:
    """A problem a rule found, in lint-text offsets.

    Block rules give offsets relative to the block; document rules give offsets in
    ``Document.text``. ``replacements`` are suggestions for the span; ``fix`` says whether
    the first replacement may be applied automatically: ``FixKind.SAFE``,
    ``FixKind.UNSAFE`` or ``None`` (no automatic fix). ``edits`` overrides the default
    fix edit (span → first replacement) for fixes that touch another span (e.g.
    removing a whole line).
    Never modified after creation (cached findings are shared); slotted rather than
    frozen because rules create many and frozen dataclasses are slow to build.
    """

    start: int
    end: int
    message: str
    replacements: tuple[str, ...] = ()
    fix: FixKind | None = None
    severity: Severity | None = None
    edits: tuple[tuple[int, int, str], ...] | None = None
    data: dict[str, Any] | None = None


@dataclass(frozen=True)
class RuleDoc:
    """ruff-style documentation: what it does, why, an example, and fix safety."""

    summary: str
    what: str
    why: str
    fix_safety: str = "Fără corectare automată."


MARK_OPEN, MARK_CLOSE = "⟦", "⟧"


def unmark(marked: str) -> tuple[str, tuple[tuple[int, int], ...]]:
    """The text of a marked example and the spans its ⟦…⟧ marks (offsets in the text)."""
    text, spans, at = [], [], 0
    i = 0
    while True:
        j = marked.find(MARK_OPEN, i)
        if j < 0:
            text.append(marked[i:])
            break
        k = marked.find(MARK_CLOSE, j)
        if k < 0:
            raise ValueError(f"exemplu marcat fără {MARK_CLOSE}: {marked!r}")
        text.append(marked[i:j])
        at += j - i
        spans.append((at, at + k - j - 1))
        text.append(marked[j + 1 : k])
        at += k - j - 1
        i = k + 1
    return "".join(text), tuple(spans)


@dataclass(frozen=True)
class Example:
    """An example every rule carries; the generic rule test runs each of them.

    ``bad`` examples write each span the rule must flag between ⟦ and ⟧ (the marks
    are taken out of ``text`` and kept as ``spans``, source offsets): the rule's
    findings must be exactly there. ``good`` ones must give no finding. When
    ``fixed`` is given, applying the rule's safe fixes to ``text`` must yield it, and
    the rule must find nothing left to fix in it (Harper's pattern: an example proves
    both where the rule looks and what its fix does). ``fmt`` chooses the reader
    ("text", "markdown", "html").
    """

    text: str
    bad: bool
    fixed: str | None = None
    fmt: str = "text"
    spans: tuple[tuple[int, int], ...] = ()

    def __post_init__(self) -> None:
        if MARK_OPEN in self.text:
            text, spans = unmark(self.text)
            object.__setattr__(self, "text", text)
            object.__setattr__(self, "spans", spans)


@dataclass
class RuleSetup:
    """What a rule may use besides the text: its options and the project vocabularies.

    ``accept``/``reject`` hold the words of the vocabulary files named in config
    (exact forms as written; rules decide how to fold case).
    """

    options: dict[str, Any] = field(default_factory=dict)
    accept: frozenset[str] = frozenset()
    reject: frozenset[str] = frozenset()


class Rule:
    """Base class for all rules; subclasses override one of the check methods.

    Rules are instantiated once per configuration (an engine), so ``__init__`` may do
    the expensive preparation (compile regexes, load packs).
    """

    id: ClassVar[str] = ""
    severity: ClassVar[Severity] = Severity.WARNING
    scope: ClassVar[Scope] = Scope.BLOCK
    #: block kinds a block rule looks at; None means every block
    kinds: ClassVar[frozenset[str] | None] = None
    doc: ClassVar[RuleDoc]
    examples: ClassVar[tuple[Example, ...]] = ()

    def __init__(self, setup: RuleSetup | None = None) -> None:
        self.setup = setup or RuleSetup()

    @property
    def family(self) -> str:
        return self.id.split("/", 1)[0]

    # -- the analysis API (what the engine calls) ----------------------------------
    # Each default calls its first-API counterpart when the rule wrote that one, and
    # the first API's defaults call these when the rule wrote these: a rule written
    # either way answers both (tests and other tools still call the first API).
    def check(self, block: BlockAnalysis, context: Any) -> Iterable[Finding]:
        """Findings in one block, offsets relative to the block."""
        if own_method(self, "check_block"):
            return self.check_block(block.text, block.kind, context)
        return ()

    def check_analysis(self, doc: DocumentAnalysis) -> Iterable[Finding]:
        """A document rule's findings, offsets in ``doc.doc.text``."""
        if own_method(self, "check_document"):
            return self.check_document(doc.doc)
        return ()

    def document_context(self, doc: DocumentAnalysis) -> Hashable:
        """Document-level facts a block rule depends on (part of its cache key)."""
        if own_method(self, "context"):
            return self.context(doc.doc)
        return None

    def narrow(self, context: Hashable, block: BlockAnalysis) -> Hashable:
        """The part of ``context`` that can influence the findings in ``block``.

        The engine passes it to :meth:`check` instead of the whole context and keys its
        cache with it, so a change of the document-level context re-runs the rule only
        on the blocks it can affect. It must give exactly the findings the whole context
        gives. Default: the whole context.
        """
        if own_method(self, "block_context"):
            return self.block_context(context, block.text)
        return context

    # -- the first API ------------------------------------------------------------
    def context(self, doc: Document) -> Hashable:
        """:meth:`document_context` of ``doc`` (analysed afresh)."""
        if own_method(self, "document_context"):
            return self.document_context(analyse(doc))
        return None

    def block_context(self, context: Hashable, text: str) -> Hashable:
        """:meth:`narrow` for a block's text."""
        if own_method(self, "narrow"):
            from rolint.analysis import BlockAnalysis

            return self.narrow(context, BlockAnalysis(text, ""))
        return context

    def check_block(self, text: str, kind: str, context: Any) -> Iterable[Finding]:
        """Findings in one block's text, offsets relative to the block."""
        if own_method(self, "check"):
            from rolint.analysis import BlockAnalysis

            return self.check(BlockAnalysis(text, kind), context)
        return ()

    def check_document(self, doc: Document) -> Iterable[Finding]:
        """Findings over the whole document, offsets in ``doc.text``."""
        if own_method(self, "check_analysis"):
            return self.check_analysis(analyse(doc))
        return ()

    def applies_to(self, block: Block) -> bool:
        return self.kinds is None or block.kind in self.kinds

    def bound_memos(self, max_words: int) -> None:
        """Keep about ``max_words`` words in the rule's per-word memo tables from now on
        (the engine calls this for a door that knows its working set, see
        :meth:`Engine.bound_caches`). Findings never depend on it. Default: nothing."""

    def warm_up(self) -> None:
        """Build now what the rule otherwise builds on first need (tables, indexes).

        A long-running process (the language server) calls it once, off its event
        loop, after the first check: the first keystroke that needs such a table then
        does not pay for it. Findings never depend on it. Default: nothing.
        """


def own_method(rule: Rule, name: str) -> bool:
    """Does ``rule``'s class define method ``name`` itself (not Rule's default)?"""
    return getattr(type(rule), name) is not getattr(Rule, name)


def analyse(doc: Document) -> DocumentAnalysis:
    """A fresh analysis of every block of ``doc`` (outside an engine, uncached)."""
    from rolint.analysis import BlockAnalysis, DocumentAnalysis

    blocks = [BlockAnalysis(t, b.kind) for b, t in zip(doc.blocks, doc.block_texts, strict=True)]
    return DocumentAnalysis(doc, blocks)
