"""The speller's per-word memo tables over a long session: with and without a bound.

Every keystroke inside a word types a new word (``guvernul`` → ``guvernqul``), so a
language server meets new words for as long as it runs. This feeds such words (corpus
words with one letter added at a random place, 40 to a paragraph) through two fresh
spell checkers, one bounded with ``SpellChecker.bound_memos(--bound)`` (what
lsp/budget.py does with the open documents' words), and prints the memory Python holds
for the new tables (tracemalloc) and their sizes as the words accumulate.

    python benchmarks/bench_speller_memory.py [--words 12000] [--bound 4000]
    python benchmarks/bench_speller_memory.py --names --words 400000 --bound 38653

``--names``: new capitalised words mid-sentence instead (``Ieri Kovrenu a spus``: an
unknown name, no suggestions to compute), so the tables reach their fixed caps
(300,000 words) in minutes: what a session over many documents can hold at most.

Not a test: numbers go to RESULTS-lsp.md. Skips cleanly when ../shared is absent.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import time
import tracemalloc

from corpus import ARTICLES, available, load_average


def typed_words(n: int, seed: int) -> list[str]:
    words = sorted(
        {
            w
            for p in sorted(ARTICLES.glob("*.txt"))[:400]
            for w in re.findall(r"\w{4,}", p.read_text())
        }
    )
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        w = rng.choice(words)
        at = rng.randrange(len(w) + 1)
        out.append(w[:at] + rng.choice("aeiouştrnsc") + w[at:])
    return out


def typed_names(n: int, seed: int) -> list[str]:
    """``n`` distinct made-up names in sentences of their own (letters at random)."""
    rng = random.Random(seed)
    letters = "bcdfghjklmnprstvz"
    vowels = "aeiou"
    seen: set[str] = set()
    while len(seen) < n:
        syllables = rng.randrange(2, 5)
        seen.add("".join(rng.choice(letters) + rng.choice(vowels) for _ in range(syllables)))
    return [f"Ieri {w.title()} a spus" for w in sorted(seen)]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--words", type=int, default=12_000)
    ap.add_argument("--bound", type=int, default=4_000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--names", action="store_true", help="made-up names, no typos")
    args = ap.parse_args()
    if not available():
        print("skipped: ../shared/corpus/articles is not present on this machine")
        return 0
    from rolint.spelling.api import checker_for

    typed = (typed_names if args.names else typed_words)(args.words, args.seed)
    print(f"{len(typed)} typed words, {len(set(typed))} distinct; load {load_average()}")
    for bound in (None, args.bound):
        tracemalloc.start()  # before the checker: its starting sets are replaced on a reset
        chk = checker_for()
        chk.warm_up()
        chk.bound_memos(bound if bound is not None else 1 << 62)  # (the shared dictionary's
        base = tracemalloc.get_traced_memory()[0]  # memo, filled by the first run, emptied)
        t0 = time.perf_counter()
        label = "unbounded (fixed caps)" if bound is None else f"bound_memos({bound})"
        for i in range(0, len(typed), 40):
            chk.check(" ".join(typed[i : i + 40]) + ".")
            done = i + 40
            if done % (50_000 if args.names else 2000) == 0 or done >= len(typed):
                held = (tracemalloc.get_traced_memory()[0] - base) / 1e6
                sizes = chk.memo_sizes()
                biggest = ", ".join(
                    f"{k} {v}" for k, v in sorted(sizes.items(), key=lambda kv: -kv[1])[:5]
                )
                print(
                    f"{label}: {done:>6} words: +{held:.1f} MB held, largest tables {biggest} "
                    f"({time.perf_counter() - t0:.0f} s)",
                    flush=True,
                )
        tracemalloc.stop()
    print(f"load {load_average()} at the end")
    return 0


if __name__ == "__main__":
    sys.exit(main())
