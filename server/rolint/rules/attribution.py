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
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from rolint.document import LIST_ITEM, PARAGRAPH
from rolint.rule import Example, Finding, Rule, RuleDoc, Severity
from rolint.rulepacks import PackError, pack_path
from rolint.rules._text import (
    check_fields,
    entry_list,
    fold_cedilla,
    pack_mapping,
    plain,
    string_list,
    text_field,
    trie_pattern,
)
from rolint.rules.quotes import _MARKS, CLOSE, OPEN, UNKNOWN, _role
from rolint.rules.typos import expand

if TYPE_CHECKING:
    from rolint.document import Document

PACK = "attribution"
_KINDS = frozenset({PARAGRAPH, LIST_ITEM})
_MIN_QUOTE_WORDS = 6
_BIG = 1 << 62
_LOOKBACK = 3  # body paragraphs before a figure that may hold its source

# Sentence ends: . ! ? … (optionally a closing quote) then space and a capital,
# a digit or an opening quote. Abbreviations are filtered in _sentences.
_SENTENCE_END = re.compile(r"(?<![.!?…])[.!?…]+[\"”»)]?(?=\s+[\"„“”«(A-ZĂÂÎȘȚ0-9])")
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
    r"|\w+(?:ă|e|ește|ează|i)\s+[A-ZĂÂÎȘȚ])"
)
_HEARSAY = re.compile(
    r"(?<![\w-])(?:ar|s-ar|l-ar|i-ar|le-ar|ne-ar|v-ar|m-ar|te-ar|și-ar|o-ar|ți-ar)"
    r"\s+fi\s+(?:fost\s+)?(?!fost\b)"
    r"(\w+(?:at|ată|ați|ate|it|ită|iți|ite|ut|ută|uți|ute|ât|âtă|âți|âte|s|să|și|se|pt|ptă))"
    r"(?![\w])",
    re.IGNORECASE,
)
_PRONOUN_BEFORE = re.compile(r"(?<![\w-])(?:i|mi|ți|ni|vi|li)\s+$", re.IGNORECASE)
_UNIT_PRICE = re.compile(
    r"\s*(?:bucata|kilogramul|litrul|porția|perechea|pe bucată|pe kilogram|pe litru|/kg)",
    re.IGNORECASE,
)
_TERMINAL = (".", "!", "?", "…", ":", ";")
_NAMED_AFTER = re.compile(r"\s+(?:(?:de la|din|ai|ale|al|citați de|citate de)\s+)?[A-ZĂÂÎȘȚ]")


@dataclass(frozen=True)
class AttributionData:
    source: re.Pattern[str]
    anonymous: tuple[tuple[str, re.Pattern[str]], ...]
    outlets: re.Pattern[str] | None
    title_before: re.Pattern[str] | None
    figure: re.Pattern[str]
    figure_in_context: re.Pattern[str] | None
    figure_context: re.Pattern[str] | None
    percent: re.Pattern[str] | None
    percent_context: re.Pattern[str] | None
    allegation: re.Pattern[str] | None
    hearsay_not: re.Pattern[str] | None


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


def _regex(phrases: list[str], case: bool = False) -> re.Pattern[str]:
    """Whole-word matcher for ``phrases`` ("*" = any ending), trie-shaped."""
    body = trie_pattern(sorted(set(phrases)), sep=r"\s+").replace(r"\*", r"\w*")
    return re.compile(rf"(?<![\w-])(?:{body})(?![\w])", 0 if case else re.IGNORECASE)


