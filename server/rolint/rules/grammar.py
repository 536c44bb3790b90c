"""grammar/*: Romanian grammar errors no dictionary can see (rules/grammar.yaml).

* ``grammar/hyphen``: a clitic fused with the auxiliary, without its hyphen: "sa dus"
  (s-a dus), "ia spus" (i-a spus), "sau întors" (s-au întors), "la văzut" (l-a văzut).
  Each fused form is also a correct word ("mama sa", "ia o carte", "sau" = or, "la" =
  at), so the rule looks at the next word: only a past participle in the invariable
  form of the compound past (after at most two adverbs: "sa mai oprit") makes the
  hyphen certain. Participles come from the rospell dictionary
  (:mod:`rolint.rules.grammar_participles`). For "sau" and "la", where a participle may
  also be an adjective or a noun ("arestat sau reținut", "la început"), a few context
  checks keep the correct uses quiet and the fix is offered, not applied.
* ``grammar/definite-plural``: "copii mei" for "copiii mei": a masculine plural before
  a possessive adjective needs the definite article.

Both rules are plain block rules: one regex scan of the lower-cased block, no state
besides the tables prepared in ``__init__``.
"""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rolint.romanian import LOWER_DIACRITICS
from rolint.rule import Example, Finding, FixKind, Rule, RuleDoc, RuleSetup, Severity
from rolint.rulepacks import PackError, pack_path
from rolint.rules._text import (
    check_fields,
    entry_list,
    match_case,
    pack_mapping,
    plain_lower,
    string_list,
    text_field,
)
from rolint.rules.grammar_participles import IRREGULAR

if TYPE_CHECKING:
    from rolint.analysis import BlockAnalysis

log = logging.getLogger(__name__)

PACK = "grammar"
_WORD = r"[^\W\d_]+"
# the words it is tested on are cedilla-folded: the comma forms are enough
_DIACRITICS = frozenset(LOWER_DIACRITICS)
# Words ending in -i before a possessive that are not an unarticled noun ("ai mei").
# Indefinite plurals that already end in -ii (their articled form ends in -iii).
_II_PLURALS = frozenset(["copii", "fii"])
_NOT_NOUNS = frozenset(
    [
        "ai",
        "lui",
        "cei",
        "alți",
        "acei",
        "acești",
        "mulți",
        "toți",
        "câți",
        "noi",
        "voi",
        "doi",
        "trei",
    ]
)


@dataclass(frozen=True)
class Fused:
    """One fused clitic form of the pack: ``sa`` → ``s-a``."""

    wrong: str
    right: str
    before: frozenset[str] | None  # None: a participle must follow
    safe: bool


@dataclass(frozen=True)
class GrammarPack:
    fused: dict[str, Fused]
    adverbs: frozenset[str]
    nominal_after_la: frozenset[str]
    prepositions_before_la: frozenset[str]
    before_la: frozenset[str]
    adjective_endings_before_sau: tuple[str, ...]
    prepositions_before_sau: frozenset[str]
    fixed_phrases: frozenset[str]
    possessives: tuple[str, ...]


def _words(key: str) -> frozenset[str]:
    return frozenset(string_list(PACK, key, pack_mapping(PACK).get(key), lower=True))


def load_pack() -> GrammarPack:
    """rules/grammar.yaml, checked field by field (a bad entry is a clear error)."""
    fused: dict[str, Fused] = {}
    for i, entry in enumerate(entry_list(PACK, "hyphen", required=True)):
        check_fields(PACK, "hyphen", i, entry, {"wrong", "right", "before", "fix"})
        wrong = text_field(PACK, "hyphen", i, entry, "wrong").lower()
        right = text_field(PACK, "hyphen", i, entry, "right")
        fix = text_field(PACK, "hyphen", i, entry, "fix", "safe")
        if fix not in ("safe", "unsafe"):
            raise PackError(f"{pack_path(PACK)}: hyphen[{i}]: 'fix' este safe sau unsafe")
        before = entry.get("before", "participle")
        words = (
            None
            if before == "participle"
            else frozenset(string_list(PACK, f"hyphen[{i}].before", before, lower=True))
        )
        fused[wrong] = Fused(wrong, right, words, fix == "safe")
    return GrammarPack(
        fused,
        _words("adverbs"),
        _words("nominal_after_la"),
        _words("prepositions_before_la"),
        _words("before_la"),
        tuple(sorted(_words("adjective_endings_before_sau"))),
        _words("prepositions_before_sau"),
        _words("fixed_phrases"),
        tuple(string_list(PACK, "possessives", pack_mapping(PACK).get("possessives"), lower=True)),
    )


