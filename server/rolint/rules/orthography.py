"""Orthography: the spelling reform of 1993 (sînt → sunt, cînd → când).

The Romanian Academy's 1993 norm writes â inside words and keeps î at the start and at
the end of a word, and at the start of a word part after a prefix (neîmpăcat,
reîncărca); the forms of "a fi" are sunt, suntem, sunteți. Texts converted from old
archives or typed by habit still carry the old forms.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from rolint.rule import Example, Finding, FixKind, Rule, RuleDoc, Severity
from rolint.rules._text import (
    check_fields,
    entry_list,
    fold_cedilla,
    match_case,
    pack_mapping,
    sentence_start,
    string_list,
    text_field,
    text_pack_lines,
)

if TYPE_CHECKING:
    from rolint.analysis import BlockAnalysis

_PACK = "orthography"
# A word with î/Î after its first letter.
_OLD_I = re.compile(r"(?<!\w)\w+?[îÎ]\w*")
# What every match holds: î/Î after a word character (most î open a word: în, îl).
# The definition; the rule tests it with _has_inner_i (the tests check they agree).
_OLD_I_HINT = re.compile(r"[îÎ](?<=\w.)")


def _has_inner_i(text: str) -> bool:
    """``_OLD_I_HINT.search(text) is not None``, with ``str.find``: ``re`` classifies
    every character on its way to the next î (half the rule's time on text with
    none), while ``find`` skips ahead in C and only the few î found are looked at."""
    for letter in "îÎ":
        i = text.find(letter, 1)
        while i > 0:
            before = text[i - 1]
            if before.isalnum() or before == "_":  # ``\w``
                return True
            i = text.find(letter, i + 1)
    return False


@dataclass(frozen=True)
class OrthographyData:
    prefixes: frozenset[str]
    keep: frozenset[str]
    replace: dict[str, str]
    common: frozenset[str]


@cache
def orthography_data() -> OrthographyData:
    data = pack_mapping(_PACK)
    prefixes = string_list(_PACK, "prefixes", data.get("prefixes"), lower=True)
    keep = string_list(_PACK, "keep", data.get("keep"), lower=True)
    replace = {}
    for i, entry in enumerate(entry_list(_PACK, "replace")):
        check_fields(_PACK, "replace", i, entry, {"old", "new"})
        old = text_field(_PACK, "replace", i, entry, "old").lower()
        replace[old] = text_field(_PACK, "replace", i, entry, "new")
    common = frozenset(text_pack_lines("orthography_words.txt"))
    return OrthographyData(frozenset(prefixes), frozenset(keep), replace, common)


def modern(word: str, data: OrthographyData) -> str | None:
    """The post-1993 spelling of ``word``, or None when it is already right."""
    low = fold_cedilla(word).lower()
    if low in data.keep:
        return None
    if low in data.replace:
        return match_case(word, data.replace[low])
    chars = list(word)
    changed = False
    longest = max(map(len, data.prefixes), default=0)
    for i in range(1, len(word) - 1):  # î at the start or the end stays
        if word[i] not in "îÎ":
            continue
        if (i <= longest and low[:i] in data.prefixes) or low[i - 1] == "-":
            continue  # neîmpăcat, reîncărca: î opens the word after the prefix
        chars[i] = "â" if word[i] == "î" else "Â"
        changed = True
    return "".join(chars) if changed else None


class OldSpelling(Rule):
    id = "orthography/old"
    severity = Severity.WARNING
    doc = RuleDoc(
        summary="ortografie dinainte de 1993 (sînt, cînd, Romînia)",
        what="Semnalează „sînt/sîntem/sînteți” (azi: sunt, suntem, sunteți) și „î” din "
        "interiorul cuvântului (cînd → când, Romînia → România); lasă „î” de la începutul "
        "și de la sfârșitul cuvântului și pe cel de după prefix (neîmpăcat, reîncărca).",
        why="Norma Academiei din 1993, în vigoare în DOOM, scrie â în interiorul "
        "cuvintelor și sunt/suntem. Formele vechi apar în texte din arhivă sau scrise din "
        "obișnuință și par greșeli cititorilor de azi.",
        fix_safety="Sigură. Cuvintele cu majusculă din interiorul frazei nu sunt semnalate "
        "(nume de familie care își păstrează grafia: Dîncu); alte excepții se trec în "
        "lista keep din rules/orthography.yaml.",
    )
    examples = (
        Example(
            "Noi ⟦sîntem⟧ gata, dar ei nu ⟦sînt⟧.",
            bad=True,
            fixed="Noi suntem gata, dar ei nu sunt.",
        ),
        Example(
            "Vom afla ⟦cînd⟧ se întorc în ⟦Romînia⟧.",
            bad=True,
            fixed="Vom afla când se întorc în România.",
        ),
        Example("Un sentiment neîmpăcat, reînnoit în fiecare zi.", bad=False),
        Example(
            "Nu vrea să coboare; va coborî ⟦mîine⟧.",
            bad=True,
            fixed="Nu vrea să coboare; va coborî mâine.",
        ),
        Example("Suntem aici când trebuie, în România.", bad=False),
        Example(
            "⟦Cînd⟧ a ajuns, Mihai Dîncu a vorbit.",
            bad=True,
            fixed="Când a ajuns, Mihai Dîncu a vorbit.",
        ),
    )

    def __init__(self, setup=None) -> None:  # type: ignore[no-untyped-def]
        super().__init__(setup)
        self.data = orthography_data()

    def check(self, block: BlockAnalysis, context: object) -> Iterable[Finding]:
        text = block.text
        if not _has_inner_i(text):
            return
        for m in _OLD_I.finditer(text):
            word = m.group()
            new = modern(word, self.data)
            if new is None:
                continue
            # A surname keeps its spelling (Dîncu): a capitalised word is flagged only
            # when it is a common word opening a sentence ("Cînd…").
            capitalised = (
                word[:1].isupper()
                and not word.isupper()
                and fold_cedilla(word).lower() not in self.data.replace
            )
            if capitalised and (
                not sentence_start(text, m.start())
                or fold_cedilla(new).lower() not in self.data.common
            ):
                continue
            yield Finding(
                m.start(),
                m.end(),
                f"Grafie dinainte de 1993: scrieți „{new}”, nu „{word}”",
                replacements=(new,),
                fix=FixKind.SAFE,
            )


RULES: list[type[Rule]] = [OldSpelling]
