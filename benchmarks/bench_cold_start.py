"""Cold start of `rolint check` on one article: this tree against another, alternated.

Each round starts a fresh `python3 -m rolint check ARTICLE` for every tree (the order
flips every round, so drift of the machine's load hits both alike) and records its wall
time and the CPU time (user + system) the child used. Prints the median, min and max
of each, the ratio new/old, bare `python3 -c pass` for scale, and the load average
before and after. The trees' outputs must be identical (checked on the first round).

    python benchmarks/bench_cold_start.py --old /tmp/old/server [--runs 15]
    python benchmarks/bench_cold_start.py --fresh-cache     # every run with an empty
                                                            # rolint cache of its own

``--old`` is the ``server`` folder of another checkout (e.g. ``git archive`` of main,
byte-compiled with ``python3 -m compileall``); without it only this tree runs.
``--fresh-cache`` gives every run an empty ``ROLINT_CACHE_DIR`` with the compiled
dictionary linked in: the first check after installing or editing a rule pack.
Every tree is byte-compiled first, as scripts/setup.sh does (this sandbox sets
PYTHONDONTWRITEBYTECODE: a stale .pyc would be compiled again on every run).
Not a test: numbers go to RESULTS-engine.md ("Cold start").
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
TREE = HERE.parent / "server"
ARTICLE = HERE.parent.parent / "shared" / "seed" / "article.txt"


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_once(cmd: list[str], env: dict[str, str]) -> tuple[float, float, bytes]:
    """(wall s, CPU s, stdout) of one child process."""
    cpu0, t0 = _cpu(), time.perf_counter()
    proc = subprocess.run(cmd, env=env, capture_output=True, check=False)
    wall = time.perf_counter() - t0
    return wall, _cpu() - cpu0, proc.stdout


def _fresh_cache(base: Path, n: int) -> Path:
    """An empty cache folder holding only links to the compiled dictionary (and the
    participle list) of the user's cache, which take seconds to build."""
    from rolint.spelling.dictionary import cache_dir

    folder = base / f"c{n}"
    folder.mkdir()
    for f in cache_dir().glob("*"):
        if f.name.startswith(("spelling-", "participles-")) and not f.name.endswith(".lock"):
            (folder / f.name).symlink_to(f)
    return folder


def _env(tree: Path, cache: Path | None) -> dict[str, str]:
    env = dict(os.environ, PYTHONPATH=str(tree))
    if cache is not None:
        env["ROLINT_CACHE_DIR"] = str(cache)
    return env


def _summary(name: str, walls: list[float], cpus: list[float]) -> str:
    return (
        f"{name:>6}: wall median {statistics.median(walls):.3f} s "
        f"(min {min(walls):.3f}, max {max(walls):.3f}); CPU median "
        f"{statistics.median(cpus):.3f} s (min {min(cpus):.3f}, max {max(cpus):.3f})"
    )


def measure(trees: dict[str, Path], article: Path, runs: int, fresh: bool) -> dict[str, tuple]:
    """Alternated runs of every tree; {name: (walls, cpus)}."""
    cmd = [sys.executable, "-m", "rolint", "check", str(article)]
    times: dict[str, tuple[list[float], list[float]]] = {n: ([], []) for n in trees}
    outputs: dict[str, bytes] = {}
    names = list(trees)
    with tempfile.TemporaryDirectory(prefix="rolint-cold-") as tmp:
        for i in range(runs):
            for name in names if i % 2 == 0 else reversed(names):
                cache = _fresh_cache(Path(tmp), len(os.listdir(tmp))) if fresh else None
                wall, cpu, out = run_once(cmd, _env(trees[name], cache))
                times[name][0].append(wall)
                times[name][1].append(cpu)
                outputs.setdefault(name, out)
    if len(set(outputs.values())) > 1:
        raise SystemExit(f"the trees' outputs differ: {sorted(outputs)}")
    return times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--old", type=Path, help="server folder of the tree to compare")
    parser.add_argument("--runs", type=int, default=15, help="rounds (default 15)")
    parser.add_argument("--article", type=Path, default=ARTICLE)
    parser.add_argument("--fresh-cache", action="store_true", help="empty cache per run")
    args = parser.parse_args()
    if not args.article.is_file():
        print(f"skipped: {args.article} is not present")
        return 0
    sys.path.insert(0, str(TREE))
    trees = {"new": TREE}
    if args.old:
        trees = {"old": args.old.resolve(), "new": TREE}
    for tree in trees.values():  # as scripts/setup.sh does: stale bytecode is recompiled
        subprocess.run([sys.executable, "-m", "compileall", "-q", str(tree / "rolint")], check=True)
    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    bare = [run_once([sys.executable, "-c", "pass"], dict(os.environ)) for _ in range(5)]
    times = measure(trees, args.article, args.runs, args.fresh_cache)
    print(f"load average after:  {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print(
        f"{'bare':>6}: `python3 -c pass` wall median {statistics.median(b[0] for b in bare):.3f}"
        f" s, CPU median {statistics.median(b[1] for b in bare):.3f} s"
    )
    for name, (walls, cpus) in times.items():
        print(_summary(name, walls, cpus))
    if "old" in times:
        old, new = times["old"], times["new"]
        print(
            f" ratio: new/old wall {statistics.median(new[0]) / statistics.median(old[0]):.2f}, "
            f"CPU {statistics.median(new[1]) / statistics.median(old[1]):.2f} "
            f"({args.runs} alternated rounds, fresh cache: {args.fresh_cache})"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
