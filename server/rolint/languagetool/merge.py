"""One finding, one report: LanguageTool matches that repeat one of ours are dropped.

LanguageTool's speller and its bracket/quote rules cover ground our own rules cover
with newsroom knowledge (cedilla letters, names, the project's vocabulary, Romanian
quotes). Where both speak, ours is kept: its message and fix know the house style.
:data:`SUBSUMED` is the whole policy, one row per LanguageTool rule:

* ``overlap`` — dropped when one of the listed rules (ids or families) reports a span
  that overlaps the match;
* ``block`` — dropped when one of them reports anything in the same block (our quote
  rule fires on the opening mark, LanguageTool's bracket rule on the far end); its
  quote rules name one mark each, so they are dropped only where ours marks the same;
* ``speller`` — additionally dropped when our speller accepts the word: a dictionary
  form once cedillas are read as commas, a name, a vocabulary word, or a capitalised
  word our speller deliberately leaves alone.

Besides the table, any LanguageTool match on exactly the span of one of ours with the
same correction is the same finding, and is dropped.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from rolint.diagnostic import Diagnostic
from rolint.document import Document

_SPELLER_FAMILIES = ("spelling", "diacritics", "orthography")
_QUOTES = ("quotes/style",)
_SPACES = ("typography/space-before-punctuation", "typography/missing-space")


@dataclass(frozen=True)
class Subsumer:
    """Which of our rules make a LanguageTool rule's match redundant, and where."""

    ours: tuple[str, ...]
    scope: str  # "overlap" | "block"
    speller: bool = False


SUBSUMED: dict[str, Subsumer] = {
    "MORFOLOGIK_RULE_RO_RO": Subsumer(_SPELLER_FAMILIES, "overlap", speller=True),
    "UNPAIRED_BRACKETS": Subsumer(_QUOTES, "block"),
    "GHILIMELE_DUBLE_INCEPUT": Subsumer(_QUOTES, "overlap"),
    "GHILIMELE_DUBLE_SFARSIT": Subsumer(_QUOTES, "overlap"),
    "GHILIMELE_DUBLE_INTERIOR_INCEPUT": Subsumer(_QUOTES, "overlap"),
    "GHILIMELE_DUBLE_INTERIOR_SFARSIT": Subsumer(_QUOTES, "overlap"),
    "WHITESPACE_RULE": Subsumer(_SPACES, "overlap"),
    "COMMA_PARENTHESIS_WHITESPACE": Subsumer(_SPACES, "overlap"),
    "WORD_REPEAT_RULE": Subsumer(("typography/doubled-word",), "overlap"),
    "SA_DUS": Subsumer(("grammar/hyphen",), "overlap"),
}

LT_PREFIX = "languagetool/"


def _is_ours(rule: str, names: tuple[str, ...]) -> bool:
    family = rule.split("/", 1)[0]
    return rule in names or family in names


def _block_of(doc: Document, src_offset: int) -> int:
    """Index of the block whose source span holds ``src_offset`` (-1: none)."""
    for i, b in enumerate(doc.blocks):
        s, e = doc.to_source(b.start, b.end)
        if s <= src_offset <= e:
            return i
    return -1


def _overlaps(a: Diagnostic, b: Diagnostic) -> bool:
    """Spans overlap (an empty span counts as one character wide)."""
    return a.start < max(b.end, b.start + 1) and b.start < max(a.end, a.start + 1)


def _same_finding(d: Diagnostic, ours: list[Diagnostic]) -> bool:
    """Any LanguageTool rule: one of ours marks the same span with the same correction
    (e.g. its match and our spelling/typo on „deasemenea”)."""
    return any(
        (o.start, o.end) == (d.start, d.end)
        and bool(d.replacements)
        and d.replacements[0] in o.replacements
        for o in ours
    )


def merge(
    doc: Document,
    ours: list[Diagnostic],
    theirs: Iterable[Diagnostic],
    accepts: Callable[[str], bool] | None = None,
) -> list[Diagnostic]:
    """Our diagnostics plus the LanguageTool ones no rule of ours already covers,
    sorted by position. ``accepts(word)``: does our speller accept the word?"""
    kept: list[Diagnostic] = []
    by_block: dict[int, list[Diagnostic]] | None = None
    for d in theirs:
        if _same_finding(d, ours):
            continue
        lt_id = d.rule.removeprefix(LT_PREFIX)
        sub = SUBSUMED.get(lt_id)
        if sub is None:
            kept.append(d)
            continue
        if sub.speller and accepts is not None and accepts(doc.source[d.start : d.end]):
            continue
        if sub.scope == "overlap":
            hit = any(_is_ours(o.rule, sub.ours) and _overlaps(o, d) for o in ours)
        else:
            if by_block is None:
                by_block = {}
                for o in ours:
                    by_block.setdefault(_block_of(doc, o.start), []).append(o)
            near = by_block.get(_block_of(doc, d.start), [])
            hit = any(_is_ours(o.rule, sub.ours) for o in near)
        if not hit:
            kept.append(d)
    return sorted([*ours, *kept], key=lambda x: (x.start, x.end, x.rule))
