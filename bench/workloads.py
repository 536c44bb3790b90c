"""The texts every tool checks, written once per run into the run's work folder.

From ../shared/corpus (benchmarks/corpus.py finds it; never copied into the project):

- ``articles``: the 64 corpus articles, one file each;
- ``dataset``: the mhakan20 news dataset, each record (title + blank line + text) once,
  duplicates dropped (the dataset holds daily scrapes that repeat articles);
- ``latency``: one 1,500-word article (corpus articles joined, as benchmarks/bench_lsp.py
  builds its 5,000-word one), checked again and again;
- ``paragraphs``: the first 100 paragraphs over 200 characters of the 64 articles, for the
  per-paragraph comparison with LanguageTool;
- ``sizes``: one text per size of a series from 1 KB to 10 MB (the dataset's articles
  in a fixed shuffled order, joined, each size a prefix of the next): the largest is the
  very long document. Shuffled, every size holds the same mix of sources and dates, so
  that the density of what the rules find does not change with the size (in date
  order it rose by a third from 3 to 10 MB, and with it the rules' cost);
- ``seed``: ../shared/seed/article.txt, whose defects are counted (never copied).

When the corpus is absent, the smoke run uses a few sentences written for this project
(``SAMPLE``) so that every ratio can still be computed; the full run skips those sections.
"""

from __future__ import annotations

import hashlib
import json
import random
import sys
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))

from corpus import ARTICLES, DATASET, SHARED

SEED = SHARED / "seed" / "article.txt"
FULL_SIZES = (1_000, 3_160, 10_000, 31_600, 100_000, 316_000, 1_000_000, 3_160_000, 10_000_000)
SMOKE_SIZES = (1_000, 100_000)
SHUFFLE_SEED = 15

# Written for this project (not corpus text): cedilla letters, a known typo, a quote opened
# with ”, a repeated headline. Used only when ../shared is absent.
SAMPLE = (
    "Primăria a anunţat ieri că strada principală va fi închisă o săptămână.\n\n"
    "Consilierul a catalgat decizia drept ”necesară pentru siguranţa tuturor”, iar "
    "locuitorii au cerut un program de lucru afişat la intrare.\n\n"
    "Citește și\n"
    "Noul parc din cartier se deschide în mai\n"
    "Noul parc din cartier se deschide în mai\n\n"
    "Lucrările vor costa 2,5 milioane de lei, potrivit bugetului aprobat în consiliu.\n"
)


@dataclass
class Workloads:
    """Paths of the texts of one run (absent workloads are empty lists / None)."""

    folder: Path
    from_corpus: bool
    articles: list[Path] = field(default_factory=list)
    dataset: list[Path] = field(default_factory=list)
    latency: Path | None = None
    paragraphs: list[str] = field(default_factory=list)
    sizes: list[Path] = field(default_factory=list)
    seed: Path | None = None

    def bytes_of(self, paths: list[Path]) -> int:
        return sum(p.stat().st_size for p in paths)


def corpus_present() -> bool:
    return ARTICLES.is_dir() and any(ARTICLES.glob("*.txt"))


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def dataset_texts() -> list[str]:
    """Every mhakan20 record once (a record repeated by a later scrape is dropped)."""
    seen: set[bytes] = set()
    out = []
    for path in sorted(DATASET.glob("*.json")):
        for rec in json.loads(path.read_text(encoding="utf-8")):
            text = f"{rec.get('title', '')}\n\n{rec.get('text', '')}".strip() + "\n"
            key = hashlib.sha1(" ".join(text.split()).encode()).digest()
            if key not in seen:
                seen.add(key)
                out.append(text)
    return out


def paragraphs_of(texts: list[str], count: int, min_chars: int = 200) -> list[str]:
    out = []
    for text in texts:
        for para in text.split("\n"):
            if len(para.strip()) > min_chars:
                out.append(para.strip())
                if len(out) == count:
                    return out
    return out


def series(texts: list[str], sizes: tuple[int, ...]) -> list[str]:
    """Prefixes of the joined ``texts`` of about each size in bytes, cut before a word."""
    needed = max(sizes)
    parts, total = [], 0
    for text in texts:
        parts.append(text)
        total += len(text.encode("utf-8")) + 1
        if total >= needed:
            break
    whole = "\n".join(parts).encode("utf-8")
    out = []
    for size in sizes:
        cut = whole[:size]
        end = cut.rfind(b" ")
        out.append(cut[: end if end > 0 else size].decode("utf-8", errors="ignore") + "\n")
    return out


def build(folder: Path, smoke: bool) -> Workloads:
    """Write the run's texts into ``folder``."""
    sizes = SMOKE_SIZES if smoke else FULL_SIZES
    if not corpus_present():
        if not smoke:
            return Workloads(folder, from_corpus=False)
        return _sample_workloads(folder, sizes)
    from bench_lsp import article  # the 5,000-word article's builder, at 1,500 words

    work = Workloads(folder, from_corpus=True)
    sources = sorted(ARTICLES.glob("*.txt"))
    texts = [p.read_text(encoding="utf-8") for p in sources]
    if smoke:
        sources, texts = sources[:8], texts[:8]
    work.articles = [
        _write(folder / "articles" / p.name, t) for p, t in zip(sources, texts, strict=True)
    ]
    records = dataset_texts() if DATASET.is_dir() else []
    if smoke:
        records = records[:50]
    work.dataset = [
        _write(folder / "dataset" / f"{i:05d}.txt", t) for i, t in enumerate(records, start=1)
    ]
    work.latency = _write(folder / "latency.txt", article(1500))
    work.paragraphs = paragraphs_of(texts, 20 if smoke else 100)
    joined = list(records or texts)
    random.Random(SHUFFLE_SEED).shuffle(joined)
    work.sizes = [
        _write(folder / "sizes" / f"{size:08d}.txt", text)
        for size, text in zip(sizes, series(joined, sizes), strict=True)
    ]
    work.seed = SEED if SEED.exists() else None
    return work


def _sample_workloads(folder: Path, sizes: tuple[int, ...]) -> Workloads:
    work = Workloads(folder, from_corpus=False)
    sample = _write(folder / "articles" / "sample.txt", SAMPLE)
    work.articles = [sample]
    work.dataset = [_write(folder / "dataset" / f"{i:03d}.txt", SAMPLE) for i in range(20)]
    work.latency = sample
    work.paragraphs = paragraphs_of([SAMPLE], 5, min_chars=60)
    work.sizes = [
        _write(folder / "sizes" / f"{size:08d}.txt", text)
        for size, text in zip(
            sizes, series([SAMPLE] * (max(sizes) // len(SAMPLE) + 2), sizes), strict=True
        )
    ]
    work.seed = sample
    return work
