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
from dataclasses import dataclass

CEDILLA = str.maketrans(
    {"ş": "ș", "ţ": "ț", "Ş": "Ș", "Ţ": "Ț", "’": "'", "ʼ": "'", "‐": "-", "‑": "-"}
)

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

# A chunk: word characters joined by hyphens, apostrophes or dots (between letters).
_CHUNK_RE = re.compile(r"[^\W_](?:[^\W_]|\u00ad|[-‐‑'’ʼ.](?=[^\W_]))*|_\w*")
_JOIN_RE = re.compile(r"[-'.]")
_OPENERS = set(" \t\u00a0\u2009\u202f„“”\"'«»‘’([{—–-•*·>|")
_ENDERS = set(".!?…:\n\r")


@dataclass(frozen=True)
class Word:
    start: int
    end: int
    text: str
    initial: bool = False
    caps_line: bool = False
    after_number: bool = False
    dot: bool = False
    parts: tuple[tuple[int, int, str], ...] = ()


def normalise(text: str) -> str:
    """Lookup form of a text (one code point for one; soft hyphens kept)."""
    return text.translate(CEDILLA)


def _is_initial(text: str, start: int) -> bool:
    i = start - 1
    while i >= 0 and text[i] in _OPENERS:
        if text[i] in "\n\r":
            return True
        i -= 1
    return i < 0 or text[i] in _ENDERS


def _caps_lines(text: str) -> list[tuple[int, int]]:
    """Spans of lines mostly written in capitals (≥ 3 words, ≥ 70 % upper-case letters)."""
    spans = []
    pos = 0
    for line in text.splitlines(keepends=True):
        letters = [c for c in line if c.isalpha()]
        if len(letters) >= 8:
            upper = sum(c.isupper() for c in letters)
            words = sum(1 for w in line.split() if any(c.isalpha() for c in w))
            if words >= 3 and upper >= 0.7 * len(letters):
                spans.append((pos, pos + len(line)))
        pos += len(line)
    return spans


def words(text: str) -> list[Word]:
    """The words of ``text`` to look up, in order (see the module docstring)."""
    norm = normalise(text)
    skips = [(m.start(), m.end()) for m in _SKIP_RE.finditer(norm)]
    caps = _caps_lines(norm) if any(c.isupper() for c in norm) else []
    out: list[Word] = []
    si = 0
    prev_number_end = -10
    for m in _CHUNK_RE.finditer(norm):
        s, e = m.start(), m.end()
        while si < len(skips) and skips[si][1] <= s:
            si += 1
        if si < len(skips) and skips[si][0] < e:
            continue
        chunk = m.group()
        if chunk[0] == "_" or "_" in chunk:
            continue
        if any(c.isdigit() for c in chunk):
            prev_number_end = e
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
            gap = norm[prev_number_end:ps] if prev_number_end >= 0 else "x"
            after_number = prev_number_end > 0 and gap.strip() in ("", "-")
            in_caps = any(a <= ps < b for a, b in caps)
            clean = piece.replace("\u00ad", "")
            parts: tuple[tuple[int, int, str], ...] = ()
            if _JOIN_RE.search(piece):
                plist = []
                off = ps
                for p in re.split(r"([-'])", piece):
                    if p in ("-", "'"):
                        off += 1
                        continue
                    if p:
                        plist.append((off, off + len(p), p.replace("\u00ad", "")))
                    off += len(p)
                parts = tuple(plist)
            out.append(
                Word(
                    start=ps,
                    end=pe,
                    text=clean,
                    initial=_is_initial(norm, ps),
                    caps_line=in_caps,
                    after_number=after_number,
                    dot=pe < len(norm) and norm[pe] == ".",
                    parts=parts,
                )
            )
    return out
