"""rolint beside its peers (Vale, textlint + prh, Hunspell, LanguageTool), in one run.

    python bench/run.py            # the full suite (< 15 min): docs/benchmarks.md + docs/*.png
    python bench/run.py --smoke    # ~30 s (plus installs on a fresh machine), for CI
    python bench/run.py --from-json FILE   # render a report again from a run's raw data
    python bench/run.py --resume   # measure only what the last (interrupted) run lacks

Installs the peers (pinned, into the bench cache: see bench/peers.py), builds their rule
files from rolint's own lists (bench/styles.py), writes the texts (bench/workloads.py),
measures (bench/sections.py, bench/inproc.py, bench/lt.py) and writes the report
(bench/report.py, bench/plots.py). The raw figures go to the cache as JSON.

Exits 1 when a peer cannot be installed or, with ``--smoke``, when a ratio cannot be
computed; 0 otherwise. Not part of the default test command.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path[:0] = [str(HERE), str(ROOT / "server")]
os.environ["PYTHONPATH"] = os.pathsep.join(
    [str(ROOT / "server"), *filter(None, [os.environ.get("PYTHONPATH")])]
)

import machine  # noqa: E402
import peers  # noqa: E402
import quality  # noqa: E402
import report  # noqa: E402
import sections  # noqa: E402
import styles  # noqa: E402
import tools  # noqa: E402
import workloads  # noqa: E402

# The tools of the size series: rolint as it ships and beside Vale, and every peer.
SIZE_SERIES = ("rolint", "rolint (Vale's rules)", "Vale", "textlint", "Hunspell")


def make_tools(work: Path) -> list[tools.Tool]:
    """rolint in four configurations, each beside the peer doing the same rule work."""
    vale_ini = styles.write_vale(work / "vale")
    textlint_rc = styles.write_prh(work / "textlint")
    cfg = work / "rolint"
    return [
        tools.rolint(cfg, "rolint", None),
        tools.rolint(cfg, "rolint (Vale's rules)", tools.VALE_RULES),
        tools.vale(peers.vale(), vale_ini),
        tools.rolint(cfg, "rolint (textlint's rules)", tools.TEXTLINT_RULES),
        tools.textlint(peers.textlint(), textlint_rc),
        tools.rolint(cfg, "rolint (spelling only)", tools.HUNSPELL_RULES),
        tools.hunspell(peers.hunspell()),
    ]


class Run:
    """One run's figures, saved to ``raw`` after every section: a section that fails
    is recorded as an error (the report says so) and the others still run."""

    def __init__(self, smoke: bool, raw: Path, previous: dict[str, Any] | None = None) -> None:
        self.smoke, self.raw = smoke, raw
        self.started = time.perf_counter()
        if previous is None:
            self.res: dict[str, Any] = {"smoke": smoke, "meta": machine.describe(), "notes": []}
            self.res["errors"] = {}
        else:  # --resume: the sections already measured are kept
            self.res = previous
            self.res.setdefault("errors", {})
            self.res["meta"].setdefault("resumed", []).append(
                {"date": machine.describe()["date"], "load_start": machine.load_average()}
            )
        self.offset = float(self.res["meta"].get("duration_s", 0.0))

    def section(self, name: str, key: str, fn: Any, *args: Any) -> None:
        """Run ``fn`` unless a resumed run already holds its figures (``key``)."""
        if key in self.res and name not in self.res["errors"]:
            print(f"bench: {name}: kept from the run being resumed", flush=True)
            return
        self.res["errors"].pop(name, None)
        print(f"bench: {name} ({time.perf_counter() - self.started:.0f} s so far)", flush=True)
        try:
            fn(*args)
        except (RuntimeError, OSError, ValueError, KeyError) as exc:
            self.res["errors"][name] = f"{type(exc).__name__}: {exc}"[:2000]
            print(f"bench: {name} failed: {exc}", file=sys.stderr, flush=True)
        self.save()

    def save(self) -> None:
        self.res["meta"]["load_end"] = machine.load_average()
        self.res["meta"]["duration_s"] = self.offset + time.perf_counter() - self.started
        self.raw.parent.mkdir(parents=True, exist_ok=True)
        self.raw.write_text(json.dumps(self.res, ensure_ascii=False, indent=1), encoding="utf-8")


def collect(
    smoke: bool, work: Path, raw: Path, previous: dict[str, Any] | None = None
) -> dict[str, Any]:
    run = Run(smoke, raw, previous)
    res = run.res
    suite = make_tools(work)
    res["peers"] = {t.name: t.argv[0] for t in suite}
    lt_peer, lt_note = peers.languagetool()
    res["languagetool_note"] = lt_note
    res["languagetool_expected"] = lt_peer is not None
    if lt_peer is None and smoke:
        raise peers.PeerError(f"LanguageTool {lt_note}")
    w = workloads.build(work / "texts", smoke)
    res["from_corpus"] = w.from_corpus
    if not w.articles:
        res["notes"].append("../shared/corpus is absent: every corpus section was skipped")
        run.save()
        return res
    timeout = 60.0 if smoke else 300.0
    # Two alternated rounds of the big workload where the machine allows it; one when it
    # is already overloaded (the full suite must stay within its time).
    loaded = (machine.load_average() or [0.0])[0] > 2 * (os.cpu_count() or 1)
    rounds = 1 if smoke or loaded else 2
    res["meta"].setdefault("rounds", {"articles": 1 if smoke else 2, "dataset": rounds})
    run.section(
        "corpus articles and seed", "quality", _quality, res, suite, w, timeout, 1 if smoke else 2
    )
    run.section("news dataset", "dataset", _dataset, res, suite, w, timeout, rounds)
    if lt_peer is not None:
        run.section("LanguageTool", "languagetool", _languagetool, res, lt_peer, w, smoke)
    run.section("latency", "paragraphs", _latency, res, suite, w, work, timeout)
    run.section("language server", "lsp", _lsp, res, smoke)
    run.section("size series", "rule_sizes", _sizes, res, suite, w, timeout)
    run.save()
    return res


def _dataset(
    res: dict[str, Any], suite: list[tools.Tool], w: workloads.Workloads, timeout: float, n: int
) -> None:
    res["dataset"], _ = sections.throughput(suite, w.dataset, n, timeout)


def _latency(
    res: dict[str, Any], suite: list[tools.Tool], w: workloads.Workloads, work: Path, timeout: float
) -> None:
    assert w.latency is not None
    smoke = res["smoke"]
    res["cli"] = sections.cli_latency(suite, w.latency, 1 if smoke else 5, timeout)
    res["warm"] = sections.inproc(["warm", "5" if smoke else "50", str(w.latency)])
    para = work / "paragraphs.json"
    para.write_text(json.dumps(w.paragraphs, ensure_ascii=False), encoding="utf-8")
    res["paragraphs"] = sections.inproc(["paragraphs", str(para)])
    res["paragraphs"]["count"] = len(w.paragraphs)


def _lsp(res: dict[str, Any], smoke: bool) -> None:
    res["lsp"] = sections.lsp(1000 if smoke else 5000, 5 if smoke else 200)


def _sizes(
    res: dict[str, Any], suite: list[tools.Tool], w: workloads.Workloads, timeout: float
) -> None:
    series = [t for t in suite if t.name in SIZE_SERIES]
    res["sizes"] = sections.sizes(series, w.sizes, timeout)
    res["rule_sizes"] = sections.rule_sizes(w.sizes, 0.02 if res["smoke"] else 0.2)


def _quality(
    res: dict[str, Any],
    suite: list[tools.Tool],
    w: workloads.Workloads,
    timeout: float,
    rounds: int,
) -> None:
    """The articles (throughput and flags per 1,000 words) and the seed's defects."""
    res["articles"], runs = sections.throughput(suite, w.articles, rounds, timeout)
    words = quality.word_count([p.read_text(encoding="utf-8") for p in w.articles])
    res["quality"] = {"words": words, "tools": {}}
    for tool in suite:
        found = tool.parse(runs[tool.name].stdout, w.articles)
        res["quality"]["tools"][tool.name] = quality.per_thousand_words(found, words)
    if w.seed is None:
        return
    text = w.seed.read_text(encoding="utf-8")
    defects = quality.seed_defects(text)
    res["seed"] = {"tools": {}}
    for tool in suite:
        run = sections._run_tool(tool, [w.seed], timeout)
        res["seed"]["tools"][tool.name] = quality.seed_hits(
            defects, tool.parse(run.stdout, [w.seed])
        )
    res["seed"]["defects"] = {k: v["total"] for k, v in quality.seed_hits(defects, []).items()}


