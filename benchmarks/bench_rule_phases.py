"""Where the CPU of a check goes: each built-in rule, the reader, the engine, and the
parts of spelling/unknown, over the same texts, in process, one core.

Each rule's call per document (its document context and its blocks through the
engine, or its document check) and each named spelling method is timed with
``time.process_time`` around the call: a wrapper costs about a microsecond per call,
where cProfile multiplies the cost of every Python call and misstates the shares.
Texts: the distinct mhakan20 articles (``--records`` of them; the engine's cache
would serve a repeated text, so repeats are dropped), or the files of ``--folder``.

    python benchmarks/bench_rule_phases.py [--records 1000] [--folder DIR]

Prints a Markdown table (CPU seconds and share of the total). Not a test: the numbers
go to benchmarks/RESULTS-engine.md.
"""

from __future__ import annotations

import argparse
import functools
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

from corpus import SHARED, load_average, load_texts

_SPELLING = {  # SpellChecker method → row (rows starting with "spelling:" are parts)
    "block_facts": "spelling: block_facts (tokenizer + word classes)",
    "check": "spelling: checker.check (look-ups + suggestions)",
    "_ranked": "spelling: suggestions (_ranked)",
    "names_for": "spelling: document names per block (names_for)",
    "_may_be_typo": "spelling: capitalised-word test (may_have_frequent)",
}


def _timed(acc: Counter[str], label: str, f: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(f)
    def run(*args: Any, **kwargs: Any) -> Any:
        start = time.process_time()
        try:
            return f(*args, **kwargs)
        finally:
            acc[label] += time.process_time() - start

    return run


def instrument(acc: Counter[str]) -> None:
    """Wrap the engine's per-rule calls, the reader and the speller's methods."""
    from rolint import engine, linter
    from rolint.spelling import checker

    checker.words = _timed(acc, "spelling: tokens.words (tokenizer)", checker.words)
    for name, label in _SPELLING.items():
        setattr(checker.SpellChecker, name, _timed(acc, label, getattr(checker.SpellChecker, name)))
    linter.read = _timed(acc, "reader", linter.read)  # type: ignore[attr-defined]

    def diagnostics(self: engine.Engine, doc: Any) -> list[Any]:
        out: list[Any] = []
        view = _timed(acc, "engine: block analyses", self.analyse)(doc)
        for rule in self.block_rules:
            run = _timed(
                acc,
                rule.id,
                lambda r=rule: self._block_diagnostics(view, r, r.document_context(view)),
            )
            out.extend(run())
        for rule in self.document_rules:
            run = _timed(
                acc,
                rule.id,
                lambda r=rule: [self._to_diagnostic(doc, r, f) for f in r.check_analysis(view)],
            )
            out.extend(run())
        return out

    engine.Engine.diagnostics = diagnostics  # type: ignore[method-assign]


def distinct_texts(records: int) -> list[str]:
    seen: dict[str, None] = dict.fromkeys(load_texts(records))
    return list(seen)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--records", type=int, default=1000, help="dataset records (1000)")
    parser.add_argument("--folder", type=Path, help="check these files instead")
    args = parser.parse_args()
    if args.folder is None and not (SHARED / "corpus").is_dir():
        print(f"skipped: {SHARED}/corpus is not present")
        return 0
    from rolint import gc_tuning
    from rolint.linter import lint_text

    if args.folder is not None:
        texts = [p.read_text(encoding="utf-8") for p in sorted(args.folder.iterdir())]
    else:
        texts = distinct_texts(args.records)
    size = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    gc_tuning.tune()
    lint_text("Încălzire ţ.")  # build the engine and load the tables: not counted
    gc_tuning.settle()
    acc: Counter[str] = Counter()
    instrument(acc)
    start = time.process_time()
    for text in texts:
        lint_text(text)
    total = time.process_time() - start
    rate = size / total
    print(f"load {load_average()}; {len(texts)} texts, {size:.2f} MB;", end=" ")
    print(f"CPU {total:.2f} s = {rate:.2f} MB/s")
    print("\n| part | CPU s | share |\n|---|---:|---:|")
    whole = sum(v for k, v in acc.items() if not k.startswith("spelling:"))
    rows = sorted(acc.items(), key=lambda kv: (kv[0].startswith("spelling:"), -kv[1]))
    rows.insert(len(rows) - sum(k.startswith("spelling:") for k in acc), ("rest", total - whole))
    for label, cpu in rows:
        print(f"| {label} | {cpu:.3f} | {100 * cpu / total:.0f} % |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
