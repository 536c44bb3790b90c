"""Quality side by side: flags per 1,000 words, and each tool's hits on the seed's defects.

The seed article's defects are counted from its text here, never written down: every
cedilla letter; every form of the typo „catalgat”; every headline of a related-articles
block repeated on the next line (exactly, or as the start of it); every quotation opened
with ” (a ” after a space, a line start or an opening bracket, before a non-space).

A tool hits a defect when one of its findings covers the defect's character (letters,
quotes, typos), or, for a repeated headline, when a finding of the headline category
touches the pair of lines or any finding covers at least half of the repeated line.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from dataclasses import dataclass

from tools import HEADLINES_CAT, SPELLING_CAT, Finding

_CEDILLA = re.compile("[şţŞŢ]")
_CATALGAT = re.compile(r"(?<!\w)catalg\w*", re.IGNORECASE)
_OPENED_WITH_RIGHT = re.compile(r"(?:(?<=^)|(?<=[\s(\[]))”(?=\S)", re.MULTILINE)


@dataclass(frozen=True)
class Defect:
    kind: str
    start: int  # code points
    end: int
    pair: tuple[int, int] | None = None  # both lines of a repeated headline


def seed_defects(text: str) -> list[Defect]:
    out = [Defect("cedilla letters", m.start(), m.end()) for m in _CEDILLA.finditer(text)]
    out += [Defect("„catalgat”", m.start(), m.end()) for m in _CATALGAT.finditer(text)]
    out += _repeated_headlines(text)
    out += [
        Defect("quotes opened with ”", m.start(), m.end())
        for m in _OPENED_WITH_RIGHT.finditer(text)
    ]
    return out


def _repeated_headlines(text: str) -> list[Defect]:
    lines = []
    pos = 0
    for line in text.split("\n"):
        lines.append((pos, line))
        pos += len(line) + 1
    body = [(p, ln.strip(), ln) for p, ln in lines if ln.strip()]
    out = []
    for (p1, s1, _), (p2, s2, raw2) in itertools.pairwise(body):
        if len(s1) >= 20 and (s2 == s1 or s2.startswith(s1)):
            out.append(
                Defect("duplicated headlines", p2, p2 + len(raw2), pair=(p1, p2 + len(raw2)))
            )
    return out


def _covers(f: Finding, d: Defect) -> bool:
    if d.pair is None:
        return f.start <= d.start < max(f.end, f.start + 1)
    lo, hi = d.pair
    if f.category == HEADLINES_CAT and f.start < hi and f.end > lo:
        return True
    overlap = min(f.end, d.end) - max(f.start, d.start)
    return overlap * 2 >= d.end - d.start


def seed_hits(defects: list[Defect], findings: list[Finding]) -> dict[str, dict[str, int]]:
    """For each kind of defect: how many there are, how many the tool hit, and how many
    of those only through its spelling check (an unknown word that contains the defect)."""
    out: dict[str, dict[str, int]] = {}
    ordered = sorted(findings, key=lambda f: f.start)
    for d in defects:
        row = out.setdefault(d.kind, {"total": 0, "hits": 0, "via_spelling": 0})
        row["total"] += 1
        hitting = [f for f in ordered if f.start <= d.end and _covers(f, d)]
        if hitting:
            row["hits"] += 1
            if all(f.category == SPELLING_CAT for f in hitting):
                row["via_spelling"] += 1
    return out


def per_thousand_words(findings: list[Finding], words: int) -> dict[str, float]:
    counts = Counter(f.category for f in findings)
    return {cat: n * 1000 / words for cat, n in sorted(counts.items())}


def word_count(texts: list[str]) -> int:
    return sum(len(t.split()) for t in texts)