def pack_examples() -> list[dict[str, object]]:
    """The pack's ``examples`` list (run by tests/test_rule_examples.py)."""
    return entry_list(PACK, "examples")


class Participles:
    """The participle list, loaded on first use (the dictionary costs a second).

    A missing dictionary leaves the hand-written irregular participles only, with one
    warning: the rule then finds less but never more.
    """

    def __init__(self, path: str | None) -> None:
        self._path = path
        self._words: frozenset[str] | None = None
        self._plain: dict[str, str] = {}
        self._lock = threading.Lock()

    @property
    def words(self) -> frozenset[str]:
        if self._words is None:
            with self._lock:
                if self._words is None:
                    self._words = self._load()
        return self._words

    def _load(self) -> frozenset[str]:
        from rolint.rules.grammar_participles import load
        from rolint.spelling.dictionary import DictionaryNotFound

        try:
            words = load(self._path)
        except DictionaryNotFound as exc:
            log.warning("grammar/hyphen: doar participiile neregulate (%s)", exc)
            words = IRREGULAR
        # "intamplat" (written without diacritics) → întâmplat; where two participles
        # share a plain spelling (204 do: pacanit → pacănit, păcănit) the first in code
        # point order wins, whatever the hash seed (the later ones are overwritten by it,
        # in reverse). Folded as one text: 16,000 words at once.
        ordered = sorted(words)
        folded = plain_lower("\n".join(ordered)).split("\n")
        self._plain = dict(zip(reversed(folded), reversed(ordered), strict=True))
        return words

    def find(self, word: str) -> tuple[str, bool] | None:
        """(the participle, written exactly so) for a lower-case ``word``, or None.

        A word written without any diacritic, or with the old î inside the word, is
        matched to its participle too, but not exactly (no automatic fix then)."""
        words = self.words
        if word in words:
            return word, True
        if "î" in word[1:]:
            modern = word[0] + word[1:].replace("î", "â")
            if modern in words:
                return modern, False
        if not _DIACRITICS.intersection(word):
            found = self._plain.get(word)
            if found is not None:
                return found, False
        return None


