"""The spelling check of a text: which words are unknown, and what to suggest.

Decisions for a word the dictionary (or the vocabularies) do not know:

* lower case: flagged, unless a form differing only by *added* diacritics is valid
  (``tara`` → ``țara``: that is ``diacritics/missing``'s report, not a typo) or it is
  pre-1993 spelling (``cînd``, ``sînt``: ``orthography/old``'s report);
* capitalised mid-sentence, mixed case (``TikTok``) or an all-caps acronym
  (``KCNA``): a name, not flagged (option ``check-capitalised`` flags capitalised
  words mid-sentence too);
* capitalised at the start of a sentence, or any word in a line written in capitals:
  not flagged when it is a known name (names list, vocabularies, or written
  capitalised mid-sentence elsewhere in the document), and otherwise flagged only
  when it looks like a typo of a common word (a close suggestion exists) — an
  unknown name starting a sentence is still a name;
* reject-list words are flagged even when the dictionary knows them;
* a word listed in ``rules/typos.yaml`` is left to ``spelling/typo`` (reported once,
  with the newsroom's fix), unless the option ``defer-to-typos`` is false.
"""

from __future__ import annotations

import re
import string
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import partial
from typing import Any

from rolint.memo import remember
from rolint.romanian import BASE_OF, LOWER, MIXED, TITLE, UPPER, case_of
from rolint.spelling.dictionary import Dictionary
from rolint.spelling.lexicon import WordList, data, names, typo_words
from rolint.spelling.reason import Reason
from rolint.spelling.store import fold_key
from rolint.spelling.suggest import Candidate, KeyedForms, Suggester, rep_keys
from rolint.spelling.tokens import Spans, Word, normalise, token_words, words

# How close a suggestion must be for a capitalised unknown word to count as a typo.
TYPO_COST = 0.85
TYPO_MIN_ZIPF = 3.5
_APOSTROPHE_TAILS = frozenset({"s", "t", "d", "m", "ll", "re", "ve", "n"})

# What the checker knows about a word's text alone (memoised per distinct text, see
# SpellChecker._kind_of): INERT words are never reported and are never names, so the
# tokenizer need not even build them; the others say what the position must be for the
# word to be looked at further.
INERT = 0  # too short, or valid and not rejected
SKIP_MIXED = 1  # unknown, mixed case (TikTok): a name, never reported
SKIP_UPPER = 2  # unknown acronym: reported only inside a line in capitals
SKIP_TITLE = 3  # unknown, capitalised: looked at only where a capital proves nothing
FULL = 4  # everything else (lower case unknown, rejected, compounds)
_KIND_MAX = 300_000
SCAN_NAMES = 256  # above this many names, _NameIndex indexes them by deletions
_QUIET_MAX = 500_000
_ACCEPT_LOOKUPS = WordList(endings=True)  # for its lookups(): what accepts() asks


@dataclass(frozen=True)
class Issue:
    start: int
    end: int
    word: str
    suggestions: tuple[str, ...]
    reason: Reason


def _pieces(w: Word) -> list[str]:
    return [p for _, _, p in w.parts] if w.parts else [w.text]


def _adjacent(text: str, a: Word, b: Word) -> bool:
    """Only spaces (or a comma) between two words: the same phrase."""
    return text[a.end : b.start].strip(" \u00a0,") == ""


def additive_variant(word: str, variant: str) -> bool:
    """``variant`` only adds diacritics to ``word`` (or writes old î as â): not a typo."""
    if len(word) != len(variant):
        return False
    for i, (a, b) in enumerate(zip(word.lower(), variant.lower(), strict=True)):
        if a == b:
            continue
        if BASE_OF.get(b) == a:  # a diacritic added to a plain letter
            continue
        if a == "î" and b == "â" and 0 < i < len(word) - 1:  # pre-1993 spelling
            continue
        return False
    return True


# What an English phrase is made of (see SpellChecker._in_english_phrase): ASCII
# letters, hyphens (as written: ‐ and ‑ read as -) and soft hyphens in its words,
# spaces and commas between them.
_PHRASE_CHARS = frozenset(string.ascii_letters + "-‐‑\u00ad ,\u00a0")
_PHRASE_RE = re.compile("[" + re.escape("".join(sorted(_PHRASE_CHARS))) + "]*")


_OLD_SUNT = {"sînt": "sunt", "sîntem": "suntem", "sînteți": "sunteți", "sînteti": "sunteți"}