@cache
def attribution_data() -> AttributionData:
    data = pack_mapping(PACK)
    source = _phrases("source_cues", data.get("source_cues"))
    if not source:
        raise PackError(f"{pack_path(PACK)}: lista 'source_cues' lipsește sau e goală")
    anonymous = []
    for i, entry in enumerate(entry_list(PACK, "anonymous")):
        check_fields(PACK, "anonymous", i, entry, {"label", "cues"})
        label = text_field(PACK, "anonymous", i, entry, "label")
        cues = _phrases(f"anonymous[{i}].cues", entry.get("cues"))
        if not cues:
            raise PackError(f"{pack_path(PACK)}: anonymous[{i}]: lipsește câmpul 'cues'")
        anonymous.append((label, _regex(cues)))
    outlets = _phrases("outlets", data.get("outlets"))
    titles = _phrases("title_cues", data.get("title_cues"))
    title_re = trie_pattern(sorted(set(titles)), sep=r"\s+") if titles else ""
    units = _phrases("figure_units", data.get("figure_units"))
    if not units:
        raise PackError(f"{pack_path(PACK)}: lista 'figure_units' lipsește sau e goală")
    multipliers = _phrases("figure_multipliers", data.get("figure_multipliers"))
    unit_re = trie_pattern(sorted(set(units)), sep=r"\s+")
    mult_re = "|".join(map(re.escape, sorted(set(multipliers), key=len, reverse=True)))
    mult_part = rf"(?:\s+(?:{mult_re}))*" if mult_re else ""
    number = r"(?<![\w.,])\d[\d.,]*\d?"
    figure = re.compile(rf"{number}{mult_part}\s*(?:{unit_re})(?![\w])", re.IGNORECASE)
    contextual = _phrases("figure_units_in_context", data.get("figure_units_in_context"))
    figure_in_context = None
    if contextual:
        ctx_re = trie_pattern(sorted(set(contextual)), sep=r"\s+")
        figure_in_context = re.compile(
            rf"{number}{mult_part}\s*(?:{ctx_re})(?![\w])", re.IGNORECASE
        )
    figure_context = _phrases("figure_context", data.get("figure_context"))
    percents = _phrases("percent_units", data.get("percent_units"))
    percent = None
    if percents:
        percent_re = trie_pattern(sorted(set(percents)), sep=r"\s+")
        percent = re.compile(rf"{number}\s*(?:{percent_re})(?![\w])", re.IGNORECASE)
    context = _phrases("percent_context", data.get("percent_context"))
    allegations = _phrases("allegations", data.get("allegations"))
    hearsay_not = _phrases("hearsay_not_with", data.get("hearsay_not_with"))
    return AttributionData(
        source=_regex([plain(p) for p in source]),
        anonymous=tuple(anonymous),
        outlets=_regex(outlets, case=True) if outlets else None,
        title_before=re.compile(rf"(?<![\w-])(?:{title_re})\s*$", re.IGNORECASE)
        if titles
        else None,
        figure=figure,
        figure_in_context=figure_in_context,
        figure_context=_regex(figure_context) if figure_context else None,
        percent=percent,
        percent_context=_regex(context) if context else None,
        allegation=_regex(allegations) if allegations else None,
        hearsay_not=_regex(hearsay_not) if hearsay_not else None,
    )


# -- analysis of one paragraph ---------------------------------------------------


@dataclass(frozen=True)
class Candidate:
    rule: str  # "missing" | "anonymous"
    start: int
    end: int
    message: str
    sentence: int  # index of the sentence holding it


@dataclass(frozen=True)
class Analysis:
    candidates: tuple[Candidate, ...]
    sentences: int
    first_has_source: bool
    last_has_source: bool
    has_source: bool


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
    for m in _MARKS.finditer(text):
        pos = m.start()
        role = _role(text, pos)
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


def _speech_like(text: str, sentences: list[tuple[int, int]], qs: int, qe: int, inner: str) -> bool:
    """A quoted statement left unattributed: it opens its sentence with a capital,
    holds a full sentence (a stop inside), is not followed by a comma (the speaker
    would come next) and shares its paragraph with other text (a paragraph that is
    only a quote continues a speaker named earlier); not a title in a list or a term."""
    s, _ = sentences[_index(sentences, qs)]
    if not _OPENS_SENTENCE.match(text, s, qs) or _LIST_ITEM.match(text, s):
        return False
    if not inner[:1].isupper() or text.startswith(",", qe):
        return False  # „…”, <anything>: Romanian attributes a quote after a comma
    if not text[:qs].strip() and not text[qe:].strip(" .\n"):
        return False  # a paragraph that is only a quote continues an earlier speaker
    return _INNER_STOP.search(inner) is not None


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


