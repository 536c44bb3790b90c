"""The shortcuts of the spelling checker give exactly what the plain computations give.

Each fast path of ``SpellChecker`` (and the tokenizer helpers it uses) is compared here
with the straightforward computation it replaces, on texts built from pieces chosen to
hit the edge cases (every sentence is written for these tests).

Example counts: the property tests draw ``examples(n)``, a quarter of the full
count ``n`` (at least 100) by default and all of it with ``ROLINT_FUZZ=long``
(tests/examples.py).
"""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

import spelling_samples
from examples import examples
from rolint.spelling.checker import SpellChecker, _Phrases
from rolint.spelling.lexicon import WordList
from rolint.spelling.tokens import (
    _CHUNK_RE,
    _SKIP_RE,
    _TOKEN_RE,
    Word,
    _skip_spans,
    normalise,
    token_words,
    words,
)

# -- the tokenizer (no dictionary needed) -------------------------------------------------

texts = spelling_samples.texts


@settings(max_examples=examples(500), deadline=None)
@given(texts, st.randoms(use_true_random=False))
def test_token_words_are_the_words_of_the_tokens_touched(text: str, rnd: random.Random) -> None:
    n = len(text)
    start = rnd.randint(0, n)
    end = rnd.randint(start, n)
    tokens = [m.span() for m in _TOKEN_RE.finditer(normalise(text))]
    touched = [(s, e) for s, e in tokens if s <= end and e >= start]
    expected = [w for w in words(text) if any(s <= w.start < e for s, e in touched)]
    assert token_words(text, start, end) == expected


_SPAN_PIECES = [
    *"ab@#;:/.-_ \n\t",
    "\u00a0",
    "&",
    "&amp;",
    "nbsp;",
    "&#39;",
    "quot",
    "http://",
    "https://x",
    "www.",
    "www",
    "[email protected]",
    "[email\nprotected]",
    "[email",
    "protected]",
    ".ro",
    ".roman",
    ".com/a",
    "exemplu",
    "ion@",
    "@ion",
    "#tag",
    "ș",
]


@settings(max_examples=examples(600), deadline=None)
@given(st.lists(st.sampled_from(_SPAN_PIECES), max_size=30).map("".join))
def test_skip_spans_token_by_token_are_those_of_the_whole_regex(text: str) -> None:
    norm = normalise(text)
    assert _skip_spans(norm) == [m.span() for m in _SKIP_RE.finditer(norm)]


_PLAIN_PIECES = [
    "Ion",
    "ion",
    "km",
    "nr",
    "ș",
    "10",
    "5G",
    "x²",
    " ",
    " ",
    "\n",
    "\u00a0",
    ".",
    ",",
    "-",
    " - ",
    "„",
    "”",
    "(",
    ")",
    "'",
    "…",
    "S.U.A.",
    "a.ro",
    "ZECI DE MII DE OAMENI",
]


@settings(max_examples=examples(600), deadline=None)
@given(
    st.lists(st.sampled_from(_PLAIN_PIECES), max_size=30).map("".join),
    st.randoms(use_true_random=False),
)
def test_plain_tokens_give_the_words_of_the_one_pass_tokenizer(
    text: str, rnd: random.Random
) -> None:
    full = words(text)  # the one pass over every chunk (no skip set)
    chunks = {m.span() for m in _CHUNK_RE.finditer(normalise(text))}

    def whole_chunk(w: Word) -> bool:  # a skip set holds whole chunks only
        return (w.start, w.end) in chunks and w.end - w.start == len(w.text)

    skip = {w.text for w in full if whole_chunk(w) and rnd.random() < 0.3}
    expected = [w for w in full if not (whole_chunk(w) and w.text in skip)]
    assert words(text, skip) == expected
    assert words(text, skip, set()) == expected
    assert token_words(text, 0, len(text)) == full


# -- English phrases (with the dictionary) ------------------------------------------------

_PHRASE_PIECES = [
    "likely",
    "voters",
    "part-time",
    "part‐time",
    "fair",
    "play",
    "fair-play",
    "self-made",
    "breaking",
    "news",
    "the",
    "show",
    "man",
    "best",
    "seller",
    "o",
    "ministrul",
    "spune",
    "că",
    "arata",
    "Likely",
    "NEWS",
    "liv\u00ade",
    "don't",
    "e.g",
    "12",
    "www.news.ro",
    " ",
    " ",
    " ",
    ", ",
    ". ",
    "\n",
    "\u00a0",
    " - ",
    "(",
    ")",
    "„",
    "”",
]
phrases = st.lists(st.sampled_from(_PHRASE_PIECES), max_size=30).map("".join)


def _english_starts(chk: SpellChecker, text: str) -> set[int]:
    """The starts of the words of English phrases, found on the whole text (as before)."""
    full = words(text)
    return {full[i].start for i in chk._english_runs(text, full)}