def _languagetool(
    res: dict[str, Any], peer: peers.Peer, w: workloads.Workloads, smoke: bool
) -> None:
    import lt

    try:
        with lt.Server(peer) as server:
            got = lt.measure_all(server, w, smoke)
    except (RuntimeError, OSError) as exc:
        res["languagetool_note"] = f"not available: the server failed ({exc})"
        return
    got["version"] = peer.version
    words = res["quality"]["words"]
    res["quality"]["tools"]["LanguageTool"] = quality.per_thousand_words(got.pop("articles"), words)
    if "seed" in got and "seed" in res:
        text = w.seed.read_text(encoding="utf-8") if w.seed else ""
        hits = quality.seed_hits(quality.seed_defects(text), got.pop("seed"))
        res["seed"]["tools"]["LanguageTool"] = hits
    res["languagetool"] = got


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--smoke", action="store_true", help="a quick run for CI (~30 s)")
    ap.add_argument("--out", type=Path, help="the report (default docs/benchmarks.md)")
    ap.add_argument("--from-json", type=Path, help="render the report from a run's raw data")
    ap.add_argument(
        "--resume", action="store_true", help="measure only the sections the last run lacks"
    )
    args = ap.parse_args(argv)
    out = args.out or (
        peers.cache() / "smoke" / "benchmarks.md" if args.smoke else ROOT / "docs" / "benchmarks.md"
    )
    if args.from_json:
        res = json.loads(args.from_json.read_text(encoding="utf-8"))
    else:
        work = peers.cache() / ("work-smoke" if args.smoke else "work")
        raw = out.with_suffix(".json") if args.smoke else peers.cache() / "last-run.json"
        previous = None
        if args.resume and raw.exists():
            previous = json.loads(raw.read_text(encoding="utf-8"))
        else:
            shutil.rmtree(work, ignore_errors=True)
        try:
            res = collect(args.smoke, work, raw, previous)
        except peers.PeerError as exc:
            print(f"bench: a peer cannot be installed: {exc}", file=sys.stderr)
            return 1
        print(f"bench: raw figures in {raw}")
    missing = report.write(res, out)
    print(f"bench: report in {out}")
    if missing:
        print("bench: ratios that could not be computed: " + ", ".join(missing), file=sys.stderr)
    for name, error in res.get("errors", {}).items():
        print(f"bench: section {name!r} failed: {error}", file=sys.stderr)
    return 1 if missing or res.get("errors") else 0


if __name__ == "__main__":
    raise SystemExit(main())