def analyse(text: str, data: AttributionData) -> Analysis:
    folded = fold_cedilla(text)
    sentences = _sentences(folded)
    if not sentences:
        return Analysis((), 0, False, False, False)
    sources = [m.span() for m in data.source.finditer(plain(folded))]
    has = [False] * len(sentences)
    for s, _ in sources:
        has[_index(sentences, s)] = True
    para_source = any(has)
    candidates: list[Candidate] = []
    quotes = _quotes(folded)
    if _heading_like(folded):
        return Analysis((), len(sentences), has[0], has[-1], para_source)

    def in_quote(pos: int) -> bool:
        i = bisect_right(quotes, (pos, _BIG)) - 1
        return i >= 0 and quotes[i][0] <= pos < quotes[i][1]

    # 1. Quotes with no speaker.
    if not para_source:
        for qs, qe in quotes:
            if qe == len(folded) and not _MARKS.match(folded, qe - 1):
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
            if not _speech_like(folded, sentences, qs, qe, inner):
                continue  # a title, a term or a fragment: not a statement
            candidates.append(
                Candidate(
                    "missing",
                    qs,
                    qe,
                    f"Citat fără sursă: nu reiese cine a spus „{_short(inner)}”; "
                    "adăugați vorbitorul (de ex. „a declarat X”)",
                    _index(sentences, qs),
                )
            )

    # 2. Figures and accusations with no source in the sentence or paragraph.
    if not para_source:
        seen: set[int] = set()
        for m in _figures(folded, sentences, data):
            i = _index(sentences, m.start())
            if i in seen or in_quote(m.start()) or _UNIT_PRICE.match(folded, m.end()):
                continue  # a price seen in a shop is the reporter's own observation
            seen.add(i)
            candidates.append(
                Candidate(
                    "missing",
                    m.start(),
                    m.end(),
                    f"Cifră fără sursă: „{_short(m.group())}” — potrivit cui? Adăugați sursa "
                    "(de ex. „potrivit …”)",
                    i,
                )
            )
        if data.allegation is not None:
            for m in data.allegation.finditer(folded):
                i = _index(sentences, m.start())
                if i in seen or in_quote(m.start()):
                    continue
                if re.match(
                    r"\s+de\s+(?:către\s+)?(?:[A-ZĂÂÎȘȚ]|procurori|anchetatori)",
                    folded[m.end() : m.end() + 40],
                ):
                    continue  # the accuser is named
                seen.add(i)
                candidates.append(
                    Candidate(
                        "missing",
                        m.start(),
                        m.end(),
                        f"Acuzație fără sursă: „{_short(m.group())}” — cine acuză? Adăugați sursa",
                        i,
                    )
                )

    # 3. Unnamed sources, rumour, vague sources.
    flagged_sentences: set[int] = set()
    for label, pattern in data.anonymous:
        for m in pattern.finditer(folded):
            i = _index(sentences, m.start())
            if i in flagged_sentences or in_quote(m.start()):
                continue
            after = folded[m.end() : m.end() + 80]
            if data.outlets is not None and data.outlets.search(after[:80]):
                continue  # "surse citate de Reuters", "surse Digi24": a relayed report
            if label == "sursă vagă" and _NAMED_AFTER.match(after):
                continue  # "experții de la ANM", "specialiștii Băncii Mondiale"
            if label == "zvon" and (
                _named_preposition(folded, sentences[i], m.span(), data)
                or _PRONOUN_BEFORE.search(folded, max(0, m.start() - 4), m.start())
            ):
                continue  # "cum i se pare că": an opinion, not a rumour
            flagged_sentences.add(i)
            candidates.append(
                Candidate(
                    "anonymous",
                    m.start(),
                    m.end(),
                    _anonymous_message(label, m.group()),
                    i,
                )
            )

    # 4. Hearsay: "ar fi primit" with no source in the sentence or paragraph.
    if not para_source:
        for m in _HEARSAY.finditer(folded):
            i = _index(sentences, m.start())
            if i in flagged_sentences or in_quote(m.start()):
                continue
            s, e = sentences[i]
            sentence = folded[s:e]
            if sentence.rstrip().endswith("?"):
                continue
            if data.hearsay_not is not None and data.hearsay_not.search(sentence):
                continue
            if m.group(1).lower().endswith(("ct", "nt", "st")):
                continue  # corect, important, just: adjectives, not participles
            flagged_sentences.add(i)
            candidates.append(
                Candidate(
                    "anonymous",
                    m.start(),
                    m.end(),
                    f"Prezumtiv fără sursă: „{m.group()}” prezintă un zvon ca informație — "
                    "potrivit cui? Adăugați sursa",
                    i,
                )
            )
    return Analysis(tuple(candidates), len(sentences), has[0], has[-1], para_source)


def _figures(
    text: str, sentences: list[tuple[int, int]], data: AttributionData
) -> list[re.Match[str]]:
    """Figures about events: people and money always, percentages in news context."""
    found = list(data.figure.finditer(text))
    for pattern, context in (
        (data.figure_in_context, data.figure_context),
        (data.percent, data.percent_context),
    ):
        if pattern is None:
            continue
        for m in pattern.finditer(text):
            s, e = sentences[_index(sentences, m.start())]
            if context is None or context.search(text, s, e):
                found.append(m)
    return sorted(found, key=lambda m: m.start())


def _named_preposition(
    text: str, sentence: tuple[int, int], span: tuple[int, int], data: AttributionData
) -> bool:
    """A rumour phrase in a sentence that also says who reports it ("potrivit X")."""
    s, e = sentence
    for m in data.source.finditer(plain(text), s, e):
        if m.start() >= span[1] or m.end() <= span[0]:
            word = m.group().lower()
            if word.startswith(("potrivit", "conform", "citat", "în opinia", "după spusele")):
                return True
    return False


def _anonymous_message(label: str, phrase: str) -> str:
    if label == "surse anonime":
        return f"Sursă anonimă: „{_short(phrase)}” — numiți sursa sau spuneți de ce rămâne anonimă"
    if label == "zvon":
        return f"Zvon fără sursă: „{_short(phrase)}” — potrivit cui? Adăugați sursa"
    return f"Sursă vagă: „{_short(phrase)}” — care anume? Numiți-i"


