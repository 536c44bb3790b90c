"""What one incremental edit costs the language server's event loop on a huge document.

``OpenDocument.apply`` (lsp/documents.py) converts a didChange range to offsets with
the document's ``LineIndex`` and builds the index of the new text with
``LineIndex.edited``. On a 10 MB document (the ``huge`` text of bench_lsp_stress.py,
numbered copies of the corpus articles) this prints, per single-character edit at a
random place (insert or delete, as a keystroke): the new ``str`` alone (the one copy
an immutable text needs, built as ``edited`` builds it), and ``apply``'s whole work
(two ``offset`` conversions in UTF-16 and ``edited``), for an old ``positions.py``
and this checkout's, alternately, round after round (on a shared machine only
figures taken side by side mean something). Also: building an index from scratch,
and a UTF-8 conversion far after the edit on a long line (the checkpoints an edit
keeps or drops).

    python benchmarks/bench_line_index.py --old /tmp/main/server [--mb 10] [--edits 40]

Not a test: numbers go to RESULTS-lsp.md. Skips cleanly when ../shared is absent.
"""

from __future__ import annotations

import argparse
import importlib.util
import random
import statistics
import sys
import time
from pathlib import Path
from types import ModuleType

from bench_lsp_stress import huge_text
from corpus import available, load_average, pct

ROOT = Path(__file__).resolve().parents[1]


def load_positions(server: Path, name: str) -> ModuleType:
    """``rolint/positions.py`` of ``server`` as a module of its own (stdlib only)."""
    spec = importlib.util.spec_from_file_location(name, server / "rolint" / "positions.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def keystrokes(text: str, n: int, seed: int) -> list[tuple[int, int, str]]:
    """``n`` single-character edits (offset, removed length, inserted text), each
    valid for the text the previous ones left."""
    rng = random.Random(seed)
    out, size = [], len(text)
    for _ in range(n):
        at = rng.randrange(size)
        if rng.random() < 0.6:
            out.append((at, 0, rng.choice("aeiouştrnsc ")))
            size += 1
        else:
            out.append((at, 1, ""))
            size -= 1
    return out


def far_offset(text: str) -> int:
    """An offset 600 code points into the last line longer than that (past the edits,
    and far enough into its line to need the checkpoints)."""
    end = len(text)
    while True:
        start = text.rfind("\n", 0, end - 1) + 1
        if end - start > 700 or start == 0:
            return min(start + 600, len(text))
        end = start


def run(module: ModuleType, text: str, edits: list[tuple[int, int, str]]) -> dict[str, list[float]]:
    """Milliseconds per edit: the text copy alone, and apply's work with ``module``."""
    t0 = time.perf_counter()
    index = module.LineIndex(text)
    index.offset(0, 0)  # bmp_only, as the first didChange computes it
    times: dict[str, list[float]] = {"build": [(time.perf_counter() - t0) * 1000]}
    copy, apply, far = [], [], []
    times.update({"copy": copy, "apply": apply, "far utf-8": far})
    for at, cut, new in edits:
        (l0, c0), (l1, c1) = index.position(at), index.position(at + cut)  # the client's range
        old = index.text
        t0 = time.perf_counter()
        fresh = "".join((old[:at], new, old[at + cut :]))
        copy.append((time.perf_counter() - t0) * 1000)
        del fresh
        t0 = time.perf_counter()
        start, end = index.offset(l0, c0), index.offset(l1, c1)
        index = index.edited(start, end, new)
        apply.append((time.perf_counter() - t0) * 1000)
        t0 = time.perf_counter()
        index.position(far_offset(index.text), "utf-8")
        far.append((time.perf_counter() - t0) * 1000)
    return times


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--old", type=Path, required=True, help="an old checkout's server/")
    ap.add_argument("--mb", type=float, default=10)
    ap.add_argument("--edits", type=int, default=40)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    if not available():
        print("skipped: ../shared/corpus/articles is not present on this machine")
        return 0
    text = huge_text(args.mb)
    edits = keystrokes(text, args.edits, args.seed)
    print(
        f"{len(text):,} code points, {text.count(chr(10)):,} line breaks, "
        f"{len(text.encode()) / 1e6:.1f} MB; {len(edits)} edits per run; "
        f"load average {load_average()}"
    )
    sides = {
        "old": load_positions(args.old, "old_positions"),
        "new": load_positions(ROOT / "server", "new_positions"),
    }
    print(
        "| round | code | build ms | copy p50 / p95 ms | apply p50 / p95 ms "
        "| apply − copy p50 | far utf-8 p50 / p95 ms | load |"
    )
    print("|---|---|---|---|---|---|---|---|")
    for r in range(1, args.rounds + 1):
        for label, module in sides.items():
            t = run(module, text, edits)
            c, a, f = t["copy"], t["apply"], t["far utf-8"]
            print(
                f"| {r} | {label} | {t['build'][0]:.0f} | {pct(c, 50):.2f} / {pct(c, 95):.2f} "
                f"| {pct(a, 50):.2f} / {pct(a, 95):.2f} "
                f"| {statistics.median(a) - statistics.median(c):.2f} "
                f"| {pct(f, 50):.3f} / {pct(f, 95):.3f} | {load_average()} |",
                flush=True,
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
