"""The fast paths of spelling/unknown give exactly what the plain ones give.

The tokenizer's ``skip`` set, the filtered edit generator, the batch table probe, the
capitalised-typo pre-test and the per-word memo tables are all shortcuts; each is
checked here against the straightforward computation it replaces.

Example counts: the property tests draw ``examples(n)``, a quarter of the full
count ``n`` (at least 100) by default and all of it with ``ROLINT_FUZZ=long``
(tests/examples.py).
"""

from __future__ import annotations

import random
import re
from collections.abc import Container
from unittest.mock import patch

from hypothesis import given, settings
from hypothesis import strategies as st

import spelling_samples
from examples import examples
from rolint.romanian import sentence_start
from rolint.spelling import tokens
from rolint.spelling.checker import TYPO_MIN_ZIPF, SpellChecker
from rolint.spelling.lexicon import WordList
from rolint.spelling.store import FOLD
from rolint.spelling.suggest import edit_keys, edits
from rolint.spelling.tokens import (
    _CHUNK_RE,
    _JOIN_RE,
    _SKIP_RE,
    _SPLIT_RE,
    Word,
    _caps_lines,
    _skip_spans,
    normalise,
    words,
)

# -- the tokenizer (no dictionary needed) ---------------------------------------------

# The chunk pattern as first written (one character at a time): the fast one must
# find exactly the same chunks.
_PLAIN_CHUNK_RE = re.compile(r"[^\W_](?:[^\W_]|\u00ad|[-‐‑'’ʼ.](?=[^\W_]))*|_\w*")
texts = spelling_samples.texts


@settings(max_examples=examples(400), deadline=None)
@given(texts)
def test_chunk_regex_is_the_plain_one(text: str) -> None:
    plain = [m.span() for m in _PLAIN_CHUNK_RE.finditer(text)]
    assert [m.span() for m in _CHUNK_RE.finditer(text)] == plain


@settings(max_examples=examples(400), deadline=None)
@given(texts, st.randoms(use_true_random=False))
def test_skipped_words_are_only_left_out(text: str, rnd: random.Random) -> None:
    full = words(text)
    chunks = {m.span() for m in _CHUNK_RE.finditer(normalise(text))}

    def whole_chunk(w) -> bool:  # type: ignore[no-untyped-def]
        return (w.start, w.end) in chunks and w.end - w.start == len(w.text)

    skip = {w.text for w in full if whole_chunk(w) and rnd.random() < 0.5}
    kept = [w for w in full if not (whole_chunk(w) and w.text in skip)]
    assert words(text, skip) == kept


def test_a_skipped_word_still_separates_a_unit_from_its_number() -> None:
    (mp,) = [w for w in words("de 120 mari mp", {"de", "mari"}) if w.text == "mp"]
    assert not mp.after_number
    (mp,) = [w for w in words("de 120 mp", {"de"}) if w.text == "mp"]
    assert mp.after_number


