"""Attribution: every statement that is not established fact needs a source.

Reuters' handbook: "source every statement … unless it is an established fact". Two
rules share one analysis of each body paragraph:

* ``attribution/missing``: a direct quote of several words with no speaker in its
  sentence, the sentence before or after, or its paragraph; a figure about events
  (troops, victims, money, percentages) or a passive accusation ("este acuzat de…")
  with no source in its sentence, the sentence before or its paragraph.
* ``attribution/anonymous``: unnamed sources ("surse din anchetă"), rumour ("se pare
  că"), vague sources ("experții spun") and hearsay in the presumptive mood ("ar fi
  primit") with no source.

Precision comes first: any source cue in the paragraph (or the sentence next to it in
the neighbouring paragraph) clears the missing-source checks, quotes introduced by a
colon or followed by ", a spus X" count as attributed, and titles in quotes (campania
„…”) are not speech. Headlines, headings and related-article blocks are not checked.
The cue lists live in rules/attribution.yaml.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cache
from itertools import pairwise
from typing import TYPE_CHECKING, Any

from rolint.document import LIST_ITEM, PARAGRAPH, RELATED_KINDS
from rolint.readers.builder import looks_like_duplicate
from rolint.romanian import CLOSING_MARKS, UPPER_LETTER
from rolint.rule import Example, Finding, Rule, RuleDoc, Scope, Severity
from rolint.rulepacks import PackError, pack_path
from rolint.rules._text import (
    LazyPattern,
    check_fields,
    entry_list,
    fold_cedilla,
    lower,
    pack_mapping,
    plain,
    plain_lower,
    required_pieces,
    string_list,
    text_field,
    trie_pattern,
)
from rolint.rules.quotes import CLOSE, OPEN, QUOTE_MARKS, UNKNOWN, has_marks, mark_role
from rolint.rules.typos import expand

if TYPE_CHECKING:
    from rolint.analysis import BlockAnalysis, DocumentAnalysis
    from rolint.document import Block, Document

PACK = "attribution"
_KINDS = frozenset({PARAGRAPH, LIST_ITEM})
_MIN_QUOTE_WORDS = 6
_BIG = 1 << 62
_LOOKBACK = 3  # body paragraphs before a figure that may hold its source

# Sentence ends: . ! ? … (optionally a closing quote) then space and a capital,
# a digit or an opening quote. Abbreviations are filtered in _sentences. The first
# mark comes before the look-behind so that ``re`` can skip ahead to a mark.
_SENTENCE_END = re.compile(rf"[.!?…](?<![.!?…].)[.!?…]*[\"”»)]?(?=\s+[\"„“”«({UPPER_LETTER}0-9])")
_LAST_WORD = re.compile(r"(\w+)\.$")
_ABBREVIATIONS = frozenset(
    [
        "dl",
        "dna",
        "dr",
        "prof",
        "ing",
        "av",
        "gen",
        "col",
        "lt",
        "mr",
        "sf",
        "st",
        "nr",
        "art",
        "alin",
        "lit",
        "pct",
        "cap",
        "etc",
        "ec",
        "jr",
        "sr",
        "str",
        "bd",
        "bld",
        "sec",
        "tel",
        "fig",
        "vol",
        "pag",
        "ed",
        "co",
        "inc",
        "ltd",
        "ș.a",
        "urm",
    ]
)
_WORDS = re.compile(r"[^\W_]+")
_COLON_BEFORE = re.compile(r":\s*[—–-]?\s*$")
# After a closing quote: ", a spus X", ", au transmis…", ", explică Popescu", "- a spus".
_SPEECH_AFTER = re.compile(
    r"\s*[,.]?\s*[—–-]?\s*(?:(?:a|au|mai|și-a|s-a|i-a|le-a|l-a|ne-a|ar fi|i s-a|li s-a|"
    r"mi s-a|ni s-a|le-au|i-au|ne-au)\s+\w+"
    rf"|\w+(?:ă|e|ește|ează|i)\s+[{UPPER_LETTER}])"
)
_HEARSAY = re.compile(
    r"(?<![\w-])(?:ar|s-ar|l-ar|i-ar|le-ar|ne-ar|v-ar|m-ar|te-ar|și-ar|o-ar|ți-ar)"
    r"\s+fi\s+(?:fost\s+)?(?!fost\b)"
    r"(\w+(?:at|ată|ați|ate|it|ită|iți|ite|ut|ută|uți|ute|ât|âtă|âți|âte|s|să|și|se|pt|ptă))"
    r"(?![\w])"
)  # matched in lower-cased text (see _text.lower)
_PRONOUN_BEFORE = re.compile(r"(?<![\w-])(?:i|mi|ți|ni|vi|li)\s+$", re.IGNORECASE)
_UNIT_PRICE = re.compile(
    r"\s*(?:bucata|kilogramul|litrul|porția|perechea|pe bucată|pe kilogram|pe litru|/kg)",
    re.IGNORECASE,
)
_TERMINAL = (".", "!", "?", "…", ":", ";")
_NAMED_AFTER = re.compile(
    rf"\s+(?:(?:de la|din|ai|ale|al|citați de|citate de)\s+)?[{UPPER_LETTER}]"
)


class CueKind(StrEnum):
    """What an ``anonymous`` cue list of the pack stands for (its ``kind`` field)."""

    ANONYMOUS = "anonymous"  # unnamed sources: "surse din anchetă"
    RUMOUR = "rumour"  # "se pare că", "se zvonește"
    VAGUE = "vague"  # "experții spun"
    IMPERSONAL = "impersonal"  # "se estimează", "există temeri"


@dataclass(frozen=True)
class AttributionData:
    """Compiled cue lists. Patterns of case-insensitive cues are matched in lower-cased
    text (``source`` also without diacritics); ``*_words`` are the required words of
    a pattern (see _text.required_words), a cheap test before a regex pass."""

    source: LazyPattern
    anonymous: tuple[tuple[CueKind, LazyPattern, tuple[str, ...]], ...]
    outlets: LazyPattern | None
    title_before: LazyPattern | None
    figure: LazyPattern
    any_figure: LazyPattern  # matches where one of the figure patterns matches
    figure_in_context: LazyPattern | None
    figure_context: LazyPattern | None
    percent: LazyPattern | None
    percent_context: LazyPattern | None
    allegation: LazyPattern | None
    hearsay_not: LazyPattern | None
    allegation_words: tuple[str, ...] = ("",)
    # claims stated as fact (step 2c): (kind, pattern) pairs, their required pieces,
    # the figures that are claims, what to ask for each kind, what makes a sentence
    # no claim
    claims: tuple[tuple[str, LazyPattern, tuple[str, ...]], ...] = ()
    claim_words: tuple[str, ...] = ()
    claim_figure: LazyPattern | None = None
    claim_asks: dict[str, str] = field(default_factory=dict)
    claim_not: LazyPattern | None = None

    def warm_up(self) -> None:
        """Compile every cue pattern now (they compile on first use: LazyPattern)."""
        singles = (self.source, self.outlets, self.title_before, self.figure, self.any_figure)
        more = (self.figure_in_context, self.figure_context, self.percent, self.percent_context)
        rest = (self.allegation, self.hearsay_not, self.claim_figure, self.claim_not)
        listed = [a[1] for a in self.anonymous] + [c[1] for c in self.claims]
        for pattern in (*singles, *more, *rest, *listed):
            if pattern is not None:
                _ = pattern.compiled


def _phrases(where: str, value: object) -> list[str]:
    out = []
    for phrase in string_list(PACK, where, value):
        for p in expand(phrase):
            if not p:
                continue
            out.append(p)
            head, _, rest = p.partition(" ")
            if head in ("a", "au") and rest:
                out.append(f"{head} mai {rest}")  # "a mai spus", "au mai precizat"
    return out


def _regex(phrases: list[str], case: bool = False) -> LazyPattern:
    """Whole-word matcher for ``phrases`` ("*" = any ending), trie-shaped.

    Without ``case`` the phrases are lower-cased and the pattern is meant for text
    lower-cased by :func:`_text.lower` (the same matches as re.IGNORECASE, faster)."""
    if not case:
        phrases = [p.lower() for p in phrases]
    body = trie_pattern(sorted(set(phrases)), sep=r"\s+").replace(r"\*", r"\w*")
    return LazyPattern(rf"(?<![\w-])(?:{body})(?![\w])")


# How every figure pattern starts: a digit that does not continue a number or a
# word (the digit comes before the look-behind so that ``re`` can skip ahead to a
# digit), then the rest of the number. The whole tail (possessive) matches the same
# spans as the plain one when no word after a number starts with a digit, "." or ",":
# a shorter number would leave one of those where the next word should start, so
# backtracking into it, which the plain tail does at every date and year, never
# matches.
_NUMBER_HEAD = r"\d(?<![\w.,]\d)"
_NUMBER_TAIL = r"[\d.,]*\d?"
_WHOLE_NUMBER_TAIL = r"[\d.,]*+"


def _any_of(patterns: list[str]) -> LazyPattern:
    """A pattern that matches where one of ``patterns`` (which all start with
    ``_NUMBER_HEAD``) matches, for a yes/no test. The shared head is written once,
    before the alternation, so that ``re`` skips ahead to the next digit instead of
    trying the alternation at every position."""
    assert all(p.startswith(_NUMBER_HEAD) for p in patterns)
    rests = "|".join(f"(?:{p[len(_NUMBER_HEAD) :]})" for p in patterns)
    return LazyPattern(f"{_NUMBER_HEAD}(?:{rests})")


def _whole_numbers(phrases: Iterable[str]) -> bool:
    """True when no phrase starts with a digit, "." or ",": figures may then use
    ``_WHOLE_NUMBER_TAIL``."""
    return not any(p[:1] in ".," or p[:1].isdecimal() for p in phrases)


def _number_then(number: str, phrases: list[str]) -> LazyPattern:
    """``number`` followed by one of ``phrases`` (matched in lower-cased text)."""
    body = trie_pattern(sorted({p.lower() for p in phrases}), sep=r"\s+")
    return LazyPattern(rf"{number}\s*(?:{body})(?![\w])")


def _anonymous_cues() -> tuple[tuple[CueKind, LazyPattern, tuple[str, ...]], ...]:
    """The pack's ``anonymous`` lists: (kind, pattern, required pieces) each."""
    anonymous = []
    for i, entry in enumerate(entry_list(PACK, "anonymous")):
        check_fields(PACK, "anonymous", i, entry, {"kind", "cues"})
        name = text_field(PACK, "anonymous", i, entry, "kind")
        if name not in CueKind.__members__.values():
            kinds = ", ".join(CueKind)
            raise PackError(
                f"{pack_path(PACK)}: anonymous[{i}]: 'kind' {name!r} nu e unul din {kinds}"
            )
        cues = _phrases(f"anonymous[{i}].cues", entry.get("cues"))
        if not cues:
            raise PackError(f"{pack_path(PACK)}: anonymous[{i}]: lipsește câmpul 'cues'")
        pieces = required_pieces([c.lower() for c in cues])
        anonymous.append((CueKind(name), _regex(cues), pieces))
    return tuple(anonymous)


