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
from bisect import bisect_right
from collections.abc import Callable, Container
from operator import itemgetter
from typing import NamedTuple

from rolint.romanian import CEDILLA_TO_COMMA, sentence_start

_FOLDS = (
    *CEDILLA_TO_COMMA.items(),
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

# Every alternative of _SKIP_RE needs one of these triggers: "@", "#", ";", "://",
# "www.", "[email" or a TLD after a dot (domains). A text with none of them has no span
# to skip, and the regex need not run; the plain substrings are looked for with ``in``
# (much faster than a regex alternation), and where there are some, _TRIGGER_RE finds
# the tokens that hold one.
_TLDS = (
    r"(?:ro|com|net|org|eu|md|info|io|gov|edu|uk|de|fr|it|es|ru|"
    r"ua|tv|fm|news|app|ai|co|us|me|ly|biz|int|online|live|tech)\b"
)
_SKIP_TLD_RE = re.compile(r"\." + _TLDS)
_TRIGGER_RE = re.compile(r"[@#;]|://|www\.|\[email|\." + _TLDS)


def _skip_spans(norm: str) -> list[tuple[int, int]]:
    """The spans of ``_SKIP_RE`` in ``norm``, in order.

    The regex is slow (several of its alternatives rescan a word from each of its
    letters), so it runs only over the whitespace-separated tokens that hold a
    trigger: a span never crosses whitespace (but for ``[email protected]``, when the
    whole text is scanned) and always holds a trigger, and the regex sees the same
    characters around a token (whitespace, or the text's ends) either way.
    """
    if not (
        "@" in norm
        or "#" in norm
        or ";" in norm
        or "://" in norm
        or "www." in norm
        or "[email" in norm
        or _SKIP_TLD_RE.search(norm)
    ):
        return []  # (the triggers written out: a loop over them costs more)
    if "[email" in norm:
        return [m.span() for m in _SKIP_RE.finditer(norm)]
    spans: list[tuple[int, int]] = []
    end = 0  # the end of the last token scanned
    for hit in _TRIGGER_RE.finditer(norm):
        p = hit.start()
        if p < end:
            continue
        start = p
        while start > 0 and not norm[start - 1].isspace():
            start -= 1
        token = _TOKEN_RE.match(norm, p)  # (a trigger starts with a non-space)
        end = token.end() if token is not None else p + 1
        spans += [m.span() for m in _SKIP_RE.finditer(norm, start, end)]
    return spans


# A chunk: word characters joined by hyphens, apostrophes or dots (between letters).
# That is, the longest run of letters, soft hyphens and joiners followed by a letter;
# written with possessive runs of letters, which the regex engine scans fastest.
_CHUNK_RE = re.compile(r"[^\W_]++(?:(?:\u00ad|[-‐‑'’ʼ.](?=[^\W_]))[^\W_]*+)*+|_\w*")
_JOIN_RE = re.compile(r"[-'.]")
_SPLIT_RE = re.compile(r"([-'])")
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
_END = itemgetter(1)


def normalise(text: str) -> str:
    """Lookup form of a text (one code point for one; soft hyphens kept)."""
    if text.isascii():
        return text
    # a few replace() calls of the letters actually present beat str.translate by far
    for a, b in _FOLDS:
        if a in text:
            text = text.replace(a, b)
    return text


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


def _has_digit(chunk: str) -> bool:
    return any(map(str.isdigit, chunk))


def _number(chunk: str) -> bool:
    """A chunk that is a number (it sets ``after_number`` for the word after it)."""
    return not chunk.isalpha() and "_" not in chunk and _has_digit(chunk)


def _no_word(chunk: str) -> bool:
    """A chunk that never gives a :class:`Word` (what :func:`_token_words` drops)."""
    if chunk.isalpha():
        return False
    if "_" in chunk or _has_digit(chunk):
        return True
    return "." in chunk and all(len(p) <= 3 for p in chunk.split("."))


# Characters stripped off a whitespace-separated token to see whether it is one plain
# word: none is a word character or a soft hyphen, so what they surround, when it is
# all letters, is exactly the token's one chunk (a joiner at either end of a token is
# never between two letters).
_STRIP = ".,;:!?\"'„”“«»‹›‘’‚()[]{}<>…–—―-‐‑/\\|*•·+=%&$€£~^`´"
_TOKEN_RE = re.compile(r"\S+")
_FIND_MAX = 8  # more tokens to place than this: one regex pass instead of str.find


def words(
    text: str,
    skip: Container[str] | None = None,
    quiet: set[str] | None = None,
    inert: Callable[[str], bool] | None = None,
) -> list[Word]:
    """The words of ``text`` to look up, in order (see the module docstring).

    ``skip``: chunks (normalised text of a plain or hyphenated word, as in the text)
    the caller already knows need no look-up; they produce no :class:`Word` (the others
    are exactly as without ``skip``). Only whole words belong there, never a chunk with
    a digit, an underscore or a dot.

    ``quiet`` (with ``skip`` only): whitespace-separated tokens of normalised text
    known to give no :class:`Word` with this ``skip``; the tokens found so are added to
    it. The caller keeps it as long as ``skip`` only grows, and empties it otherwise.

    ``inert`` (with ``skip`` only): asked about a plain word (letters only) that is not
    in ``skip``; True means it gives no :class:`Word` either, as if it were in ``skip``
    (the caller adds it there). So a word met for the first time and settled by its
    text alone costs no Word, and its token goes quiet at once.

    Chunks never cross whitespace, so a text is cut into whitespace-separated tokens
    first (``str.split``, at C speed) and a token is looked at only if it is not quiet:
    most tokens of news text are frequent words, and a text whose tokens are all quiet
    has no words at all. Positions, skipped spans and lines in capitals are worked out
    only for the tokens that give words.
    """
    norm = normalise(text)
    if skip is None:
        return _all_words(norm)
    tokens = set(norm.split())
    if quiet is not None:
        tokens = tokens.difference(quiet)  # (not difference_update: quiet is large)
    loud = []
    # the loud tokens that are one plain word between punctuation (most of them): their
    # one word is known from the token alone, without the chunk regex
    plain: dict[str, _Plain] = {}
    for tok in tokens:
        core = tok.strip(_STRIP)
        if core.isalpha():
            if core not in skip and (inert is None or not inert(core)):
                loud.append(tok)
                plain[tok] = _plain(tok, core)
                continue
        elif core and not all(c in skip or _no_word(c) for c in _CHUNK_RE.findall(core)):
            loud.append(tok)
            continue
        if quiet is not None:
            quiet.add(tok)
    if not loud:
        return []
    # where the loud tokens are (whole tokens only), in order: found with str.find when
    # they are few, else with one pass over every token (never one pass per token)
    if len(loud) > _FIND_MAX:
        wanted = set(loud)
        found = [(m.start(), m.group()) for m in _TOKEN_RE.finditer(norm) if m.group() in wanted]
        return _token_words(norm, found, skip, plain)
    found = []
    n = len(norm)
    for tok in loud:
        size = len(tok)
        p = norm.find(tok)
        while p >= 0:
            e = p + size
            if (p == 0 or norm[p - 1].isspace()) and (e == n or norm[e].isspace()):
                found.append((p, tok))
                p = norm.find(tok, e)
            else:
                p = norm.find(tok, p + 1)
    found.sort()
    return _token_words(norm, found, skip, plain)


class Spans:
    """A text normalised, with its skipped spans and lines in capitals: what
    :func:`token_words` needs of the whole text, worked out once for every question
    about one text (asking again per question made a long paragraph quadratic)."""

    __slots__ = ("caps", "norm", "skips")

    def __init__(self, text: str) -> None:
        self.norm = normalise(text)
        self.skips = _skip_spans(self.norm)
        self.caps = _caps_lines(self.norm)


def token_words(text: str, start: int, end: int, spans: Spans | None = None) -> list[Word]:
    """The words of ``words(text)`` whose whitespace-separated token overlaps or
    touches ``[start, end]``, exactly as ``words(text)`` gives them.

    For a question about a few words of a long text (is this word part of an English
    phrase?): only the tokens around them are cut into chunks, not the whole text.
    ``spans``: ``Spans(text)``, when the caller asks about the same text many times
    (then each question costs only the tokens it reads).
    """
    if spans is None:
        spans = Spans(text)
    norm = spans.norm
    n = len(norm)
    while start > 0 and not norm[start - 1].isspace():
        start -= 1
    while end < n and not norm[end].isspace():
        end += 1
    found = [(m.start(), m.group()) for m in _TOKEN_RE.finditer(norm, start, end)]
    plain: dict[str, _Plain] = {}
    for _, tok in found:
        core = tok.strip(_STRIP)
        if core.isalpha():
            plain[tok] = _plain(tok, core)  # as words() does for its loud tokens
    return _token_words(norm, found, None, plain, spans)


def _number_before(norm: str, s: int, skips: list[tuple[int, int]]) -> bool:
    """Is the first chunk of a token, at ``s``, "after a number"?

    That is: the chunk before it is a number outside the skipped spans, and only
    spaces and at most one hyphen lie between them.
    """
    q = s
    dash = False
    while q > 0:
        c = norm[q - 1]
        if c.isspace():
            q -= 1
        elif c == "-" and not dash:
            dash = True
            q -= 1
        else:
            break
    if q == 0 or q == s:
        return False
    c = norm[q - 1]
    if not (c.isalnum() or c == "\u00ad"):
        return False  # no chunk ends there
    if norm[norm.rfind(" ", 0, q) + 1 : q].isalpha():
        return False  # no digit in the token before the gap (or a longer stretch)
    t0 = q  # the start of the token holding the character before the gap
    while t0 > 0 and not norm[t0 - 1].isspace():
        t0 -= 1
    last = None
    for m in _CHUNK_RE.finditer(norm, t0, q):
        last = m
    if last is None or last.end() != q or not _number(last.group()):
        return False
    return not (skips and _overlaps(skips, last.start(), q))


# A token that is one plain word between punctuation: (where the word starts in the
# token, the word).
_Plain = tuple[int, str]


def _plain(tok: str, core: str) -> _Plain:
    """``tok`` (punctuation, then the letters ``core``, then punctuation) as a _Plain.
    The punctuation around ``core`` holds no letter, so ``core`` is its first match."""
    return (tok.find(core), core)


def _token_words(
    norm: str,
    found: list[tuple[int, str]],
    skip: Container[str] | None = None,
    plain: dict[str, _Plain] | None = None,
    spans: Spans | None = None,
) -> list[Word]:
    """The words of the tokens ``found`` (start, token) of ``norm``, in order.

    ``plain``: tokens known to be one plain word between punctuation (see words()),
    whose word is built without cutting the token into chunks. ``spans``: the skipped
    spans and lines in capitals of ``norm`` when the caller has them.
    """
    first = found[0][0] if found else 0
    if spans is None:
        skips, caps_spans = _skip_spans(norm), _caps_lines(norm)
    else:
        skips, caps_spans = spans.skips, spans.caps
    skipped = _Cursor(skips, first)
    caps = _Cursor(caps_spans, first)
    out: list[Word] = []
    for p, tok in found:
        if plain is not None:
            one = plain.get(tok)
            if one is not None:
                offset, text = one
                s = p + offset
                if skips and skipped.overlaps(s, s + len(text)):
                    continue
                in_caps = caps.overlaps(s, s + 1)
                out.append(_word(norm, s, text, in_caps, _number_before(norm, s, skips)))
                continue
        prev: re.Match[str] | None = None  # the chunk before, inside the token
        for m in _CHUNK_RE.finditer(norm, p, p + len(tok)):
            chunk = m.group()
            s, e = m.span()
            before = prev
            prev = m
            if skip is not None and chunk in skip:
                continue
            if skipped.overlaps(s, e) or _no_word(chunk):
                continue
            # "after a number": the chunk just before is a number (outside the skipped
            # spans) and only spaces or one hyphen lie between them
            if before is None:
                after_number = _number_before(norm, s, skips)
            else:
                after_number = (
                    _number(before.group())
                    and norm[before.end() : s] in ("", "-")
                    and not (skips and _overlaps(skips, *before.span()))
                )
            for ps, piece in _pieces(chunk, s):
                out.append(_word(norm, ps, piece, caps.overlaps(ps, ps + 1), after_number))
                after_number = False  # only the first piece of a dotted chunk can be
    return out


def _overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """Does one of ``spans`` (sorted, disjoint) overlap ``[start, end)``? (A binary
    search: a scan of every span per word made texts full of links quadratic.)"""
    i = bisect_right(spans, start, key=_END)  # the first span ending after start
    return i < len(spans) and spans[i][0] < end


def _all_words(norm: str) -> list[Word]:
    """Every word of ``norm``, in one pass over its chunks (when none is skipped, this
    beats placing every token by itself)."""
    skipped = _Cursor(_skip_spans(norm))
    caps = _Cursor(_caps_lines(norm))
    out: list[Word] = []
    # End of the last number with no word emitted since (-1: none). A word is "after a
    # number" only when nothing but spaces or one hyphen separates them, so only the
    # first word emitted after a number needs to look at the gap.
    number_end = -1
    for m in _CHUNK_RE.finditer(norm):
        chunk = m.group()
        s, e = m.span()
        if skipped.overlaps(s, e):
            continue
        if _no_word(chunk):
            if _number(chunk):
                number_end = e
            continue
        for ps, piece in _pieces(chunk, s):
            if number_end >= 0:
                after_number = norm[number_end:ps].strip() in ("", "-")
                number_end = -1
            else:
                after_number = False
            out.append(_word(norm, ps, piece, caps.overlaps(ps, ps + 1), after_number))
    return out


class _Cursor:
    """Sorted, disjoint spans, asked about at positions that only increase (from
    ``start`` on: the cursor begins at the first span ending after it)."""

    __slots__ = ("i", "spans")

    def __init__(self, spans: list[tuple[int, int]], start: int = 0) -> None:
        self.spans = spans
        self.i = bisect_right(spans, start, key=_END) if start and spans else 0

    def overlaps(self, start: int, end: int) -> bool:
        spans = self.spans
        if not spans:
            return False
        i = self.i
        n = len(spans)
        while i < n and spans[i][1] <= start:
            i += 1
        self.i = i
        return i < n and spans[i][0] < end


def _pieces(chunk: str, start: int) -> list[tuple[int, str]]:
    """(start, piece) of a chunk's pieces between dots (the chunk itself if none)."""
    if "." not in chunk:
        return [(start, chunk)]
    out = []
    for piece in chunk.split("."):
        out.append((start, piece))
        start += len(piece) + 1
    return out


def _word(norm: str, start: int, piece: str, in_caps: bool, after_number: bool) -> Word:
    """The :class:`Word` of one piece of a chunk, at ``start`` in ``norm``."""
    end = start + len(piece)
    dot = end < len(norm) and norm[end] == "."
    fields: tuple[object, ...]
    if piece.isalpha():  # the common case: no soft hyphen, no joiner
        fields = (start, end, piece, sentence_start(norm, start), in_caps, after_number, dot, ())
    else:
        text = piece.replace("\u00ad", "")
        initial = sentence_start(norm, start)
        fields = (start, end, text, initial, in_caps, after_number, dot, _parts(piece, start))
    return _new_word(Word, fields)  # type: ignore[no-any-return]


def _parts(piece: str, start: int) -> tuple[tuple[int, int, str], ...]:
    """(start, end, text) of the parts of a hyphen- or apostrophe-joined piece."""
    if not _JOIN_RE.search(piece):
        return ()
    parts = []
    for part in _SPLIT_RE.split(piece):
        if part in ("-", "'"):
            start += 1
            continue
        if part:
            parts.append((start, start + len(part), part.replace("\u00ad", "")))
        start += len(part)
    return tuple(parts)
