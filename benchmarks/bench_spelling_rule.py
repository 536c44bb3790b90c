"""Throughput of the spelling/unknown rule alone, and a dump of what it reports.

Texts: ../shared/corpus/articles/*.txt, then the first records of the mhakan20 JSON
datasets (title + "\\n\\n" + text), 800 records by default. The rule runs alone through
one Engine (empty result cache) over Documents read beforehand, on one core. The
dictionary is opened and the frequency list loaded before timing (a long-running
process pays that once); the checker's memo tables start empty.

Prints MB/s and articles/s (wall and CPU time of this process), the number of
findings, and with ``--profile`` the top of a cProfile of the same run. With
``--repeat N`` every run starts cold again (fresh rule, the dictionary's look-up memo
emptied) and the best CPU time is printed last: on the shared machine the minimum is
the number to compare. The load average is printed at the start and the end.

``--dump FILE`` writes every finding as JSON lines (file index, offset, length,
message, replacements), so that a speed-up can be checked to report exactly what it
reported before:

    python benchmarks/bench_spelling_rule.py --dump /tmp/before.jsonl
    … change the rule …
    python benchmarks/bench_spelling_rule.py --dump /tmp/after.jsonl
    diff /tmp/before.jsonl /tmp/after.jsonl

Skips cleanly when ../shared is absent. The corpus stays outside the project: only
numbers go into benchmarks/RESULTS-spelling.md.
"""

from __future__ import annotations

import argparse
import gc
import json
import sys
import time
from pathlib import Path

from corpus import SHARED, load_average, load_texts

RULE = "spelling/unknown"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--records", type=int, default=800, help="dataset records to add (default 800)"
    )
    parser.add_argument("--dump", type=Path, help="write every finding as JSON lines")
    parser.add_argument("--repeat", type=int, default=1, help="timed runs (fresh engine each)")
    parser.add_argument("--profile", action="store_true", help="print a cProfile of one run")
    args = parser.parse_args()
    if not (SHARED / "corpus").is_dir():
        print(f"skipped: {SHARED}/corpus is not present")
        return 0

    from rolint import registry
    from rolint.engine import Engine
    from rolint.readers import read

    texts = load_texts(args.records)
    size = sum(len(t.encode("utf-8")) for t in texts)
    mb = size / 1e6
    print(f"{len(texts)} texts, {mb:.2f} MB  ({sys.modules['rolint'].__file__})")
    docs = [read(t, "text") for t in texts]

    cls = registry.rule_classes()[RULE]
    results = []
    cpus = []
    print(f"load average {load_average()} at the start")
    for run in range(max(1, args.repeat)):
        rule = cls()
        chk = rule.checker  # open the dictionary outside the timing
        if chk is None:
            print("skipped: no rospell dictionary")
            return 0
        _ = chk.dictionary.freq  # the frequency list the first suggestion loads
        chk.dictionary._memo.clear()  # shared by every checker of the process: cold again
        engine = Engine([rule])
        gc.collect()
        prof = None
        if args.profile and run == 0:
            import cProfile

            prof = cProfile.Profile()
            prof.enable()
        w0, c0 = time.perf_counter(), time.process_time()
        results = [engine.check(doc) for doc in docs]
        wall, cpu = time.perf_counter() - w0, time.process_time() - c0
        cpus.append(cpu)
        if prof is not None:
            prof.disable()
        count = sum(map(len, results))
        if engine.errors:
            print(f"  {len(engine.errors)} errors, first: {engine.errors[0]}")
        print(
            f"{RULE}: wall {wall:6.3f} s = {mb / wall:5.2f} MB/s, {len(docs) / wall:6.0f} "
            f"articles/s; CPU {cpu:6.3f} s = {mb / cpu:5.2f} MB/s; {count} findings"
        )
        if prof is not None:
            import pstats

            pstats.Stats(prof).sort_stats("tottime").print_stats(25)
    if len(cpus) > 1:
        print(f"best of {len(cpus)}: CPU {min(cpus):6.3f} s = {mb / min(cpus):5.2f} MB/s")
    print(f"load average {load_average()} at the end")
    if args.dump is not None:
        with args.dump.open("w", encoding="utf-8") as dump:
            for index, diags in enumerate(results):
                for d in diags:
                    row = [index, d.start, d.end - d.start, d.message, list(d.replacements)]
                    dump.write(json.dumps(row, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