_SHARED: dict[str, Analysis] = {}


def _analysis(text: str) -> Analysis:
    found = _SHARED.get(text)
    if found is None:
        found = analyse(text, attribution_data())
        if len(_SHARED) > 20_000:
            _SHARED.clear()
        _SHARED[text] = found
    return found


def _findings(doc: Document, which: str) -> Iterable[Finding]:
    blocks = doc.blocks
    for k, block in enumerate(blocks):
        if block.kind not in _KINDS:
            continue
        text = doc.text[block.start : block.end]
        result = _analysis(text)
        for c in result.candidates:
            if c.rule != which or not _in_sentence_line(text, c.start):
                continue
            if which == "missing" and _neighbour_source(doc, k, c, result):
                continue
            yield Finding(block.start + c.start, block.start + c.end, c.message)


def _in_sentence_line(text: str, pos: int) -> bool:
    """False for a line that is not prose (a heading, a teaser, a list of titles)."""
    end = text.find("\n", pos)
    line_end = text[: len(text) if end < 0 else end].rstrip().rstrip("\"”»)’'")
    return line_end.endswith(_TERMINAL)


def _neighbour_source(doc: Document, k: int, c: Candidate, result: Analysis) -> bool:
    """A source in the neighbouring paragraphs that covers candidate ``c`` of block ``k``.

    A quote is covered by the first sentence of the next paragraph (when it ends its
    paragraph), by a quote in the paragraph before or after (a run of quotes from one
    speaker) or a paragraph before that ends with ":"; a quote, a figure or an
    accusation by a source in any of the three body paragraphs before ("Potrivit INS,
    …" followed by paragraphs of figures).
    """
    blocks = doc.blocks
    if c.message.startswith("Citat"):
        # A quote continues a speaker named earlier (interviews, a run of quotes, "X a
        # spus:" closing the paragraph before): only a quote with no source and no
        # other quote in the paragraphs around it is reported.
        if k + 1 < len(blocks) and blocks[k + 1].kind in _KINDS:
            nxt = _analysis(doc.text[blocks[k + 1].start : blocks[k + 1].end])
            if c.sentence == result.sentences - 1 and nxt.first_has_source:
                return True
        for j in (k - 1, k + 1):
            if 0 <= j < len(blocks) and blocks[j].kind in _KINDS:
                around = doc.text[blocks[j].start : blocks[j].end]
                if _MARKS.search(around) or (j == k - 1 and around.rstrip().endswith(":")):
                    return True
    quote = c.message.startswith("Citat")
    if (
        not quote
        and c.sentence == result.sentences - 1
        and k + 1 < len(blocks)
        and blocks[k + 1].kind in _KINDS
    ):
        nxt = blocks[k + 1]
        if _analysis(doc.text[nxt.start : nxt.end]).first_has_source:
            return True  # the source comes in the next sentence
    # A figure: any of the three body paragraphs before. A quote: anywhere before —
    # once a speaker has been named, later quotes usually continue them.
    seen = 0
    for j in range(k - 1, -1, -1):
        if blocks[j].kind not in _KINDS:
            continue
        if _analysis(doc.text[blocks[j].start : blocks[j].end]).has_source:
            return True
        seen += 1
        if seen == _LOOKBACK and not quote:
            break
    return False


class MissingSource(Rule):
    id = "attribution/missing"
    severity = Severity.WARNING
    scope = "document"
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
            "Inundații în vest\n\nApele au rupt digul în noaptea de marți. Peste 300 de "
            "persoane au fost evacuate din satele din apropiere.",
            bad=True,
        ),
        Example(
            "Inundații în vest\n\nLocalnicii s-au strâns ieri în fața primăriei. „Vom "
            "reconstrui fiecare casă. Nimeni nu rămâne pe drumuri.”",
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

    def check_document(self, doc: Document) -> Iterable[Finding]:
        attribution_data()  # validate the pack even on documents without candidates
        return _findings(doc, "missing")


class AnonymousSource(Rule):
    id = "attribution/anonymous"
    severity = Severity.INFO
    scope = "document"
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
            "Remaniere\n\nSurse din coaliție spun că ministrul pleacă luna viitoare.", bad=True
        ),
        Example("Remaniere\n\nSe pare că ministrul pleacă luna viitoare.", bad=True),
        Example("Remaniere\n\nFostul director ar fi primit bani pentru contract.", bad=True),
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

    def check_document(self, doc: Document) -> Iterable[Finding]:
        attribution_data()
        return _findings(doc, "anonymous")


RULES: list[type[Rule]] = [MissingSource, AnonymousSource]
