"""The engine: runs the enabled rules over a Document and returns Diagnostics.

It knows no Romanian. It knows rules, blocks, severities, suppression comments and the
source map. It owns the one cache a check uses, bounded and safe to share between
threads: the block analyses (one per distinct block kind and text, shared by every
rule), each holding what rules derive from its block and the block rules' results on
it, keyed by ``(rule, context)``, so that re-checking an edited document only runs
rules on the blocks that changed; the result equals a full check by construction. One
eviction policy covers all of it: a block's results go with its analysis.
"""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Callable, Hashable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from rolint.analysis import BlockAnalysis, DocumentAnalysis
from rolint.diagnostic import Diagnostic, Edit, Fix
from rolint.document import Block, Document
from rolint.memo import BoundedCache
from rolint.rule import Finding, FixKind, Rule, Scope, Severity, own_method

log = logging.getLogger(__name__)

_ANALYSES = 20_000  # block analyses
_ANALYSIS_WEIGHT = 64_000_000  # and the characters they may hold, roughly
# the mapped entry of a block without findings (see _block_diagnostics): shared
_NOTHING: list[Any] = [[], (0, [])]
_DIRECTIVE = re.compile(
    r"<!--\s*rolint-(disable-next-line|disable-line|disable|enable)\b([^>]*?)\s*-->"
)


@dataclass(frozen=True)
class Suppression:
    """Source span in which diagnostics of some rules are dropped (None: all rules)."""

    start: int
    end: int
    rules: frozenset[str] | None

    def covers(self, diag: Diagnostic) -> bool:
        if not self.start <= diag.start < self.end:
            return False
        if self.rules is None:
            return True
        return diag.rule in self.rules or diag.rule.split("/", 1)[0] in self.rules


def _rule_list(text: str) -> frozenset[str] | None:
    names = frozenset(t for t in re.split(r"[\s,]+", text.strip()) if t)
    return names or None


def suppressions(doc: Document) -> list[Suppression]:
    """Suppression spans from ``<!-- rolint-disable … -->`` comments in the source."""
    if "rolint-" not in doc.source:
        return []
    out: list[Suppression] = []
    open_: list[tuple[int, frozenset[str] | None]] = []
    lines = doc.lines
    for m in _DIRECTIVE.finditer(doc.source):
        kind, rules = m.group(1), _rule_list(m.group(2))
        if kind == "disable":
            open_.append((m.end(), rules))
        elif kind == "enable":
            keep = []
            for start, names in open_:
                if rules is None or names == rules or (names and names <= rules):
                    out.append(Suppression(start, m.start(), names))
                else:
                    keep.append((start, names))
            open_ = keep
        else:
            line = lines.line_of(m.start()) + (1 if kind == "disable-next-line" else 0)
            if line < lines.line_count:
                out.append(Suppression(*lines.line_span(line), rules))
    out.extend(Suppression(start, len(doc.source) + 1, names) for start, names in open_)
    return out


_MAX_ERRORS = 100  # rule failures kept on Engine.errors, for a look after the fact


