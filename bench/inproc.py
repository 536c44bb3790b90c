"""rolint's engine in process, for the figures a command line cannot give (run as a child).

    python bench/inproc.py rules MIN_CPU FILE...  CPU seconds of each rule alone over FILEs
    python bench/inproc.py warm N FILE          N checks of FILE by a warm engine, in ms
    python bench/inproc.py paragraphs JSON      one warm check per paragraph, in ms

Each prints one JSON object on stdout. ``rules`` times every rule through a fresh Engine
holding that rule only, with the family's shared memo table emptied (as
benchmarks/bench_rules_speed.py does), on CPU time, with the garbage collector set as
the command line sets it (rolint.gc_tuning). Each text is checked at least 3 times
(each time by a fresh, warmed rule; twice when that took 3 × MIN_CPU), and again until
MIN_CPU seconds have been spent checking (at most 200 times, or until 3 × MIN_CPU
including the rules' preparation): the median run is kept, with the scatter of the
runs, so that a point of the size series is not one noisy run. ``(engine)`` is a rule
that finds nothing, through the same engine: the cost all rules share, checked once
before each rule (its median and scatter over the whole run). ``warm`` and
``paragraphs`` use the engine of the default configuration, as the language server
does.
"""

from __future__ import annotations

import gc
import importlib
import json
import math
import os
import sys
import time
from pathlib import Path
from typing import Any

# Written for this project: a fresh rule's first check builds what it builds lazily.
WARM = "Ieri, la Cluj, consiliul a votat în unanimitate."


def _clear_memo(cls: type) -> None:
    module = importlib.import_module(cls.__module__)
    table = getattr(module, "_SHARED", None)
    if isinstance(table, dict):
        table.clear()


def _fresh(cls: type) -> Any:
    """A new engine holding a new ``cls`` rule, warmed on one sentence none of the
    measured texts holds, with the family's memo table emptied before and after: what
    a check of a new document costs, without the rule's one-time preparation."""
    from rolint.engine import Engine
    from rolint.readers import read

    _clear_memo(cls)
    engine = Engine([cls()])
    engine.check(read(WARM, "text"))
    _clear_memo(cls)
    return engine


MIN_RUNS = 3  # checks at least per point: its median is not one slow run, and it has a
# scatter; 2 when two already took 3 × MIN_CPU (a long check varies little)
MAX_RUNS = 200