@settings(max_examples=examples(400), deadline=None)
@given(phrases, st.randoms(use_true_random=False))
def test_english_phrase_window_agrees_with_the_whole_text(
    dictionary,  # type: ignore[no-untyped-def]
    text: str,
    rnd: random.Random,
) -> None:
    chk = _checker(dictionary)
    expected = _english_starts(chk, text)
    candidates = [w for w in words(text) if chk._english_word(w)]
    rnd.shuffle(candidates)  # any order, with the last stretch read kept
    phrases = _Phrases(text)
    for w in candidates:
        assert chk._in_english_phrase(text, w, phrases) == (w.start in expected), w
        assert chk._in_english_phrase(text, w, _Phrases(text)) == (w.start in expected), w


_CHECKERS: dict[tuple[int, str], SpellChecker] = {}


def _checker(dictionary, name: str = "") -> SpellChecker:  # type: ignore[no-untyped-def]
    """One checker per dictionary and name for the whole module (hypothesis calls a
    test many times; the memo tables the examples leave behind are part of the test)."""
    key = (id(dictionary), name)
    chk = _CHECKERS.get(key)
    if chk is None:
        chk = _CHECKERS[key] = SpellChecker(dictionary)
    return chk


def test_english_phrases_are_still_found(dictionary) -> None:  # type: ignore[no-untyped-def]
    chk = _checker(dictionary)
    text = "Sondajul arată că likely voters, fair play și part-time contează.\nVoters"
    found = sorted(w.text for w in words(text) if chk._in_english_phrase(text, w, _Phrases(text)))
    assert found == ["fair", "likely", "part-time", "play", "voters"]


# -- the names of a block (with the dictionary) -------------------------------------------

_NAME_PIECES = [
    "Ciolacu",
    "Ciolac",
    "Kovesi",
    "Kovesiu",
    "kovesiu",
    "Iohannis",
    "Iohanis",
    "al-Assad",
    "Cluj-Napoca",
    "tiktok",
    "TikTok",
    "PSD",
    "PSD-iștilor",
    "catalgat",
    "Catalgat",
    "bugettul",
    "Moscovei",
    "Phenianului",
    "Ministrul",
    "a",
    "spus",
    "că",
    "guvernul",
    "likely",
    "voters",
    "n-am",
    "ZECI DE MII DE OAMENI",
]
_NAME_TEXTS = st.lists(
    st.sampled_from([*_NAME_PIECES, " ", " ", ". ", ", ", "\n"]), max_size=25
).map("".join)
_CONTEXTS = st.frozensets(
    st.sampled_from(
        [
            *_NAME_PIECES,
            "Ciolacul",
            "Kovesia",
            "Moscova",
            "Phenian",
            "Jean-Claude",
            "Xqzw",
            " ",
            "Assad",
            "Catalogat",
            "Kovesxyu",  # three letters from Kovesiu's: may be one edit of it
            "Kovewxyu",  # five: never
        ]
    ),
    max_size=8,
)


def _relevant_by_name(chk: SpellChecker, context: frozenset[str], text: str) -> frozenset[str]:
    """The names that can matter, each tested by itself against every word of the text
    that check looks at: a hyphen in its key, found by a lookup, or its key one of a
    word's probe keys (see SpellChecker.names_for)."""
    from rolint.spelling.checker import _ACCEPT_LOOKUPS
    from rolint.spelling.store import fold_key

    xs = []
    for w in words(text):
        if chk._looked_at(chk._kind_of(w), w):
            xs += [w.text, *(p for _, _, p in w.parts)]
    lookups = set().union(*(_ACCEPT_LOOKUPS.lookups(x) for x in xs))
    probe_keys = set().union(*(chk.suggester.probe_keys(x) for x in xs))
    kept = set()
    for name in context:
        e = normalise(name.strip())
        if not e:
            continue
        key = fold_key(e)
        found = e in lookups or e.upper() in lookups
        if "-" in key or found or key in probe_keys:
            kept.add(name)
    return frozenset(kept)


@settings(max_examples=examples(300), deadline=None)
@given(_NAME_TEXTS, st.lists(_CONTEXTS, min_size=1, max_size=3))
def test_block_names_are_those_tested_one_by_one(
    dictionary,  # type: ignore[no-untyped-def]
    text: str,
    contexts: list[frozenset[str]],
) -> None:
    chk = _checker(dictionary)
    chk.names_in([text])  # as the engine does: the block's words and facts memoised
    for context in [*contexts, contexts[0]]:  # a context asked about again, too
        names = chk.block_names(context, text)
        assert names <= context
        assert _relevant_by_name(chk, context, text) <= names  # every name that matters
        assert chk.check(text, names) == chk.check(text, context)
        # with only the words it looks at, as the rule passes them
        assert chk.check(text, names, chk.block_facts(text).words) == chk.check(text, context)
    other = _checker(dictionary, "other")  # a checker with nothing memoised
    assert other.block_names(contexts[0], text) == chk.block_names(contexts[0], text)
    # the index a context of many names gets (by deletions) keeps every name too
    from rolint.spelling import checker as checker_module

    scan, checker_module.SCAN_NAMES = checker_module.SCAN_NAMES, 0
    try:
        deleting = _checker(dictionary, "deleting")
        for context in contexts:
            names = deleting.block_names(context, text)
            assert _relevant_by_name(deleting, context, text) <= names <= context
            assert deleting.check(text, names) == deleting.check(text, context)
    finally:
        checker_module.SCAN_NAMES = scan


