#!/usr/bin/env python3
"""grammar/hyphen on real sentences: recall on hyphens removed, false flags on correct words.

    python benchmarks/measure_hyphens.py                 # rolint only
    python benchmarks/measure_hyphens.py --lt URL        # + LanguageTool on a sample
    (ROLINT_LANGUAGETOOL_URL is used when --lt is not given)

Recall: every sentence of ../shared/corpus/datasets holding s-a, i-a, s-au, i-au, l-a or
n-a gets the hyphen of its first such form removed ("s-a dus" → "sa dus"); a finding of
grammar/hyphen starting there counts as found. False flags: every untouched sa, ia, sau,
iau, la, na in the same sentences-set (written as plain words, so correct) that the rule
flags. Two sets, reported apart: mhakan20 (the outlets looked at while writing the rule)
and HoriaMoraru's political articles (not looked at: held out). Only counts are printed.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import re
import sys
import urllib.parse
import urllib.request
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from rolint.rules.grammar import Hyphen
from rolint.rules.typos import Typo_

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import SHARED, load_average

DATASETS = SHARED / "corpus" / "datasets"
HYPHENATED = ("s-a", "i-a", "s-au", "i-au", "l-a", "n-a")
FUSED = ("sa", "ia", "sau", "iau", "la", "na")
_HYPHEN = re.compile(r"(?<![\w-])(?:s-au|i-au|s-a|i-a|l-a|n-a)(?![\w-])", re.IGNORECASE)
_PLAIN = re.compile(r"(?<![\w-])(?:sau|iau|sa|ia|la|na)(?![\w-])", re.IGNORECASE)
# --kin: the other fused forms of grammar/hyphen ("mia spus", "neam văzut", "sar putea")
KIN = (
    "s-ar",
    "n-ar",
    "mi-ar",
    "ne-am",
    "mi-a",
    "v-a",
    "ne-a",
    "le-a",
    "l-au",
    "le-au",
    "mi-au",
    "n-am",
    "n-au",
)


def use_forms(hyphenated: tuple[str, ...]) -> None:
    """Measure these hyphenated forms (and their fused spellings) instead of the six."""
    global HYPHENATED, FUSED, _HYPHEN, _PLAIN
    HYPHENATED = hyphenated
    FUSED = tuple(h.replace("-", "") for h in hyphenated)
    longest = sorted(HYPHENATED, key=len, reverse=True)
    _HYPHEN = re.compile(rf"(?<![\w-])(?:{'|'.join(longest)})(?![\w-])", re.IGNORECASE)
    fused = sorted(FUSED, key=len, reverse=True)
    _PLAIN = re.compile(rf"(?<![\w-])(?:{'|'.join(fused)})(?![\w-])", re.IGNORECASE)


_SENTENCE = re.compile(r"[^.!?\n]*[^\s.!?\n][^.!?\n]*[.!?]*")


def _mhakan() -> Iterator[str]:
    seen: set[str] = set()
    for path in sorted((DATASETS / "mhakan20_RomanianNewsArticlesDataset").glob("*.json")):
        for rec in json.loads(path.read_text(encoding="utf-8")):
            text = rec.get("text") or ""
            if text not in seen:
                seen.add(text)
                yield text


def _horia() -> Iterator[str]:
    path = DATASETS / "HoriaMoraru_political_bias" / "romanian_political_articles2.csv"
    csv.field_size_limit(1 << 30)
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            yield row.get("maintext") or ""


def sentences(texts: Iterator[str]) -> list[str]:
    out = []
    for text in texts:
        for m in _SENTENCE.finditer(text):
            s = m.group().strip()
            if 20 <= len(s) <= 400:
                out.append(s)
    return out


def damaged(sentence: str) -> tuple[str, int] | None:
    """The sentence with its first hyphenated form fused, and where that form starts."""
    m = _HYPHEN.search(sentence)
    if m is None:
        return None
    fused = m.group().replace("-", "")
    return sentence[: m.start()] + fused + sentence[m.end() :], m.start()


class _Rolint:
    """grammar/hyphen plus spelling/typo, whose list already holds a few fused pairs
    ("sa dus"): the hyphen rule leaves those to it, so both count as rolint's."""

    def __init__(self) -> None:
        self.rules = (Hyphen(), Typo_())

    def check_block(self, text: str, kind: str, context: object) -> list:  # type: ignore[type-arg]
        return [f for r in self.rules for f in r.check_block(text, kind, context)]