def _median(xs: list[float]) -> float:
    ordered = sorted(xs)
    n = len(ordered)
    return (ordered[n // 2] + ordered[(n - 1) // 2]) / 2


def _scatter(times: list[float]) -> float:
    """The scatter of one run's log time: the standard deviation of the runs' logs (0
    for one run). Not a median deviation: of 3 runs that is the smaller of two gaps,
    often near 0, and a point would claim a precision it does not have."""
    if len(times) < 2:
        return 0.0
    logs = [math.log(max(t, 1e-9)) for t in times]
    mean = sum(logs) / len(logs)
    return math.sqrt(sum((x - mean) ** 2 for x in logs) / (len(logs) - 1))


def _few(times: list[float], min_cpu: float) -> bool:
    return len(times) < MIN_RUNS and (len(times) < 2 or sum(times) < 3 * min_cpu)


def _repeat(make: Any, min_cpu: float) -> dict[str, float]:
    """``make()`` (untimed: it builds a fresh rule) returns a check returning a count;
    checks repeated as the module says. The median run is kept, and the scatter of
    the runs: a point's error for the size exponent (bench/sections.py, ``fit``)."""
    times: list[float] = []
    found = 0
    began = time.process_time()
    while _few(times, min_cpu) or (
        sum(times) < min_cpu and len(times) < MAX_RUNS and time.process_time() - began < 3 * min_cpu
    ):
        check = make()
        gc.collect()
        t0 = time.process_time()
        found = check()
        times.append(time.process_time() - t0)
    return {
        "cpu": _median(times),
        "min": min(times),
        "sd": _scatter(times),
        "findings": found,
        "runs": len(times),
    }


ENGINE = "(engine)"  # the no-op rule's row (bench/sections.py reads it by this name)


def _nothing() -> type:
    """A block rule that finds nothing: through a fresh engine, what every rule's
    figure includes and no rule chooses (the block analyses, the engine's bookkeeping
    per block), so that a rule can be judged on its own cost."""
    from rolint.rule import Rule

    class Nothing(Rule):
        id = ENGINE

        def check(self, block: Any, context: object) -> tuple[()]:
            return ()

    return Nothing


def _forked(measure: Any) -> dict[str, float]:
    """``measure()`` in a forked copy of this process, its result sent back through a
    pipe: every rule is timed in the same state of the process (the texts read, the
    rules' modules imported) whatever ran before it. In one process, the tables and
    memos the earlier rules leave behind slow the later ones down (a 3 MB text: a
    third more for the no-op rule, 60 % for orthography/old, after the other rules)."""
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: measure, write, leave without running the parent's exits
        os.close(read_end)
        try:
            data = json.dumps(measure())
        except BaseException as exc:  # any failure goes to the parent
            data = json.dumps({"error": f"{type(exc).__name__}: {exc}"})
        with os.fdopen(write_end, "w", encoding="utf-8") as out:
            out.write(data)
        os._exit(0)
    os.close(write_end)
    with os.fdopen(read_end, encoding="utf-8") as got:
        data = got.read()
    os.waitpid(pid, 0)
    result: dict[str, float] = json.loads(data) if data else {"error": "no result"}
    if "error" in result:
        raise RuntimeError(f"inproc rules: {result['error']}")
    return result


def _touch(docs: list[Any]) -> int:
    """Reach every block of ``docs`` once (untimed): a forked child's first writes to
    a page (reference counts) copy it, a cost no check of a document pays."""
    return sum(len(t) for doc in docs for t in doc.block_texts) + sum(
        len(doc.blocks) for doc in docs
    )


def _checker(cls: type, docs: list[Any]) -> Any:
    """A check of ``docs`` by a fresh engine holding a fresh ``cls`` rule (untimed)."""
    engine = _fresh(cls)
    return lambda: sum(len(engine.check(doc)) for doc in docs)


def _once(make: Any) -> float:
    """CPU seconds of one check, made as :func:`_repeat` makes them."""
    check = make()
    gc.collect()
    t0 = time.process_time()
    check()
    return time.process_time() - t0


def rules(min_cpu: float, paths: list[Path]) -> dict[str, object]:
    from rolint import gc_tuning, registry
    from rolint.readers import read

    gc_tuning.tune()  # as `rolint check` runs
    texts = [p.read_text(encoding="utf-8") for p in paths]
    docs = [read(t, "text") for t in texts]
    gc_tuning.freeze()  # the texts: out of the collector's sight, in every child too
    nothing = _nothing()
    out: dict[str, Any] = {}
    engine: list[float] = []
    for rule_id, cls in registry.rule_classes().items():

        def measure(cls: type = cls) -> dict[str, float]:
            # The rule's data loaded, then frozen, as `rolint check` freezes after its
            # first check (gc_tuning.settle): the collection before each timed check
            # then walks only what the last one left, not every loaded table (tens of
            # ms a time, which would leave a short check few runs within 3 × MIN_CPU).
            make = lambda: _checker(cls, docs)  # noqa: E731
            make()
            gc_tuning.freeze()
            _touch(docs)
            # One check by the no-op rule first: its figure is the median over all the
            # rules' children, spread over the whole run as the rules are.
            return {ENGINE: _once(lambda: _checker(nothing, docs)), **_repeat(make, min_cpu)}

        got = _forked(measure)
        engine.append(got.pop(ENGINE))
        out[rule_id] = got
    # Its scatter over the run is also how far one rule's figure may drift (a busy
    # neighbour for a while), which the repeats of one rule, back to back, cannot see.
    out[ENGINE] = {"cpu": _median(engine), "min": min(engine), "sd": _scatter(engine)}
    out[ENGINE].update(findings=0, runs=len(engine), drift=_scatter(engine))
    reading = _forked(
        lambda: _repeat(lambda: lambda: len([read(t, "text") for t in texts]), min_cpu)
    )
    out["(reading)"] = {**reading, "findings": 0}
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
