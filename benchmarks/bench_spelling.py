"""spelling/unknown: speed of the compiled dictionary and quality on real news text.

Speed (needs the rospell dictionary; the corpus parts need ../shared):

* compile: expanding rospell and writing the cache (only with ``--compile``: it
  compiles into a temporary cache folder, ~5–25 s);
* ready: a fresh process imports rolint.spelling, opens the compiled dictionary and
  answers its first lookup (and, separately, its first suggestion);
* lookups/s (per CPU-second of this process, so that other load on a shared machine
  does not count): distinct corpus tokens with the memo off, those of them outside
  the hot-word set (every one probes the table), and the corpus token stream as the
  checker sees it (memo emptied before each article, and warm);
* suggestions: latency of the ranked suggestions for unknown words (p50/p95/max);
* RSS: added by opening the dictionary and using it on the corpus, and the upper
  bound once every page of the table has been touched.

Quality (needs ../shared):

* flags per 1,000 words over the 64 corpus articles (spelling/unknown alone);
* misspellings.tsv: single-word wrong forms flagged, and with the right form first;
* synthetic typos of frequent words, by class: right form first / in the top five.

Not a test; the numbers go to RESULTS-spelling.md.

    python benchmarks/bench_spelling.py [--compile] [--flags]
"""

from __future__ import annotations

import argparse
import glob
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

SHARED = Path(os.environ.get("ROLINT_SHARED", Path(__file__).resolve().parents[2] / "shared"))
WORD_RE = re.compile(r"[^\W\d_]+")


def rss_kb() -> int:
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def corpus_texts() -> list[str]:
    return [
        Path(p).read_text(encoding="utf-8")
        for p in sorted(glob.glob(str(SHARED / "corpus/articles/*.txt")))
    ]


def bench_compile() -> None:
    from rolint.spelling.dictionary import compile_to, locate

    aff, dic = locate()
    with tempfile.TemporaryDirectory() as tmp:
        t = time.perf_counter()
        info = compile_to(aff, dic, Path(tmp) / "x.cdict")
        dt = time.perf_counter() - t
    print(
        f"compile: {dt:.1f} s, {info['forms']:,} forms, {info['keys']:,} keys, "
        f"{info['bytes'] / 1e6:.1f} MB"
    )


_READY = r"""
import time, sys
t0 = time.perf_counter()
from rolint.spelling.api import dictionary
d = dictionary()
ok = d.check("catalogat")
t1 = time.perf_counter()
from rolint.spelling.suggest import Suggester
s = Suggester(d).suggest("catalgat")
t2 = time.perf_counter()
print(f"{t1 - t0:.4f} {t2 - t1:.4f} {ok} {s[0]}")
"""

_RSS = r"""
import sys, glob, re
def rss():
    for line in open("/proc/self/status"):
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
from rolint.spelling.checker import SpellChecker
from rolint.spelling.dictionary import Dictionary
import rolint.spelling.suggest
base = rss()
from rolint.spelling.api import dictionary
d = dictionary()
chk = SpellChecker(d)
opened = rss()
texts = [open(p, encoding="utf-8").read() for p in sorted(glob.glob(sys.argv[1]))]
for t in texts:
    for b in t.split("\n\n"):
        chk.check(b)
for w in ("catalgat", "pateneriat", "guvenrul", "sedintei"):
    chk.suggest(w)
used = rss()
mm = d.compiled._mm
total = 0
for i in range(0, len(mm), 4096):
    total += mm[i]
full = rss()
print(base, opened, used, full)
"""


def bench_ready(runs: int = 5) -> None:
    ready, first_sugg = [], []
    for _ in range(runs):
        out = subprocess.run(
            [sys.executable, "-c", _READY], capture_output=True, text=True, check=True
        ).stdout.split()
        ready.append(float(out[0]))
        first_sugg.append(float(out[1]))
    print(
        f"ready (import + open + first lookup, fresh process): median "
        f"{statistics.median(ready) * 1000:.1f} ms, max {max(ready) * 1000:.1f} ms"
    )
    print(
        f"first suggestion in that process (loads frequencies): median "
        f"{statistics.median(first_sugg) * 1000:.1f} ms"
    )


def bench_rss() -> None:
    pattern = str(SHARED / "corpus/articles/*.txt")
    out = subprocess.run(
        [sys.executable, "-c", _RSS, pattern], capture_output=True, text=True, check=True
    ).stdout.split()
    base, opened, used, full = map(int, out)
    print(
        f"RSS: {base / 1024:.1f} MB before; +{(opened - base) / 1024:.1f} MB after open; "
        f"+{(used - base) / 1024:.1f} MB after checking the corpus; "
        f"+{(full - base) / 1024:.1f} MB with every page of the table touched"
    )