@dataclass(frozen=True)
class BlockFacts:
    """What the checker works out of one block's text alone, once per block (the rule
    keeps it on the block's analysis, which the engine owns and bounds).

    ``words``: the words of the block :meth:`SpellChecker.check` looks at (see
    ``_looked_at``: not a name in the middle of a sentence, for one); ``names``: the
    pieces of words written capitalised mid-sentence that the dictionary does not
    know; ``probes``: the text and the pieces of each of ``words``, each once (what
    :meth:`SpellChecker.names_for` needs of the block).
    """

    words: list[Word]
    names: frozenset[str]
    probes: tuple[str, ...]


def _deletions(key: str) -> list[str]:
    """``key`` and ``key`` with one character removed (a symmetric-delete index)."""
    return [key, *(key[:i] + key[i + 1 :] for i in range(len(key)))]


class _NameIndex:
    """A document's names, indexed for :meth:`SpellChecker.names_for`.

    The names a block brings into play are the union of those each of its probe words
    brings in (plus the names with a hyphen in their key), and a document's blocks
    share most of their words (its names, mostly): so the names of each word are
    worked out once per context (``near``), not once per block.

    Which names a probe word brings in is answered from ``by_form`` and, for a
    context of a few names (most documents), by testing each name of about the
    word's length with the cheap test of ``_ctx_matters`` (``by_len``: every probe key
    passes it — an edit, a REPLACEMENTS pair or î → â changes the length by at most
    one and the set of letters by at most three — so the names kept are a superset).
    Above SCAN_NAMES names that scan per word would make a document full of new names
    quadratic, so the names are indexed by ``by_deletion`` instead, each lookup
    independent of the number of names:

    * ``by_form``: a name's entry (as ``WordList.add`` stores it) and its upper case,
      for the lookups of ``accepts``;
    * ``by_deletion``: every key a name's key gives with one character removed (and
      the key itself). A probe key of a word is its key with one letter (or a hyphen)
      put in, removed, replaced, two letters swapped, or one REPLACEMENTS pair
      applied; in each case the name's key shares a key with at most one character
      removed with the word's key or (REPLACEMENTS) with one of its variants, which
      is what a word asks about. So every name whose key is a probe key is found (and
      a few more, which changes no finding: see names_for).
    """

    __slots__ = ("always", "by_deletion", "by_form", "by_len", "context", "forms", "near")

    def __init__(
        self, context: frozenset[str], forms_of: Callable[[str], tuple[str, str, str]]
    ) -> None:
        self.context = context
        always: list[str] = []  # a hyphen in the key: relevant to every block
        self.by_form: dict[str, list[str]] = {}  # entry and its upper case → names
        self.by_deletion: dict[str, list[str]] | None = None
        self.by_len: dict[int, list[tuple[str, frozenset[str]]]] | None = None
        if len(context) > SCAN_NAMES:
            self.by_deletion = {}
        else:
            self.by_len = {}
        for name in context:
            e, upper, key = forms_of(name)
            if not e:
                continue
            if "-" in key:
                always.append(name)
                continue
            self.by_form.setdefault(e, []).append(name)
            self.by_form.setdefault(upper, []).append(name)
            if self.by_deletion is not None:
                for d in _deletions(key):
                    self.by_deletion.setdefault(d, []).append(name)
            else:
                self.by_len.setdefault(len(key), []).append((name, frozenset(key)))  # type: ignore[union-attr]
        self.always = frozenset(always)
        self.forms = set(self.by_form)
        self.near: dict[str, tuple[str, ...]] = {}  # probe word → the names it brings in

    def names_near(self, lookups: set[str], key: str) -> tuple[str, ...]:
        """The names (without a hyphen in the key) one probe word brings into play:
        those one of its ``lookups`` finds, and those whose key may be one of its probe
        keys (``key``: the word's folded key)."""
        found: set[str] = set()
        for form in lookups & self.forms:
            found.update(self.by_form[form])
        if self.by_len is not None:
            m, letters = len(key), frozenset(key)
            for n in (m - 1, m, m + 1):
                for name, key_letters in self.by_len.get(n, ()):
                    if len(letters ^ key_letters) <= 3:
                        found.add(name)
            return tuple(found)
        assert self.by_deletion is not None
        get = self.by_deletion.get
        for variant in (key, *rep_keys(key)):
            for d in _deletions(variant):
                names = get(d)
                if names:
                    found.update(names)
        return tuple(found)


