"""spelling/typo: the newsroom's list of known misspellings and pleonasms (rules/typos.yaml).

The dictionary alone cannot catch these: some wrong forms are in it (hunspell accepts
"vroiam"), some are several words ("ar fii", "cel mai optim"), and a newsroom wants its
own list that editors extend without code. All entries are compiled into one
trie-shaped regex, so checking is linear in the text whatever the size of the list.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from itertools import product
from typing import TYPE_CHECKING

from rolint.rule import Example, Finding, FixKind, Rule, RuleDoc, Severity, unmark
from rolint.rulepacks import PackError, pack_path
from rolint.rules._text import (
    LazyPattern,
    check_fields,
    entry_list,
    match_case,
    string_list,
    text_field,
    trie_pattern,
)

if TYPE_CHECKING:
    from rolint.analysis import BlockAnalysis

PACK = "typos"
_FIELDS = {"wrong", "right", "kind", "note", "example", "fix", "unless_followed_by"}


class TypoKind(StrEnum):
    """An entry's ``kind`` in rules/typos.yaml: it sets the message, severity and fix."""

    TYPO = "typo"
    PLEONASM = "pleonasm"


_KINDS = tuple(TypoKind)
_FIXES = ("safe", "unsafe", "none")
_BRACES = re.compile(r"\{([^{}]*)\}")
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class Typo:
    """One expanded wrong form with its suggestions."""

    wrong: str
    right: tuple[str, ...]
    kind: TypoKind
    note: str | None
    fix: FixKind | None
    index: int  # entry number in the pack, for messages and tests
    unless: re.Pattern[str] | None = None  # words after the match that make it right


def expand(pattern: str) -> list[str]:
    """All spellings of ``pattern``: ``catalg{at,ată}`` → [catalgat, catalgată]."""
    parts = _BRACES.split(pattern)  # literal, group, literal, group, …
    choices = [[p] if i % 2 == 0 else p.split(",") for i, p in enumerate(parts)]
    return [_SPACES.sub(" ", "".join(c)).strip() for c in product(*choices)]


@dataclass(frozen=True)
class TypoData:
    typos: dict[str, Typo]  # folded lower-case wrong form → entry
    # every form, whole (neither a word character nor a hyphen around it), with the
    # character before it: searched in " " + lower-cased text (the space stands for
    # the text's start). A look-behind instead would be tried at every position;
    # this way ``re`` skips ahead to the non-word characters in C, so the blocks
    # that hold no form, nearly all, cost a quick scan, and one pattern is compiled.
    pattern: LazyPattern | None
    examples: tuple[tuple[int, str], ...]  # (entry, sentence with ⟦…⟧ marks)


@cache
def typo_data() -> TypoData:
    typos: dict[str, Typo] = {}
    examples = []
    where = pack_path(PACK)
    for i, entry in enumerate(entry_list(PACK, "typos", required=True)):
        check_fields(PACK, "typos", i, entry, _FIELDS)
        wrongs = expand(text_field(PACK, "typos", i, entry, "wrong"))
        rights = _rights(i, entry, len(wrongs))
        kind, fix = _kind_and_fix(i, entry)
        note = text_field(PACK, "typos", i, entry, "note") if "note" in entry else None
        if "example" in entry:
            examples.append((i, _example(i, entry)))
        unless = _unless(i, entry)
        for wrong, right in zip(wrongs, rights, strict=True):
            if not wrong:
                raise PackError(f"{where}: typos[{i}]: câmpul 'wrong' dă o formă goală")
            key = wrong.lower()
            if key in typos and typos[key].index != i:
                raise PackError(
                    f"{where}: typos[{i}]: forma {wrong!r} apare deja în typos[{typos[key].index}]"
                )
            typos[key] = Typo(wrong, right, kind, note, fix, i, unless)
    pattern = None
    if typos:  # the keys are lower-case: matched in lower-cased text (see _text.lower)
        body = trie_pattern(sorted(typos), sep=r"\s+")
        pattern = LazyPattern(rf"[^\w-](?:{body})(?![\w-])")
    return TypoData(typos, pattern, tuple(examples))


def _rights(i: int, entry: dict, count: int) -> list[tuple[str, ...]]:  # type: ignore[type-arg]
    """The suggestions of each of the entry's ``count`` wrong forms: a list is offered
    for all of them, one form too; "{…}" groups pair with the wrong form's groups."""
    right_value = entry.get("right")
    if isinstance(right_value, list):
        return [tuple(string_list(PACK, f"typos[{i}].right", right_value))] * count
    expanded = expand(text_field(PACK, "typos", i, entry, "right"))
    if len(expanded) == 1:
        return [(expanded[0],)] * count
    if len(expanded) == count:
        return [(r,) for r in expanded]
    raise PackError(
        f"{pack_path(PACK)}: typos[{i}]: câmpul 'right' dă {len(expanded)} forme, dar "
        f"'wrong' dă {count}; grupurile {{…}} trebuie să corespundă"
    )


