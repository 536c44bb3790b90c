"""Diacritics: cedilla letters, documents mixing both forms, and missing diacritics.

Romanian uses the comma-below letters ș ț Ș Ț (U+0219, U+021B, U+0218, U+021A). The
cedilla forms ş ţ Ş Ţ (U+015F, U+0163, U+015E, U+0162) come from old Turkish-based
keyboard layouts and agency feeds; they render differently, break search and spell
checking, and mixing both in one article shows copy pasted from elsewhere.

Words written without diacritics (si, daca, in) are found with a generated list of
plain spellings that are not Romanian words (rules/diacritics_missing.txt) plus a
small editor-owned pack (rules/diacritics_missing.yaml) for additions, exclusions and
the ambiguous words a neighbouring word settles ("ca" → "că" after "a spus").
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from operator import attrgetter
from typing import TYPE_CHECKING

from rolint.romanian import CEDILLA_LETTERS, CEDILLA_TO_COMMA, LOWER_DIACRITICS
from rolint.rule import Example, Finding, FixKind, Rule, RuleDoc, Scope, Severity
from rolint.rulepacks import PackError, pack_path
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
    from rolint.analysis import BlockAnalysis, DocumentAnalysis
    from rolint.document import Document

_CEDILLA = re.compile(f"[{CEDILLA_LETTERS}]")
_START = attrgetter("start")
_CEDILLA_FINDING = {
    bad: (f"„{bad}” cu sedilă: scrieți „{good}” (cu virgulă dedesubt)", (good,))
    for bad, good in CEDILLA_TO_COMMA.items()
}


class Cedilla(Rule):
    id = "diacritics/cedilla"
    severity = Severity.WARNING
    doc = RuleDoc(
        summary="ş/ţ cu sedilă în loc de ș/ț cu virgulă",
        what="Semnalează literele ş ţ Ş Ţ (cu sedilă) și propune ș ț Ș Ț (cu virgulă dedesubt).",
        why="Norma românească folosește virgula dedesubt. Literele cu sedilă vin din "
        "tastaturi vechi și din fluxuri de agenții: arată altfel, strică "
        "căutarea și corectorul ortografic.",
        fix_safety="Sigură: litera este înlocuită cu perechea ei cu virgulă; nimic altceva "
        "nu se schimbă.",
    )
    examples = (
        Example("Guvernul a anun⟦ţ⟧at măsuri.", bad=True, fixed="Guvernul a anunțat măsuri."),
        Example("⟦Ş⟧tirea a apărut în presă.", bad=True, fixed="Știrea a apărut în presă."),
        Example("Guvernul a anunțat măsuri în țară.", bad=False),
    )

    def check(self, block: BlockAnalysis, context: object) -> Iterable[Finding]:
        text = block.text
        # Each letter is looked for with str.find, which skips ahead in C; a regex
        # scan classifies every character of the block (a quarter of the rule's time
        # on text with cedilla letters). Sorted by offset: the order _CEDILLA gives.
        found = []
        for letter, (message, replacements) in _CEDILLA_FINDING.items():
            i = text.find(letter)
            while i >= 0:
                found.append(Finding(i, i + 1, message, replacements, FixKind.SAFE))
                i = text.find(letter, i + 1)
        if found:
            found.sort(key=_START)
        return found


class Mixed(Rule):
    id = "diacritics/mixed"
    severity = Severity.INFO
    scope = Scope.DOCUMENT
    doc = RuleDoc(
        summary="documentul amestecă ș/ț cu virgulă și ş/ţ cu sedilă",
        what="Un singur mesaj pe document când apar ambele forme, cu numărul fiecăreia; "
        "este pus pe prima literă cu sedilă.",
        why="Amestecul arată text lipit din altă sursă (de obicei fluxul unei agenții): "
        "merită recitit tot pasajul, nu doar corectate literele.",
        fix_safety="Fără corectare proprie: literele se corectează prin diacritics/cedilla.",
    )
    examples = (
        Example("Ministrul a anunțat ieri că ⟦ş⟧colile se redeschid.", bad=True),
        Example("Ministrul a anunțat ieri că școlile se redeschid.", bad=False),
        Example("Ministrul a anunţat ieri că şcolile se redeschid.", bad=False),
    )

    def check_document(self, doc: Document) -> Iterable[Finding]:
        # str.count of each letter: the same counts as the regexes, without a match
        # object per letter.
        cedilla = sum(map(doc.text.count, CEDILLA_LETTERS))
        if not cedilla:
            return
        comma = sum(map(doc.text.count, "șțȘȚ"))
        if not comma:
            return
        first = _CEDILLA.search(doc.text)
        assert first is not None
        yield Finding(
            first.start(),
            first.end(),
            f"Documentul amestecă două forme: {comma} litere ș/ț cu virgulă și {cedilla} "
            f"ş/ţ cu sedilă; pasajele cu sedilă par lipite din altă sursă (agenție)",
            data={"comma": comma, "cedilla": cedilla},
        )


# -- diacritics/missing --------------------------------------------------------

_PACK = "diacritics_missing"
# An all-ASCII word (a hyphen after it is fine: "intr-un", "si-a"); words inside a URL,
# an e-mail address or a domain name are skipped by _in_address. The first letter comes
# before the look-behind (on the character before it) so that ``re`` scans for letters;
# the run is possessive (``*+``): giving letters back could never satisfy the look-ahead.
_ASCII_WORD = re.compile(r"[A-Za-z](?<![\w-].)[A-Za-z]*+(?!\w)")
_ASCII_FIND = re.compile(r"[a-z](?<![\w./@-].)[a-z]*+(?![\w@/])")
_SPACE_AFTER = re.compile(r"\S*")
_ADDRESS = re.compile(r"://|www\.|@|\.[a-z]{2,}|/\w")
_PREV_WORD = re.compile(r"([\w-]+)[ \t\u00a0]+$")
_NEXT_WORD = re.compile(r"[ \t\u00a0]+([\w-]+)")
_STATS = ("diacritics/missing", "stats")  # keys of what the rule keeps per block
_FOUND = ("diacritics/missing", "found")
_Stats = tuple[Counter[str], bool, bool, bool]
# The words of a block holding none of the list's words; shared, never changed.
_NO_WORDS: Counter[str] = Counter()
# Bytes of ASCII word characters are kept, every other byte becomes a space (see
# _ascii_tokens).
_WORD_BYTES = bytes(
    c if chr(c).isascii() and (chr(c).isalnum() or c == 0x5F) else 0x20 for c in range(256)
)


def _ascii_tokens(low: str) -> set[bytes]:
    """The runs of ASCII word characters of a lower-cased text, as bytes.

    Every word that ``_ASCII_FIND`` finds in ``low``, and every context word that
    ``context_re`` finds in the text (lower-cased), is one of them: both are ASCII
    letters bounded by non-word characters, and a non-word character is an ASCII
    separator or a non-ASCII character, whose UTF-8 bytes all become spaces. Romanian
    diacritics are word characters: they become "_" first, so that "după" is one
    token, not "dup" (fewer false alarms, the same guarantee). Set tests in C then
    tell whether a block may hold such a word, without a regex pass over it."""
    for ch in LOWER_DIACRITICS:
        if ch in low:
            low = low.replace(ch, "_")
    return set(low.encode().translate(_WORD_BYTES).split())


def _count_lower_diacritics(low: str) -> int:
    """Diacritic letters of a lower-cased text: the same count as in the text (each
    capital lower-cases to its small letter and nothing else does), half the scans."""
    return sum(low.count(c) for c in LOWER_DIACRITICS if c in low)


@dataclass(frozen=True)
class ContextEntry:
    """An ambiguous plain word settled by its neighbours (see the YAML pack)."""

    write: str
    before: frozenset[str]
    after: frozenset[str]
    after_endings: tuple[str, ...]
    not_after: frozenset[str]
    not_before_endings: tuple[str, ...]
    not_before_sa: int = 0

    def applies(self, prev: str | None, nxt: str | None) -> bool:
        prev_l = prev.lower() if prev else None
        next_l = nxt.lower() if nxt else None
        if next_l is not None and next_l in self.not_after:
            return False
        if prev_l is not None and prev_l in self.before:
            return True
        if prev_l is not None and prev_l.endswith(self.not_before_endings):
            return False
        if next_l is None:
            return False
        return next_l in self.after or (
            bool(self.after_endings) and next_l.endswith(self.after_endings)
        )


@dataclass(frozen=True)
class MissingData:
    table: dict[str, tuple[str, ...]]
    context: dict[str, tuple[ContextEntry, ...]]
    context_re: re.Pattern[str] | None
    # The list's ASCII words and the context words (lower-cased) as bytes, compared
    # with _ascii_tokens. ``context_words`` is None when a context word is not plain
    # ASCII letters (the token test would not cover it: the context pass always runs).
    table_words: frozenset[bytes] = frozenset()
    context_words: frozenset[bytes] | None = None


def _count(entry: dict, i: int) -> int:  # type: ignore[type-arg]
    value = entry.get("not_before_sa", 0)
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise PackError(
            f"{pack_path(_PACK)}: context[{i}]: câmpul 'not_before_sa' trebuie "
            f"să fie un număr întreg ≥ 0, nu {value!r}"
        )
    return value


_SA_AHEAD = re.compile(r"[ \t\u00a0]*([\w-]+)")


def _sa_ahead(text: str, pos: int, words: int) -> bool:
    """True when „să”/„sa” comes within ``words`` words after ``pos`` (same sentence)."""
    for _ in range(words):
        m = _SA_AHEAD.match(text, pos)
        if m is None:
            return False
        if m.group(1).lower() in ("să", "sa"):
            return True
        pos = m.end()
    return False


@cache
def missing_data() -> MissingData:
    """The generated list plus the YAML adjustments, validated."""
    table = _missing_table()
    context: dict[str, list[ContextEntry]] = {}
    for i, entry in enumerate(entry_list(_PACK, "context")):
        word = text_field(_PACK, "context", i, entry, "plain")
        context.setdefault(word, []).append(_context_entry(i, entry))
    context_words = None
    if all(w.isascii() and w.isalpha() for w in context):
        context_words = frozenset(w.lower().encode() for w in context)
    return MissingData(
        table,
        {k: tuple(v) for k, v in context.items()},
        _context_pattern(context),
        frozenset(w.encode() for w in table if w.isascii()),
        context_words,
    )


def _missing_table() -> dict[str, tuple[str, ...]]:
    """Plain spelling → its forms with diacritics: the generated .txt list, then the
    YAML's ``add`` entries, less its ``exclude`` words."""
    table: dict[str, tuple[str, ...]] = {}
    for n, line in enumerate(text_pack_lines(f"{_PACK}.txt")):
        plain_form, sep, forms = line.partition("\t")
        if not sep or not forms:
            raise PackError(
                f"{pack_path(_PACK).with_suffix('.txt')}: rândul {n + 1}: "
                f"așteptam „scriere-fără-diacritice<TAB>forme”, nu {line!r}"
            )
        table[plain_form] = tuple(forms.split("|"))
    for i, entry in enumerate(entry_list(_PACK, "add")):
        check_fields(_PACK, "add", i, entry, {"plain", "forms"})
        word = text_field(_PACK, "add", i, entry, "plain").lower()
        added = string_list(_PACK, f"add[{i}].forms", entry.get("forms"))
        if not added:
            raise PackError(f"{pack_path(_PACK)}: add[{i}]: lipsește câmpul 'forms'")
        table[word] = tuple(added)
    for word in string_list(_PACK, "exclude", pack_mapping(_PACK).get("exclude"), lower=True):
        table.pop(word, None)
    return table