@cache
def attribution_data() -> AttributionData:
    data = pack_mapping(PACK)
    source = _phrases("source_cues", data.get("source_cues"))
    if not source:
        raise PackError(f"{pack_path(PACK)}: lista 'source_cues' lipsește sau e goală")
    outlets = _phrases("outlets", data.get("outlets"))
    titles = _phrases("title_cues", data.get("title_cues"))
    title_re = trie_pattern(sorted(set(titles)), sep=r"\s+") if titles else ""
    units = _phrases("figure_units", data.get("figure_units"))
    if not units:
        raise PackError(f"{pack_path(PACK)}: lista 'figure_units' lipsește sau e goală")
    multipliers = [
        m.lower() for m in _phrases("figure_multipliers", data.get("figure_multipliers"))
    ]
    # Figures and percentages are matched in lower-cased text (see _text.lower).
    mult_re = "|".join(map(re.escape, sorted(set(multipliers), key=lambda m: (-len(m), m))))
    mult_part = rf"(?:\s+(?:{mult_re}))*" if mult_re else ""
    contextual = _phrases("figure_units_in_context", data.get("figure_units_in_context"))
    percents = _phrases("percent_units", data.get("percent_units"))
    whole = _whole_numbers([*units, *contextual, *percents, *multipliers])
    number = _NUMBER_HEAD + (_WHOLE_NUMBER_TAIL if whole else _NUMBER_TAIL)
    figure = _number_then(number + mult_part, units)
    figure_in_context = _number_then(number + mult_part, contextual) if contextual else None
    figure_context = _phrases("figure_context", data.get("figure_context"))
    percent = _number_then(number, percents) if percents else None
    context = _phrases("percent_context", data.get("percent_context"))
    allegations = _phrases("allegations", data.get("allegations"))
    hearsay_not = _phrases("hearsay_not_with", data.get("hearsay_not_with"))
    figures = [p.pattern for p in (figure, figure_in_context, percent) if p is not None]
    return AttributionData(
        source=_regex([plain(p) for p in source]),
        anonymous=_anonymous_cues(),
        outlets=_regex(outlets, case=True) if outlets else None,
        title_before=LazyPattern(rf"(?<![\w-])(?:{title_re})\s*$", re.IGNORECASE)
        if titles
        else None,
        figure=figure,
        any_figure=_any_of(figures),
        figure_in_context=figure_in_context,
        figure_context=_regex(figure_context) if figure_context else None,
        percent=percent,
        percent_context=_regex(context) if context else None,
        allegation=_regex(allegations) if allegations else None,
        hearsay_not=_regex(hearsay_not) if hearsay_not else None,
        allegation_words=required_pieces([a.lower() for a in allegations]),
        **_claim_fields(data, number + mult_part),
    )


