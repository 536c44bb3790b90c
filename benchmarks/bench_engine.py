"""Engine throughput and CLI cold start, measured on real newsroom text.

Prints: MB/s and articles/s of the built-in rules over ../shared/corpus (the 64
articles and the mhakan20 JSON datasets), single core, in process; MB/s of a
`rolint check --jobs 2` batch over the same articles written to files; and the
wall time of a cold `rolint check` on one article (median of N runs).
Skips cleanly when ../shared is absent. Not a test: numbers go to RESULTS-engine.md.

    python benchmarks/bench_engine.py [--limit N] [--runs N]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from corpus import SHARED, load_texts


def load_articles(limit: int) -> list[str]:
    """Up to ``limit`` article texts: the corpus articles, then the datasets."""
    return load_texts(max(0, limit - 64))[:limit]


def bench_in_process(texts: list[str]) -> None:
    """One core, in process, as a `rolint check` batch runs: collector tuned, rules
    loaded and frozen by a first check (of a text not counted)."""
    from rolint import gc_tuning
    from rolint.linter import lint_text

    gc_tuning.tune()
    lint_text("încălzire ţ")  # build the engine once, as a long-running process would
    gc_tuning.settle()
    size = sum(len(t.encode("utf-8")) for t in texts)
    start, cpu = time.perf_counter(), time.process_time()
    findings = 0
    for t in texts:
        findings += len(lint_text(t)[1])
    elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
    print(
        f"in-process, 1 core: {len(texts)} articles, {size / 1e6:.1f} MB in {elapsed:.2f} s "
        f"= {size / 1e6 / elapsed:.2f} MB/s, {len(texts) / elapsed:.0f} articles/s "
        f"(CPU {cpu:.2f} s = {size / 1e6 / cpu:.2f} MB/s), {findings} findings"
    )


def bench_cli_batch(texts: list[str]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        for i, t in enumerate(texts):
            Path(tmp, f"{i:05}.txt").write_text(t, encoding="utf-8")
        size = sum(p.stat().st_size for p in Path(tmp).iterdir())
        start = time.perf_counter()
        subprocess.run(
            [
                sys.executable,
                "-m",
                "rolint",
                "check",
                "--format",
                "json",
                "--jobs",
                str(os.cpu_count() or 1),
                tmp,
            ],
            capture_output=True,
        )
        elapsed = time.perf_counter() - start
    print(
        f"CLI batch, {os.cpu_count()} jobs: {len(texts)} files, {size / 1e6:.1f} MB in "
        f"{elapsed:.2f} s = {size / 1e6 / elapsed:.2f} MB/s, {len(texts) / elapsed:.0f} files/s"
    )


def bench_cold_start(runs: int) -> None:
    article = SHARED / "seed" / "article.txt"
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(["rolint", "check", str(article)], capture_output=True)
        times.append(time.perf_counter() - start)
    print(
        f"cold start `rolint check seed/article.txt`: median {statistics.median(times):.3f} s, "
        f"min {min(times):.3f} s, max {max(times):.3f} s over {runs} runs"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--limit", type=int, default=3000, help="articles to use")
    parser.add_argument("--runs", type=int, default=10, help="cold-start runs")
    args = parser.parse_args()
    if not (SHARED / "corpus").is_dir():
        print(f"skipped: {SHARED}/corpus is not present")
        return 0
    texts = load_articles(args.limit)
    bench_in_process(texts)
    bench_cli_batch(texts)
    bench_cold_start(args.runs)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
