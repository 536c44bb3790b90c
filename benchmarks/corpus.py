"""Where benchmarks find real newsroom text: ../shared (or $ROLINT_SHARED).

The corpus belongs to its publishers: it is read from ../shared at run time and never
copied into the project. Every benchmark skips cleanly when it is absent.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

SHARED = Path(os.environ.get("ROLINT_SHARED", Path(__file__).resolve().parents[2] / "shared"))
ARTICLES = SHARED / "corpus" / "articles"
DATASET = SHARED / "corpus" / "datasets" / "mhakan20_RomanianNewsArticlesDataset"


def available() -> bool:
    return ARTICLES.is_dir()


def load_texts(records: int) -> list[str]:
    """The 64 corpus articles, then the first ``records`` records of the mhakan20
    datasets (title + blank line + text)."""
    texts = [p.read_text(encoding="utf-8") for p in sorted(ARTICLES.glob("*.txt"))]
    taken = 0
    for path in sorted(DATASET.glob("*.json")):
        for rec in json.loads(path.read_text(encoding="utf-8")):
            if taken >= records:
                return texts
            texts.append(f"{rec.get('title', '')}\n\n{rec.get('text', '')}")
            taken += 1
    return texts


def load_average() -> str:
    """The 1-, 5- and 15-minute load averages ("?" where the system has none): timings
    on a shared machine mean little without them."""
    try:
        return " ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        return "?"


def pct(values: list[float], p: float) -> float:
    """The ``p``-th percentile of ``values`` (nearest rank), as every benchmark reports it."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]
