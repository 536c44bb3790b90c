"""rolint's engine in process, for the figures a command line cannot give (run as a child).

    python bench/inproc.py rules MIN_CPU FILE...  CPU seconds of each rule alone over FILEs
    python bench/inproc.py warm N FILE          N checks of FILE by a warm engine, in ms
    python bench/inproc.py paragraphs JSON      one warm check per paragraph, in ms

Each prints one JSON object on stdout. ``rules`` times every rule through a fresh Engine
holding that rule only, with the family's shared memo table emptied (as
benchmarks/bench_rules_speed.py does), on CPU time; a short text is checked again
(each time by a fresh rule) until MIN_CPU seconds have been spent, and the mean is
kept. ``warm`` and ``paragraphs`` use the engine of the default configuration, as the
language server does.
"""

from __future__ import annotations

import gc
import importlib
import json
import sys
import time
from pathlib import Path
from typing import Any


def _fresh(cls: type) -> Any:
    module = importlib.import_module(cls.__module__)
    table = getattr(module, "_SHARED", None)
    if isinstance(table, dict):
        table.clear()
    from rolint.engine import Engine

    return Engine([cls()])


def rules(min_cpu: float, paths: list[Path]) -> dict[str, object]:
    from rolint import registry
    from rolint.readers import read

    docs = [read(p.read_text(encoding="utf-8"), "text") for p in paths]
    out: dict[str, object] = {}
    for rule_id, cls in registry.rule_classes().items():
        spent, runs, found = 0.0, 0, 0
        while runs == 0 or (spent < min_cpu and runs < 50):
            engine = _fresh(cls)
            gc.collect()
            t0 = time.process_time()
            found = sum(len(engine.check(doc)) for doc in docs)
            spent += time.process_time() - t0
            runs += 1
        out[rule_id] = {"cpu": spent / runs, "findings": found, "runs": runs}
    t0 = time.process_time()
    for p in paths:
        read(p.read_text(encoding="utf-8"), "text")
    out["(reading)"] = {"cpu": time.process_time() - t0, "findings": 0, "runs": 1}
    return out


def _engine() -> Any:
    from rolint import gc_tuning
    from rolint.config import Config
    from rolint.linter import engine_for

    engine = engine_for(Config(), None)
    gc_tuning.tune()  # as the language server does
    return engine


def warm(times: int, path: Path) -> dict[str, object]:
    """A warm engine on the article ``times`` times. Repeated unchanged, every paragraph
    comes from the engine's memo (``ms_unchanged``); so for ``ms`` each repetition adds
    its own number to the end of every paragraph, and every paragraph is checked anew
    (the dictionary and the rules' word tables stay warm, as in a running server)."""
    from rolint.readers import read

    text = path.read_text(encoding="utf-8")
    engine = _engine()
    engine.check(read(text))
    ms, unchanged = [], []
    for i in range(times):
        variant = "\n\n".join(f"{p.rstrip()} {i + 1}" for p in text.split("\n\n"))
        t0 = time.perf_counter()
        engine.check(read(variant))
        ms.append((time.perf_counter() - t0) * 1000)
        t0 = time.perf_counter()
        engine.check(read(text))
        unchanged.append((time.perf_counter() - t0) * 1000)
    return {"ms": ms, "ms_unchanged": unchanged}


def paragraphs(path: Path) -> dict[str, object]:
    """Each paragraph once, after one warm-up check of a text none of them is in: the
    engine is warm (dictionary loaded) but has not seen the paragraph, as a server
    receiving a new paragraph."""
    from rolint.readers import read

    texts = json.loads(path.read_text(encoding="utf-8"))
    engine = _engine()
    engine.check(read("Textul acesta pornește motorul înainte de măsurare."))
    ms, found = [], 0
    for text in texts:
        t0 = time.perf_counter()
        found += len(engine.check(read(text)))
        ms.append((time.perf_counter() - t0) * 1000)
    return {"ms": ms, "findings": found}


def main(argv: list[str]) -> int:
    mode, args = argv[0], argv[1:]
    if mode == "rules":
        result = rules(float(args[0]), [Path(a) for a in args[1:]])
    elif mode == "warm":
        result = warm(int(args[0]), Path(args[1]))
    elif mode == "paragraphs":
        result = paragraphs(Path(args[0]))
    else:
        print(__doc__, file=sys.stderr)
        return 2
    json.dump(result, sys.stdout)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