def _best_rate(run: Callable[[], None], count: int, repeats: int = 3) -> float:
    """Items per CPU second of ``run`` (which handles ``count`` items): the best of
    ``repeats`` runs, since the machine is shared."""
    best = 0.0
    for _ in range(repeats):
        t = time.process_time()
        run()
        best = max(best, count / (time.process_time() - t))
    return best


def bench_lookups(texts: list[str]) -> None:
    from rolint.spelling.api import dictionary
    from rolint.spelling.tokens import normalise

    d = dictionary()
    tokens = [normalise(w) for t in texts for w in WORD_RE.findall(t)]
    distinct = list(dict.fromkeys(tokens))

    def check_each(words: list[str]) -> None:
        for w in words:
            d._check(w)

    best = _best_rate(lambda: check_each(distinct), len(distinct))
    print(
        f"lookups, distinct tokens, no memo (worst case): {best:,.0f}/s ({len(distinct):,} tokens)"
    )
    rare = [w for w in distinct if w not in d._hot and w.lower() not in d._hot]
    best = _best_rate(lambda: check_each(rare), len(rare))
    print(
        f"lookups, distinct tokens outside the hot set (table probes): {best:,.0f}/s "
        f"({len(rare):,} tokens)"
    )
    per_article = [[normalise(w) for w in WORD_RE.findall(t)] for t in texts]

    def stream(cold: bool) -> None:
        for toks in per_article:
            if cold:
                d._memo.clear()  # every article starts cold
            for w in toks:
                d.check(w)

    best = _best_rate(lambda: stream(cold=True), len(tokens))
    print(
        f"lookups, token stream, memo emptied before each article: {best:,.0f}/s "
        f"({len(tokens):,} tokens)"
    )
    best = _best_rate(lambda: stream(cold=False), len(tokens))
    print(f"lookups, token stream, warm memo: {best:,.0f}/s")
    from rolint.spelling.checker import SpellChecker

    chk = SpellChecker(d)
    blocks = [b for t in texts for b in t.split("\n\n")]
    nwords = sum(len(WORD_RE.findall(b)) for b in blocks)
    for b in blocks:  # warm the suggestion cache-free path once (frequencies loaded)
        chk.check(b)
    t = time.process_time()
    for b in blocks:
        chk.check(b)
    dt = time.process_time() - t
    print(f"full check (tokenise + names + lookups + suggestions): {nwords / dt:,.0f} words/s")


def synthetic(n: int = 400, seed: int = 11) -> dict[str, list[tuple[str, str]]]:
    """Typos of frequent words by class: ``{class: [(typo, right), ...]}``."""
    from rolint.spelling.api import dictionary

    d = dictionary()
    rng = random.Random(seed)
    words = sorted(
        w
        for w, z in d.freq.items()
        if z >= 3.5 and len(w) >= 5 and w.isalpha() and w == w.lower() and d.check(w)
    )
    rng.shuffle(words)
    near = {}
    rows = ("qwertyuiop", "asdfghjkl", "zxcvbnm")
    for r in rows:
        for i, c in enumerate(r):
            near[c] = (r[i - 1] if i else "") + (r[i + 1] if i + 1 < len(r) else "")
    strip = str.maketrans("ăâîșț", "aaist")
    swap = {"ă": "â", "â": "ă", "î": "â", "ș": "s", "ț": "t"}

    def make(kind: str, w: str) -> str | None:
        i = rng.randrange(1, len(w) - 1)
        if kind == "omission":
            return w[:i] + w[i + 1 :]
        if kind == "transposition":
            return w[:i] + w[i + 1] + w[i] + w[i + 2 :] if w[i] != w[i + 1] else None
        if kind == "doubled letter":
            return w[:i] + w[i] + w[i:]
        if kind == "keyboard neighbour":
            c = w[i]
            return w[:i] + rng.choice(near[c]) + w[i + 1 :] if near.get(c) else None
        if kind == "missing diacritics":
            s = w.translate(strip)
            return s if s != w else None
        if kind == "wrong diacritic":
            idx = [j for j, c in enumerate(w) if c in "ăâî"]
            if not idx:
                return None
            j = rng.choice(idx)
            return w[:j] + swap[w[j]] + w[j + 1 :]
        return None

    out: dict[str, list[tuple[str, str]]] = {}
    for kind in (
        "omission",
        "transposition",
        "doubled letter",
        "keyboard neighbour",
        "missing diacritics",
        "wrong diacritic",
    ):
        got = []
        for w in words:
            t = make(kind, w)
            if t and t != w and not d.check(t):
                got.append((t, w))
            if len(got) >= n:
                break
        out[kind] = got
    return out