def _plain_words(text: str, skip: Container[str] | None = None) -> list[Word]:
    """The tokenizer as first written: one pass over every chunk of the text."""
    norm = normalise(text)
    skips = _skip_spans(norm)
    nskips = len(skips)
    caps = _caps_lines(norm)
    ncaps = len(caps)
    n = len(norm)
    out: list[Word] = []
    si = 0
    ci = 0
    # End of the last number with no word emitted since (-1: none). A word is "after a
    # number" only when nothing but spaces or one hyphen separates them, so only the
    # first word emitted after a number needs to look at the gap.
    number_end = -1
    for m in _CHUNK_RE.finditer(norm):
        chunk = m.group()
        if skip is not None and chunk in skip:
            continue
        s, e = m.span()
        if nskips:
            while si < nskips and skips[si][1] <= s:
                si += 1
            if si < nskips and skips[si][0] < e:
                continue
        if chunk.isalpha():  # the common case: one piece, no digit, no joiner
            if number_end >= 0:
                after_number = norm[number_end:s].strip() in ("", "-")
                number_end = -1
            else:
                after_number = False
            if ncaps:
                while ci < ncaps and caps[ci][1] <= s:
                    ci += 1
                in_caps = ci < ncaps and caps[ci][0] <= s
            else:
                in_caps = False
            out.append(
                Word(
                    s,
                    e,
                    chunk,
                    sentence_start(norm, s),
                    in_caps,
                    after_number,
                    norm[e : e + 1] == ".",
                )
            )
            continue
        if "_" in chunk:
            continue
        if chunk.isdigit() or any(c.isdigit() for c in chunk):
            number_end = e
            continue
        pieces: list[tuple[int, str]]
        if "." in chunk:
            sub = chunk.split(".")
            if all(len(p) <= 3 for p in sub):
                continue  # S.U.A., ș.a.m.d., p.m.
            pieces = []
            off = s
            for p in sub:
                pieces.append((off, p))
                off += len(p) + 1
        else:
            pieces = [(s, chunk)]
        for ps, piece in pieces:
            pe = ps + len(piece)
            if number_end >= 0:
                after_number = norm[number_end:ps].strip() in ("", "-")
                number_end = -1
            else:
                after_number = False
            while ci < ncaps and caps[ci][1] <= ps:
                ci += 1
            in_caps = ci < ncaps and caps[ci][0] <= ps
            clean = piece.replace("\u00ad", "")
            parts: tuple[tuple[int, int, str], ...] = ()
            if _JOIN_RE.search(piece):
                plist = []
                off = ps
                for p in _SPLIT_RE.split(piece):
                    if p in ("-", "'"):
                        off += 1
                        continue
                    if p:
                        plist.append((off, off + len(p), p.replace("\u00ad", "")))
                    off += len(p)
                parts = tuple(plist)
            out.append(
                Word(
                    ps,
                    pe,
                    clean,
                    sentence_start(norm, ps),
                    in_caps,
                    after_number,
                    pe < n and norm[pe] == ".",
                    parts,
                )
            )
    return out


@settings(max_examples=examples(400), deadline=None)
@given(texts)
def test_skip_trigger_misses_no_span(text: str) -> None:
    norm = normalise(text)
    assert _skip_spans(norm) == [m.span() for m in _SKIP_RE.finditer(norm)]


@settings(max_examples=examples(600), deadline=None)
@given(texts, st.randoms(use_true_random=False))
def test_words_are_those_of_the_plain_tokenizer(text: str, rnd: random.Random) -> None:
    plain = _plain_words(text)
    assert words(text) == plain
    assert words(text, set()) == plain  # every token placed by itself
    candidates = sorted({w.text for w in plain})
    skip = {t for t in candidates if rnd.random() < 0.6}
    expected = _plain_words(text, skip)
    quiet: set[str] = set()
    assert words(text, skip) == expected
    assert words(text, skip, quiet) == expected
    assert words(text, skip, quiet) == expected  # the quiet tokens found the first time
    with patch.object(tokens, "_FIND_MAX", 0):  # tokens placed by the other way
        assert words(text, skip) == expected
    # a quiet token stays quiet in any text, with any skip set that contains this one
    other = "x " + text + " y"
    assert words(other, skip | {"x"}, quiet) == _plain_words(other, skip | {"x"})


@settings(max_examples=examples(400), deadline=None)
@given(texts, st.randoms(use_true_random=False))
def test_inert_words_are_left_out_as_if_skipped(text: str, rnd: random.Random) -> None:
    candidates = sorted({w.text for w in _plain_words(text)})
    skip = {t for t in candidates if rnd.random() < 0.3}
    first = set(skip)
    settled = {t for t in candidates if rnd.random() < 0.5}
    asked: list[str] = []

    def inert(word: str) -> bool:  # as the checker does: an inert word joins skip
        asked.append(word)
        if word in settled:
            skip.add(word)
            return True
        return False

    # asked about: the plain words between punctuation that skip does not hold
    cores = {tok.strip(tokens._STRIP) for tok in normalise(text).split()}
    plain = {c for c in cores if c.isalpha() and c not in first}
    quiet: set[str] = set()
    found = words(text, skip, quiet, inert)
    assert set(asked) == plain
    assert found == _plain_words(text, first | (settled & plain))
    # the tokens gone quiet stay so with the skip set grown by the inert words
    assert words(text, set(skip), quiet) == found


