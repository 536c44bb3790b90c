"""The shortcuts that make the Romanian rule pack fast report what the slow way did.

* ``_text.lower`` + a pattern of lower-case literals finds what ``re.IGNORECASE`` finds
  in the original text, at the same offsets (also for İ, ı, ſ, K, which ``re`` folds
  one character at a time);
* ``_text.required_pieces``: every cue phrase holds one of its group's pieces, so a
  paragraph holding none may skip the regex pass;
* the letter-first rewrites of look-behind patterns match as the originals did.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rolint.rules import _text, attribution, diacritics, orthography, quotes, typography

_SAMPLES = [
    "Surse din Guvern SPUN că ar fi primit bani.",
    "İstanbul: SURSE APROPIATE, ıstanbul, ſurse, ſ, K, KELVIN",
    "ΣΑΣ și ȘȚĂ: Experții Spun; STUDIILE ARATĂ",
    "",
    "ß ẞ ﬁ ǅ",
]


@pytest.mark.parametrize("text", _SAMPLES)
def test_lower_matches_as_ignorecase(text: str) -> None:
    low = _text.lower(text)
    assert len(low) == len(text)
    for words in (["surse", "spun", "istanbul", "kelvin"], ["experții spun", "studiile arată"]):
        body = _text.trie_pattern(sorted(words))
        slow = re.compile(rf"(?<![\w-])(?:{body})(?![\w])", re.IGNORECASE)
        fast = re.compile(rf"(?<![\w-])(?:{body})(?![\w])")
        assert [m.span() for m in slow.finditer(text)] == [m.span() for m in fast.finditer(low)]


_WORDS = st.lists(st.text("abă .*(", max_size=6), min_size=1, max_size=12)  # [] gives ""


@given(words=_WORDS, others=st.lists(st.text("abă .*(", max_size=7), max_size=12))
def test_a_trie_pattern_matches_its_words_and_nothing_else(
    words: list[str], others: list[str]
) -> None:
    """Every word, no other string: the words' prefixes and extensions included."""
    pattern = re.compile(_text.trie_pattern(sorted(words), sep=" "))
    near = {w[:i] for w in words for i in range(len(w))} | {w + "a" for w in words}
    for text in {*words, *others, *near}:
        assert (pattern.fullmatch(text) is not None) == (text in words), text


def test_plain_is_translate() -> None:
    table = str.maketrans("ăâîșțşţĂÂÎȘȚŞŢ", "aaiststAAISTST")
    for text in [*_SAMPLES, "Țară, ŞCOALĂ, înşişi, mâine"]:
        assert _text.plain(text) == text.translate(table)
        assert _text.plain_lower(text.lower()) == text.lower().translate(table)


def test_required_pieces_cover_every_phrase() -> None:
    data = attribution.attribution_data()
    pack = attribution.pack_mapping(attribution.PACK)
    groups = [
        ([c.lower() for c in attribution._phrases("c", e["cues"])], pieces)
        for e, (_, _, pieces) in zip(pack["anonymous"], data.anonymous, strict=True)
    ]
    groups.append(
        ([a.lower() for a in attribution._phrases("a", pack["allegations"])], data.allegation_words)
    )
    for phrases, pieces in groups:
        assert pieces and all(pieces)
        for phrase in phrases:
            assert any(p in phrase for p in pieces), phrase


def test_required_pieces_choose_shared_stems() -> None:
    pieces = _text.required_pieces(["potrivit unor surse", "sursele noastre", "o sursă"])
    assert pieces == ("surse", "sursă")
    assert _text.required_pieces(["se pare că"]) == ("pare",)
    assert _text.required_pieces(["a", "*"]) == ("",)  # nothing literal: no shortcut


_TRICKY = [
    "x.si si-a, @si /si si/ si@ 3si si3 dl.si —si „si” www.si.ro",
    "...!? a! . b? c… „Da.” (E.) 1. 2.5. Nr. 3? X.",
    "coborî în lîngă Înainte cînd-va îîî a-î î î-a 3î î3",
    "ca, sa; fata-sa Sa-ca -ca ca- (sa) sa",
    "word , word ; a : b ! c ? d . e .. f\u00a0. g\t,",
    ',,a,,,b ",," „x” «y» “z” ,"q", x,y;z Ab.Cde. ab.Cd abc!Def 5,6 x;;y',
    "de de, De de DE DE și și\u00a0și în  în\tîn de-de de\u00adde ab abc abc ab İn in ǅ ǆ",
]


@pytest.mark.parametrize("text", _TRICKY)
def test_rewritten_patterns_match_as_before(text: str) -> None:
    pairs = [
        (r"(?<![\w-])[A-Za-z]+(?!\w)", diacritics._ASCII_WORD),
        (r"(?<![\w./@-])[a-z]+(?![\w@/])", diacritics._ASCII_FIND),
        (
            r"(?<![.!?…])[.!?…]+[\"”»)]?(?=\s+[\"„“”«(A-ZĂÂÎȘȚ0-9])",
            attribution._SENTENCE_END,
        ),
        (r"(?<![\w-])(?:fata|sa|Sa|ca)(?![\w-])", diacritics.missing_data().context_re),
        (',,|["„“”«»]', quotes.QUOTE_MARKS),
        (
            r"[,;](?<=[^\W\d_]{2}[,;])(?=[^\W\d_]{2})"
            r"|[.!?](?<=[a-zăâîșț]{3}[.!?])(?=[A-ZĂÂÎȘȚ][a-zăâîșț]{2})",
            typography._MISSING_SPACE,
        ),
        (
            re.compile(
                r"(?<![\w\u00ad-])([^\W\d_]+)([ \t\u00a0]+)(\1)(?![\w\u00ad-])", re.IGNORECASE
            ),
            typography._DOUBLED,
        ),
    ]
    for old, new in pairs:
        assert new is not None
        for subject in (text, text.lower()):
            assert [m.regs for m in re.finditer(old, subject)] == [
                m.regs for m in new.finditer(subject)
            ]
    # hints: no hint means no match
    for hint, pattern in (
        (typography._SPACE_BEFORE_HINT, typography._SPACE_BEFORE),
        (orthography._OLD_I_HINT, orthography._OLD_I),
    ):
        if hint.search(text) is None:
            assert pattern.search(text) is None


@pytest.mark.parametrize("text", [*_SAMPLES, *_TRICKY])
def test_counts_and_mark_tests_agree(text: str) -> None:
    """diacritics/missing counts diacritics in the lower-cased text; quotes and
    attribution look for quotation marks with substring tests instead of QUOTE_MARKS."""
    for subject in (text, text + " ŞŢ ĂÂÎȘȚ şţ ăâîșț"):
        assert diacritics._count_lower_diacritics(subject.lower()) == sum(
            subject.count(c) for c in "ăâîșțşţĂÂÎȘȚŞŢ"
        )
        assert quotes.has_marks(subject) == (quotes.QUOTE_MARKS.search(subject) is not None)