def _kind_and_fix(i: int, entry: dict) -> tuple[TypoKind, FixKind | None]:  # type: ignore[type-arg]
    """The entry's kind and fix (``fix: none`` → None; the default follows the kind)."""
    where = pack_path(PACK)
    kind_name = text_field(PACK, "typos", i, entry, "kind", TypoKind.TYPO)
    if kind_name not in _KINDS:
        raise PackError(
            f"{where}: typos[{i}]: câmpul 'kind' trebuie să fie unul dintre "
            f"{', '.join(_KINDS)}, nu {kind_name!r}"
        )
    kind = TypoKind(kind_name)
    default_fix = FixKind.SAFE if kind == TypoKind.TYPO else FixKind.UNSAFE
    fix = text_field(PACK, "typos", i, entry, "fix", default_fix)
    if fix not in _FIXES:
        raise PackError(
            f"{where}: typos[{i}]: câmpul 'fix' trebuie să fie unul dintre "
            f"{', '.join(_FIXES)}, nu {fix!r}"
        )
    return kind, None if fix == "none" else FixKind(fix)


def _example(i: int, entry: dict) -> str:  # type: ignore[type-arg]
    """The entry's example sentence, which must mark with ⟦…⟧ what is flagged."""
    example = text_field(PACK, "typos", i, entry, "example")
    try:
        if not unmark(example)[1]:
            raise ValueError("nu marchează cu ⟦…⟧ ce trebuie semnalat")
    except ValueError as exc:
        raise PackError(f"{pack_path(PACK)}: typos[{i}]: câmpul 'example' {exc}") from None
    return example


def _unless(i: int, entry: dict) -> re.Pattern[str] | None:  # type: ignore[type-arg]
    """The words after the match that make it correct, as one pattern (None: none)."""
    words = string_list(
        PACK, f"typos[{i}].unless_followed_by", entry.get("unless_followed_by"), lower=True
    )
    if not words:
        return None
    alternatives = "|".join(map(re.escape, words)).replace(r"\ ", r"\s+")
    return re.compile(rf"\s+(?:{alternatives})(?!\w)", re.IGNORECASE)


class Typo_(Rule):
    id = "spelling/typo"
    severity = Severity.WARNING
    doc = RuleDoc(
        summary="greșeală cunoscută din lista redacției (catalgat, deasemenea, ar fii)",
        what="Semnalează formele greșite din rules/typos.yaml, inclusiv cele de mai multe "
        "cuvinte și formele flexionate, și pleonasmele („cel mai optim”, „revine din nou”).",
        why="Sunt greșelile care scapă corectorului ortografic (unele forme greșite sunt în "
        "dicționar, altele țin de mai multe cuvinte) și pe care redacția le vrea prinse "
        "mereu. Editorii adaugă intrări în YAML, fără cod.",
        fix_safety="Sigură pentru greșelile de scriere (forma corectă înlocuiește forma "
        "greșită, cu aceleași majuscule). Pleonasmele se corectează doar la cerere: "
        "reformularea poate cere și alte schimbări în frază.",
    )
    examples = (
        Example(
            "Ea a ⟦catalgat⟧ gestul drept o provocare.",
            bad=True,
            fixed="Ea a catalogat gestul drept o provocare.",
        ),
        Example(
            "⟦Deasemenea⟧, spitalul primește aparatură nouă.",
            bad=True,
            fixed="De asemenea, spitalul primește aparatură nouă.",
        ),
        Example(
            "Școala ⟦ar fii⟧ trebuit renovată anul trecut.",
            bad=True,
            fixed="Școala ar fi trebuit renovată anul trecut.",
        ),
        Example("Consiliul a ales ⟦cea mai optimă⟧ variantă.", bad=True),
        Example("Ea a catalogat gestul drept o provocare; de asemenea, a cerut scuze.", bad=False),
    )

    def __init__(self, setup=None) -> None:  # type: ignore[no-untyped-def]
        super().__init__(setup)
        self.data = typo_data()

    def warm_up(self) -> None:
        if self.data.pattern is not None:
            _ = self.data.pattern.compiled

    def check(self, block: BlockAnalysis, context: object) -> Iterable[Finding]:
        for start, end in self._matches(block.low):
            finding = self._finding(block, start, end)
            if finding is not None:
                yield finding

    def _matches(self, low: str) -> Iterator[tuple[int, int]]:
        """Spans of the whole forms in ``low``, left to right, none overlapping."""
        if self.data.pattern is None:
            return
        search = self.data.pattern.compiled.search
        marked = " " + low  # marked[i] is the character before low[i]
        at = 0
        while (m := search(marked, at)) is not None:
            at = m.end() - 1  # the form's end in low; its last character may be the
            yield m.start(), at  # one before the next form (the search starts there)

    def _finding(self, block: BlockAnalysis, start: int, end: int) -> Finding | None:
        """The finding of the form at ``start:end``, unless the words after it make it
        right."""
        found = block.text[start:end]
        typo = self.data.typos.get(_SPACES.sub(" ", block.low[start:end]).lower())
        if typo is None or (typo.unless is not None and typo.unless.match(block.folded, end)):
            return None
        right = tuple(match_case(found, r) for r in typo.right)
        shown = " sau ".join(f"„{r}”" for r in right)
        if typo.kind == TypoKind.PLEONASM:
            message = f"Pleonasm: „{found}” spune de două ori același lucru; ajunge {shown}"
        else:
            message = f"„{found}” este greșit: scrieți {shown}"
        if typo.note:
            message += f" ({typo.note})"
        return Finding(
            start,
            end,
            message,
            replacements=right,
            fix=typo.fix,
            severity=Severity.INFO if typo.kind == TypoKind.PLEONASM else None,
        )


RULES: list[type[Rule]] = [Typo_]
