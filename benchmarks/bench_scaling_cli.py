"""Scaling of the CLI side of rolint: readers, `rolint fix` and batch memory (issue #17).

Each case doubles its input and prints wall time and peak RSS (``/usr/bin/time -v`` of a
real ``rolint`` process) with the ratio to the previous size; the target is a ratio of at
most 2.3 per doubling. ``--old REV`` runs the same cases on the package as it was at
``REV`` (extracted with ``git archive``), alternating old and new per size, so both see
the same machine load.

Cases:

* ``table``  — an HTML ``<table>`` of Romanian cells, 64 KB … 2 MB (issue 3). Also
  prints the reader's own time in process, to tell the reader from the rules.
* ``fixes``  — ``rolint fix`` on ``"ţara " * n``, n = 4 K … 64 K fixes (issue 4).
* ``brackets`` — Markdown with n ``[`` on one line, 25 K … 200 K (issue 5).
* ``batch`` — ``rolint check --jobs 1 --format json`` over the distinct articles of the
  mhakan20 dataset (peak RSS target ≤ 300 MB; issue #11).

    python3 benchmarks/bench_scaling_cli.py [--old REV] [--cases table,fixes,...] [--quick]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from corpus import DATASET, load_average

ROOT = Path(__file__).resolve().parents[1]
SLOW_SECONDS = 40.0  # a tree slower than this at one size is not run at the next
_CELL = "Consiliul județean a aprobat bugetul pentru școala din sat"


def run_measured(pythonpath: Path, args: list[str], cwd: Path) -> tuple[float, float, int]:
    """(wall seconds, peak RSS in MB, exit code) of one ``rolint`` process."""
    env = dict(os.environ, PYTHONPATH=str(pythonpath))
    cmd = ["/usr/bin/time", "-v", sys.executable, "-m", "rolint", *args]
    start = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, cwd=cwd, env=env, timeout=1800)
    wall = time.perf_counter() - start
    found = re.search(rb"Maximum resident set size \(kbytes\): (\d+)", proc.stderr)
    rss = int(found.group(1)) / 1024 if found else float("nan")
    return wall, rss, proc.returncode


def html_table(size: int) -> str:
    rows = []
    total = 0
    i = 0
    while total < size:
        row = f"<tr><td>{_CELL} {i}</td><td>Suma de {i} lei</td></tr>\n"
        rows.append(row)
        total += len(row.encode("utf-8"))
        i += 1
    return "<table>\n" + "".join(rows) + "</table>\n"


def cedillas(n: int) -> str:
    return "ţara " * n + "\n"


def brackets(n: int) -> str:
    return "# Titlu\n\nText " + "[" * n + " aici.\n"


CASES: dict[str, tuple[str, Callable[[int], str], list[int], list[str]]] = {
    "table": (
        "a.html",
        html_table,
        [64 << 10, 128 << 10, 256 << 10, 512 << 10, 1 << 20, 2 << 20],
        ["check"],
    ),
    "fixes": ("a.txt", cedillas, [4000, 8000, 16000, 32000, 64000], ["fix"]),
    "brackets": ("a.md", brackets, [25000, 50000, 100000, 200000], ["check"]),
}


def extract(rev: str, into: Path) -> Path:
    """The ``server`` folder of the package at ``rev`` (with its rule packs linked in,
    as scripts/setup.sh links them in a checkout)."""
    archive = subprocess.run(
        ["git", "-C", str(ROOT), "archive", rev, "server", "rules"], capture_output=True, check=True
    ).stdout
    subprocess.run(["tar", "-x", "-C", str(into)], input=archive, check=True)
    packs = into / "server" / "rolint" / "packs"
    if not packs.exists():
        packs.symlink_to(Path("..", "..", "rules"))
    return into / "server"


def reader_seconds(pythonpath: Path, name: str, text_path: Path) -> float:
    """Time of the reader alone (building the Document), in a fresh process."""
    code = (
        "import sys,time;from rolint.readers import read, detect_format;"
        f"t=open({str(text_path)!r},encoding='utf-8').read();s=time.perf_counter();"
        f"read(t, detect_format({name!r}));print(time.perf_counter()-s)"
    )
    env = dict(os.environ, PYTHONPATH=str(pythonpath))
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, env=env, text=True)
    return float(out.stdout.strip() or "nan")


def bench_case(case: str, trees: dict[str, Path], quick: bool) -> None:
    name, make, sizes, command = CASES[case]
    if quick:
        sizes = sizes[:3]
    print(f"\n## {case}  (load {load_average()})")
    print("| tree | size | time s | ratio | peak RSS MB | ratio | reader s | exit |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    previous: dict[str, tuple[float, float]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for size in sizes:
            for label, tree in trees.items():  # alternate old/new at each size
                before = previous.get(label)
                if before and before[0] > SLOW_SECONDS:  # the next size would take ~4x
                    print(f"| {label} | {size:,} | skipped (previous > {SLOW_SECONDS} s) |||||")
                    continue
                path = Path(tmp, name)
                path.write_text(make(size), encoding="utf-8")
                wall, rss, rc = run_measured(tree, [*command, name], Path(tmp))
                reader = reader_seconds(tree, name, path) if case == "table" else float("nan")
                t_ratio = f"{wall / before[0]:.2f}" if before else "—"
                m_ratio = f"{rss / before[1]:.2f}" if before else "—"
                previous[label] = (wall, rss)
                print(
                    f"| {label} | {size:,} | {wall:.2f} | {t_ratio} | {rss:.0f} | {m_ratio} "
                    f"| {reader:.2f} | {rc} |",
                    flush=True,
                )


def distinct_articles(folder: Path) -> tuple[int, int]:
    """Write the distinct (by text) mhakan20 articles as files; return (count, bytes)."""
    seen: set[str] = set()
    size = 0
    for source in sorted(DATASET.glob("*.json")):
        for rec in json.loads(source.read_text(encoding="utf-8")):
            text = rec.get("text", "")
            if text in seen:
                continue
            seen.add(text)
            body = f"{rec.get('title', '')}\n\n{text}"
            Path(folder, f"{len(seen):05}.txt").write_text(body, encoding="utf-8")
            size += len(body.encode("utf-8"))
    return len(seen), size


def bench_batch(trees: dict[str, Path]) -> None:
    if not DATASET.is_dir():
        print("\n## batch: dataset not found, skipped")
        return
    with tempfile.TemporaryDirectory() as tmp:
        count, size = distinct_articles(Path(tmp))
        print(
            f"\n## batch: {count:,} distinct articles, {size / 1e6:.1f} MB  (load {load_average()})"
        )
        print("| tree | command | time s | peak RSS MB | exit |")
        print("|---|---|---:|---:|---:|")
        args = ["check", "--jobs", "1", "--format", "json", "--no-progress", tmp]
        for label, tree in trees.items():
            wall, rss, rc = run_measured(tree, args, Path(tmp))
            print(
                f"| {label} | check --jobs 1 --format json | {wall:.1f} | {rss:.0f} | {rc} |",
                flush=True,
            )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--old", help="git revision to compare with (alternated per size)")
    parser.add_argument("--cases", default="table,fixes,brackets,batch")
    parser.add_argument("--quick", action="store_true", help="the three smallest sizes only")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        trees = {"new": ROOT / "server"}
        if args.old:
            trees = {"old": extract(args.old, Path(tmp)), **trees}
        for case in args.cases.split(","):
            if case == "batch":
                bench_batch(trees)
            else:
                bench_case(case, trees, args.quick)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