_CONTEXT_FIELDS = {
    "plain",
    "write",
    "before",
    "after",
    "after_endings",
    "not_after",
    "not_before_endings",
    "not_before_sa",
}


def _context_entry(i: int, entry: dict) -> ContextEntry:  # type: ignore[type-arg]
    """Entry ``i`` of the YAML's ``context`` list, validated."""
    check_fields(_PACK, "context", i, entry, _CONTEXT_FIELDS)

    def words(fld: str) -> list[str]:
        return string_list(_PACK, f"context[{i}].{fld}", entry.get(fld), lower=True)

    ce = ContextEntry(
        write=text_field(_PACK, "context", i, entry, "write"),
        before=frozenset(words("before")),
        after=frozenset(words("after")),
        after_endings=tuple(words("after_endings")),
        not_after=frozenset(words("not_after")),
        not_before_endings=tuple(words("not_before_endings")),
        not_before_sa=_count(entry, i),
    )
    if not (ce.before or ce.after or ce.after_endings):
        raise PackError(
            f"{pack_path(_PACK)}: context[{i}]: trebuie cel puțin unul "
            "dintre câmpurile 'before', 'after', 'after_endings'"
        )
    return ce


def _context_pattern(context: dict[str, list[ContextEntry]]) -> re.Pattern[str] | None:
    """One pattern for every context word, longest first."""
    if not context:
        return None
    # "(?<![\w-])word" written "w(?<![\w-].)ord": re then scans for the first letters.
    alternatives = "|".join(
        re.escape(w[0]) + r"(?<![\w-].)" + re.escape(w[1:])
        for w in sorted(context, key=len, reverse=True)
    )
    return re.compile(rf"(?:{alternatives})(?![\w-])")