class _Phrases:
    """What :meth:`SpellChecker._in_english_phrase` keeps during one check of a text."""

    __slots__ = ("_spans", "last", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self.last: tuple[int, int, set[int]] | None = None  # (start, end, phrase starts)
        self._spans: Spans | None = None

    def spans(self) -> Spans:
        if self._spans is None:
            self._spans = Spans(self.text)
        return self._spans


class SpellChecker:
    """Everything spelling/unknown needs, built once per rule instance."""

    def __init__(
        self,
        dictionary: Dictionary,
        accept: Iterable[str] = (),
        reject: Iterable[str] = (),
        *,
        use_names: bool = True,
        check_capitalised: bool = False,
        max_suggestions: int = 5,
        defer_to_typos: bool = True,
    ) -> None:
        self.dictionary = dictionary
        lists = data()
        self.accept = WordList([*lists["accept"], *accept], endings=True)
        self.reject = WordList(reject)
        self.names = names() if use_names else WordList()
        self.check_capitalised = check_capitalised
        self.typos = typo_words() if defer_to_typos else frozenset()
        self.max_suggestions = max_suggestions
        self.clitics = lists["clitics"]
        self.compound_prefixes = sorted(lists["compound_prefixes"], key=len, reverse=True)
        self.prefixes = lists["prefixes"]
        self.abbreviations = lists["abbreviations"]
        self.units = lists["units"]
        self.suggester = Suggester(dictionary, rejected=self._rejected_form)
        self._ctx_cache: tuple[frozenset[str], WordList] | None = None
        self._name_index: _NameIndex | None = None  # of the last context asked about
        # per word text: (the strings accepts() looks up, its folded key)
        self._probe_memo: dict[str, tuple[set[str], str]] = {}
        self._name_forms: dict[str, tuple[str, str, str]] = {}  # (entry, upper, key)
        # accept + names forms by folded key, for suggestions (see _extra)
        static: dict[str, list[str]] = {}
        for wl in (self.accept, self.names):
            for key, forms in wl.by_key.items():
                merged = static.setdefault(key, [])
                merged.extend(f for f in forms if f not in merged)
        self._static_forms = static
        self._ranked_memo: dict[str, list[Candidate]] = {}
        self._typo_memo: dict[str, bool] = {}
        # Words whose text alone settles them (see INERT): frequent valid lower-case
        # forms to start with, then every word met. ``_inert`` is handed to the
        # tokenizer, which then builds no Word for them.
        rejected = {e.lower() for e in (*self.reject.any_case, *self.reject.exact)}
        hot = dictionary.hot
        self._inert_base = hot - rejected if not rejected.isdisjoint(hot) else hot
        self._inert: set[str] = set(self._inert_base)
        # whitespace-separated tokens that give no Word with ``_inert`` (see words())
        self._quiet: set[str] = set(self._inert_base)
        self._kind: dict[str, int] = {}
        self._known_memo: dict[str, bool] = {}  # known() without a context, per word
        self._other_memo: dict[str, bool] = {}  # _other_rule(), per word
        # per word text that is not INERT: its pieces that are names when the word is
        # written mid-sentence (capitalised, not in the dictionary)
        self._names_of: dict[str, tuple[str, ...]] = {}
        #: words each per-word table may hold, below its fixed cap (see bound_memos)
        self.memo_limit: int | None = None

    # -- memory -------------------------------------------------------------------------
    def _cap(self, fixed: int) -> int:
        return fixed if self.memo_limit is None else min(fixed, self.memo_limit)

    def _quiet_limit(self) -> int:
        if self.memo_limit is None:
            return _QUIET_MAX
        return min(_QUIET_MAX, len(self._inert_base) + self.memo_limit)

    def _forget_kinds(self) -> None:
        self._kind.clear()
        self._names_of.clear()
        self._inert = set(self._inert_base)
        self._quiet = set(self._inert_base)

    def bound_memos(self, max_words: int) -> None:
        """Keep about ``max_words`` words in each per-word table from now on (a table
        over it is emptied now, as a full one is), in this checker, its suggester and
        its dictionary. The fixed caps (10,000–500,000 words) stay the ceiling; a door
        that knows its working set calls this (the language server, whose sessions
        meet new words with every keystroke: :mod:`rolint.lsp.budget`)."""
        self.memo_limit = max_words
        for memo in self._word_memos():
            if len(memo) > max_words:
                memo.clear()
        if len(self._kind) > max_words:
            self._forget_kinds()
        if len(self._quiet) > self._quiet_limit():
            self._quiet = set(self._inert_base)
        self.suggester.bound_memos(max_words)
        self.dictionary.bound_memos(max_words)

    def _word_memos(self) -> tuple[dict[str, Any], ...]:
        return (
            self._probe_memo,
            self._name_forms,
            self._ranked_memo,
            self._typo_memo,
            self._known_memo,
            self._other_memo,
        )

    def memo_sizes(self) -> dict[str, int]:
        """Entries of every per-word table (beyond the fixed starting sets), by name."""
        base = len(self._inert_base)
        return {
            "probe": len(self._probe_memo),
            "name forms": len(self._name_forms),
            "ranked": len(self._ranked_memo),
            "typo": len(self._typo_memo),
            "known": len(self._known_memo),
            "other rule": len(self._other_memo),
            "kind": len(self._kind),
            "names of": len(self._names_of),
            "inert": len(self._inert) - base,
            "quiet": len(self._quiet) - base,
            "suggester best": self.suggester.memo_size(),
            "dictionary": self.dictionary.memo_size(),
        }

    def warm_up(self) -> None:
        """Load the frequency and English tables and build the keys of frequent words
        (what the first capitalised unknown word at a sentence start would wait for)."""
        self.dictionary.freq  # noqa: B018 (loads on first access)
        self.dictionary.english  # noqa: B018
        self.suggester.warm_up(TYPO_MIN_ZIPF)

    # -- document context -----------------------------------------------------------
    def names_in(self, texts: Iterable[str]) -> frozenset[str]:
        """Unknown words written capitalised mid-sentence (or as acronyms) in ``texts``.

        This is the document-level fact the rule puts in its cache key: only words the
        dictionary does not know go in, so ordinary capitalised words cost nothing.
        (The rule itself unites the ``names`` of each block's :meth:`block_facts`.)
        """
        if self.check_capitalised:  # then a capitalised word proves nothing
            return frozenset()
        found: set[str] = set()
        for text in texts:
            found.update(self.block_facts(text).names)
        return frozenset(found)

    def block_facts(self, text: str) -> BlockFacts:
        """The words, names and probe words of one block (see :class:`BlockFacts`),
        in one pass over its words."""
        ws = self._words(text)
        found: set[str] = set()
        xs: dict[str, None] = {}
        kind = self._kind
        names_of = self._names_of
        looked = []
        for w in ws:
            t = w.text
            k = kind.get(t)
            if k is None:
                k = self._kind_of(w)
            if k == INERT:
                continue
            if not (w.initial or w.caps_line):
                found.update(names_of[t])
            if self._looked_at(k, w):
                looked.append(w)
                xs[t] = None
                if w.parts:
                    xs.update(dict.fromkeys(p for _, _, p in w.parts))
        return BlockFacts(looked, frozenset(found), tuple(xs))

    def block_names(self, context: frozenset[str], text: str) -> frozenset[str]:
        """:meth:`names_for` the probe words of ``text`` (worked out again)."""
        return self.names_for(context, self.block_facts(text).probes)

    def names_for(self, context: frozenset[str], probes: tuple[str, ...]) -> frozenset[str]:
        """The names of ``context`` that can change what :meth:`check` finds in a block
        whose probe words are ``probes``.

        ``check(text, names_for(context, probes), …) == check(text, context, …)``. The
        context reaches the findings only through the words ``check`` looks at (see
        ``_looked_at``; their text and their compound pieces; call them X):

        * ``known(x, ctx)``: ``ctx.accepts(x)`` is true for a set of entries iff it is
          for one of them, and an entry ``e`` can accept ``x`` only if ``e`` or
          ``e.upper()`` is in ``WordList.lookups(x)``;
        * ``_ranked(x, ctx)`` (and ``suggest``): the context matters iff one of its
          keys is in ``probe_keys(x)``, and then ``candidates`` asks it only about those
          keys;
        * ``_may_be_typo(x, ctx)``: the keys with a hyphen, all of them, decide.

        So the names kept are those with a hyphen in their key, those some lookup of X
        finds, and those whose key may be a probe key of some x in X. The forms under a
        kept key are all kept (every name with that key is), so every question the
        context is asked gets the same answer.
        """
        index = self._name_index
        if index is None or not (index.context is context or index.context == context):
            index = self._name_index = _NameIndex(context, self._forms_of)
        names = index.always
        if probes:
            near = index.near
            kept = set(names)
            for x in probes:
                got = near.get(x)
                if got is None:
                    got = near[x] = index.names_near(*self._probe_of(x))
                kept.update(got)
            names = frozenset(kept)
        return names

    def _forms_of(self, name: str) -> tuple[str, str, str]:
        """(entry as WordList.add stores it, its upper case, its folded key), memoised."""
        forms = self._name_forms.get(name)
        if forms is None:
            e = normalise(name.strip())  # as WordList.add stores it
            forms = remember(self._name_forms, name, (e, e.upper(), fold_key(e)), self._cap(50_000))
        return forms

    def _probe_of(self, x: str) -> tuple[set[str], str]:
        """(the strings ``accepts`` looks up for ``x``, its folded key), memoised per
        word."""
        memo = self._probe_memo
        probe = memo.get(x)
        if probe is None:
            probe = remember(memo, x, (_ACCEPT_LOOKUPS.lookups(x), fold_key(x)), self._cap(50_000))
        return probe

    def _context_list(self, context: frozenset[str] | None) -> WordList:
        if not context:
            return WordList()
        cached = self._ctx_cache
        # "is" first: a check gives every block the same context object, and comparing
        # equal frozensets walks them (a 10 MB document's names, once per block)
        if cached is not None and (cached[0] is context or cached[0] == context):
            return cached[1]
        wl = WordList(context, endings=True)
        self._ctx_cache = (context, wl)
        return wl

    # -- checking -------------------------------------------------------------------
    def _rejected_form(self, form: str) -> bool:
        return bool(self.reject) and self.reject.rejects(form)

    def known(self, word: str, ctx: WordList | None = None) -> bool:
        """Valid in the dictionary, the vocabularies, or the names lists (or ``ctx``)."""
        memo = self._known_memo
        r = memo.get(word)
        if r is None:
            r = (
                self.dictionary.check(word)
                or self.accept.accepts(word)
                or self.names.accepts(word)
                or self._prefixed(word)
            )
            remember(memo, word, r, self._cap(_KIND_MAX))
        return r or (ctx is not None and ctx.accepts(word))

    def _prefixed(self, word: str) -> bool:
        """``microîntreprinderilor``: a compound prefix and a dictionary word (≥ 4 letters)."""
        if len(word) < 7 or case_of(word) not in (LOWER, TITLE):
            return False
        low = word.lower()
        for p in self.compound_prefixes:
            if low.startswith(p) and len(low) - len(p) >= 4:
                rest = low[len(p) :]
                if self.dictionary.check(rest):
                    return True
        return False

    def _plain_inert(self, t: str) -> bool:
        """Is the plain word ``t`` (letters only, so no compound parts) INERT? The
        tokenizer asks before building its Word (``words(inert=…)``): most words met for
        the first time are (seven in ten in news text), and need no Word at all."""
        k = self._kind.get(t)
        if k is None:
            k = self._kind_of_text(t, ())
        return k == INERT

    def _kind_of(self, w: Word) -> int:
        """What the text of ``w`` alone says (INERT, SKIP_* or FULL), memoised."""
        return self._kind_of_text(w.text, w.parts)

    def _kind_of_text(self, t: str, parts: tuple[tuple[int, int, str], ...]) -> int:
        """:meth:`_kind_of` a word of text ``t`` and compound parts ``parts``."""
        d = self.dictionary
        rejected = bool(self.reject) and self.reject.rejects(t)
        if parts:
            # a known compound is never reported; it holds no name if every capitalised
            # piece is a dictionary word
            if (
                not rejected
                and self.known(t)
                and all(case_of(p) == LOWER or len(p) <= 1 or d.check(p) for _, _, p in parts)
            ):
                k = INERT
            else:
                k = FULL
        elif len(t) < 2:
            k = INERT
        else:
            c = case_of(t)
            if not rejected and (d.check(t) or (c == LOWER and self.known(t))):
                k = INERT
            elif rejected or c == LOWER:
                k = FULL
            else:
                k = SKIP_MIXED if c == MIXED else SKIP_UPPER if c == UPPER else SKIP_TITLE
        kind = self._kind
        if len(kind) >= self._cap(_KIND_MAX):
            self._forget_kinds()
        kind[t] = k
        if k == INERT:
            self._inert.add(t)
        else:
            pieces = [p for _, _, p in parts] if parts else [t]
            self._names_of[t] = tuple(
                p for p in pieces if case_of(p) != LOWER and len(p) > 1 and not d.check(p)
            )
        return k

    def _words(self, text: str) -> list[Word]:
        """The words of ``text`` that are not INERT (and maybe a few that are)."""
        if len(self._quiet) > self._quiet_limit():
            self._quiet = set(self._inert_base)
        return words(text, self._inert, self._quiet, self._plain_inert)

    def check(
        self, text: str, context: frozenset[str] | None = None, words: list[Word] | None = None
    ) -> list[Issue]:
        """The issues of one block's ``text``; ``words``: its :meth:`block_facts` words
        when the caller has them."""
        ws = self._words(text) if words is None else words
        if not ws:
            return []
        ctx: WordList | None = None  # built only for a word that gets that far
        out: list[Issue] = []
        kind = self._kind
        phrases = _Phrases(text)  # see _in_english_phrase
        for w in ws:
            k = kind.get(w.text)
            if k is None:
                k = self._kind_of(w)
            if not self._looked_at(k, w):
                continue
            # A word inside an English phrase is not reported. The phrase is looked for
            # only when a word that could be in one is about to be reported (``skip`` is
            # asked just before the suggestions are computed).
            skip = None
            if self._english_word(w):
                skip = partial(self._in_english_phrase, text, w, phrases)
            if ctx is None:
                ctx = self._context_list(context)
            if w.parts:
                self._compound(w, ctx, out, skip)
            else:
                self._single(w.start, w.end, w.text, w, ctx, out, skip=skip)
        return out

    def _looked_at(self, k: int, w: Word) -> bool:
        """Does :meth:`check` look further at ``w`` (of kind ``k``) where it stands?
        Never at an INERT or mixed-case word; at an unknown acronym only inside a line
        in capitals; at an unknown capitalised word only where a capital proves nothing
        (or with ``check_capitalised``)."""
        if k == FULL:
            return True
        if k == SKIP_TITLE:
            return w.initial or w.caps_line or self.check_capitalised
        return k == SKIP_UPPER and w.caps_line

    def _english_word(self, w: Word) -> bool:
        """Could ``w`` be part of an English phrase (see _english_runs)?"""
        t = w.text
        if not t.isascii() or "'" in t:
            return False
        en = self.dictionary.english
        return bool(en) and all(p.lower() in en for p in _pieces(w))

    def _in_english_phrase(self, text: str, w: Word, phrases: _Phrases) -> bool:
        """Is ``w`` (a word of ``text``) inside an English phrase (see _english_runs)?

        The words of a phrase are ASCII letters and hyphens with only spaces and commas
        between them, so the phrase holding ``w`` lies inside the longest stretch of
        such characters around ``w``, and a run of ``_english_runs`` that reaches into
        that stretch is begun and ended by the same words whether it is looked for in
        the whole text or only among the words of the tokens touching the stretch.
        Those few words are all that is read. ``phrases`` keeps the last stretch read
        in ``text`` (words are asked about in order, and stretches do not overlap, so
        no earlier one can hold ``w``) and the text's spans for token_words.
        """
        start = w.start
        last = phrases.last
        if last is not None and last[0] <= start < last[1]:
            return start in last[2]
        lo = start
        while lo > 0 and text[lo - 1] in _PHRASE_CHARS:
            lo -= 1
        m = _PHRASE_RE.match(text, w.end)  # (always a match, maybe empty)
        hi = m.end() if m else w.end
        ws = token_words(text, lo, hi, phrases.spans())
        phrase_starts = {ws[i].start for i in self._english_runs(text, ws)}
        phrases.last = (lo, hi, phrase_starts)
        return start in phrase_starts

    def _english_runs(self, text: str, ws: list[Word]) -> set[int]:
        """Indices of words inside an English phrase (≥ 2 English words in a row, at least
        one of them unknown to Romanian): "likely voters", "part-time"."""
        en = None
        out: set[int] = set()
        run: list[int] = []

        def close() -> None:
            if len(run) >= 2 or (len(run) == 1 and ws[run[0]].parts):
                pieces = [p for i in run for p in _pieces(ws[i])]
                if len(pieces) >= 2 and any(not self.dictionary.check(p) for p in pieces):
                    out.update(run)
            run.clear()

        for i, w in enumerate(ws):
            if not w.text.isascii():
                close()
                continue
            if en is None:
                en = self.dictionary.english
                if not en:
                    return out
            if all(p.lower() in en for p in _pieces(w)) and "'" not in w.text:
                if run and not _adjacent(text, ws[run[-1]], w):
                    close()
                run.append(i)
            else:
                close()
        close()
        return out

    def _single(
        self,
        start: int,
        end: int,
        word: str,
        w: Word,
        ctx: WordList,
        out: list[Issue],
        *,
        in_compound: bool = False,
        initial: bool | None = None,
        skip: Callable[[], bool] | None = None,
    ) -> None:
        if len(word) < 2:
            return
        if self.reject and self.reject.rejects(word):
            if skip is not None and skip():
                return
            out.append(Issue(start, end, word, tuple(self.suggest(word, ctx)), Reason.REJECTED))
            return
        if self.known(word, ctx):
            return
        low = word.lower()
        if low in self.typos:
            return  # spelling/typo reports it, with the newsroom's fix
        if w.dot and low in self.abbreviations:
            return
        if w.after_number and low in self.units:
            return
        if in_compound and (low in self.clitics):
            return
        c = case_of(word)
        is_initial = w.initial if initial is None else initial
        if c == MIXED:
            return
        if c == UPPER and not w.caps_line:
            return
        if c == TITLE and not is_initial and not w.caps_line and not self.check_capitalised:
            return
        if self._other_rule(word):
            return
        capital = c != LOWER and not (c == TITLE and not is_initial and self.check_capitalised)
        if capital and (len(word) < 4 or not self._may_be_typo(word, ctx)):
            # no frequent lower-case word is one edit away: the best suggestion cannot
            # pass the test below, so the full ranking is not needed
            return
        if skip is not None and skip():
            return
        issue = self._unknown(start, end, word, c, capital, ctx)
        if issue is not None:
            out.append(issue)

    def _unknown(
        self, start: int, end: int, word: str, c: int, capital: bool, ctx: WordList
    ) -> Issue | None:
        """The issue of an unknown word of case ``c``, from its ranked suggestions; None
        for a capitalised word that does not look like a typo of a lower-case word."""
        # a lower-case word shown with no suggestions reads nothing from the ranking
        ranked = self._ranked(word, ctx) if capital or self.max_suggestions else []
        suggestions = tuple(cand.text for cand in ranked[: self.max_suggestions])
        if capital and not _typo_like(ranked):
            return None
        best = suggestions[0] if suggestions else ""
        name_case = c == LOWER and best.lower() == word.lower() and best != word
        reason = Reason.NAME_CASE if name_case else Reason.UNKNOWN
        return Issue(start, end, word, suggestions, reason)

    def _compound(
        self, w: Word, ctx: WordList, out: list[Issue], skip: Callable[[], bool] | None = None
    ) -> None:
        whole = w.text
        if self.reject and self.reject.rejects(whole):
            if skip is not None and skip():
                return
            out.append(Issue(w.start, w.end, whole, (), Reason.REJECTED))
            return
        if self.known(whole, ctx):
            return
        c = case_of(whole.replace("-", "").replace("'", ""))
        if c == UPPER and not w.caps_line:
            return
        first = w.parts[0][2]
        if case_of(first) == UPPER and len(first) > 1 and not w.caps_line:
            return  # PSD-iștilor, ADN-ul: an acronym with a Romanian ending
        apostrophe = "'" in whole
        if apostrophe and any(case_of(p) != LOWER for _, _, p in w.parts):
            return  # O'Neill, D'Artagnan
        issues: list[Issue] = []
        for i, (s, e, p) in enumerate(w.parts):
            low = p.lower()
            if apostrophe and i > 0 and low in _APOSTROPHE_TAILS:
                continue
            if low in self.clitics or (i == 0 and low in self.prefixes and len(w.parts) > 1):
                continue
            if case_of(p) != LOWER and i > 0:
                continue  # al-Assad, Cluj-Napoca: the capitalised piece is a name
            self._single(
                s,
                e,
                p,
                w,
                ctx,
                issues,
                in_compound=True,
                initial=w.initial if i == 0 else False,
                skip=skip,
            )
        if not issues:
            return
        if len(issues) == 1 and len(w.parts) == 2:
            # one typo in a two-piece compound: offer the compound with it corrected
            issue = issues[0]
            pre = whole[: issue.start - w.start]
            post = whole[issue.end - w.start :]
            fixed = tuple(pre + s + post for s in issue.suggestions if " " not in s)
            out.append(Issue(w.start, w.end, whole, fixed, issue.reason))
        elif len(issues) == 1:
            out.append(issues[0])
        else:
            out.append(
                Issue(w.start, w.end, whole, tuple(self.suggest(whole, ctx)), Reason.UNKNOWN)
            )

    def _other_rule(self, word: str) -> bool:
        """Reported by diacritics/missing or orthography/old, so not by spelling
        (memoised per word: the same misspellings come back across documents)."""
        memo = self._other_memo
        r = memo.get(word)
        if r is None:
            r = remember(memo, word, self._other_rule_of(word), self._cap(50_000))
        return r

    def _other_rule_of(self, word: str) -> bool:
        low = word.lower()
        if low in _OLD_SUNT:
            return True
        if "î" in low[1:-1]:
            modern = word[0] + word[1:-1].replace("î", "â").replace("Î", "Â") + word[-1]
            if self.dictionary.check(modern):
                return True
        return any(additive_variant(word, v) for v in self.dictionary.variants(word))

    def _extra(self, ctx: WordList) -> KeyedForms:
        """Forms of the accept list, the names list and the document's names, by key."""
        return KeyedForms(self._static_forms, ctx.by_key)

    def _may_be_typo(self, word: str, ctx: WordList) -> bool:
        """``suggester.may_have_frequent`` for the capitalised-word test, memoised (the
        document's names matter only through keys with a hyphen)."""
        if ctx.hyphenated:
            return self.suggester.may_have_frequent(word, TYPO_MIN_ZIPF, self._extra(ctx))
        memo = self._typo_memo
        r = memo.get(word)
        if r is None:
            r = self.suggester.may_have_frequent(word, TYPO_MIN_ZIPF, self._extra(WordList()))
            remember(memo, word, r, self._cap(50_000))
        return r

    def _ranked(self, word: str, ctx: WordList) -> list[Candidate]:
        """``suggester.ranked`` for ``word``, memoised across blocks and documents.

        The memo holds the ranking without the document's names; it is the answer too
        whenever none of the document's names shares a key with one edit of ``word``.
        """
        memo = self._ranked_memo
        ranked = memo.get(word)
        if ranked is None:
            ranked = self.suggester.ranked(word, extra=self._extra(WordList()))
            # only the best and the suggestions shown are ever read
            ranked = remember(memo, word, ranked[: max(1, self.max_suggestions)], self._cap(10_000))
        if ctx.by_key and self._ctx_matters(word, ctx):
            return self.suggester.ranked(word, extra=self._extra(ctx))
        return ranked

    def _ctx_matters(self, word: str, ctx: WordList) -> bool:
        """Is a key of the document's names one edit of ``word``'s key?

        Up to SCAN_NAMES keys are scanned; more (a long document's names, which a check
        that does not narrow the context per block hands every block) are looked up by
        the word's probe keys instead, so the cost per word does not grow with them."""
        key = fold_key(word)
        n = len(key)
        letters = set(key)
        probes = None  # the word's probe keys, worked out once if needed
        keys: Iterable[str] = ctx.by_key
        if len(ctx.by_key) > SCAN_NAMES:
            probes = self.suggester.probe_keys(word)
            keys = [k for k in probes if k in ctx.by_key]
        # one edit changes the length by at most one and adds or removes at most three
        # letters (x → cs); only keys passing that need the exact test
        near = [
            k for k in keys if abs(len(k) - n) <= 1 and len(letters.symmetric_difference(k)) <= 3
        ]
        if not near:
            return False
        if probes is None:
            probes = self.suggester.probe_keys(word)
        return not probes.isdisjoint(near)

    def suggest(self, word: str, ctx: WordList | None = None) -> list[str]:
        if not self.max_suggestions:
            return []
        ranked = self._ranked(word, ctx or WordList())
        return [cand.text for cand in ranked[: self.max_suggestions]]


def _typo_like(ranked: list[Candidate]) -> bool:
    """Does a capitalised unknown word look like a typo of a common lower-case word (its
    best candidate), rather than a name?"""
    if not ranked:
        return False
    best = ranked[0]
    return (
        best.cost <= TYPO_COST
        and best.zipf >= TYPO_MIN_ZIPF
        and best.form == best.form.lower()
        and " " not in best.form
    )


def folded(word: str) -> str:
    return fold_key(word)
