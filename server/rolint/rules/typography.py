"""Typography: doubled words, spaces around punctuation, number formats.

Cheap checks an editor expects from any proofreading pass. Each regex is anchored on
a simple character class with fixed-width lookarounds, so matching is linear.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from rolint.romanian import LOWER_LETTER, UPPER_LETTER
from rolint.rule import Example, Finding, FixKind, Rule, RuleDoc, Severity

if TYPE_CHECKING:
    from rolint.analysis import BlockAnalysis

_WORD = r"[^\W\d_]"
# A word repeated after spaces (not across a line break: lists repeat lines on purpose).
# The word and the spaces are possessive (``++``): a shorter word would need a space
# where a letter is, fewer spaces a letter where a space is, so giving back never
# matches; without it ``re`` retries every word letter by letter (~30% of the time).
_DOUBLED = re.compile(
    rf"(?<![\w\u00ad-])({_WORD}++)([ \t\u00a0]++)(\1)(?![\w\u00ad-])", re.IGNORECASE
)
# A quick test that finds a block holding a doubled word, for blocks without one (all
# but a few) to skip the _DOUBLED pass; searched in " " + text (see _may_double). It is
# _DOUBLED with two changes that keep its matches: the look-behind becomes the non-word
# character itself, a character class ``re`` skips ahead to (the look-behind was tried
# at every position), and a look-ahead first compares the first letters of the two
# words (most words fail there, before the letter class is tried on them). The
# look-ahead starts only at a word character and stops at the end of that word, so
# each character is looked at a bounded number of times (linear on any text).
_DOUBLED_HINT = re.compile(
    rf"[^\w\u00ad-](?=(\w)\w*+[ \t\u00a0]++\1)({_WORD}++)([ \t\u00a0]++)(\2)(?![\w\u00ad-])",
    re.IGNORECASE,
)


def _may_double(text: str) -> bool:
    """False when ``_DOUBLED`` finds nothing in ``text``. The space put in front stands
    for the start of the text, where _DOUBLED's look-behind holds."""
    return _DOUBLED_HINT.search(" " + text) is not None


# Interjections and reduplications that are written doubled on purpose.
_DOUBLED_OK = frozenset(
    {"da", "nu", "ha", "hai", "na", "pa", "bla", "tic", "ura", "cioc", "hop", "mac", "tura"}
    | {"lala", "ta", "ti", "pic", "cip", "încet", "ușor", "abia", "câte", "pas", "rând"}
)


class DoubledWord(Rule):
    id = "typography/doubled-word"
    severity = Severity.WARNING
    doc = RuleDoc(
        summary="cuvânt repetat din greșeală („de de”, „și și”)",
        what="Semnalează un cuvânt scris de două ori la rând, despărțit doar de spații.",
        why="Dublura apare la editare (un cuvânt mutat, o frază rescrisă) și scapă ușor "
        "la recitire, pentru că ochiul o sare.",
        fix_safety="Nesigură: se șterge a doua apariție; uneori repetiția e voită (de "
        "aceea interjecțiile „da, da”, „hai hai” nu sunt semnalate).",
    )
    examples = (
        Example("Consiliul a votat bugetul de ⟦de⟧ anul acesta.", bad=True),
        Example("El a spus că ⟦că⟧ nu știe nimic.", bad=True),
        Example("Da da, am înțeles; vine de la Bora Bora, încet încet.", bad=False),
    )

    def check(self, block: BlockAnalysis, context: object) -> Iterable[Finding]:
        text = block.text
        if not _may_double(text):
            return
        for m in _DOUBLED.finditer(text):
            first, second = m.group(1), m.group(3)
            if first.lower() in _DOUBLED_OK or (len(first) == 1 and first.lower() not in "aoș"):
                continue
            if first[0].isupper() and second[0].isupper():
                continue  # names: Bora Bora, Duran Duran
            yield Finding(
                m.start(3),
                m.end(3),
                f"Cuvânt repetat: „{first} {second}”; ștergeți a doua apariție",
                replacements=("",),
                fix=FixKind.UNSAFE,
                edits=((m.start(2), m.end(3), ""),),
            )


# "cuvânt ," — spaces before , ; : . ! ? that end a word's sentence part.
_SPACE_BEFORE = re.compile(r"(?<=[^\W\d_])([ \t\u00a0]+)([,;:!?]|\.(?!\.))(?=[\s\"”»]|$)")
# What every match holds: a space right before the mark. Searched first, on the rarer
# marks (re skips ahead to them), so that most blocks cost one quick scan.
_SPACE_BEFORE_HINT = re.compile(r"[,;:!?.](?<=[ \t\u00a0].)")


