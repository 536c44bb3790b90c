"""Rule-side scaling: time and peak RSS per rule and for a whole check as inputs double.

Three hostile inputs of issue #17 (items 1, 2 and 6), each at sizes doubling from 64 KB
to 4 MB (UTF-8 bytes):

* ``letters``: one run of letters with no space (``ţara`` repeated);
* ``paragraph``: real news text (../shared corpus) with every line break replaced by a
  space, so the whole input is one paragraph;
* ``names``: paragraphs like "Ieri Xyzabc a spus că vine acasă." with a new unknown
  capitalised name in each (the count doubles with the size).

Every measurement runs in a fresh child process (empty caches, its own peak RSS), under
a memory limit (``--memory-mb``) and a time limit (``--timeout``); a child that exceeds
one is reported as ``killed``/``timeout``. Rows: each rule the case stresses alone (the
engine's check of an already read document), then ``whole`` (reading + every built-in
rule, as ``rolint check`` does). The ratio is the time of a size over the time of half
that size; the targets are a ratio ≤ 2.3 per doubling and 1 MB of any input in < 5 s.

    PYTHONPATH=server python benchmarks/bench_scaling_rules.py [--cases letters,names]
        [--max-kb 4096] [--timeout 120] [--memory-mb 3000]

Not a test: the numbers go to benchmarks/RESULTS-reliability.md.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

from corpus import SHARED, load_average, load_texts

HERE = Path(__file__).resolve()
CASES = {
    "letters": ("spelling/unknown",),
    "paragraph": ("diacritics/cedilla", "diacritics/missing", "quotes/style", "spelling/unknown"),
    "names": ("spelling/unknown",),
}
_LETTERS = "abcdefghijklmnopqrstuvwxyz"


def _name(i: int) -> str:
    """The ``i``-th made-up name: "Xy" and six letters (unknown to any dictionary),
    spread over the 26⁶ tails by a multiplicative permutation so that, as in real
    text, a name rarely has another one a single edit away (consecutive tails would
    make every name a neighbour of dozens, more the more names there are)."""
    n = (i * 1_000_003 + 12_345) % 26**6
    tail = ""
    for _ in range(6):
        n, r = divmod(n, 26)
        tail += _LETTERS[r]
    return "Xy" + tail


def make_text(case: str, size: int) -> str:
    """``case``'s input of about ``size`` UTF-8 bytes (never more)."""
    if case == "letters":
        unit = "ţara"
        return unit * (size // len(unit.encode("utf-8")))
    if case == "names":
        out, total, i = [], 0, 0
        while True:
            para = f"Ieri {_name(i)} a spus că vine acasă."
            n = len(para.encode("utf-8")) + 2
            if total + n > size:
                return "\n\n".join(out)
            out.append(para)
            total += n
            i += 1
    if case == "paragraph":
        pieces, total = [], 0
        records = 400
        while total < size:
            pieces = [" ".join(t.split()) for t in load_texts(records)]
            total = sum(len(p.encode("utf-8")) + 1 for p in pieces)
            records *= 2
        text = " ".join(pieces).encode("utf-8")[:size].decode("utf-8", "ignore")
        return text[: text.rfind(" ")]
    raise ValueError(case)


def child(case: str, size: int, rule_id: str) -> None:
    """Run one measurement and print it as JSON (in a fresh process)."""
    from rolint import gc_tuning
    from rolint.config import Config
    from rolint.engine import Engine
    from rolint.linter import engine_for
    from rolint.readers import read
    from rolint.registry import rule_classes

    gc_tuning.tune()
    text = make_text(case, size)
    if rule_id == "whole":
        engine = engine_for(Config())
        engine.check(read("Încălzire ţ.", "text"))  # load the rules first (not timed)
        t0 = time.process_time()
        diags = engine.check(read(text, "text"))
    else:
        engine = Engine([rule_classes()[rule_id]()])
        engine.check(read("Încălzire ţ.", "text"))
        doc = read(text, "text")
        t0 = time.process_time()
        diags = engine.check(doc)
    seconds = time.process_time() - t0
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    errors = [e.split(":", 2)[-1].strip()[:60] for e in engine.errors]
    print(json.dumps({"seconds": seconds, "rss_mb": rss, "findings": len(diags), "errors": errors}))


def measure(case: str, size: int, rule_id: str, timeout: float, memory_mb: int) -> dict:
    def limit() -> None:
        cap = memory_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (cap, cap))

    cmd = [sys.executable, str(HERE), "--child", case, str(size), rule_id]
    try:
        done = subprocess.run(
            cmd, capture_output=True, text=True, timeout=timeout, preexec_fn=limit, check=False
        )
    except subprocess.TimeoutExpired:
        return {"status": "timeout"}
    if done.returncode != 0 or not done.stdout.strip():
        tail = (done.stderr.strip().splitlines() or ["?"])[-1]
        return {"status": "killed", "why": tail[:80]}
    return {"status": "ok", **json.loads(done.stdout.strip().splitlines()[-1])}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--child", nargs=3, metavar=("CASE", "SIZE", "RULE"))
    parser.add_argument("--cases", default=",".join(CASES))
    parser.add_argument("--min-kb", type=int, default=64)
    parser.add_argument("--max-kb", type=int, default=4096)
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds per child")
    parser.add_argument("--memory-mb", type=int, default=3000, help="address space per child")
    parser.add_argument("--rules", help="rule ids to time instead of the case's own")
    args = parser.parse_args()
    if args.child:
        child(args.child[0], int(args.child[1]), args.child[2])
        return 0
    if not (SHARED / "corpus").is_dir():
        print(f"skipped: {SHARED}/corpus is not present")
        return 0
    os.environ.setdefault("XDG_CONFIG_HOME", "/nonexistent")
    print(f"load average {load_average()}")
    print(f"{'case':10} {'rule':22} {'size':>7} {'CPU s':>8} {'ratio':>6} {'RSS MB':>7} findings")
    for case in args.cases.split(","):
        rules = tuple(args.rules.split(",")) if args.rules else CASES[case]
        for rule_id in (*rules, "whole"):
            prev = None
            kb = args.min_kb
            while kb <= args.max_kb:
                r = measure(case, kb * 1024, rule_id, args.timeout, args.memory_mb)
                if r["status"] != "ok":
                    print(f"{case:10} {rule_id:22} {kb:>6}K {r['status']:>8}  {r.get('why', '')}")
                    break  # a bigger input would fail too
                ratio = f"{r['seconds'] / prev:6.2f}" if prev and prev > 0.02 else "     -"
                print(
                    f"{case:10} {rule_id:22} {kb:>6}K {r['seconds']:8.2f} {ratio} "
                    f"{r['rss_mb']:7.0f} {r['findings']}"
                    + (f"  RULE FAILED: {r['errors'][0]}" if r.get("errors") else ""),
                    flush=True,
                )
                prev = r["seconds"]
                kb *= 2
    print(f"load average {load_average()}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
