#!/usr/bin/env python3
"""Flags per rule per 1,000 words over a corpus, samples for hand review, LT examples.

    python benchmarks/corpus_report.py                      # ../shared/corpus/articles
    python benchmarks/corpus_report.py --review /tmp/review # + up to 30 flags per rule
    python benchmarks/corpus_report.py --lt                 # + LanguageTool's examples

The corpus belongs to its publishers: review samples are written outside the project
(``--review`` folder) and only counts go into benchmarks/RESULTS-rules.md. Exits 0 with
a message when ../shared is absent.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

from rolint import registry
from rolint.engine import Engine
from rolint.readers import read

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
_MARKED = re.compile(r"\[\[(.*?)\]\]")


def rule_ids(include_spelling: bool) -> list[str]:
    return [r for r in registry.rule_classes() if include_spelling or r != "spelling/unknown"]


def corpus(folder: Path) -> list[tuple[str, str]]:
    return [(p.name, p.read_text(encoding="utf-8")) for p in sorted(folder.glob("*.txt"))]


def run(docs: list[tuple[str, str]], ids: list[str]) -> tuple[list[tuple], float]:
    classes = registry.rule_classes()
    engine = Engine([classes[r]() for r in ids])
    flags = []
    start = time.perf_counter()
    for name, text in docs:
        doc = read(text)
        for d in engine.check(doc):
            flags.append((name, text, d))
    return flags, time.perf_counter() - start


def table(docs: list[tuple[str, str]], flags: list[tuple], ids: list[str]) -> str:
    words = sum(len(_WORD.findall(t)) for _, t in docs)
    per_rule = Counter(d.rule for _, _, d in flags)
    per_doc = defaultdict(set)
    for name, _, d in flags:
        per_doc[d.rule].add(name)
    lines = [
        f"{len(docs)} articles, {words:,} words",
        "",
        "| rule | flags | per 1,000 words | articles flagged |",
        "|---|---:|---:|---:|",
    ]
    for r in ids:
        n = per_rule.get(r, 0)
        lines.append(f"| `{r}` | {n} | {n * 1000 / words:.2f} | {len(per_doc[r])} |")
    return "\n".join(lines)


def review(flags: list[tuple], ids: list[str], folder: Path, per_rule: int = 30) -> None:
    """Up to ``per_rule`` flags per rule, with context, for a person to judge."""
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(1993)
    by_rule = defaultdict(list)
    for item in flags:
        by_rule[item[2].rule].append(item)
    for r in ids:
        items = by_rule.get(r, [])
        sample = items if len(items) <= per_rule else rng.sample(items, per_rule)
        out = []
        for i, (name, text, d) in enumerate(sorted(sample, key=lambda x: (x[0], x[2].start))):
            left = text[max(0, d.start - 150) : d.start].replace("\n", " ⏎ ")
            mid = text[d.start : d.end].replace("\n", " ⏎ ")
            right = text[d.end : d.end + 150].replace("\n", " ⏎ ")
            out.append(f"#{i + 1} {name}@{d.start} {d.message}\n    …{left}⟦{mid}⟧{right}…\n")
        (folder / (r.replace("/", "__") + ".txt")).write_text("\n".join(out), encoding="utf-8")


def lt_examples(path: Path, ids: list[str]) -> str:
    """How many of LanguageTool's incorrect examples our rules flag, and false alarms."""
    classes = registry.rule_classes()
    engine = Engine([classes[r]() for r in ids])
    stats = Counter()
    by_rule_hit = Counter()
    fp_rules = Counter()
    for line in path.read_text(encoding="utf-8").splitlines()[1:]:
        parts = line.split("\t")
        if len(parts) < 4:
            continue
        kind, sentence = parts[1], parts[3]
        m = _MARKED.search(sentence)
        plain = _MARKED.sub(lambda x: x.group(1), sentence)
        span = None
        if m:
            start = m.start()
            span = (start, start + len(m.group(1)))
        diags = engine.check(read(plain))
        on_span = [d for d in diags if span and d.start < span[1] and d.end > span[0]]
        if kind == "incorrect":
            stats["incorrect"] += 1
            if on_span:
                stats["incorrect_flagged_on_span"] += 1
                by_rule_hit.update({d.rule for d in on_span})
            if diags:
                stats["incorrect_flagged_anywhere"] += 1
        else:
            stats["correct"] += 1
            if diags:
                stats["correct_flagged_anywhere"] += 1
                fp_rules.update({d.rule for d in diags})
            if on_span:
                stats["correct_flagged_on_span"] += 1
    lines = [
        f"incorrect examples: {stats['incorrect']}; flagged on the marked span: "
        f"{stats['incorrect_flagged_on_span']}; flagged anywhere in the sentence: "
        f"{stats['incorrect_flagged_anywhere']}",
        f"correct examples: {stats['correct']}; flagged anywhere: "
        f"{stats['correct_flagged_anywhere']}; on the marked span: "
        f"{stats['correct_flagged_on_span']}",
        "hits by rule: " + ", ".join(f"{r} {n}" for r, n in by_rule_hit.most_common()),
        "false alarms by rule: "
        + (", ".join(f"{r} {n}" for r, n in fp_rules.most_common()) or "none"),
    ]
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--corpus", type=Path, default=SHARED / "corpus" / "articles")
    parser.add_argument("--review", type=Path, help="folder for hand-review samples")
    parser.add_argument("--lt", action="store_true", help="also run LanguageTool's examples")
    parser.add_argument("--spelling", action="store_true", help="include spelling/unknown")
    args = parser.parse_args()
    if not args.corpus.is_dir():
        print(f"corpus not found ({args.corpus}); nothing to measure")
        return 0
    ids = rule_ids(args.spelling)
    docs = corpus(args.corpus)
    flags, seconds = run(docs, ids)
    size = sum(len(t.encode("utf-8")) for _, t in docs)
    print(table(docs, flags, ids))
    print(
        f"\nchecked {size / 1e6:.2f} MB in {seconds:.2f} s ({size / 1e6 / seconds:.2f} MB/s, "
        "reading included, first pass, empty caches)"
    )
    if args.review:
        review(flags, ids, args.review)
        print(f"review samples in {args.review}")
    if args.lt:
        path = SHARED / "ro" / "lt_ro_examples.tsv"
        if path.is_file():
            print("\nLanguageTool examples (" + path.name + "):")
            print(lt_examples(path, ids))
    return 0


if __name__ == "__main__":
    sys.exit(main())
