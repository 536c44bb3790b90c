"""Built-in rules in process, two versions alternated in one run: MB/s per core.

Each run is a child process with ``PYTHONPATH`` set to one version's ``server``
folder; it reads the texts (the 64 corpus articles, then mhakan20 records, as
bench_engine.py does), builds the engine once (a first check, not counted), then
checks every text once as `rolint check` does in a batch (collector tuned) and prints
the CPU seconds. Versions run old, new, old, new, … so that both see the same load.

    git archive <commit> | tar -x -C /tmp/main-old     # the old version, once
    python benchmarks/bench_rules_ab.py --old /tmp/main-old/server [--pairs 3]
    python benchmarks/bench_rules_ab.py --profile     # where the new version's CPU goes

Not a test: the numbers go to benchmarks/RESULTS-engine.md.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

from corpus import SHARED, load_average, load_texts

HERE = Path(__file__).resolve()
NEW = HERE.parents[1] / "server"


def child(records: int, profile: bool) -> None:
    from rolint import gc_tuning
    from rolint.linter import lint_text

    texts = load_texts(records)
    size = sum(len(t.encode("utf-8")) for t in texts)
    gc_tuning.tune()
    lint_text("Încălzire ţ.")
    gc_tuning.settle()
    if profile:
        import cProfile
        import pstats

        prof = cProfile.Profile()
        prof.enable()
        for t in texts:
            lint_text(t)
        prof.disable()
        pstats.Stats(prof).sort_stats("tottime").print_stats(25)
        return
    cpu = time.process_time()
    findings = sum(len(lint_text(t)[1]) for t in texts)
    cpu = time.process_time() - cpu
    print(json.dumps({"cpu": cpu, "mb": size / 1e6, "texts": len(texts), "findings": findings}))


def run(server: Path, records: int) -> dict:
    env = {**os.environ, "PYTHONPATH": str(server), "XDG_CONFIG_HOME": "/nonexistent"}
    out = subprocess.run(
        [sys.executable, str(HERE), "--child", "--records", str(records)],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--old", type=Path, help="the old version's server/ folder")
    parser.add_argument("--pairs", type=int, default=3)
    parser.add_argument("--records", type=int, default=1936, help="dataset records (1936)")
    parser.add_argument("--profile", action="store_true", help="profile the new version")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.records, args.profile)
        return 0
    if not (SHARED / "corpus").is_dir():
        print(f"skipped: {SHARED}/corpus is not present")
        return 0
    if args.profile:
        env = {**os.environ, "PYTHONPATH": str(NEW), "XDG_CONFIG_HOME": "/nonexistent"}
        cmd = [sys.executable, str(HERE), "--child", "--profile", "--records", str(args.records)]
        return subprocess.run(cmd, env=env, check=False).returncode
    versions = [("new", NEW)] if args.old is None else [("old", args.old), ("new", NEW)]
    print(f"load average {load_average()}")
    best: dict[str, float] = {}
    for pair in range(args.pairs):
        for name, server in versions:
            r = run(server, args.records)
            rate = r["mb"] / r["cpu"]
            best[name] = max(best.get(name, 0.0), rate)
            print(
                f"pair {pair + 1} {name}: {r['texts']} texts, {r['mb']:.2f} MB, CPU "
                f"{r['cpu']:.2f} s = {rate:.2f} MB/s, {r['findings']} findings "
                f"(load {load_average()})",
                flush=True,
            )
    print("best: " + ", ".join(f"{k} {v:.2f} MB/s" for k, v in best.items()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
