"""Romanian text primitives: the one place rules and the speller take them from.

Letters and their folds (cedilla → comma below, diacritics removed), case classes,
same-length lower-casing and where a sentence starts. Every fold here but
:func:`fold_marks` maps one code point to one, so an offset in a folded text is the
offset in the text.

The str.replace chains below are deliberate: on short non-ASCII strings a few
``replace`` calls of the letters actually present are many times faster than
``str.translate``; the translation tables are kept for code that folds single
characters.
"""

from __future__ import annotations

import re
import unicodedata

# -- letters -------------------------------------------------------------------
CEDILLA_LETTERS = "şţŞŢ"  # U+015F U+0163 U+015E U+0162: wrong, from old keyboards
COMMA_LETTERS = "șțȘȚ"  # U+0219 U+021B U+0218 U+021A: the norm
CEDILLA_TO_COMMA = dict(zip(CEDILLA_LETTERS, COMMA_LETTERS, strict=True))
CEDILLA_FOLD = str.maketrans(CEDILLA_TO_COMMA)
#: every Romanian letter with a diacritic (both s/t forms), and its base letter
DIACRITIC_LETTERS = "ăâîșțşţĂÂÎȘȚŞŢ"
BASE_LETTERS = "aaiststAAISTST"
LOWER_DIACRITICS = "ăâîșțşţ"
BASE_OF = dict(zip(DIACRITIC_LETTERS, BASE_LETTERS, strict=True))
PLAIN_FOLD = str.maketrans(DIACRITIC_LETTERS, BASE_LETTERS)
#: a regex character class body of the letters Romanian text uses
LETTER = "A-Za-zĂÂÎȘȚăâîșțşţŞŢÀ-ÖØ-öø-ÿ"
#: regex character class bodies of the Romanian letters of one case (comma forms only:
#: "an upper-case letter opens a sentence", "a lower-case word ends one")
UPPER_LETTER = "A-ZĂÂÎȘȚ"
LOWER_LETTER = "a-zăâîșț"

_CEDILLA_PAIRS = tuple(CEDILLA_TO_COMMA.items())
_PLAIN_PAIRS = tuple(BASE_OF.items())
_PLAIN_LOWER_PAIRS = _PLAIN_PAIRS[:7]


def fold_cedilla(text: str) -> str:
    """ş ţ Ş Ţ → ș ț Ș Ț (same length)."""
    for old, new in _CEDILLA_PAIRS:
        if old in text:
            text = text.replace(old, new)
    return text


def plain(text: str) -> str:
    """Romanian diacritics removed (ă â → a, î → i, ș ş → s, ț ţ → t); same length."""
    for old, new in _PLAIN_PAIRS:
        if old in text:
            text = text.replace(old, new)
    return text


def plain_lower(low: str) -> str:
    """:func:`plain` of a text already lower-cased (only the lower-case letters)."""
    for old, new in _PLAIN_LOWER_PAIRS:
        if old in low:
            low = low.replace(old, new)
    return low


def fold(text: str) -> str:
    """Lower case without diacritics: the key under which spellings are compared
    (the speller's table is keyed by it; ``str.lower`` may change the length)."""
    low = text.lower()
    if low.isascii():
        return low
    return plain_lower(low)


def fold_marks(text: str) -> str:
    """Lower case with every combining mark removed (ș, ş → s; ă → a; é → e): the loose
    key readers and related/duplicate-headline compare headlines and markers by.
    Unlike :func:`fold` it folds every Latin letter, and its length may differ.

    Equal to NFD, then dropping every combining character (the test checks it for
    every Latin letter): the marks of Romanian and most Latin letters are removed by
    one regex, and only text still not ASCII afterwards is walked per character.
    """
    low = text.lower()
    if low.isascii():
        return low
    decomposed = unicodedata.normalize("NFD", low)
    stripped = _COMMON_MARKS.sub("", decomposed)
    if stripped.isascii():
        return stripped
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


# The combining marks of the Combining Diacritical Marks block (U+034F is not one).
_COMMON_MARKS = re.compile(
    "[" + "".join(chr(c) for c in range(0x300, 0x370) if unicodedata.combining(chr(c))) + "]"
)


def lower(text: str) -> str:
    """``text`` lower-cased with the same length, so that a pattern of lower-case
    literals compiled without ``re.IGNORECASE`` finds, at the same offsets, what the
    same pattern finds with ``re.IGNORECASE`` in ``text`` (much faster in ``re``).

    ``re`` folds case one character at a time: İ matches i, and i/ı, s/ſ match each
    other; str.lower() turns İ into two characters and keeps ı, ſ, so those are mapped
    by hand.
    """
    low = text.lower()
    if len(low) != len(text):
        low = text.replace("İ", "i").lower()
    if "ı" in low:
        low = low.replace("ı", "i")
    if "ſ" in low:
        low = low.replace("ſ", "s")
    return low


# -- case ----------------------------------------------------------------------
LOWER, TITLE, UPPER, MIXED = 0, 1, 2, 3


def case_of(word: str) -> int:
    """LOWER (or caseless), TITLE, UPPER or MIXED (iPhone, TikTok)."""
    if word == word.lower():
        return LOWER
    if word == word.upper():
        return UPPER if sum(c.isupper() for c in word) > 1 else TITLE
    if word[0].isupper() and word[1:] == word[1:].lower():
        return TITLE
    return MIXED


def match_case(token: str, form: str) -> str:
    """``form`` written in the case pattern of ``token`` (DACA → DACĂ, Daca → Dacă)."""
    if len(token) > 1 and token.isupper():
        return form.upper()
    if token[:1].isupper():
        return form[:1].upper() + form[1:]
    return form


# -- sentences -----------------------------------------------------------------
#: what may stand between a sentence end and the sentence's first word: spaces,
#: opening quotes and brackets, dashes, list bullets
SENTENCE_OPENERS = frozenset(" \t\u00a0\u2009\u202f„“”\"'«»‚‘’([{—–-•*·>|")
SENTENCE_ENDERS = frozenset(".!?…:\n\r")
# What may close a sentence from outside its full stop: „… a spus el.” still ends in one.
CLOSING_MARKS = "”\"'»’)"


def sentence_start(text: str, start: int) -> bool:
    """True when the word at ``text[start]`` opens a sentence: only openers lie
    between it and the start of the text or a sentence end (. ! ? … : or a line
    break)."""
    i = start - 1
    while i >= 0 and text[i] in SENTENCE_OPENERS:
        i -= 1
    return i < 0 or text[i] in SENTENCE_ENDERS
