"""`rolint lsp` under tracemalloc, for the memory benchmark only (``--trace``).

The first SIGUSR1 starts tracing (after loading: tracing the rule packs' loading
would take minutes, and only growth after it matters); on each SIGUSR1 the server
collects garbage and writes a tracemalloc snapshot plus the counts of live objects by
type to ``$ROLINT_TRACE_OUT.<n>`` (n = 0, 1, …), renaming
each file into place when complete so the benchmark can wait for it. Tracing costs
time and memory of its own (RSS numbers of a traced run are not the benchmark's).
"""

from __future__ import annotations

import gc
import json
import os
import signal
import sys
import tracemalloc
from collections import Counter
from types import FrameType

_count = 0


def dump(signum: int, frame: FrameType | None) -> None:
    global _count
    base = f"{os.environ['ROLINT_TRACE_OUT']}.{_count}"
    _count += 1
    if not tracemalloc.is_tracing():
        tracemalloc.start(int(os.environ.get("ROLINT_TRACE_FRAMES", "6")))
    gc.collect()
    tracemalloc.take_snapshot().dump(base + ".snap.tmp")
    types = Counter(type(o).__name__ for o in gc.get_objects())
    with open(base + ".types.tmp", "w", encoding="utf-8") as out:
        json.dump(types.most_common(60), out)
    os.replace(base + ".types.tmp", base + ".types")
    os.replace(base + ".snap.tmp", base + ".snap")


def main() -> int:
    signal.signal(signal.SIGUSR1, dump)
    from rolint.cli import main as rolint_main

    return rolint_main(["lsp"])


if __name__ == "__main__":
    sys.exit(main())