class SpaceBeforePunctuation(Rule):
    id = "typography/space-before-punctuation"
    severity = Severity.WARNING
    doc = RuleDoc(
        summary="spațiu înaintea semnului de punctuație („cuvânt ,”)",
        what="Semnalează spațiile dintre un cuvânt și virgula, punctul, punctul și virgula, "
        "două puncte, semnul întrebării sau al exclamării care îl urmează.",
        why="În română semnele de punctuație se lipesc de cuvântul dinainte; spațiul lasă "
        "semnul singur la început de rând când textul se rupe.",
        fix_safety="Sigură: se șterg doar spațiile.",
    )
    examples = (
        Example(
            "Primarul a venit⟦ ,⟧ dar a plecat repede⟦ .⟧",
            bad=True,
            fixed="Primarul a venit, dar a plecat repede.",
        ),
        Example("Ce urmează⟦ ?⟧ Nimeni nu știe.", bad=True, fixed="Ce urmează? Nimeni nu știe."),
        Example("Primarul a venit, dar a plecat... repede.", bad=False),
    )

    def check(self, block: BlockAnalysis, context: object) -> Iterable[Finding]:
        text = block.text
        if _SPACE_BEFORE_HINT.search(text) is None:
            return
        for m in _SPACE_BEFORE.finditer(text):
            mark = m.group(2)
            yield Finding(
                m.start(1),
                m.end(2),
                f"Spațiu înainte de „{mark}”: semnul se lipește de cuvântul dinainte",
                replacements=(mark,),
                fix=FixKind.SAFE,
            )


# "cuvânt,altul" — comma or semicolon glued to the next word; "fraza.Alta" — a full
# stop between a lower-case word and a capitalised one (not domains: HotNews.ro).
# One character class first, then the two cases: ``re`` then skips ahead to the next
# mark in C (a pattern that opens with an alternation is tried at every position).
_MISSING_SPACE = re.compile(
    rf"[,;.!?](?:(?<=[,;])(?<={_WORD}{_WORD}[,;])(?={_WORD}{_WORD})"
    rf"|(?<=[.!?])(?<=[{LOWER_LETTER}]{{3}}[.!?])(?=[{UPPER_LETTER}][{LOWER_LETTER}]{{2}}))"
)
_ADDRESS_CHARS = re.compile(r"\S*")
_ENTITY_BEFORE = re.compile(r"&#?\w+$")


class MissingSpaceAfterPunctuation(Rule):
    id = "typography/missing-space"
    severity = Severity.WARNING
    doc = RuleDoc(
        summary="lipsește spațiul după semnul de punctuație („cuvânt,altul”)",
        what="Semnalează o virgulă sau un punct și virgulă lipite de cuvântul următor și un "
        "punct (! ?) lipit de începutul frazei următoare.",
        why="Fără spațiu, cele două cuvinte se citesc ca unul și textul nu se poate rupe "
        "corect pe rânduri; căutarea nu mai găsește cuvintele.",
        fix_safety="Sigură: se adaugă un spațiu după semn. Adresele (www…, nume.ro) și "
        "numerele (12,5) nu sunt atinse.",
    )
    examples = (
        Example(
            "Au venit primarul⟦,⟧consilierii și presa.",
            bad=True,
            fixed="Au venit primarul, consilierii și presa.",
        ),
        Example(
            "Ședința s-a încheiat⟦.⟧Urmează votul.",
            bad=True,
            fixed="Ședința s-a încheiat. Urmează votul.",
        ),
        Example("Inflația a fost de 5,6%, scrie Ziarul.ro pe www.Exemplu.ro azi.", bad=False),
    )

    def check(self, block: BlockAnalysis, context: object) -> Iterable[Finding]:
        text = block.text
        for m in _MISSING_SPACE.finditer(text):
            start = m.start()
            mark = m.group()
            if mark in ".!?" and _in_address(text, start):
                continue
            if mark == ";" and _ENTITY_BEFORE.search(text, max(0, start - 10), start):
                continue  # "&acirc;": an HTML entity left in the text, not punctuation
            yield Finding(
                start,
                start + 1,
                f"Lipsește spațiul după „{mark}”",
                replacements=(mark + " ",),
                fix=FixKind.SAFE,
            )