class Engine:
    """Runs a fixed set of rule instances with their effective severities."""

    def __init__(self, rules: Iterable[Rule], severities: dict[str, Severity] | None = None):
        self.rules = list(rules)
        self.severities = severities or {}
        self.block_rules = [r for r in self.rules if r.scope == Scope.BLOCK]
        self.document_rules = [r for r in self.rules if r.scope == Scope.DOCUMENT]
        self._analyses: BoundedCache[tuple[str, str], BlockAnalysis] = BoundedCache(
            _ANALYSES, _ANALYSIS_WEIGHT
        )
        self.errors: list[str] = []  # the latest rule failures, at most _MAX_ERRORS
        self._call = threading.local()  # .errors: the failures of the current check

    def severity(self, rule: Rule) -> Severity:
        return self.severities.get(rule.id, rule.severity)

    # -- analyses ------------------------------------------------------------------
    def analyse(self, doc: Document) -> DocumentAnalysis:
        """The analysis of every block of ``doc``, from the cache where the same block
        (kind and text) was analysed before."""
        cache = self._analyses
        out = []
        for block, text in zip(doc.blocks, doc.block_texts, strict=True):
            key = (block.kind, text)
            found = cache.get(key)
            if found is None:
                found = BlockAnalysis(text, block.kind)
                cache.put(key, found, found.weight)
            out.append(found)
        return DocumentAnalysis(doc, out)

    # -- running rules ---------------------------------------------------------
    def _block_findings(self, rule: Rule, block: BlockAnalysis, context: Hashable) -> list[Finding]:
        key = (rule.id, context)  # findings (a diagnostics key also holds the format)
        cached = block.results.get(key)
        if cached is None:
            cached = block.results[key] = list(rule.check(block, context))
        return cached  # type: ignore[no-any-return]

    def _block_diagnostics(
        self, view: DocumentAnalysis, rule: Rule, whole: Hashable, narrow: bool = True
    ) -> list[Diagnostic]:
        """One block rule's diagnostics over the document (``whole``: its context,
        narrowed per block by ``rule.narrow`` when ``narrow``).

        For documents whose lint text is their source (plain text), the mapped
        diagnostics of a block are kept instead of its findings, relative to the
        block's start: an edit then costs only the blocks it touched, and the others
        are merely shifted. Both live in the block analysis's ``results`` (a plain dict:
        one look-up, no lock, per block and rule; two threads may compute the same
        entry, and either may be kept). This loop runs for every block and every block
        rule, so it does no work a rule does not ask for.
        """
        doc = view.doc
        out: list[Diagnostic] = []
        narrowing = _narrowing(rule) if narrow else None
        pairs = _blocks_of(view, rule)
        if not doc.smap.is_identity:
            for block, analysis in pairs:
                context = whole if narrowing is None else narrowing(whole, analysis)
                found = self._block_findings(rule, analysis, context)
                out.extend(self._to_diagnostic(doc, rule, f, block.start) for f in found)
            return out
        check = rule.check
        rule_id, fmt = rule.id, doc.fmt
        for block, analysis in pairs:
            context = whole if narrowing is None else narrowing(whole, analysis)
            key = (rule_id, context, fmt)
            results = analysis.results
            # [diagnostics at offset 0, (last block start, diagnostics at that start)]
            entry = results.get(key)
            if entry is None:
                base = [self._to_diagnostic(doc, rule, f) for f in check(analysis, context)]
                # most blocks have none: one shared entry, never changed
                entry = results[key] = [base, (0, base)] if base else _NOTHING
            if not entry[0]:
                continue
            at, shifted = entry[1]  # one tuple: a thread sees a consistent pair
            if at != block.start:  # the block moved: shift once, keep for next time
                shifted = [_shift_diagnostic(d, block.start) for d in entry[0]]
                entry[1] = (block.start, shifted)
            out.extend(shifted)
        return out

    def diagnostics(self, doc: Document, narrow: bool = True) -> list[Diagnostic]:
        """All diagnostics in source offsets, before suppression, in rule order.

        ``narrow``: let each block rule narrow the document's context per block
        (``Rule.narrow``), so that a block's results are reused when the context changes
        elsewhere in the document (an edit in the language server). False gives every
        block the whole context, for a caller that checks the document once: the
        findings are the same (the narrowed context is defined so), and the narrowing,
        which costs a look-up per block and rule, is skipped."""
        out: list[Diagnostic] = []
        view = self.analyse(doc)
        for rule in self.block_rules:
            try:
                whole = rule.document_context(view)
                out.extend(self._block_diagnostics(view, rule, whole, narrow))
            except Exception as exc:  # a broken rule must not take the others down
                self._report(rule, exc)
        for rule in self.document_rules:
            try:
                found = list(rule.check_analysis(view))
                out.extend(self._to_diagnostic(doc, rule, f) for f in found)
            except Exception as exc:
                self._report(rule, exc)
        return out

    def bound_caches(
        self,
        max_entries: int,
        max_analyses: int | None = None,
        max_weight: int | None = None,
        max_words: int | None = None,
    ) -> None:
        """Keep at most ``max_analyses`` block analyses (each with its block rules'
        results) weighing ``max_weight`` (see :attr:`BlockAnalysis.weight`), least
        recently used evicted first; ``max_analyses`` defaults to ``max_entries``. A door
        that runs for days over edited text (the language server) calls this with about
        its working set: every edit leaves the old block's analysis and results behind,
        and the fixed bounds are gigabytes of them. ``max_words``: each rule's per-word
        tables keep about that many words (:meth:`Rule.bound_memos`; the speller's meet
        a new word with nearly every keystroke)."""
        analyses = max_entries if max_analyses is None else max_analyses
        self._analyses.shrink(analyses, max_weight)
        if max_words is not None:
            for rule in self.rules:
                rule.bound_memos(max_words)

    def warm_up(self) -> None:
        """Let every rule build its lazily made tables now (see :meth:`Rule.warm_up`)."""
        for rule in self.rules:
            try:
                rule.warm_up()
            except Exception as exc:
                self._report(rule, exc)

    def _report(self, rule: Rule, exc: Exception) -> None:
        message = f"regula {rule.id} a eșuat: {type(exc).__name__}: {exc}"
        log.exception(message)
        self.errors.append(message)
        del self.errors[:-_MAX_ERRORS]
        current = getattr(self._call, "errors", None)
        if current is not None:
            current.append(message)

    def checked(
        self, doc: Document, narrow: bool = True
    ) -> tuple[list[Diagnostic], tuple[str, ...]]:
        """:meth:`check`, and the rule failures of this call alone: the doors report
        them with the file or request they belong to, even when threads share the
        engine (the language server's lanes, the service's checker threads)."""
        current: list[str] = []
        self._call.errors = current
        try:
            return self.check(doc, narrow), tuple(current)
        finally:
            self._call.errors = None

    def check(self, doc: Document, narrow: bool = True) -> list[Diagnostic]:
        """Diagnostics in source offsets, suppression applied, sorted by position
        (``narrow``: see :meth:`diagnostics`)."""
        diags = self.diagnostics(doc, narrow)
        spans = suppressions(doc)
        if spans:
            diags = [d for d in diags if not any(s.covers(d) for s in spans)]
        diags.sort(key=lambda d: (d.start, d.end, d.rule, d.message))
        return doc.guard(diags)  # no fix touches markup/URLs, no range crosses them

    def _to_diagnostic(self, doc: Document, rule: Rule, f: Finding, by: int = 0) -> Diagnostic:
        """``f``'s diagnostic in source offsets; ``by``: the offset of ``f``'s block
        (block rules report block-relative offsets)."""
        verbatim = doc.smap.is_identity and doc.fmt != "html"  # the lint text is the source
        start, end = f.start + by, f.end + by
        if not verbatim:
            start, end = doc.to_source(start, end)
        fix = None
        if f.fix is not None:
            raw = (
                f.edits
                if f.edits is not None
                else (((f.start, f.end, f.replacements[0]),) if f.replacements else ())
            )
            if verbatim:
                edits = tuple(Edit(s + by, e + by, t) for s, e, t in raw)
            else:
                edits = tuple(
                    Edit(*doc.to_source(s + by, e + by), doc.escape(t)) for s, e, t in raw
                )
            if edits:
                fix = Fix(edits, f.fix == FixKind.SAFE)
        return Diagnostic(
            rule.id,
            f.severity or self.severity(rule),
            f.message,
            start,
            end,
            f.replacements,
            fix,
            f.data,
        )


