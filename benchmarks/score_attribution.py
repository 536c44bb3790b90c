#!/usr/bin/env python3
"""Score attribution/missing and attribution/anonymous on the hand-labelled sentences.

    python benchmarks/score_attribution.py              # both parts
    python benchmarks/score_attribution.py --part tune  # the part the rules were tuned on

benchmarks/attribution_devset.tsv holds, per body sentence of a record of the mhakan20
datasets in ../shared/corpus/datasets, only where it is (file, record index, start and
end offsets in the record's ``text``), its label by the rubric of
../shared/notes/attribution-rubric.md (unsourced_claim, anonymous, sourced, no_claim)
and its part: ``tune`` (looked at while changing the rules) or ``heldout`` (labelled,
never looked at while tuning). The sentences themselves are read from ../shared at run
time and never stored here.

Each article is checked whole (title, blank line, text), as the CLI would. A sentence
counts as flagged by a rule when one of the rule's findings starts inside it; a
sentence flagged by both counts for attribution/missing. Precision and recall are over
unsourced_claim + anonymous together, the target of issue 16 (precision ≥ 80%, recall ≥
40%).
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

from rolint.engine import Engine
from rolint.readers import read
from rolint.rules.attribution import AnonymousSource, MissingSource

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import DATASET

DEVSET = Path(__file__).resolve().parent / "attribution_devset.tsv"
LABELS = ("unsourced_claim", "anonymous", "sourced", "no_claim")
PREDICTIONS = ("missing", "anonymous", "none")
POSITIVE = frozenset({"unsourced_claim", "anonymous"})


def load_devset(path: Path = DEVSET) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t"))
    for row in rows:
        if row["label"] not in LABELS or row["part"] not in ("tune", "heldout"):
            raise SystemExit(f"{path}: bad row {row}")
    return rows


def predictions(rows: list[dict[str, str]], verbose: str = "") -> list[str]:
    """The rules' verdict for each row: "missing", "anonymous" or "none"."""
    engine = Engine([MissingSource(), AnonymousSource()])
    by_record: dict[tuple[str, int], list[int]] = defaultdict(list)
    for k, row in enumerate(rows):
        by_record[(row["file"], int(row["record"]))].append(k)
    records: dict[str, list[dict[str, str]]] = {}
    out = ["none"] * len(rows)
    for (file, index), ks in sorted(by_record.items()):
        if file not in records:
            records[file] = json.loads((DATASET / file).read_text(encoding="utf-8"))
        rec = records[file][index]
        head = f"{rec.get('title', '')}\n\n"
        text = rec.get("text") or ""
        found = [(d.start - len(head), d.rule, d.message) for d in engine.check(read(head + text))]
        for k in ks:
            start, end = int(rows[k]["start"]), int(rows[k]["end"])
            hits = [(rule, msg) for at, rule, msg in found if start <= at < end]
            rules = {rule for rule, _ in hits}
            if "attribution/missing" in rules:
                out[k] = "missing"
            elif "attribution/anonymous" in rules:
                out[k] = "anonymous"
            shown = verbose in ("all", rows[k]["part"])
            if shown and (hits or rows[k]["label"] in POSITIVE):
                print(
                    f"{file}\t{index}\t{start}:{end}\t{rows[k]['label']}\t{out[k]}\t"
                    f"{hits[0][1] if hits else ''}"
                )
    return out


def report(name: str, labels: list[str], predicted: list[str]) -> None:
    matrix = Counter(zip(labels, predicted, strict=True))
    print(f"\n## {name}: {len(labels)} sentences")
    print("| label \\ rule | " + " | ".join(PREDICTIONS) + " |")
    print("|---|" + "---:|" * len(PREDICTIONS))
    for label in LABELS:
        cells = " | ".join(str(matrix[label, p]) for p in PREDICTIONS)
        print(f"| {label} ({labels.count(label)}) | {cells} |")
    flagged = [lab for lab, p in zip(labels, predicted, strict=True) if p != "none"]
    hits = sum(lab in POSITIVE for lab in flagged)
    positives = sum(lab in POSITIVE for lab in labels)
    precision = hits / len(flagged) if flagged else 0.0
    recall = hits / positives if positives else 0.0
    print(
        f"precision {hits}/{len(flagged)} = {precision:.0%}, "
        f"recall {hits}/{positives} = {recall:.0%} (unsourced_claim + anonymous)"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--part", choices=("tune", "heldout", "all"), default="all")
    parser.add_argument(
        "-v", "--verbose", action="store_true", help="list flags and misses (of --part only)"
    )
    args = parser.parse_args()
    if not DATASET.is_dir():
        print(f"{DATASET} is absent: nothing to score")
        return 0
    rows = load_devset()
    predicted = predictions(rows, args.part if args.verbose else "")
    parts = ("tune", "heldout") if args.part == "all" else (args.part,)
    for part in parts:
        ks = [k for k, row in enumerate(rows) if row["part"] == part]
        report(part, [rows[k]["label"] for k in ks], [predicted[k] for k in ks])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