# -- suggestions: the filtered edit generator (no dictionary needed) ----------------


@settings(max_examples=examples(300), deadline=None)
@given(st.text(alphabet="abcdeiostxzghnm-'é", max_size=10), st.randoms(use_true_random=False))
def test_edits_filtered_by_key_are_the_filtered_edits(key: str, rnd: random.Random) -> None:
    every = list(edits(key))
    keys = edit_keys(key)
    assert {e[0] for e in every} <= keys <= {e[0] for e in every} | {key}
    only = set(rnd.sample(sorted(keys), min(len(keys), 25)))
    assert list(edits(key, only)) == [e for e in every if e[0] in only]


# -- with the dictionary --------------------------------------------------------------


def test_batch_probe_agrees_with_single_lookups(dictionary) -> None:  # type: ignore[no-untyped-def]
    compiled = dictionary.compiled
    keys = set()
    for word in ("catalogat", "guvernul", "sedinta", "bugettul", "xqzw", "mass-media"):
        keys |= edit_keys(word)
    assert compiled.present(keys) == {k for k in keys if compiled.group(k)}


def test_typo_pretest_never_hides_a_frequent_candidate(dictionary) -> None:  # type: ignore[no-untyped-def]
    chk = SpellChecker(dictionary)
    sugg = chk.suggester
    rnd = random.Random(7)
    frequent = sorted(w for w, z in dictionary.freq.items() if z >= 4.0 and len(w) >= 5)
    cases = ["Catalgat", "Guvernl", "Ministrul", "Jennifer", "Dintrun", "Sedinta", "Xqzwv"]
    for w in rnd.sample(frequent, 150):
        i = rnd.randrange(len(w))
        typo = w[:i] + w[i + 1 :] if rnd.random() < 0.5 else w[:i] + rnd.choice("aeiostr") + w[i:]
        cases.append(typo.capitalize())
    extra = chk._extra(WordList())
    for word in cases:
        if sugg.may_have_frequent(word, TYPO_MIN_ZIPF, extra):
            continue
        for cand in sugg.ranked(word, extra):
            lower_word = cand.form == cand.form.lower() and " " not in cand.form
            assert not (lower_word and cand.zipf >= TYPO_MIN_ZIPF), (word, cand)


def test_suggestion_memo_still_sees_the_documents_names(dictionary) -> None:  # type: ignore[no-untyped-def]
    chk = SpellChecker(dictionary)
    assert "Kovesiu" not in chk.suggest("kovesiu")  # memoised without the document
    assert chk.suggest("kovesiu", WordList(["Kovesiu"]))[0] == "Kovesiu"


def test_warm_and_cold_checkers_agree(dictionary) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Ministrul a catalogta decizia. Catalgat este un cuvânt greșit, iar tiktok un nume. "
        "Sondajul arată că likely voters preferă schimbarea; n-am văzut asa ceva.\n"
        "ZECI DE MII DE OAMENI AU IEȘIT ÎN STRADĂ\nGuvernl a adoptat bugettul."
    )
    warm = SpellChecker(dictionary)
    for _ in range(3):
        ctx = warm.names_in([text])
        got = warm.check(text, ctx)
    cold = SpellChecker(dictionary)
    assert got == cold.check(text, cold.names_in([text]))
    assert "voters" not in [i.word for i in got]  # an English phrase
    assert {"catalogta", "bugettul"} <= {i.word for i in got}


def test_fold_of_frequent_keys_matches_the_table_key(dictionary) -> None:  # type: ignore[no-untyped-def]
    keys = SpellChecker(dictionary).suggester._frequent_keys(TYPO_MIN_ZIPF)
    assert "ședința".translate(FOLD) == "sedinta" in keys  # frequent, kept folded
