"""Cyclic garbage collector settings for rolint's long-running work.

rolint allocates many short-lived, acyclic objects (findings, diagnostics, tuples of
positions) and keeps large long-lived tables and caches (rule packs, the spelling
tables, the engine's block caches). Reference counting frees nearly everything rolint
creates; the cyclic collector finds almost nothing. With CPython's default thresholds
it still runs every 700 allocations, and as the caches grow its older generations walk
every cached object again: in the language server that was about a quarter of the CPU
time of a re-check and pauses of 40–100 ms (benchmarks/RESULTS-lsp.md).

So: collect rarely (:func:`tune`), and once the rules and their data are loaded, move
everything that exists out of the collector's sight (:func:`settle`). Objects frozen
there are still freed by reference counting; only a reference cycle frozen alive and
dropped later would stay, and rolint's data holds no such cycles.
"""

from __future__ import annotations

import gc

GEN0_THRESHOLD = 50_000  # allocations between young collections (CPython default: 700)
_settled = False


def tune() -> None:
    """Collect rarely: rolint's garbage is freed by reference counting."""
    gc.set_threshold(GEN0_THRESHOLD, 20, 20)


def settle() -> None:
    """Once per process, after the first check: :func:`freeze` the loaded rules."""
    global _settled
    if _settled:
        return
    _settled = True
    freeze()


def freeze() -> None:
    """Collect, then freeze what is alive (loaded rules, packs, dictionary tables) so
    later collections never walk it. Freezing again later adds what was built since."""
    gc.collect()
    gc.freeze()


def before_exit() -> None:
    """The process ends now: freeze what is alive, so that the collections of the
    interpreter's shutdown skip the loaded rules and tables. Those walks cost a cold
    `rolint check` of one article 20-45 ms, and at exit there is nothing left worth
    collecting (reference counting still frees what it frees)."""
    gc.freeze()