def _in_address(text: str, start: int, end: int) -> bool:
    """True when the word is part of a URL, e-mail address or domain name."""
    lo = max(0, start - 100)
    left = max(text.rfind(" ", lo, start), text.rfind("\n", lo, start), lo - 1) + 1
    right = _SPACE_AFTER.match(text, end, end + 100)
    chunk = text[left : right.end() if right else end]
    return len(chunk) > end - start + 1 and _ADDRESS.search(chunk) is not None


def _is_all_caps_run(text: str, start: int, end: int) -> bool:
    """An all-caps token counts only inside all-caps text (a headline), not as an acronym."""
    prev = _PREV_WORD.search(text, max(0, start - 40), start)
    nxt = _NEXT_WORD.match(text, end)
    return any(m is not None and len(m.group(1)) > 2 and m.group(1).isupper() for m in (prev, nxt))


class Missing(Rule):
    id = "diacritics/missing"
    severity = Severity.WARNING
    scope = Scope.DOCUMENT
    doc = RuleDoc(
        summary="cuvânt scris fără diacritice într-un text cu diacritice",
        what="Într-un text care folosește diacritice, semnalează cuvintele scrise fără ele "
        "când forma fără diacritice nu este un cuvânt românesc (si → și, daca → dacă, "
        "in → în) sau când vecinii lămuresc cuvântul (ca → că după „a spus”). Un text "
        "scris în întregime fără diacritice primește un singur mesaj, nu sute.",
        why="Textul fără diacritice e greu de citit, ambiguu (fata/fața) și arată neglijent; "
        "amestecul apare de obicei când se lipesc fragmente din altă sursă.",
        fix_safety="Sigură când există o singură formă corectă; când sunt mai multe "
        "(tara → țara/țară) se propun toate, fără corectare automată.",
    )
    examples = (
        Example(
            "Ministrul a venit ⟦si⟧ a plecat în aceeași zi.",
            bad=True,
            fixed="Ministrul a venit și a plecat în aceeași zi.",
        ),
        Example("⟦Daca⟧ plouă, meciul se amână.", bad=True, fixed="Dacă plouă, meciul se amână."),
        Example(
            "Primarul știe ⟦ca⟧ bugetul nu ajunge pentru școli.",
            bad=True,
            fixed="Primarul știe că bugetul nu ajunge pentru școli.",
        ),
        Example("Elevii au mers la muzeu ⟦si⟧ apoi la teatru, dupa ore.", bad=True),
        Example("Fata a trecut peste pod și a privit spre țărm.", bad=False),
        Example("Soția sa nu a comentat decizia instanței.", bad=False),
        Example("Site-ul www.stiri-locale.ro a publicat știrea.", bad=False),
    )

    def __init__(self, setup=None) -> None:  # type: ignore[no-untyped-def]
        super().__init__(setup)
        self.data = missing_data()
        self.accept = {w.lower() for w in self.setup.accept}

    # -- document level ------------------------------------------------------
    def _block_stats(self, block: BlockAnalysis) -> _Stats:
        """Per block (kept on its analysis): the list's words in it (folded), whether it
        holds a diacritic letter, whether lower-casing changed its length, and whether
        it may hold a context word. Summing these over the blocks gives the document's
        counts without re-reading unchanged blocks (the diacritic letters are counted
        only in the rare document where the list's words occur)."""
        body = block.text
        # Folding ş ţ first would change no ASCII word and no length: not needed.
        low = body.lower()
        data = self.data
        # The word regex runs only on a block holding an ASCII word of the list
        # (most blocks hold none): see _ascii_tokens.
        tokens = _ascii_tokens(low)
        found = []
        if not data.table_words.isdisjoint(tokens):
            found = list(filter(data.table.__contains__, _ASCII_FIND.findall(low)))
        words = Counter(found) if found else _NO_WORDS
        has_diacritics = any(map(low.__contains__, LOWER_DIACRITICS))
        may_context = data.context_words is None or not data.context_words.isdisjoint(tokens)
        return (words, has_diacritics, len(low) != len(body), may_context)

    def check_analysis(self, view: DocumentAnalysis) -> Iterable[Finding]:
        doc = view.doc
        text = doc.text
        bodies = doc.block_texts
        stats = [a.derive(_STATS, self._block_stats) for a in view.blocks]
        counts: Counter[str] = Counter()
        for words, _, _, _ in stats:
            if words:  # most blocks have none: skip Counter.update's Python-level work
                counts.update(words)
        keys = counts.keys() - self.accept
        hits = sum(counts[k] for k in keys)
        if hits == 0 and self.data.context_re is None:
            return
        if hits:
            # Fewer diacritic letters than words that need them: a text written without
            # diacritics. Counted only here, in the rare document holding such words.
            if sum(_count_lower_diacritics(body.lower()) for body in bodies) < hits:
                yield self._no_diacritics(text, fold_cedilla(text).lower(), keys, hits)
                return
        elif not any(d for _, d, _, _ in stats):
            return
        for block, analysis, (_, _, resized, may_context) in zip(
            doc.blocks, view.blocks, stats, strict=True
        ):

            def find(
                a: BlockAnalysis, resized: bool = resized, may: bool = may_context
            ) -> list[Finding]:
                # Without any of the list's words in the document, a block needs only the
                # context check (the result is the same, so it may be kept with the block's
                # analysis). With some, _check_text's own gate (one findall, a set test in
                # C) settles each block in time linear in it; testing each block for every
                # key instead cost blocks × keys, superlinear in a long document.
                has_hits = resized or bool(keys)
                return list(self._check_text(a.text, has_hits, may)) if has_hits or may else []

            for f in analysis.derive(_FOUND, find):
                yield Finding(
                    f.start + block.start, f.end + block.start, f.message, f.replacements, f.fix
                )

    def _no_diacritics(self, text: str, low: str, keys: set[str], hits: int) -> Finding:
        first = next((m for m in _ASCII_FIND.finditer(low) if m.group() in keys), None)
        start, end = (first.start(), first.end()) if first else (0, 0)
        # Longest first, then alphabetical: the same message in every process (a set's
        # order changes with the hash seed, and the language server must agree with
        # `rolint check`).
        samples = sorted(keys, key=lambda k: (-len(k), k))[:3]
        shown = ", ".join(f"„{k}” → „{self.data.table[k][0]}”" for k in samples)
        return Finding(
            start,
            end,
            f"Textul este scris fără diacritice: {hits} cuvinte le cer ({shown}…). "
            "Reluați textul cu diacritice (ă, â, î, ș, ț)",
            data={"words": hits},
        )

    # -- block level ---------------------------------------------------------
    def _check_text(
        self, body: str, has_hits: bool = True, may_context: bool = True
    ) -> Iterable[Finding]:
        """Findings in one block. ``has_hits``/``may_context`` False skip the pass
        over the list's words / the context words (the caller knows it finds none)."""
        text = fold_cedilla(body)
        table = self.data.table
        if has_hits:
            # Only a word of the list can be reported: look for one in C before the loop.
            words = map(str.lower, _ASCII_WORD.findall(text))
            has_hits = not table.keys().isdisjoint(words)
        for m in _ASCII_WORD.finditer(text) if has_hits else ():
            token = m.group()
            low = token.lower()
            forms = table.get(low)
            if forms is None or low in self.accept or _in_address(text, m.start(), m.end()):
                continue
            if not self._case_ok(text, m.start(), m.end(), token, forms[0]):
                continue
            fixed = tuple(match_case(token, f) for f in forms)
            if len(fixed) == 1:
                msg = f"„{token}” fără diacritice: scrieți „{fixed[0]}”"
            else:
                msg = f"„{token}” fără diacritice: scrieți " + " sau ".join(f"„{f}”" for f in fixed)
            yield Finding(
                m.start(),
                m.end(),
                msg,
                replacements=fixed,
                fix=FixKind.SAFE if len(fixed) == 1 else None,
            )
        if self.data.context_re is not None and may_context:
            yield from self._check_context(text)

    @staticmethod
    def _case_ok(text: str, start: int, end: int, token: str, form: str) -> bool:
        if token.islower():
            return True
        if len(token) > 1 and token.isupper():
            return _is_all_caps_run(text, start, end)
        if not token[0].isupper() or not token[1:].islower():
            return False  # iPhone, McDonald
        # Capitalised: a proper name in the list (Bucuresti), or a word opening a sentence.
        return form[0].isupper() or sentence_start(text, start)

    def _check_context(self, text: str) -> Iterable[Finding]:
        assert self.data.context_re is not None
        for m in self.data.context_re.finditer(text):
            token = m.group()
            prev = _PREV_WORD.search(text, max(0, m.start() - 40), m.start())
            nxt = _NEXT_WORD.match(text, m.end())
            prev_w = prev.group(1) if prev else None
            next_w = nxt.group(1) if nxt else None
            for entry in self.data.context[token]:
                if entry.not_before_sa and _sa_ahead(text, m.end(), entry.not_before_sa):
                    continue
                if entry.applies(prev_w, next_w):
                    good = match_case(token, entry.write)
                    yield Finding(
                        m.start(),
                        m.end(),
                        f"„{token}” fără diacritice: aici se scrie „{good}”",
                        replacements=(good,),
                        fix=FixKind.SAFE,
                    )
                    break


RULES: list[type[Rule]] = [Cedilla, Mixed, Missing]
