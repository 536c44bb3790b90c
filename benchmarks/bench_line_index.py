"""What one incremental edit costs the language server's event loop on a huge document.

``OpenDocument.apply`` (lsp/documents.py) converts a didChange range to offsets with
the document's ``LineIndex`` and builds the index of the new text with
``LineIndex.edited``. On a 10 MB document (the ``huge`` text of bench_lsp_stress.py,
numbered copies of the corpus articles) this prints, per single-character edit at a
random place (insert or delete, as a keystroke): the new ``str`` alone (the one copy
an immutable text needs, built as ``edited`` builds it), and ``apply``'s whole work
(two ``offset`` conversions in UTF-16 and ``edited``), the index's own part of it
given the new text (for the old flat index, its ``edited``'s lines after the copy,
mirrored here), for an old ``positions.py``
and this checkout's, alternately, round after round (on a shared machine only
figures taken side by side mean something). Also: building an index from scratch,
and a UTF-8 conversion far after the edit on a long line (the checkpoints an edit
keeps or drops).

    python benchmarks/bench_line_index.py --old /tmp/main/server [--mb 10] [--edits 40]

Not a test: numbers go to RESULTS-lsp.md. Skips cleanly when ../shared is absent.
"""

from __future__ import annotations

import argparse
import gc
import importlib.util
import random
import sys
import time
from bisect import bisect_right
from pathlib import Path
from types import ModuleType
from typing import Any

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


def old_index_part(index: Any, start: int, end: int, text: str, new: str) -> None:
    """What the old ``edited`` (a flat list of line starts, c9ea023 to cd5881d) did
    after its copy of the text, timed alone: its lines, given the new text."""
    line_break, starts = index.__class__.__module__, index.line_starts
    pattern = sys.modules[line_break]._LINE_BREAK
    delta = len(new) - (end - start)
    lo = max(0, bisect_right(starts, start) - 2)
    hi = bisect_right(starts, end + 1)
    scan_to = starts[hi] + delta if hi < len(starts) else len(text)
    _ = [
        *starts[: lo + 1],
        *(m.end() for m in pattern.finditer(text, starts[lo], scan_to)),
        *(s + delta for s in starts[hi + 1 :]),
    ]
    _ = {enc: marks[: start // index.step + 1] for enc, marks in index._marks.items()}


def index_part(index: Any, start: int, end: int, text: str, new: str) -> Any:
    if hasattr(index, "_reindexed"):
        return index._reindexed(text, start, end)
    return old_index_part(index, start, end, text, new)


def run(module: ModuleType, text: str, edits: list[tuple[int, int, str]]) -> dict[str, list[float]]:
    """Milliseconds per edit: the text copy alone, the index's own work alone (given
    the new text), apply's whole work with ``module``, and a conversion far after the
    edit (collector off while timing: a collection would land in one of them)."""
    t0 = time.perf_counter()
    index = module.LineIndex(text)
    index.offset(0, 0)  # bmp_only, as the first didChange computes it
    times: dict[str, list[float]] = {"build": [(time.perf_counter() - t0) * 1000]}
    copy, own, apply, far = [], [], [], []
    gc.disable()
    try:
        for at, cut, new in edits:
            (l0, c0), (l1, c1) = index.position(at), index.position(at + cut)  # the range
            old = index.text
            t0 = time.perf_counter()
            fresh = "".join((old[:at], new, old[at + cut :]))
            copy.append((time.perf_counter() - t0) * 1000)
            t0 = time.perf_counter()
            index_part(index, at, at + cut, fresh, new)
            own.append((time.perf_counter() - t0) * 1000)
            del fresh
            t0 = time.perf_counter()
            start, end = index.offset(l0, c0), index.offset(l1, c1)
            index = index.edited(start, end, new)
            apply.append((time.perf_counter() - t0) * 1000)
            t0 = time.perf_counter()
            index.position(far_offset(index.text), "utf-8")
            far.append((time.perf_counter() - t0) * 1000)
    finally:
        gc.enable()
    times.update({"copy": copy, "index": own, "apply": apply, "far utf-8": far})
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
        "| round | code | build ms | copy p50 / p95 ms | index alone p50 / p95 ms "
        "| apply p50 / p95 ms | far utf-8 p50 / p95 ms | load |"
    )
    print("|---|---|---|---|---|---|---|---|")
    for r in range(1, args.rounds + 1):
        for label, module in sides.items():
            t = run(module, text, edits)
            c, i, a, f = t["copy"], t["index"], t["apply"], t["far utf-8"]
            print(
                f"| {r} | {label} | {t['build'][0]:.0f} | {pct(c, 50):.2f} / {pct(c, 95):.2f} "
                f"| {pct(i, 50):.3f} / {pct(i, 95):.3f} | {pct(a, 50):.2f} / {pct(a, 95):.2f} "
                f"| {pct(f, 50):.3f} / {pct(f, 95):.3f} | {load_average()} |",
                flush=True,
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