def _in_address(text: str, pos: int) -> bool:
    lo = max(0, pos - 100)
    left = max(text.rfind(" ", lo, pos), text.rfind("\n", lo, pos), lo - 1) + 1
    right = _ADDRESS_CHARS.match(text, pos, pos + 100)
    chunk = text[left : right.end() if right else pos]
    return "www." in chunk or "://" in chunk or "@" in chunk or chunk.count(".") > 1


# 1,000,000 or 2,500 de (English thousands) and 12.5% or 1.5 milioane (English decimals).
# The literal "," or "." comes first so that the regex engine can skip ahead to it.
_EN_THOUSANDS = re.compile(r",\d{3}(?<![\d.,]\d,\d{3})(?<![\d.,]\d\d,\d{3})(?<![\d.,]\d\d\d,\d{3})")
_EN_GROUPS = re.compile(r"(?<![\w.,])\d{1,3}(?:,\d{3})+(?![\d,])")
# "2,500 de euro" is English (Romanian decimals take no "de"), but "2,649 de miliarde"
# is a Romanian decimal of a multiplier.
_FOLLOWED_BY_DE = re.compile(r" de\b(?! (?:mii|milioane|miliarde|milarde|bilioane)\b)")
_EN_DECIMAL = re.compile(
    r"\.\d{1,2}(?=[ \u00a0]?%|[ \u00a0]+(?:la sută|procente|procentuale|"
    r"puncte procentuale|milioane|miliarde|mii|milion|miliard)\b)"
)
_INTEGER_BEFORE = re.compile(r"(?<![\w.,])\d{1,3}$")


class NumberFormat(Rule):
    id = "numbers/format"
    severity = Severity.WARNING
    doc = RuleDoc(
        summary="număr scris după regula englezească (1,000,000 sau 12.5%)",
        what="Semnalează numerele cu virgulă ca separator de mii (1,000,000; 2,500 de "
        "euro) și cu punct ca separator zecimal înaintea lui % sau a lui „milioane”, "
        "„miliarde” (12.5%, 1.5 milioane).",
        why="În română punctul desparte miile (11.000), iar virgula zecimalele (12,5). "
        "Numerele preluate din surse englezești se citesc greșit: 2,500 de euro pare doi "
        "euro și jumătate.",
        fix_safety="Sigură: separatorii se schimbă între ei; cifrele rămân aceleași.",
    )
    examples = (
        Example(
            "Proiectul costă ⟦1,250,000⟧ de lei.",
            bad=True,
            fixed="Proiectul costă 1.250.000 de lei.",
        ),
        Example(
            "Inflația a ajuns la ⟦5.6⟧% în martie.",
            bad=True,
            fixed="Inflația a ajuns la 5,6% în martie.",
        ),
        Example("Au venit ⟦2,500⟧ de spectatori.", bad=True, fixed="Au venit 2.500 de spectatori."),
        Example("Au venit 11.000 de oameni; inflația e 12,5%, la ora 10.30.", bad=False),
    )

    def check(self, block: BlockAnalysis, context: object) -> Iterable[Finding]:
        text = block.text
        done = -1
        for hit in _EN_THOUSANDS.finditer(text):
            if hit.start() < done:
                continue
            m = _EN_GROUPS.search(text, max(0, hit.start() - 3), hit.end() + 200)
            if m is None or m.start() > hit.start():
                continue
            done = m.end()
            if m.group().count(",") < 2 and not _FOLLOWED_BY_DE.match(text, m.end()):
                continue  # 2,500 alone may be a decimal; "2,500 de" cannot
            good = m.group().replace(",", ".")
            yield Finding(
                m.start(),
                m.end(),
                f"În română miile se despart cu punct: scrieți {good}",
                replacements=(good,),
                fix=FixKind.SAFE,
            )
        for hit in _EN_DECIMAL.finditer(text):
            before = _INTEGER_BEFORE.search(text, max(0, hit.start() - 4), hit.start())
            if before is None:
                continue
            start, end = before.start(), hit.end()
            good = text[start:end].replace(".", ",")
            yield Finding(
                start,
                end,
                f"În română zecimalele se despart cu virgulă: scrieți {good}",
                replacements=(good,),
                fix=FixKind.SAFE,
            )


RULES: list[type[Rule]] = [
    DoubledWord,
    SpaceBeforePunctuation,
    MissingSpaceAfterPunctuation,
    NumberFormat,
]