# -- word lists (no dictionary needed) ------------------------------------------------------


@settings(max_examples=examples(400), deadline=None)
@given(st.text(alphabet="aăeiIuluLUIăĂlrmMsț", max_size=9), st.booleans())
def test_lookups_are_every_string_accepts_looks_up(word: str, endings: bool) -> None:
    wl = WordList(endings=endings)
    expected = {word, word.lower()}
    for stem in wl._stems(word):  # the generator accepts() uses
        low = stem.lower()
        expected.update((stem, stem + "a", stem + "ă", low, low + "a", low + "ă"))
    assert wl.lookups(word) == expected


def test_known_memo_keeps_the_context_out(dictionary) -> None:  # type: ignore[no-untyped-def]
    chk = SpellChecker(dictionary)
    for _ in range(2):  # the second time from the memo
        assert chk.known("Kovesiu", WordList(["Kovesiu"]))
        assert not chk.known("Kovesiu")
        assert not chk.known("Kovesiu", WordList(["Iohannis"]))
        assert chk.known("guvernul") and chk.known("Guvernul", WordList())


def test_other_rule_memo_answers_as_the_plain_test(dictionary) -> None:  # type: ignore[no-untyped-def]
    chk = SpellChecker(dictionary)
    for word in ("tara", "cînd", "sînt", "Romînia", "catalgat", "tara", "cînd"):
        assert chk._other_rule(word) == chk._other_rule_of(word)
    assert chk._other_rule("tara") and not chk._other_rule("catalgat")


# -- a long document's names (with the dictionary) ----------------------------------------


def _many_names(count: int) -> list[str]:
    """``count`` capitalised made-up names, and four that real words are one edit from."""
    rnd = random.Random(7)
    letters = "abcdefghijlmnoprstuvzăîșț"
    made = {
        "Z" + "".join(rnd.choice(letters) for _ in range(rnd.randint(4, 9))) for _ in range(count)
    }
    return [*sorted(made), "Bolojan", "Kovesi", "Tarnu", "Phenian"]


def test_a_long_documents_names_are_looked_up_as_a_short_list_is_scanned(
    dictionary,  # type: ignore[no-untyped-def]
    monkeypatch,  # type: ignore[no-untyped-def]
) -> None:
    """Above SCAN_NAMES names, whether they matter to a word's suggestions is found by
    looking up its probe keys instead of scanning every name: same answers, and same
    findings for a block checked against all of them."""
    from rolint.spelling import checker

    names = frozenset(_many_names(3 * checker.SCAN_NAMES))
    ctx = WordList(names, endings=True)
    probes = ["bolojam", "kovesu", "tarnuu", "phenan", "masaa", "zzzz", "casă", "kovesi"]
    text = "Ieri bolojam și kovesu au plecat cu tarnuu spre phenan, dar masaa a rămas."
    looked_up = [_checker(dictionary)._ctx_matters(w, ctx) for w in probes]
    found = SpellChecker(dictionary).check(text, names)
    monkeypatch.setattr(checker, "SCAN_NAMES", 10 * len(names))
    assert [_checker(dictionary)._ctx_matters(w, ctx) for w in probes] == looked_up
    assert looked_up[:4] == [True] * 4 and not looked_up[5]
    assert SpellChecker(dictionary).check(text, names) == found


def test_a_word_list_knows_whether_a_key_has_a_hyphen() -> None:
    assert WordList(["Ana-Maria", "Ion"]).hyphenated
    assert not WordList(["Ana", "Maria"]).hyphenated
    words_ = WordList(["Ana"])
    words_.add("Popescu-Tăriceanu")
    assert words_.hyphenated


class _WalkCounter(dict):  # type: ignore[type-arg]
    """A ``by_key`` that counts the walks over all of it."""

    walks = 0

    def __iter__(self):  # type: ignore[no-untyped-def]
        _WalkCounter.walks += 1
        return super().__iter__()


def test_a_long_documents_names_are_not_walked_for_each_word(
    dictionary,  # type: ignore[no-untyped-def]
) -> None:
    """rolint check hands every block the whole document's names: the questions asked
    per word must not walk them all (a 3 MB document took 11.9 s instead of 8.7)."""
    ctx = WordList(_many_names(3 * 256), endings=True)
    ctx.by_key = _WalkCounter(ctx.by_key)
    chk = _checker(dictionary, "walks")
    for word in ("bolojam", "kovesu", "masaa", "Zorban", "Bolojam"):
        chk._ctx_matters(word, ctx)
        chk._may_be_typo(word, ctx)
    assert _WalkCounter.walks == 0
