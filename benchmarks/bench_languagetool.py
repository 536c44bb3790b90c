"""LanguageTool inside rolint: what it costs and what it finds.

    python benchmarks/bench_languagetool.py [--paragraphs 100] [--rounds 5] [--skip-suite]

1. Latency per paragraph on a warm server (p50/p95): corpus paragraphs over 200
   characters, one request each, sequential, through rolint's client (no cache).
2. The paragraph cache on a one-word edit of a 2,000-word article: the same Service the
   language server uses, a cold check (every paragraph sent) against the check after
   the edit (one paragraph sent), alternated over ``--rounds``.
3. Time to first built-in diagnostics in `rolint lsp` with LanguageTool on vs off
   (open a 2,000-word article, wait for its first publication), alternated.
4. The external suite ../shared/ro/lt_ro_examples.tsv through `rolint check` with
   LanguageTool on: one file per sentence, one `rolint check --format json` over the
   folder; incorrect examples flagged at the marked span, correct examples flagged
   there; the misses grouped by why (LanguageTool alone misses it / the merge dropped
   it / another rule than the example's).

Starts its own LanguageTool (the installed jars) and stops it. Skips cleanly when
../shared, Java or the jars are absent. Not a test: numbers go to RESULTS-languagetool.md.
"""

from __future__ import annotations

import argparse
import asyncio
import csv
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from corpus import ARTICLES, SHARED, available, load_average, pct

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from rolint.config import parse  # noqa: E402
from rolint.languagetool import install, local  # noqa: E402
from rolint.languagetool.api import settings_of  # noqa: E402
from rolint.languagetool.client import Client  # noqa: E402
from rolint.languagetool.runner import Service  # noqa: E402
from rolint.readers import read  # noqa: E402


def paragraphs(n: int) -> list[str]:
    out: list[str] = []
    for path in sorted(ARTICLES.glob("*.txt")):
        for para in path.read_text(encoding="utf-8").split("\n"):
            if len(para.strip()) > 200:
                out.append(para.strip())
                if len(out) >= n:
                    return out
    return out


def article(words: int) -> str:
    parts, count = [], 0
    for para in paragraphs(10_000):
        parts.append(para)
        count += len(para.split())
        if count >= words:
            break
    return "Un titlu pentru măsurători\n\n" + "\n\n".join(parts) + "\n"


def bench_latency(url: str, n: int) -> None:
    table = {"enabled": True, "url": url, "timeout-ms": 60000}
    settings = settings_of(parse({"languagetool": table}))
    client = Client(url, settings)
    texts = paragraphs(n)
    for text in texts[:20]:  # warm the JIT on other requests first
        client.check(text + " ")
    ms = []
    for text in texts:
        t0 = time.perf_counter()
        client.check(text)
        ms.append((time.perf_counter() - t0) * 1000)
    chars = sum(len(t) for t in texts)
    print(
        f"1. latency per paragraph ({len(texts)} paragraphs > 200 chars, warm, sequential): "
        f"p50 {pct(ms, 50):.0f} ms, p95 {pct(ms, 95):.0f} ms, mean {statistics.mean(ms):.0f} ms, "
        f"{chars / (sum(ms) / 1000):.0f} chars/s"
    )


def bench_cache(url: str, rounds: int) -> None:
    cfg = parse({"languagetool": {"enabled": True, "url": url, "timeout-ms": 60000}})
    settings = settings_of(cfg)
    text = article(2000)
    svc = Service()
    cold_ms, edit_ms, sent = [], [], []
    for r in range(rounds):
        svc.clear_cache()
        doc = read(text, "text", None, False)
        t0 = time.perf_counter()
        cold = svc.check(doc, settings)
        cold_ms.append((time.perf_counter() - t0) * 1000)
        words = text.split(" ")
        i = len(words) // 2 + r
        edited = " ".join([*words[:i], "cuvântnou", *words[i + 1 :]])
        doc2 = read(edited, "text", None, False)
        t0 = time.perf_counter()
        after = svc.check(doc2, settings)
        edit_ms.append((time.perf_counter() - t0) * 1000)
        sent.append((cold.sent, after.sent, after.cached))
    print(
        f"2. paragraph cache, 2,000-word article ({len(text.split())} words, "
        f"{sent[0][0]} paragraphs): full check median {statistics.median(cold_ms):.0f} ms "
        f"(all sent); after a one-word edit median {statistics.median(edit_ms):.0f} ms "
        f"({sent[0][1]} sent, {sent[0][2]} from cache); rounds={rounds}"
    )


async def first_publication(url: str | None, text: str) -> float:
    from lsp.helpers import start

    folder = Path(tempfile.mkdtemp(prefix="rolint-bench-lt-"))
    if url:
        (folder / "rolint.toml").write_text(
            f'[languagetool]\nenabled = true\nurl = "{url}"\ntimeout-ms = 60000\n', encoding="utf-8"
        )
    session = await start(folders=[folder], init_options={"debounceMs": 0})
    uri = (folder / "articol.txt").as_uri()
    try:
        t0 = time.perf_counter()
        session.open(uri, text)
        await session.diagnostics(uri, 1, timeout=120)
        return (session.published[uri][0].at - t0) * 1000
    finally:
        await session.stop()
        shutil.rmtree(folder, ignore_errors=True)


def bench_first(url: str, rounds: int) -> None:
    text = article(2000)
    on, off = [], []
    for _ in range(rounds):  # alternated: the machine's load drifts
        off.append(asyncio.run(first_publication(None, text)))
        on.append(asyncio.run(first_publication(url, text)))
    print(
        f"3. time to first built-in diagnostics in rolint lsp (2,000 words), rounds={rounds}: "
        f"LanguageTool off median {statistics.median(off):.0f} ms {sorted(round(x) for x in off)}; "
        f"on median {statistics.median(on):.0f} ms {sorted(round(x) for x in on)}"
    )