class Hyphen(Rule):
    id = "grammar/hyphen"
    severity = Severity.WARNING
    doc = RuleDoc(
        summary="cratimă lipsă între pronume și auxiliar (sa dus → s-a dus, ia spus → i-a spus)",
        what="Semnalează formele lipite „sa”, „ia”, „sau”, „iau”, „la”, „na”, „mia”, „va”, "
        "„nea”, „neam”… urmate de un participiu („sa dus”, „ia spus”, „sau întors”, "
        "„la văzut”), unde trebuie pronumele cu cratimă și auxiliarul: s-a, i-a, s-au, l-a.",
        why="Este cea mai frecventă greșeală de scriere din presa online; corectorul "
        "ortografic nu o vede, pentru că „sa”, „ia”, „sau” și „la” sunt și cuvinte corecte. "
        "Participiul de după ele hotărăște: „mama sa bolnavă” rămâne, „sa dus” nu.",
        fix_safety="Sigură când participiul e scris corect și forma lipită nu poate fi "
        "altceva înaintea lui; la „sau” și „la” (unde participiul poate fi adjectiv sau "
        "substantiv: „arestat sau reținut”, „la început”) corectarea se face doar la cerere.",
    )
    examples = (
        Example(
            "Primarul ⟦sa⟧ întors la minister.", bad=True, fixed="Primarul s-a întors la minister."
        ),
        Example("Vecinul ⟦ia⟧ spus totul.", bad=True, fixed="Vecinul i-a spus totul."),
        Example("Turiștii ⟦sau⟧ întors acasă.", bad=True),
        Example("Ea ⟦iau⟧ dat un telefon.", bad=True, fixed="Ea i-au dat un telefon."),
        Example("Mama sa bolnavă ia o carte sau un caiet la școală.", bad=False),
    )

    def __init__(self, setup: RuleSetup | None = None) -> None:
        super().__init__(setup)
        self.pack = load_pack()
        path = self.setup.options.get("dictionary")
        self.participles = Participles(str(path) if path else None)
        fused = "|".join(sorted(map(re.escape, self.pack.fused), key=len, reverse=True))
        # fused form, then up to three words (adverbs + the word that decides)
        self._pattern = re.compile(rf"(?<![\w-])({fused})((?:\s+{_WORD}){{1,3}})(?![\w])")
        self._before = re.compile(rf"({_WORD})([^\w]*)$")
        self._word = re.compile(_WORD)
        self._after = re.compile(r"\s*([^\W\d_]+|[^\w\s]|$)")

    def warm_up(self) -> None:
        _ = self.participles.words

    def check(self, block: BlockAnalysis, context: object) -> Iterable[Finding]:
        text, low = block.text, block.low  # the block's cedilla-folded lower case
        pos = 0
        while True:
            m = self._pattern.search(low, pos)
            if m is None:
                return
            pos = m.start(2)  # the next word may itself be a fused form
            finding = self._judge(text, low, m)
            if finding is not None:
                yield finding

    def _judge(self, text: str, low: str, m: re.Match[str]) -> Finding | None:
        fused = self.pack.fused[m.group(1)]
        words = m.group(2).split()
        if fused.before is not None:
            if words[0] not in fused.before:
                return None
            exact, shown = True, words[0]
        else:
            found = self._participle(words)
            if found is None:
                return None
            participle, exact, skipped = found
            shown = " ".join([*skipped, participle])
            ends = [w.end() for w in self._word.finditer(low, m.start(2), m.end(2))]
            if not self._plausible(fused, participle, text, low, m.start(), ends[len(skipped)]):
                return None
        as_written = " ".join(text[m.start(2) : m.end(2)].split()[: len(shown.split())])
        written = text[m.start(1) : m.end(1)]
        right = match_case(written, fused.right)
        if as_written.lower() == shown:
            shown = as_written  # in the text's case: „S-A DUS”, not „S-A dus”
        return Finding(
            m.start(1),
            m.end(1),
            f"Lipsește cratima: „{right} {shown}”, nu „{written} {as_written}”",
            replacements=(right,),
            fix=FixKind.SAFE if fused.safe and exact else FixKind.UNSAFE,
        )

    def _participle(self, words: list[str]) -> tuple[str, bool, list[str]] | None:
        """The participle after at most two adverbs, with the adverbs skipped."""
        for i, word in enumerate(words):
            found = self.participles.find(word)
            if found is not None:
                return found[0], found[1], words[:i]
            if word not in self.pack.adverbs or i == 2:
                return None
        return None

    def _plausible(
        self, fused: Fused, participle: str, text: str, low: str, start: int, end: int
    ) -> bool:
        """Context checks for the fused forms that are common before a participle."""
        before = self._before.search(low, max(0, start - 40), start)
        previous, gap = (before.group(1), before.group(2)) if before else ("", "")
        if low[max(0, start - 3) : start].rstrip().endswith("-"):
            return False  # "al 49 - lea", "m - ia": a hyphen written apart, not a fused form
        nxt = self._after.match(low, end)
        phrase = f"{fused.wrong} {participle} {nxt.group(1) if nxt else ''}"
        if phrase in self.pack.fixed_phrases:
            return False  # "îmi iau rămas bun"
        if fused.wrong == "la":
            return self._plausible_la(participle, previous, gap, nxt)
        if fused.wrong == "sau":
            # "arestat sau reținut", "ciudat sau legat": two qualities joined by "or"
            return (
                self.participles.find(previous) is None
                and previous not in self.pack.prepositions_before_sau
                and not (
                    previous.endswith(self.pack.adjective_endings_before_sau)
                    and previous not in self.pack.adverbs
                )
            )
        return True

    def _plausible_la(
        self, participle: str, previous: str, gap: str, nxt: re.Match[str] | None
    ) -> bool:
        """A "la" + participle is l-a only after a word that stands before the clitic
        and not before the preposition (``before_la``: "care l-a văzut"); never before
        a participle used as a noun ("la început") nor when the participle ends the
        clause ("atenție la condus.")."""
        if participle in self.pack.nominal_after_la or previous in self.pack.prepositions_before_la:
            return False
        closes = nxt is None or nxt.group(1) in ("", ".", ",", ";", ":", "!", "?", ")")
        if closes and (not previous or "," in gap):
            return False
        return previous in self.pack.before_la


