"""Splitting news text into the words spelling should look up, and normalising them.

What is never looked up (skipped whole): URLs, e-mail addresses, bare domains
(``digi24.ro``), hashtags and @handles, anything containing a digit (``11.000``,
``COVID-19``, ``5G``, ``10km``), dotted abbreviations made of short pieces
(``S.U.A.``, ``ș.a.m.d.``) and identifiers with underscores.

What a word carries to the checker (:class:`Word`):

* ``text``: the lookup form: cedilla letters folded to comma-below (``ş`` → ``ș``;
  reporting the cedilla is ``diacritics/cedilla``'s job), soft hyphens removed,
  typographic apostrophes (’ ʼ) and hyphens (‐ ‑) made ASCII. Folding is one code
  point for one, so offsets into the original text stay exact;
* ``parts``: for a word joined by hyphens or apostrophes (``n-am``, ``dintr-un``,
  ``să-și``, ``show-ul``, ``O'Neill``), the pieces with their own offsets;
* position facts the rules for names need: ``initial`` (first word of a sentence,
  a line or a quotation), ``caps_line`` (inside a line written in capitals, like a
  shouted headline), ``after_number`` (``10 km``) and ``dot`` (followed by ``.``,
  as in ``nr.``).
"""

from __future__ import annotations

import re
from collections.abc import Container
from typing import NamedTuple

_FOLDS = (
    ("ş", "ș"),
    ("ţ", "ț"),
    ("Ş", "Ș"),
    ("Ţ", "Ț"),
    ("’", "'"),
    ("ʼ", "'"),
    ("‐", "-"),
    ("‑", "-"),
)
CEDILLA = str.maketrans(dict(_FOLDS))

# Spans never checked. Order matters: URLs before domains before e-mails/handles.
_SKIP_RE = re.compile(
    r"""
      (?:\b(?:https?|ftp)://|\bwww\.)[^\s<>"“”„«»]+          # URLs
    | [\w.+-]+@[\w-]+(?:\.[\w-]+)+                              # e-mail
    | (?<![\w@#&])[@#]\w+(?:[.-]\w+)*                           # @handle, #hashtag
    | \[email\s+protected\]                                     # obfuscated e-mail
    | &\#\d+; | &?\b(?:nbsp|ndash|mdash|quot|amp|hellip|[lr]squo|[lrb]dquo|[lr]aquo);  # entity
    | \b(?:[\w-]+\.)+(?:ro|com|net|org|eu|md|info|io|gov|edu|uk|de|fr|it|es|ru|ua|
         tv|fm|news|app|ai|co|us|me|ly|biz|int|online|live|tech)\b(?:/[^\s<>"“”„]*)?
    """,
    re.X,
)

# Every alternative of _SKIP_RE needs one of these (a TLD after a dot for domains):
# a text with none of them has no span to skip, and the regex need not run.
_SKIP_TRIGGER_RE = re.compile(
    r"[@#;]|://|www\.|\[email|\.(?:ro|com|net|org|eu|md|info|io|gov|edu|uk|de|fr|it|es|ru|"
    r"ua|tv|fm|news|app|ai|co|us|me|ly|biz|int|online|live|tech)\b"
)


def _skip_spans(norm: str) -> list[tuple[int, int]]:
    if _SKIP_TRIGGER_RE.search(norm):
        return [m.span() for m in _SKIP_RE.finditer(norm)]
    return []


# A chunk: word characters joined by hyphens, apostrophes or dots (between letters).
# That is, the longest run of letters, soft hyphens and joiners followed by a letter;
# written with possessive runs of letters, which the regex engine scans fastest.
_CHUNK_RE = re.compile(r"[^\W_]++(?:(?:\u00ad|[-‐‑'’ʼ.](?=[^\W_]))[^\W_]*+)*+|_\w*")
_JOIN_RE = re.compile(r"[-'.]")
_SPLIT_RE = re.compile(r"([-'])")
_OPENERS = set(" \t\u00a0\u2009\u202f„“”\"'«»‘’([{—–-•*·>|")
_ENDERS = set(".!?…:\n\r")
_ASCII_LOWER = b"abcdefghijklmnopqrstuvwxyz"


class Word(NamedTuple):
    start: int
    end: int
    text: str
    initial: bool = False
    caps_line: bool = False
    after_number: bool = False
    dot: bool = False
    parts: tuple[tuple[int, int, str], ...] = ()


_new_word = tuple.__new__


def normalise(text: str) -> str:
    """Lookup form of a text (one code point for one; soft hyphens kept)."""
    if text.isascii():
        return text
    # a few replace() calls of the letters actually present beat str.translate by far
    for a, b in _FOLDS:
        if a in text:
            text = text.replace(a, b)
    return text


def _is_initial(text: str, start: int) -> bool:
    i = start - 1
    while i >= 0 and text[i] in _OPENERS:
        i -= 1
    return i < 0 or text[i] in _ENDERS


def _caps_lines(text: str) -> list[tuple[int, int]]:
    """Spans of lines mostly written in capitals (≥ 3 words, ≥ 70 % upper-case letters)."""
    spans = []
    pos = 0
    for line in text.splitlines(keepends=True):
        n = len(line)
        if n >= 8:
            # Quick exact rejection: a-z letters are letters but not upper case, so a
            # caps line needs upper ≥ 7/3·az and upper ≤ n − az, i.e. 10·az ≤ 3·n.
            b = line.encode("utf-8")
            az = len(b) - len(b.translate(None, _ASCII_LOWER))
            if 10 * az <= 3 * n + 1:
                letters = [c for c in line if c.isalpha()]
                if len(letters) >= 8:
                    upper = sum(c.isupper() for c in letters)
                    words = sum(1 for w in line.split() if any(c.isalpha() for c in w))
                    if words >= 3 and upper >= 0.7 * len(letters):
                        spans.append((pos, pos + n))
        pos += n
    return spans


def words(text: str, skip: Container[str] | None = None) -> list[Word]:
    """The words of ``text`` to look up, in order (see the module docstring).

    ``skip``: chunks (normalised text of a plain or hyphenated word, as in the text)
    the caller already knows need no look-up; they produce no :class:`Word` (the others
    are exactly as without ``skip``). Only whole words belong there, never a chunk with
    a digit, an underscore or a dot.
    """
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
                _new_word(
                    Word,
                    (
                        s,
                        e,
                        chunk,
                        _is_initial(norm, s),
                        in_caps,
                        after_number,
                        e < n and norm[e] == ".",
                        (),
                    ),
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
                    _is_initial(norm, ps),
                    in_caps,
                    after_number,
                    pe < n and norm[pe] == ".",
                    parts,
                )
            )
    return out
