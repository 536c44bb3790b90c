"""Spelling: words the Romanian dictionary (rospell) and the vocabularies do not know.

The dictionary is Debian's ``hunspell-ro`` (or npm's ``dictionary-ro``), compiled once
into a cached lookup table on first use (see :mod:`rolint.spelling`). Nothing is
loaded at import time: the CLI's cold start does not pay for the dictionary.

Options (``[rule-options."spelling/unknown"]`` in config):

* ``dictionary``: path of the ``.dic`` (or ``.aff``, or their common base) to use
  instead of the one found automatically;
* ``names`` (default true): use the shipped list of news names (``rules/names.txt``);
* ``check-capitalised`` (default false): also flag unknown capitalised words in the
  middle of a sentence (names are then flagged too);
* ``max-suggestions`` (default 5): 0 reports unknown words with no suggestions, and
  then does not rank candidates for a lower-case word (much of the rule's cost);
* ``defer-to-typos`` (default true): leave the words of ``rules/typos.yaml`` to
  ``spelling/typo`` (one report, with the newsroom's fix); set it to false when
  spelling/typo is turned off;
* ``user-vocabulary`` (default true): also read the user's ``accept.txt`` and
  ``reject.txt`` in ``$XDG_CONFIG_HOME/rolint`` (``~/.config/rolint``).

The project's accept/reject vocabularies come from config (``[vocabulary]``); their
case rules are documented in :mod:`rolint.spelling.lexicon`.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Hashable, Iterable
from typing import TYPE_CHECKING, Any

from rolint.rule import Example, Finding, FixKind, Rule, RuleDoc, RuleSetup, Severity
from rolint.spelling.reason import Reason

if TYPE_CHECKING:
    from rolint.analysis import BlockAnalysis, DocumentAnalysis
    from rolint.spelling.checker import BlockFacts, SpellChecker

log = logging.getLogger("rolint.spelling")


class Unknown(Rule):
    id = "spelling/unknown"
    severity = Severity.WARNING
    doc = RuleDoc(
        summary="cuvânt necunoscut dicționarului, cu sugestii",
        what="Semnalează cuvintele pe care dicționarul românesc (rospell) și vocabularele "
        "proiectului nu le cunosc și propune cel mult cinci corecturi, cea mai probabilă "
        "prima (literă lipsă, litere inversate, literă dublată, tastă vecină, diacritic "
        "greșit). Numele proprii nu sunt semnalate: cuvintele cu majusculă în interiorul "
        "propoziției, acronimele (KCNA), cuvintele scrise cu majusculă în altă parte a "
        "textului și lista de nume din știri (țări, capitale, instituții, partide, "
        "agenții). Un nume scris cu literă mică este semnalat (tiktok → TikTok). "
        "Cuvintele cărora le lipsesc doar diacriticele (tara → țara) sunt treaba "
        "regulii diacritics/missing, iar grafia veche (cînd) a regulii orthography/old.",
        why="O greșeală de tipar (catalgat în loc de catalogat) scapă ușor la o lectură "
        "rapidă și rămâne în arhivă. Dicționarul prinde orice cuvânt greșit, nu doar "
        "greșelile cunoscute dinainte.",
        fix_safety="Nesigură: sugestiile se aplică doar la cerere; un cuvânt rar sau un "
        "nume nou poate lipsi din dicționar. Adăugați-l în vocabularul de acceptare al "
        "proiectului.",
    )
    examples = (
        Example("Ministrul a ⟦catalogta⟧ decizia drept o greșeală.", bad=True),
        Example("Primăria a anunțat un nou parteneriat cu școlile din oraș.", bad=False),
        Example("Guvernul a adoptat o hotărâre privind ⟦bugettul⟧.", bad=True),
        Example("Delegația a plecat spre Phenian, unde o așteaptă Choe Son Hui.", bad=False),
        Example("Agenția KCNA a transmis mesajul, iar clipul a ajuns pe TikTok.", bad=False),
        Example("N-am văzut niciodată așa ceva; s-a terminat dintr-un foc.", bad=False),
        Example("Detalii pe www.exemplu.ro sau la redactie@exemplu.ro, #alegeri.", bad=False),
    )

    def __init__(self, setup: RuleSetup | None = None) -> None:
        super().__init__(setup)
        self._checker: SpellChecker | None = None
        self._failed = False
        self._max_words: int | None = None  # see bound_memos
        self._lock = threading.Lock()

    # -- lazy construction ------------------------------------------------------------
    def _option(self, name: str, default: Any) -> Any:
        opts = self.setup.options
        for key in (name, name.replace("-", "_")):
            if key in opts:
                return opts[key]
        return default

    @property
    def checker(self) -> SpellChecker | None:
        if self._checker is None and not self._failed:
            with self._lock:
                if self._checker is None and not self._failed:
                    chk = self._build()
                    if chk is not None and self._max_words is not None:
                        chk.bound_memos(self._max_words)
                    self._checker = chk
        return self._checker

    def _build(self) -> SpellChecker | None:
        from rolint.spelling.api import dictionary
        from rolint.spelling.checker import SpellChecker
        from rolint.spelling.dictionary import DictionaryNotFound
        from rolint.spelling.lexicon import user_vocabulary

        path = self._option("dictionary", None)
        try:
            d = dictionary(str(path) if path else None)
        except DictionaryNotFound as exc:
            self._failed = True
            log.warning("spelling/unknown dezactivată: %s", exc)
            return None
        accept = set(self.setup.accept)
        reject = set(self.setup.reject)
        if self._option("user-vocabulary", True):
            ua, ur = user_vocabulary()
            accept.update(ua)
            reject.update(ur)
        return SpellChecker(
            d,
            accept,
            reject,
            use_names=bool(self._option("names", True)),
            check_capitalised=bool(self._option("check-capitalised", False)),
            max_suggestions=int(self._option("max-suggestions", 5)),
            defer_to_typos=bool(self._option("defer-to-typos", True)),
        )

    def bound_memos(self, max_words: int) -> None:
        self._max_words = max_words  # for a checker built later, too
        chk = self._checker
        if chk is not None:
            chk.bound_memos(max_words)

    # -- the rule -----------------------------------------------------------------------
    def _facts(self, block: BlockAnalysis, chk: SpellChecker) -> _Facts:
        """The checker's facts of a block, kept on its analysis (engine-owned)."""
        return block.derive(_FACTS, lambda b: _Facts(chk.block_facts(b.text)))

    def document_context(self, doc: DocumentAnalysis) -> Hashable:
        chk = self.checker
        if chk is None:
            return None
        if chk.check_capitalised:  # then a capitalised word proves nothing
            return frozenset()
        found: set[str] = set()
        for block, analysis in doc.pairs():
            if self.applies_to(block):
                found.update(self._facts(analysis, chk).facts.names)
        return frozenset(found)

    def narrow(self, context: Hashable, block: BlockAnalysis) -> Hashable:
        chk = self.checker
        if chk is None or not context:
            return context
        assert isinstance(context, frozenset)
        facts = self._facts(block, chk)
        last = facts.last  # one tuple: a thread sees a consistent pair
        if last is not None and (last[0] is context or last[0] == context):
            return last[1]
        names = chk.names_for(context, facts.facts.probes)
        facts.last = (context, names)
        return names

    def warm_up(self) -> None:
        chk = self.checker
        if chk is not None:
            chk.warm_up()

    def check(self, block: BlockAnalysis, context: Any) -> Iterable[Finding]:
        chk = self.checker
        if chk is None:
            return
        words = self._facts(block, chk).facts.words
        for issue in chk.check(block.text, context, words):
            if issue.reason == Reason.REJECTED:
                msg = f"„{issue.word}” este respins de vocabularul proiectului"
            elif issue.reason == Reason.NAME_CASE:
                msg = f"„{issue.word}” este un nume: se scrie „{issue.suggestions[0]}”"
            else:
                msg = f"„{issue.word}” nu este în dicționar"
            if issue.suggestions and issue.reason != Reason.NAME_CASE:
                msg += ": " + ", ".join(f"„{s}”" for s in issue.suggestions[:3]) + "?"
            yield Finding(
                start=issue.start,
                end=issue.end,
                message=msg,
                replacements=issue.suggestions,
                fix=FixKind.UNSAFE if issue.suggestions else None,
                data={"word": issue.word, "reason": str(issue.reason)},
            )


class _Facts:
    """A block's :class:`BlockFacts` and the last (context, narrowed names) asked."""

    __slots__ = ("facts", "last")

    def __init__(self, facts: BlockFacts) -> None:
        self.facts = facts
        self.last: tuple[frozenset[str], frozenset[str]] | None = None


_FACTS = ("spelling/unknown", "facts")

RULES = [Unknown]