def _shift_diagnostic(d: Diagnostic, by: int) -> Diagnostic:
    if by == 0:
        return d
    fix = d.fix
    if fix is not None:
        edits = fix.edits
        if len(edits) == 1:  # the usual fix: one replacement
            (e,) = edits
            fix = Fix((Edit(e.start + by, e.end + by, e.text),), fix.safe)
        else:
            fix = Fix(tuple([Edit(e.start + by, e.end + by, e.text) for e in edits]), fix.safe)
    return Diagnostic(
        d.rule, d.severity, d.message, d.start + by, d.end + by, d.replacements, fix, d.data
    )


def _blocks_of(view: DocumentAnalysis, rule: Rule) -> Iterator[tuple[Block, BlockAnalysis]]:
    """(block, analysis) of the blocks ``rule`` looks at: a test of the kind, without a
    method call per block, unless the rule has its own ``applies_to``."""
    pairs = view.pairs()
    applies = rule.applies_to
    if getattr(applies, "__func__", None) is not Rule.applies_to:
        return ((b, a) for b, a in pairs if applies(b))
    kinds = rule.kinds
    if kinds is None:
        return pairs
    return ((b, a) for b, a in pairs if b.kind in kinds)


def _narrowing(rule: Rule) -> Callable[[Hashable, BlockAnalysis], Hashable] | None:
    """``rule.narrow``, or None when the rule narrows nothing (the whole context).
    A ``narrow`` or first-API ``block_context`` set on the instance itself wins."""
    own = vars(rule)
    if "narrow" in own:
        return own["narrow"]  # type: ignore[no-any-return]
    if "block_context" in own:
        patched = own["block_context"]
        return lambda context, block: patched(context, block.text)
    if own_method(rule, "narrow") or own_method(rule, "block_context"):
        return rule.narrow
    return None