_MARK = re.compile(r"\[\[(.*?)\]\]")


def suite_rows() -> list[tuple[str, str, str, int, int]]:
    """(rule, kind, text, start, end) of each example; the marked span in code points."""
    rows = []
    with (SHARED / "ro" / "lt_ro_examples.tsv").open(encoding="utf-8") as fh:
        for rec in csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE):
            raw = rec["sentence"]
            m = _MARK.search(raw)
            if m is None:
                continue
            text = (
                raw[: m.start()] + m.group(1) + raw[m.end() :].replace("[[", "").replace("]]", "")
            )
            rows.append((rec["rule_id"], rec["kind"], text, m.start(), m.start() + len(m.group(1))))
    return rows


def run_check(folder: Path, files: list[str]) -> dict[str, list[dict]]:  # type: ignore[type-arg]
    env = {k: v for k, v in os.environ.items() if k != "ROLINT_LANGUAGETOOL_URL"}
    done = subprocess.run(
        [sys.executable, "-m", "rolint", "check", "--format", "json", "--no-progress", *files],
        cwd=folder,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.stderr.strip():
        print("   stderr:", done.stderr.strip().splitlines()[:3])
    return {f["path"]: f["diagnostics"] for f in json.loads(done.stdout)["files"]}


def bench_suite(url: str) -> None:
    rows = suite_rows()
    folder = Path(tempfile.mkdtemp(prefix="rolint-lt-suite-"))
    try:
        files = []
        for i, (_, _, text, _, _) in enumerate(rows):
            name = f"s{i:04}.txt"
            (folder / name).write_text(text + "\n", encoding="utf-8")
            files.append(name)
        table = f'enabled = true\nurl = "{url}"\ntimeout-ms = 60000\n'
        (folder / "rolint.toml").write_text(f"[languagetool]\n{table}", encoding="utf-8")
        t0 = time.perf_counter()
        merged = run_check(folder, files)
        took = time.perf_counter() - t0
        # LanguageTool alone on the same sentences (rolint's own rules off): to explain misses
        rules_off = "\n".join(f'"{f}" = "off"' for f in _families())
        (folder / "rolint.toml").write_text(
            f"[languagetool]\n{table}\n[rules]\n{rules_off}\n", encoding="utf-8"
        )
        alone = run_check(folder, files)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    report_suite(rows, files, merged, alone, took)


def _families() -> list[str]:
    from rolint import registry

    return sorted({r.split("/", 1)[0] for r in registry.rule_classes()})


def _at(diags: list[dict], start: int, end: int) -> list[dict]:  # type: ignore[type-arg]
    return [
        d
        for d in diags
        if d["offset"] < max(end, start + 1)
        and start < max(d["offset"] + d["length"], d["offset"] + 1)
    ]


def report_suite(rows, files, merged, alone, took) -> None:  # type: ignore[no-untyped-def]
    inc = [(r, f) for r, f in zip(rows, files, strict=True) if r[1] == "incorrect"]
    cor = [(r, f) for r, f in zip(rows, files, strict=True) if r[1] == "correct"]
    flagged = same_rule = 0
    why: Counter[str] = Counter()
    missed_rules: Counter[str] = Counter()
    for (rule, _, _, s, e), f in inc:
        here = _at(merged.get(f, []), s, e)
        if here:
            flagged += 1
            same_rule += any(d["rule"] == f"languagetool/{rule}" for d in here)
            continue
        lt_here = _at(alone.get(f, []), s, e)
        why["LanguageTool alone does not flag the span"] += not lt_here
        why["LanguageTool flags it, the merge dropped it"] += bool(lt_here)
        missed_rules[rule] += 1
    false_alarms = Counter()
    for (_rule, _, _, s, e), f in cor:
        for d in _at(merged.get(f, []), s, e):
            false_alarms[d["rule"]] += 1
    cor_flagged = sum(bool(_at(merged.get(f, []), s, e)) for (_r, _, _, s, e), f in cor)
    print(f"4. external suite lt_ro_examples.tsv through rolint check (LT on), {took:.0f} s:")
    print(
        f"   incorrect: {flagged}/{len(inc)} flagged at the marked span "
        f"({same_rule} by the example's own LanguageTool rule); missed {len(inc) - flagged}: "
        + ", ".join(f"{k}: {v}" for k, v in why.items())
    )
    print("   most-missed rules: " + ", ".join(f"{r} {n}" for r, n in missed_rules.most_common(12)))
    print(
        f"   correct: {cor_flagged}/{len(cor)} flagged at the marked span; by rule: "
        + ", ".join(f"{r} {n}" for r, n in false_alarms.most_common(10))
    )


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--paragraphs", type=int, default=100)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--skip-suite", action="store_true")
    args = parser.parse_args()
    if not available():
        print("skip: ../shared is absent")
        return 0
    if shutil.which("java") is None or not install.installed():
        print(
            "skip: Java or the LanguageTool jars are absent (python -m rolint.languagetool install)"
        )
        return 0
    print(f"load average before: {load_average()}  (2 cores, shared)")
    t0 = time.perf_counter()
    server = local.start()
    print(f"0. local server ready (and warmed) in {time.perf_counter() - t0:.1f} s")
    try:
        bench_latency(server.url, args.paragraphs)
        bench_cache(server.url, args.rounds)
        bench_first(server.url, args.rounds)
        if not args.skip_suite:
            bench_suite(server.url)
    finally:
        server.stop()
    print(f"load average after: {load_average()}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