def _claim_fields(data: dict[str, Any], number: str) -> dict[str, Any]:
    """The fields of :class:`AttributionData` for claims stated as fact (step 2c);
    ``number`` is the figure patterns' number with its multipliers."""
    claims, claim_words, claim_asks = _claims()
    units = _phrases("claim_figure_units", data.get("claim_figure_units"))
    not_with = _phrases("claim_not_with", data.get("claim_not_with"))
    return {
        "claims": claims,
        "claim_words": claim_words,
        "claim_figure": _number_then(number, units) if units else None,
        "claim_asks": claim_asks,
        "claim_not": _regex(not_with) if not_with else None,
    }


def _claims() -> tuple[
    tuple[tuple[str, LazyPattern, tuple[str, ...]], ...], tuple[str, ...], dict[str, str]
]:
    """The pack's ``claims``: (kind, pattern) pairs, the required pieces of all their
    cues (a cheap gate) and the question each kind asks."""
    claims = []
    asks = {}
    every: list[str] = []
    for i, entry in enumerate(entry_list(PACK, "claims")):
        check_fields(PACK, "claims", i, entry, {"kind", "ask", "cues"})
        kind = text_field(PACK, "claims", i, entry, "kind")
        asks[kind] = text_field(PACK, "claims", i, entry, "ask")
        cues = _phrases(f"claims[{i}].cues", entry.get("cues"))
        if not cues:
            raise PackError(f"{pack_path(PACK)}: claims[{i}]: lipsește câmpul 'cues'")
        lowered = [c.lower() for c in cues]
        claims.append((kind, _regex(cues), required_pieces(lowered)))
        every += lowered
    return tuple(claims), required_pieces(every) if every else (), asks


# -- analysis of one paragraph ---------------------------------------------------


class Target(StrEnum):
    """Which of the two rules a candidate belongs to (the rule id's second part)."""

    MISSING = "missing"
    ANONYMOUS = "anonymous"


class What(StrEnum):
    """What a candidate is: the neighbour and previous-sentence checks depend on it."""

    QUOTE = "quote"
    CLAIM = "claim"
    HEARSAY = "hearsay"
    OTHER = "other"  # a figure, an accusation, an anonymous source


@dataclass(frozen=True)
class Candidate:
    rule: Target
    start: int
    end: int
    message: str
    sentence: int  # index of the sentence holding it
    kind: What = What.OTHER


class Analysis:
    """Candidates of one paragraph, and where its sources are (asked only by the
    neighbours of a candidate, so computed on first use for most paragraphs)."""

    __slots__ = ("_sources", "_text", "candidates")

    def __init__(
        self,
        candidates: tuple[Candidate, ...],
        text: str,
        sources: tuple[int, bool, bool, bool] | None = None,
    ) -> None:
        self.candidates = candidates
        self._text = text
        self._sources = sources

    def _summary(self) -> tuple[int, bool, bool, bool]:
        if self._sources is None:
            self._sources = _source_summary(fold_cedilla(self._text), attribution_data())
        return self._sources

    @property
    def sentences(self) -> int:
        return self._summary()[0]

    @property
    def first_has_source(self) -> bool:
        return self._summary()[1]

    @property
    def last_has_source(self) -> bool:
        return self._summary()[2]

    @property
    def has_source(self) -> bool:
        return self._summary()[3]