def measure(rule: _Rolint, sents: list[str]) -> dict[str, object]:
    found = Counter[str]()
    total = Counter[str]()
    correct = Counter[str]()
    flagged = Counter[str]()
    for s in sents:
        hit = damaged(s)
        if hit is not None:
            text, at = hit
            form = re.split(r"[^\w]", text[at : at + 5])[0].lower()
            total[form] += 1
            if any(f.start == at for f in rule.check_block(text, "paragraph", None)):
                found[form] += 1
        if _PLAIN.search(s):
            starts = {f.start for f in rule.check_block(s, "paragraph", None)}
            for m in _PLAIN.finditer(s):
                correct[m.group().lower()] += 1
                if m.start() in starts:
                    flagged[m.group().lower()] += 1
    return {"found": found, "total": total, "correct": correct, "flagged": flagged}


def languagetool(url: str, text: str) -> list[tuple[int, int]]:
    data = urllib.parse.urlencode({"language": "ro-RO", "text": text}).encode()
    with urllib.request.urlopen(url.rstrip("/") + "/v2/check", data, timeout=30) as resp:
        matches = json.loads(resp.read())["matches"]
    return [(m["offset"], m["length"]) for m in matches]


def measure_lt(url: str, rule: _Rolint, sents: list[str], limit: int) -> dict[str, int]:
    """LanguageTool and rolint on the same seeded sample of ``limit`` damaged sentences
    and ``limit`` untouched ones: found / damaged, flagged / correct words."""
    rng = random.Random(1993)
    pos = [d for d in map(damaged, sents) if d is not None]
    neg = [s for s in sents if _PLAIN.search(s) and not _HYPHEN.search(s)]
    pos = rng.sample(pos, min(limit, len(pos)))
    neg = rng.sample(neg, min(limit, len(neg)))
    out = Counter[str](damaged=len(pos))
    for text, at in pos:
        out["lt_found"] += any(o <= at < o + n for o, n in languagetool(url, text))
        out["rolint_found"] += any(f.start == at for f in rule.check_block(text, "p", None))
    for s in neg:
        spans = languagetool(url, s)
        mine = {f.start for f in rule.check_block(s, "p", None)}
        for m in _PLAIN.finditer(s):
            out["correct"] += 1
            out["lt_flagged"] += any(o <= m.start() < o + n for o, n in spans)
            out["rolint_flagged"] += m.start() in mine
    return out


def report(name: str, res: dict[str, Counter[str]]) -> None:
    found, total, correct, flagged = (res[k] for k in ("found", "total", "correct", "flagged"))
    t, f = sum(total.values()), sum(found.values())
    c, x = sum(correct.values()), sum(flagged.values())
    print(f"\n## {name}")
    print(f"recall: {f}/{t} = {f / max(t, 1):.1%}   false flags: {x}/{c} = {x / max(c, 1):.2%}")
    print("| form | removed hyphen found | correct word flagged |")
    print("|---|---:|---:|")
    for h, p in zip(HYPHENATED, FUSED, strict=True):
        print(f"| {h} / {p} | {found[p]}/{total[p]} | {flagged[p]}/{correct[p]} |")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--lt", default=os.environ.get("ROLINT_LANGUAGETOOL_URL", ""))
    parser.add_argument("--kin", action="store_true", help="the other fused forms")
    parser.add_argument("--lt-sample", type=int, default=200, help="sentences of each kind")
    args = parser.parse_args()
    if not DATASETS.is_dir():
        print(f"{DATASETS} is absent: nothing to measure")
        return 0
    print(f"load average: {load_average()}")
    if args.kin:
        use_forms(KIN)
    rule = _Rolint()
    sets = {
        "mhakan20 (looked at while writing the rule)": sentences(_mhakan()),
        "HoriaMoraru political articles (held out)": sentences(_horia()),
    }
    for name, sents in sets.items():
        report(f"{name}: {len(sents):,} sentences", measure(rule, sents))
        if args.lt:
            r = measure_lt(args.lt, rule, sents, args.lt_sample)
            t, c = r["damaged"], r["correct"]
            print(f"same sample of {t} damaged + {args.lt_sample} untouched sentences:")
            for who in ("lt", "rolint"):
                f, x = r[f"{who}_found"], r[f"{who}_flagged"]
                name = f"LanguageTool ({args.lt})" if who == "lt" else "rolint"
                print(
                    f"  {name}: found {f}/{t} = {f / max(t, 1):.1%}, "
                    f"false flags {x}/{c} = {x / max(c, 1):.2%}"
                )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
