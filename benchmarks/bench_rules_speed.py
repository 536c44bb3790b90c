"""Throughput of each Romanian rule alone, and the cold start of `rolint check`.

Texts: ../shared/corpus/articles/*.txt, then the first records of the mhakan20 JSON
datasets (title + "\\n\\n" + text), 800 records by default. Each rule runs alone
through a fresh Engine (empty caches) over Documents read beforehand, on one core.
Prints per-rule CPU seconds and MB/s (the fastest of ``--repeat`` passes, each from
empty caches: on a shared machine CPU time and the minimum are the steadiest figures),
the reader's time, the total, and the median wall time of a cold `rolint check` on one
article.

``--dump FILE`` writes every diagnostic of every rule except spelling/unknown as JSON
lines (rule, file index, offset, length, message, replacements), with a fixed hash seed,
so that a speed-up can be checked to report exactly what it reported before:

    python benchmarks/bench_rules_speed.py --dump /tmp/before.jsonl
    … change the rules …
    python benchmarks/bench_rules_speed.py --dump /tmp/after.jsonl
    diff /tmp/before.jsonl /tmp/after.jsonl

Skips cleanly when ../shared is absent. The corpus stays outside the project: only
numbers go into benchmarks/RESULTS-rules.md.
"""

from __future__ import annotations

import argparse
import gc
import importlib
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

from corpus import SHARED, load_average, load_texts

SKIP_DUMP = "spelling/unknown"


def _clear_module_caches(rule_cls: type) -> None:
    """Module-level memo tables shared by a family's rules (e.g. attribution's analysis
    of a paragraph), so that each rule is timed from empty caches."""
    module = importlib.import_module(rule_cls.__module__)
    for name in ("_SHARED",):
        table = getattr(module, name, None)
        if isinstance(table, dict):
            table.clear()


def cold_start(runs: int) -> list[float]:
    article = SHARED / "seed" / "article.txt"
    if not article.exists():
        article = next(iter(sorted((SHARED / "corpus/articles").glob("*.txt"))))
    times = []
    for _ in range(runs):
        start = time.perf_counter()  # wall time: what the user waits for
        subprocess.run(
            [sys.executable, "-m", "rolint", "check", str(article)],
            capture_output=True,
            check=False,
        )
        times.append(time.perf_counter() - start)
    return times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--records", type=int, default=800, help="dataset records to add (default 800)"
    )
    parser.add_argument("--runs", type=int, default=5, help="cold-start runs (default 5)")
    parser.add_argument("--dump", type=Path, help="write every diagnostic as JSON lines")
    parser.add_argument("--rules", help="comma-separated rule ids to time (default: all)")
    parser.add_argument(
        "--unknown", action="store_true", help="also time spelling/unknown (slow, not dumped)"
    )
    parser.add_argument("--no-cold", action="store_true", help="skip the cold-start runs")
    parser.add_argument(
        "--repeat", type=int, default=3, help="passes per rule, the fastest is shown (default 3)"
    )
    args = parser.parse_args()
    if args.dump and "PYTHONHASHSEED" not in os.environ:
        # Some messages list words drawn from a set (diacritics/missing on a text with
        # no diacritics): fix the hash seed so that two dumps can be compared.
        env = {**os.environ, "PYTHONHASHSEED": "0"}
        return subprocess.run([sys.executable, *sys.argv], env=env, check=False).returncode
    if not (SHARED / "corpus").is_dir():
        print(f"skipped: {SHARED}/corpus is not present")
        return 0

    from rolint import registry
    from rolint.engine import Engine
    from rolint.readers import read

    texts = load_texts(args.records)
    size = sum(len(t.encode("utf-8")) for t in texts)
    mb = size / 1e6
    # Timings on a shared machine depend on the load: print it next to them.
    print(f"{len(texts)} texts, {mb:.2f} MB, load average {load_average()}")

    t_read = float("inf")
    for _ in range(max(1, args.repeat)):
        start = time.process_time()
        docs = [read(t, "text") for t in texts]
        t_read = min(t_read, time.process_time() - start)
    print(f"{'reading (readers/text.py)':40} {t_read:6.3f} s {mb / t_read:7.2f} MB/s")

    classes = registry.rule_classes()
    ids = [r for r in classes if args.unknown or r != SKIP_DUMP]
    if args.rules:
        wanted = set(args.rules.split(","))
        ids = [r for r in ids if r in wanted]
    dump = args.dump.open("w", encoding="utf-8") if args.dump else None
    total = 0.0
    for rule_id in ids:
        cls = classes[rule_id]
        elapsed = t_init = float("inf")
        for _ in range(max(1, args.repeat)):  # each pass from empty caches
            _clear_module_caches(cls)
            t0 = time.process_time()
            engine = Engine([cls()])
            t_init = min(t_init, time.process_time() - t0)
            gc.collect()
            t0 = time.process_time()
            results = [engine.check(doc) for doc in docs]
            elapsed = min(elapsed, time.process_time() - t0)
        count = sum(map(len, results))
        if engine.errors:
            print(f"  {rule_id}: {len(engine.errors)} errors, first: {engine.errors[0]}")
        if rule_id != SKIP_DUMP:
            total += elapsed
        print(
            f"{rule_id:40} {elapsed:6.3f} s {mb / elapsed:7.2f} MB/s"
            f"  (setup {t_init * 1000:5.1f} ms, {count} findings)"
        )
        if dump is not None and rule_id != SKIP_DUMP:
            for index, diags in enumerate(results):
                for d in diags:
                    row = [rule_id, index, d.start, d.end - d.start, d.message, d.replacements]
                    dump.write(json.dumps(row, ensure_ascii=False) + "\n")
    if dump is not None:
        dump.close()
    print(
        f"{'total (without spelling/unknown)':40} {total:6.3f} s {mb / total:7.2f} MB/s"
        f"  (+ reading: {mb / (total + t_read):.2f} MB/s)"
    )
    print(f"load average at the end: {load_average()}")
    if not args.no_cold:
        times = cold_start(args.runs)
        print(
            f"cold start `rolint check` on one article: median {statistics.median(times):.3f} s "
            f"(min {min(times):.3f}, max {max(times):.3f}, {len(times)} runs)"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