def _sentences(text: str) -> list[tuple[int, int]]:
    spans = []
    start = 0
    for m in _SENTENCE_END.finditer(text):
        last = _LAST_WORD.search(text, max(0, m.start() - 12), m.start() + 1)
        if last and (len(last.group(1)) == 1 or last.group(1).lower() in _ABBREVIATIONS):
            continue  # "dl. Popescu", "A. Ionescu", "nr. 5"
        spans.append((start, m.end()))
        start = m.end()
    if start < len(text):
        spans.append((start, len(text)))
    return spans


def _quotes(text: str) -> list[tuple[int, int]]:
    """Outermost quote spans (open mark, close mark + 1) in ``text``."""
    spans = []
    stack: list[int] = []
    for m in QUOTE_MARKS.finditer(text):
        pos = m.start()
        role = mark_role(text, pos)
        if role == UNKNOWN:
            role = CLOSE if stack else OPEN
        if role == OPEN:
            stack.append(pos)
        elif stack:
            start = stack.pop()
            if not stack:
                spans.append((start, m.end()))
    if stack:  # a quote still open at the end of the paragraph runs to its end
        spans.append((stack[0], len(text)))
    return spans


_OPENS_SENTENCE = re.compile(r"[\s—–-]*$")
_INNER_STOP = re.compile(r"[.!?…]")
_LIST_ITEM = re.compile(r"\s*(?:\d+[.)]|[-•*–])\s")


def _speech_like(
    text: str,
    sentences: list[tuple[int, int]],
    qs: int,
    qe: int,
    inner: str,
    bounds: tuple[int, int] | None = None,
) -> bool:
    """A quoted statement left unattributed: it opens its sentence with a capital,
    holds a full sentence (a stop inside), is not followed by a comma (the speaker
    would come next) and shares its paragraph with other text (a paragraph that is
    only a quote continues a speaker named earlier); not a title in a list or a term.
    ``bounds``: :func:`_text_bounds` of ``text``, computed once per paragraph."""
    s, _ = sentences[_index(sentences, qs)]
    if not _OPENS_SENTENCE.match(text, s, qs) or _LIST_ITEM.match(text, s):
        return False
    if not inner[:1].isupper() or text.startswith(",", qe):
        return False  # „…”, <anything>: Romanian attributes a quote after a comma
    lead, tail = _text_bounds(text) if bounds is None else bounds
    if qs <= lead and qe >= tail:
        return False  # a paragraph that is only a quote continues an earlier speaker
    return _INNER_STOP.search(inner) is not None


def _text_bounds(text: str) -> tuple[int, int]:
    """Where ``text`` starts after white space and ends before white space, dots and
    line breaks: ``text[:i].strip()`` is empty iff i <= start, ``text[j:].strip(" .\\n")``
    iff j >= end (no slicing per quote: a paragraph may hold thousands)."""
    return len(text) - len(text.lstrip()), len(text.rstrip(" .\n"))


def _index(spans: list[tuple[int, int]], pos: int) -> int:
    """Index of the span holding ``pos`` (spans are sorted and contiguous)."""
    return max(0, bisect_right(spans, (pos, _BIG)) - 1)


def _heading_like(text: str) -> bool:
    stripped = text.rstrip()
    return (
        not stripped.endswith((".", "!", "?", "…", "”", '"', "»", ":", ";"))
        and len(_WORDS.findall(stripped)) < 16
    )