def bench_suggestions(texts: list[str]) -> None:
    from rolint.spelling.api import checker_for

    chk = checker_for()
    chk.suggest("catalgat")  # frequencies loaded
    typos = synthetic()  # seed 11: the costs were tuned on seed 7
    times = []
    print("suggestions, synthetic typos of frequent words (right form first / in top 5):")
    for kind, pairs in typos.items():
        first = top5 = 0
        for typo, right in pairs:
            t = time.perf_counter()
            s = chk.suggest(typo)
            times.append(time.perf_counter() - t)
            first += bool(s) and s[0] == right
            top5 += right in s
        n = len(pairs) or 1
        print(
            f"  {kind:20} {len(pairs):4} typos: first {100 * first / n:5.1f} %, "
            f"top 5 {100 * top5 / n:5.1f} %"
        )
    for t in texts:  # the corpus' own unknown words
        for b in t.split("\n\n"):
            for issue in chk.check(b):
                s = time.perf_counter()
                chk.suggest(issue.word)
                times.append(time.perf_counter() - s)
    times.sort()
    p = lambda q: times[min(len(times) - 1, int(q * len(times)))] * 1000  # noqa: E731
    print(
        f"suggestion latency over {len(times)} unknown words: p50 {p(0.5):.2f} ms, "
        f"p95 {p(0.95):.2f} ms, p99 {p(0.99):.2f} ms, max {times[-1] * 1000:.2f} ms"
    )


def quality(texts: list[str], show_flags: bool) -> None:
    from rolint.readers import read
    from rolint.rule import RuleSetup
    from rolint.rules.spelling import Unknown

    rule = Unknown(RuleSetup(options={"user-vocabulary": False}))
    words = flags = 0
    listing = []
    for n, text in enumerate(texts, 1):
        doc = read(text)
        ctx = rule.context(doc)
        words += len(WORD_RE.findall(text))
        for b in doc.blocks:
            bt = doc.block_text(b)
            for f in rule.check_block(bt, b.kind, ctx):
                flags += 1
                listing.append(f"{n:03d}\t{bt[f.start : f.end]}\t{', '.join(f.replacements[:3])}")
    print(
        f"corpus: {len(texts)} articles, {words:,} words, {flags} flags, "
        f"{1000 * flags / max(words, 1):.2f} per 1,000 words"
    )
    if show_flags:
        print("\n".join(listing))

    from rolint.spelling.api import checker_for
    from rolint.spelling.lexicon import typo_words

    chk = checker_for(defer_to_typos=False)  # spelling's own ability, pack aside
    tsv = SHARED / "ro/misspellings.tsv"
    rows = [
        line.split("\t")[:2]
        for line in tsv.read_text(encoding="utf-8").splitlines()[1:]
        if line.strip()
    ]
    single = [(w, r) for w, r in rows if " " not in w]
    flagged = first = 0
    other = []
    for wrong, right in single:
        issues = chk.check(wrong)
        if issues:
            flagged += 1
            first += issues[0].suggestions[:1] == (right,)
        else:
            why = (
                "valid in rospell"
                if chk.dictionary.check(chk_norm(wrong))
                else "left to another rule"
            )
            other.append(f"{wrong} ({why})")
    in_pack = sum(1 for w, _ in single if chk_norm(w).lower() in typo_words())
    print(
        f"misspellings.tsv: {len(single)} single-word wrong forms, {flagged} flagged, "
        f"{first} with the right form first (spelling/unknown alone; {in_pack} of the "
        f"{len(single)} are also in rules/typos.yaml, which spelling/typo reports)"
    )
    print("  not flagged: " + ", ".join(other))


def chk_norm(w: str) -> str:
    from rolint.spelling.tokens import normalise

    return normalise(w)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--compile", action="store_true", help="also time a full compile")
    ap.add_argument("--flags", action="store_true", help="list every corpus flag")
    ns = ap.parse_args()
    try:
        from rolint.spelling.dictionary import DictionaryNotFound, locate

        locate()
    except DictionaryNotFound as exc:
        print(f"skipped: {exc}")
        return 0
    if ns.compile:
        bench_compile()
    bench_ready()
    texts = corpus_texts()
    if not texts:
        print(f"skipped corpus parts: {SHARED} not found")
        return 0
    bench_rss()
    bench_lookups(texts)
    bench_suggestions(texts)
    quality(texts, ns.flags)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