class DefinitePlural(Rule):
    id = "grammar/definite-plural"
    severity = Severity.WARNING
    doc = RuleDoc(
        summary="articol hotărât lipsă înaintea posesivului (copii mei → copiii mei)",
        what="Semnalează un substantiv masculin la plural nearticulat urmat de un adjectiv "
        "posesiv („copii mei”, „consilieri săi”): posesivul cere forma articulată "
        "(„copiii mei”, „consilierii săi”) sau „ai” („doi copii ai mei”).",
        why="Un „i” lipsă schimbă forma și trece de corector, pentru că „copii” e un cuvânt "
        "corect; greșeala e frecventă în textele scrise repede.",
        fix_safety="Sigură: se adaugă „i”-ul articolului, iar posesivul rămâne.",
    )
    examples = (
        Example("Am vorbit cu ⟦copii⟧ mei.", bad=True, fixed="Am vorbit cu copiii mei."),
        Example("Copiii mei și doi prieteni ai mei au venit.", bad=False),
    )

    def __init__(self, setup: RuleSetup | None = None) -> None:
        super().__init__(setup)
        pack = load_pack()
        owners = "|".join(map(re.escape, pack.possessives))
        # a word ending in -i before a possessive; the dictionary decides the rest
        self._pattern = re.compile(rf"(?<![\w-])({_WORD}i)\s+(?:{owners})(?![\w-])")
        # every match holds a possessive: one pass in C over most blocks, which hold none
        # (the pattern above tries every word of the block)
        self._owners = re.compile(owners)
        path = self.setup.options.get("dictionary")
        self._path = str(path) if path else None
        self._dictionary: object | None = None

    def _is_word(self, word: str) -> bool:
        """``word`` is in the rospell dictionary (loaded on first need)."""
        if self._dictionary is None:
            from rolint.spelling.api import dictionary
            from rolint.spelling.dictionary import DictionaryNotFound

            try:
                self._dictionary = dictionary(self._path)
            except DictionaryNotFound:
                self._dictionary = False
        if self._dictionary is False:
            return False
        return bool(self._dictionary.check(word))  # type: ignore[attr-defined]

    def check(self, block: BlockAnalysis, context: object) -> Iterable[Finding]:
        text, low = block.text, block.low  # the block's cedilla-folded lower case
        if self._owners.search(low) is None:
            return
        for m in self._pattern.finditer(low):
            noun = m.group(1)
            if noun in _NOT_NOUNS or len(noun) < 4:
                continue
            if noun.endswith("ii") and noun not in _II_PLURALS:
                continue  # "strugurii mei" is already articled
            if not (self._is_word(noun) and self._is_word(noun + "i")):
                continue
            written = text[m.start(1) : m.start(1) + len(noun)]
            right = written + ("I" if written.isupper() else "i")
            yield Finding(
                m.start(1),
                m.start(1) + len(noun),
                f"Posesivul cere articolul: „{right}”, nu „{written}”",
                replacements=(right,),
                fix=FixKind.SAFE,
            )


RULES: list[type[Rule]] = [Hyphen, DefinitePlural]