def _short(text: str, limit: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


# Every hearsay match holds "ar", spaces, "fi" and a space (see _HEARSAY).
_HEARSAY_HINT = re.compile(r"ar\s+fi\s")


def _may_match(text: str, pieces: tuple[str, ...]) -> bool:
    """False when ``text`` holds none of ``pieces`` (see _text.required_pieces)."""
    return any(map(text.__contains__, pieces))


def _source_summary(
    folded: str,
    data: AttributionData,
    low: str | None = None,
    sentences: list[tuple[int, int]] | None = None,
) -> tuple[int, bool, bool, bool]:
    """(sentence count, first/last sentence has a source, any sentence has one)."""
    if sentences is None:
        sentences = _sentences(folded)
    if not sentences:
        return (0, False, False, False)
    has = [False] * len(sentences)
    for m in data.source.finditer(plain_lower(lower(folded) if low is None else low)):
        has[_index(sentences, m.start())] = True
    return (len(sentences), has[0], has[-1], any(has))


class _Paragraph:
    """One paragraph as every step of :func:`analyse` reads it: its folded and
    lower-cased text (the block analysis's), its sentences and quotes (both split on
    first use)."""

    def __init__(self, block: BlockAnalysis) -> None:
        self.folded = block.folded
        self.low = block.low  # the case-insensitive patterns are matched here
        self.with_marks = has_marks(self.folded)
        self._sentences: list[tuple[int, int]] | None = None
        self._quotes: list[tuple[int, int]] | None = None
        self._bare: str | None = None

    @property
    def sentences(self) -> list[tuple[int, int]]:
        if self._sentences is None:
            self._sentences = _sentences(self.folded)
        return self._sentences

    @property
    def quotes(self) -> list[tuple[int, int]]:
        if self._quotes is None:
            self._quotes = _quotes(self.folded) if self.with_marks else []
        return self._quotes

    @property
    def bare(self) -> str:
        """``low`` without diacritics."""
        if self._bare is None:
            self._bare = plain_lower(self.low)
        return self._bare

    def index(self, pos: int) -> int:
        return _index(self.sentences, pos)

    def in_quote(self, pos: int) -> bool:
        quotes = self.quotes
        i = bisect_right(quotes, (pos, _BIG)) - 1
        return i >= 0 and quotes[i][0] <= pos < quotes[i][1]

    def sentence_text(self, i: int) -> str:
        s, e = self.sentences[i]
        return self.folded[s:e]


def _quote_candidates(p: _Paragraph, data: AttributionData) -> list[Candidate]:
    """Step 1: direct quotes of a full sentence with no speaker next to them."""
    found = []
    bounds = None
    for qs, qe in p.quotes:
        folded = p.folded
        if qe == len(folded) and not QUOTE_MARKS.match(folded, qe - 1):
            continue  # still open: continues in the next paragraph
        inner = folded[qs + 1 : qe - 1]
        if len(_WORDS.findall(inner)) < _MIN_QUOTE_WORDS:
            continue
        before = folded[max(0, qs - 60) : qs]
        if _COLON_BEFORE.search(before):
            continue  # "Popescu: „…”" / "a mai adăugat: „…”"
        if data.title_before is not None and data.title_before.search(before):
            continue  # campania „…”, filmul „…”
        if _SPEECH_AFTER.match(folded, qe):
            continue  # „…”, a explicat ministrul
        if bounds is None:
            bounds = _text_bounds(folded)
        if not _speech_like(folded, p.sentences, qs, qe, inner, bounds):
            continue  # a title, a term or a fragment: not a statement
        message = (
            f"Citat fără sursă: nu reiese cine a spus „{_short(inner)}”; "
            "adăugați vorbitorul (de ex. „a declarat X”)"
        )
        found.append(Candidate(Target.MISSING, qs, qe, message, p.index(qs), What.QUOTE))
    return found


def _figure_candidates(p: _Paragraph, data: AttributionData, seen: set[int]) -> list[Candidate]:
    """Step 2a: figures about events (victims, troops, money in a crime, polls)."""
    found = []
    for m in _figures(p.low, lambda: p.sentences, data):
        i = p.index(m.start())
        if i in seen or p.in_quote(m.start()) or _UNIT_PRICE.match(p.folded, m.end()):
            continue  # a price seen in a shop is the reporter's own observation
        seen.add(i)
        figure = _short(p.folded[m.start() : m.end()])
        message = (
            f"Cifră fără sursă: „{figure}” — potrivit cui? Adăugați sursa (de ex. „potrivit …”)"
        )
        found.append(Candidate(Target.MISSING, m.start(), m.end(), message, i))
    return found


_DIGIT = re.compile(r"\d")
_ACCUSER_NAMED = re.compile(rf"\s+de\s+(?:către\s+)?(?:[{UPPER_LETTER}]|procurori|anchetatori)")


def _allegation_candidates(p: _Paragraph, data: AttributionData, seen: set[int]) -> list[Candidate]:
    """Step 2b: passive accusations with no accuser ("este acuzat de…")."""
    found: list[Candidate] = []
    if data.allegation is None:
        return found
    for m in data.allegation.finditer(p.low):
        i = p.index(m.start())
        if i in seen or p.in_quote(m.start()):
            continue
        if _ACCUSER_NAMED.match(p.folded[m.end() : m.end() + 40]):
            continue  # the accuser is named
        seen.add(i)
        phrase = _short(p.folded[m.start() : m.end()])
        message = f"Acuzație fără sursă: „{phrase}” — cine acuză? Adăugați sursa"
        found.append(Candidate(Target.MISSING, m.start(), m.end(), message, i))
    return found


def _claim_candidates(p: _Paragraph, data: AttributionData, seen: set[int]) -> list[Candidate]:
    """Step 2c: facts that need a source stated as fact — deaths, casualty counts,
    criminal-case facts, weather warnings, agentless decisions and figures (rubric §9).

    One candidate per sentence, at its first cue; a question, a quote, a condition or
    a plan ("ar putea", "dacă") is not a claim."""
    found: list[Candidate] = []
    hits: list[tuple[int, int, str]] = []
    for kind, pattern, pieces in data.claims:
        if _may_match(p.low, pieces):  # a cheap substring test before the regex scan
            hits.extend((m.start(), m.end(), kind) for m in pattern.finditer(p.low))
    if data.claim_figure is not None:
        for m in data.claim_figure.finditer(p.low):
            if not _UNIT_PRICE.match(p.folded, m.end()):
                hits.append((m.start(), m.end(), "cifră"))
    for start, end, kind in sorted(hits):
        i = p.index(start)
        if i in seen or p.in_quote(start):
            continue
        sentence = p.sentence_text(i)
        not_claim = data.claim_not is not None and data.claim_not.search(lower(sentence))
        if sentence.rstrip().endswith("?") or not_claim:
            continue
        seen.add(i)
        message = _claim_message(kind, data.claim_asks.get(kind), p.folded[start:end])
        found.append(Candidate(Target.MISSING, start, end, message, i, What.CLAIM))
    return found


def _claim_message(kind: str, ask: str | None, phrase: str) -> str:
    """ "Deces fără sursă: „a murit” — cine confirmă …?": what claim, which source."""
    return f"{kind.capitalize()} fără sursă: „{_short(phrase)}” — {ask or 'potrivit cui?'}"


def _anonymous_candidates(
    p: _Paragraph,
    data: AttributionData,
    anonymous: list[tuple[CueKind, LazyPattern]],
    flagged: set[int],
) -> list[Candidate]:
    """Step 3: unnamed sources, rumour and vague sources, one per sentence."""
    found = []
    for kind, pattern in anonymous:
        for m in pattern.finditer(p.low):
            i = p.index(m.start())
            if i in flagged or p.in_quote(m.start()):
                continue
            after = p.folded[m.end() : m.end() + 80]
            if data.outlets is not None and data.outlets.search(after):
                continue  # "surse citate de Reuters", "surse Digi24": a relayed report
            if kind == CueKind.VAGUE and _NAMED_AFTER.match(after):
                continue  # "experții de la ANM", "specialiștii Băncii Mondiale"
            if kind == CueKind.RUMOUR and (
                _named_preposition(p.bare, p.sentences[i], m.span(), data)
                or _PRONOUN_BEFORE.search(p.folded, max(0, m.start() - 4), m.start())
            ):
                continue  # "cum i se pare că": an opinion, not a rumour
            if kind == CueKind.IMPERSONAL and _source_elsewhere(p, i, m.span(), data):
                continue  # "… sunt așteptate să scadă, a relatat TF1": the source is named
            flagged.add(i)
            message = _anonymous_message(kind, p.folded[m.start() : m.end()])
            found.append(Candidate(Target.ANONYMOUS, m.start(), m.end(), message, i))
    return found


def _hearsay_candidates(p: _Paragraph, data: AttributionData, flagged: set[int]) -> list[Candidate]:
    """Step 4: the reportative "ar fi primit" with no named source."""
    found = []
    excluded: dict[int, bool] = {}  # sentences that are questions or conditions
    for m in _HEARSAY.finditer(p.low):
        i = p.index(m.start())
        if i in flagged or p.in_quote(m.start()):
            continue
        if i not in excluded:  # by sentence: looked at once (linear time)
            s, e = p.sentences[i]
            excluded[i] = p.folded[s:e].rstrip().endswith("?") or (
                data.hearsay_not is not None and data.hearsay_not.search(p.low[s:e]) is not None
            )
        if excluded[i] or m.group(1).endswith(("ct", "nt", "st")):
            continue  # corect, important, just: adjectives, not participles
        flagged.add(i)
        phrase = p.folded[m.start() : m.end()]
        message = f"Prezumtiv fără sursă: „{phrase}” prezintă un zvon ca informație — potrivit cui?"
        found.append(Candidate(Target.ANONYMOUS, m.start(), m.end(), message, i, What.HEARSAY))
    return found


def analyse(block: BlockAnalysis, data: AttributionData) -> Analysis:
    """Candidates of one paragraph (its block analysis), step by step.

    Each step runs only when the paragraph holds what its patterns need (a quote
    mark, a digit, a required word), so most paragraphs cost a few cheap tests. The
    sources of the paragraph (which clear quotes, figures, claims and hearsay) are
    looked for only when one of those was found, or later when a neighbour asks."""
    text = block.text
    if not text or _heading_like(block.folded):
        return Analysis((), text)
    p = _Paragraph(block)
    low = p.low
    has_figures = data.any_figure.search(low) is not None  # the three patterns at once
    has_allegation = data.allegation is not None and _may_match(low, data.allegation_words)
    anonymous = [
        (kind, pat) for kind, pat, need in data.anonymous if any(map(low.__contains__, need))
    ]
    has_hearsay = _HEARSAY_HINT.search(low) is not None
    has_claims = _may_match(low, data.claim_words) or (
        data.claim_figure is not None and _DIGIT.search(low) is not None
    )
    if not (
        p.with_marks or has_figures or has_allegation or anonymous or has_hearsay or has_claims
    ):
        return Analysis((), text)
    seen: set[int] = set()  # sentences holding a "missing" candidate
    candidates = _quote_candidates(p, data) if p.with_marks else []
    if has_figures:
        candidates += _figure_candidates(p, data, seen)
    if has_allegation:
        candidates += _allegation_candidates(p, data, seen)
    flagged: set[int] = set()  # sentences holding an "anonymous" candidate
    unnamed = _anonymous_candidates(p, data, anonymous, flagged) if anonymous else []
    hearsay = _hearsay_candidates(p, data, flagged) if has_hearsay else []
    if has_claims:
        seen |= flagged  # an anonymous cue already speaks for its sentence
        candidates += _claim_candidates(p, data, seen)
    summary = None
    if candidates or hearsay:
        summary = _source_summary(p.folded, data, low, p.sentences)
        if summary[3]:  # a source in the paragraph clears quotes, figures and hearsay
            candidates, hearsay = [], []
    ordered = sorted((*candidates, *unnamed, *hearsay), key=lambda c: c.start)
    return Analysis(tuple(ordered), text, summary)


def _figures(
    text: str, sentences: Callable[[], list[tuple[int, int]]], data: AttributionData
) -> list[re.Match[str]]:
    """Figures about events: people and money always, percentages in news context
    (``text`` lower-cased; ``sentences`` gives its sentence spans, asked only for a
    figure that needs its context)."""
    found = list(data.figure.finditer(text))
    for pattern, context in (
        (data.figure_in_context, data.figure_context),
        (data.percent, data.percent_context),
    ):
        if pattern is None:
            continue
        in_context: dict[int, bool] = {}  # by sentence: searched once (linear time)
        for m in pattern.finditer(text):
            i = _index(sentences(), m.start())
            if i not in in_context:
                s, e = sentences()[i]
                in_context[i] = context is None or context.search(text, s, e) is not None
            if in_context[i]:
                found.append(m)
    return sorted(found, key=lambda m: m.start())


def _named_preposition(
    text: str, sentence: tuple[int, int], span: tuple[int, int], data: AttributionData
) -> bool:
    """A rumour phrase in a sentence that also says who reports it ("potrivit X");
    ``text`` is lower-cased and without diacritics."""
    s, e = sentence
    for m in data.source.finditer(text, s, e):
        if m.start() >= span[1] or m.end() <= span[0]:
            word = m.group()
            if word.startswith(("potrivit", "conform", "citat", "în opinia", "după spusele")):
                return True
    return False


def _source_elsewhere(p: _Paragraph, i: int, span: tuple[int, int], data: AttributionData) -> bool:
    """Sentence ``i`` names a source outside ``span`` (the cue itself)."""
    s, e = p.sentences[i]
    return any(
        m.start() >= span[1] or m.end() <= span[0] for m in data.source.finditer(p.bare, s, e)
    )


def _anonymous_message(kind: CueKind, phrase: str) -> str:
    if kind == CueKind.ANONYMOUS:
        return f"Sursă anonimă: „{_short(phrase)}” — numiți sursa sau spuneți de ce rămâne anonimă"
    if kind == CueKind.RUMOUR:
        return f"Zvon fără sursă: „{_short(phrase)}” — potrivit cui? Adăugați sursa"
    if kind == CueKind.IMPERSONAL:
        return f"Formulare impersonală: „{_short(phrase)}” — cine o spune? Numiți sursa"
    return f"Sursă vagă: „{_short(phrase)}” — care anume? Numiți-i"


_ANALYSIS = ("attribution", "analysis")  # the key of a paragraph's Analysis (derive)


def _analyse_block(block: BlockAnalysis) -> Analysis:
    return analyse(block, attribution_data())


class _Analyses:
    """The attribution analysis of a document's paragraphs by block index, kept on
    the engine's block analyses: both rules and every later check of the same
    paragraph read the one computed first."""

    __slots__ = ("_blocks",)

    def __init__(self, view: DocumentAnalysis) -> None:
        self._blocks = view.blocks

    def __call__(self, k: int) -> Analysis:
        return self._blocks[k].derive(_ANALYSIS, _analyse_block)


def _findings(view: DocumentAnalysis, which: Target) -> Iterable[Finding]:
    doc = view.doc
    texts = doc.block_texts
    analysis = _Analyses(view)
    for k, block in enumerate(doc.blocks):
        if block.kind not in _KINDS:
            continue
        text = texts[k]
        result = analysis(k)
        for c in result.candidates:
            if c.rule != which or not _in_sentence_line(text, c.start):
                continue
            if which == Target.MISSING and _neighbour_source(doc, k, c, result, analysis):
                continue
            hearsay_first = c.kind == What.HEARSAY and c.sentence == 0
            if hearsay_first and _previous_sentence_sourced(doc, k, analysis):
                continue  # "…, se arată în rechizitoriu. / X ar fi primit …"
            yield Finding(block.start + c.start, block.start + c.end, c.message)


def _in_sentence_line(text: str, pos: int) -> bool:
    """False for a line that is not prose (a heading, a teaser, a list of titles)."""
    end = text.find("\n", pos)
    line_end = text[: len(text) if end < 0 else end].rstrip().rstrip(CLOSING_MARKS)
    return line_end.endswith(_TERMINAL)


def _after_teaser_headline(doc: Document, block: Block) -> bool:
    """``block`` is the headline of a teaser (a related block printing a headline twice,
    as text and as link: the paragraph after it sums up the linked article)."""
    if block.kind not in RELATED_KINDS or block.related_group is None:
        return False
    texts = [doc.block_text(b) for b in doc.related[block.related_group].items]
    return any(looks_like_duplicate(a, b) for a, b in pairwise(texts))


def _previous_sentence_sourced(doc: Document, k: int, analysis: _Analyses) -> bool:
    """The sentence just before block ``k`` (the last of the body paragraph right
    before it) names a source; after an intertitle there is no sentence before."""
    if k == 0 or doc.blocks[k - 1].kind not in _KINDS:
        return False
    return analysis(k - 1).last_has_source


def _quote_covered(
    doc: Document, k: int, c: Candidate, result: Analysis, analysis: _Analyses
) -> bool:
    """A quote continues a speaker named nearby: the first sentence of the next
    paragraph (when the quote ends its own), a quote in the paragraph before or
    after (a run of quotes from one speaker), a paragraph before ending with ":"."""
    blocks, texts = doc.blocks, doc.block_texts
    if (
        k + 1 < len(blocks)
        and blocks[k + 1].kind in _KINDS
        and c.sentence == result.sentences - 1
        and analysis(k + 1).first_has_source
    ):
        return True
    for j in (k - 1, k + 1):
        if 0 <= j < len(blocks) and blocks[j].kind in _KINDS:
            around = texts[j]
            if has_marks(around) or (j == k - 1 and around.rstrip().endswith(":")):
                return True
    return False


def _neighbour_source(
    doc: Document, k: int, c: Candidate, result: Analysis, analysis: _Analyses
) -> bool:
    """A source in the neighbouring paragraphs that covers candidate ``c`` of block ``k``.

    A claim (step 2c) follows the rubric's window: its own paragraph (already
    checked) and the sentence just before. A quote is covered as
    :func:`_quote_covered` says, or by any source before it (a speaker once named
    goes on speaking); a figure or an accusation by the next sentence or a source
    in the three body paragraphs before ("Potrivit INS, …" then paragraphs of
    figures)."""
    if c.kind == What.CLAIM:
        if k > 0 and _after_teaser_headline(doc, doc.blocks[k - 1]):
            return True  # the teaser of a linked article: that article's claim, not ours
        return c.sentence == 0 and _previous_sentence_sourced(doc, k, analysis)
    blocks = doc.blocks
    quote = c.kind == What.QUOTE
    if quote and _quote_covered(doc, k, c, result, analysis):
        return True
    if (
        not quote
        and c.sentence == result.sentences - 1
        and k + 1 < len(blocks)
        and blocks[k + 1].kind in _KINDS
        and analysis(k + 1).first_has_source
    ):
        return True  # the source comes in the next sentence
    seen = 0
    for j in range(k - 1, -1, -1):
        if blocks[j].kind not in _KINDS:
            continue
        if analysis(j).has_source:
            return True
        seen += 1
        if seen == _LOOKBACK and not quote:
            break
    return False


class MissingSource(Rule):
    id = "attribution/missing"
    severity = Severity.WARNING
    scope = Scope.DOCUMENT
    doc = RuleDoc(
        summary="citat, cifră sau acuzație fără sursă",
        what="Semnalează un citat direct de câteva cuvinte fără vorbitor în frază, în fraza "
        "dinainte sau de după ori în paragraf; o cifră despre evenimente (militari, "
        "victime, bani, procente) sau o acuzație la pasiv („este acuzat de…”) fără sursă "
        "în frază sau în paragraf. Titlurile, intertitlurile și blocurile de articole "
        "recomandate nu sunt verificate.",
        why="Manualul Reuters: „atribuiți fiecare afirmație care nu este un fapt stabilit”. "
        "Cititorul trebuie să știe cine spune și de unde vine cifra; o cifră fără sursă "
        "devine afirmația redacției.",
        fix_safety="Fără corectare automată: doar redactorul știe sursa.",
    )
    examples = (
        Example(
            "Inundații în vest\n\nApele au rupt digul în noaptea de marți. Peste ⟦300 de "
            "persoane⟧ au fost evacuate din satele din apropiere.",
            bad=True,
        ),
        Example(
            "Inundații în vest\n\nLocalnicii s-au strâns ieri în fața primăriei. ⟦„Vom "
            "reconstrui fiecare casă. Nimeni nu rămâne pe drumuri.”⟧",
            bad=True,
        ),
        Example(
            "Furtuna de aseară\n\nVântul a smuls acoperișuri în tot județul. Peste ⟦40 de "
            "persoane⟧ au fost evacuate din satele de pe vale.",
            bad=True,
        ),
        Example(
            "Inundații în vest\n\nPotrivit ISU, peste 300 de persoane au fost evacuate. "
            "„Vom reconstrui fiecare casă”, a declarat primarul.",
            bad=False,
        ),
        Example(
            "Inundații în vest\n\nPrimarul Ion Vlad: „Vom reconstrui fiecare casă distrusă "
            "de ape.”",
            bad=False,
        ),
        Example(
            "Inundații în vest\n\nȘcoala a lansat campania „Fiecare copil contează pentru "
            "noi” luna trecută.",
            bad=False,
        ),
    )

    def check_analysis(self, doc: DocumentAnalysis) -> Iterable[Finding]:
        attribution_data()  # validate the pack even on documents without candidates
        return _findings(doc, Target.MISSING)

    def warm_up(self) -> None:
        attribution_data().warm_up()


class AnonymousSource(Rule):
    id = "attribution/anonymous"
    severity = Severity.INFO
    scope = Scope.DOCUMENT
    doc = RuleDoc(
        summary="surse anonime, zvonuri, surse vagi, prezumtiv fără sursă",
        what="Semnalează afirmațiile puse pe seama unor surse nenumite („surse din "
        "anchetă”, „pe surse”), a zvonului („se pare că”, „se vehiculează”), a unor "
        "surse vagi („experții spun”, „studiile arată”) și prezumtivul fără sursă („ar fi "
        "primit”, „s-ar fi întâlnit”).",
        why="Sursele anonime sunt cele mai slabe (Manualul Reuters): cititorul nu poate "
        "cântări informația. Prezumtivul „ar fi + participiu” prezintă un zvon ca știre; "
        "fără sursă, nimeni nu răspunde pentru el.",
        fix_safety="Fără corectare automată: doar redactorul știe sursa.",
    )
    examples = (
        Example(
            "Remaniere\n\n⟦Surse din⟧ coaliție spun că ministrul pleacă luna viitoare.", bad=True
        ),
        Example("Remaniere\n\n⟦Se pare că⟧ ministrul pleacă luna viitoare.", bad=True),
        Example("Remaniere\n\nFostul director ⟦ar fi primit⟧ bani pentru contract.", bad=True),
        Example(
            "Taxe noi\n\n⟦Surse din⟧ minister spun că taxa pe clădiri crește de la anul.\n\n"
            "⟦Se pare că⟧ primăriile au cerut deja bani în plus.",
            bad=True,
        ),
        Example(
            "Remaniere\n\nPotrivit procurorilor, fostul director ar fi primit bani pentru "
            "contract.",
            bad=False,
        ),
        Example(
            "Remaniere\n\nDacă ar fi câștigat alegerile, partidul ar fi format guvernul.",
            bad=False,
        ),
        Example("Remaniere\n\nPotrivit unor surse citate de Reuters, ministrul pleacă.", bad=False),
    )

    def check_analysis(self, doc: DocumentAnalysis) -> Iterable[Finding]:
        attribution_data()
        return _findings(doc, Target.ANONYMOUS)

    def warm_up(self) -> None:
        attribution_data().warm_up()


RULES: list[type[Rule]] = [MissingSource, AnonymousSource]
