"""rolint beside its peers (Vale, textlint + prh, Hunspell, LanguageTool), in one run.

    python bench/run.py            # the full suite (< 15 min): docs/benchmarks.md + docs/*.png
    python bench/run.py --smoke    # ~30 s (plus installs on a fresh machine), for CI
    python bench/run.py --from-json FILE   # render a report again from a run's raw data
    python bench/run.py --resume   # measure only what the last (interrupted) run lacks
    python bench/run.py --only sizes,rules   # some sections only (report in the cache)

Every section has a time budget (:data:`BUDGETS`, seconds, about 1.5× what it takes on
the quiet 2-core machine) and the whole run one of 14 minutes: no process runs past its
section's budget, so the full suite ends in under 15 minutes even on a loaded machine
(a run cut short is reported as timed out). Each section's elapsed time is printed and
kept in the report.

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
from collections.abc import Callable
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
import ruleset  # noqa: E402
import sections  # noqa: E402
import styles  # noqa: E402
import tools  # noqa: E402
import workloads  # noqa: E402

# The tools of the size series: rolint as it ships and beside Vale, and every peer.
SIZE_SERIES = ("rolint", "rolint (Vale's rules)", "Vale", "textlint", "Hunspell")
# Each section's time budget in seconds (full run; the smoke run has SMOKE_BUDGET in
# all), in the order they run, and the whole run's.
BUDGETS = {
    "rule-sets": 30,
    "articles": 45,
    "dataset": 230,
    "languagetool": 100,
    "latency": 45,
    "lsp": 30,
    "sizes": 320,
    "rules": 135,
}
TOTAL_BUDGET = 14 * 60
SMOKE_BUDGET = 300  # per section and in all: the smoke run checks that all works
# The longest one process of a section may run (also bounded by the budget).
# textlint passes it at 10 MB (over 100 s of CPU, 4 s at 3.2 MB): it is stopped there and
# reported as taking longer, a lower bound.
CAP = {"smoke": 60.0, "full": 150.0, "sizes": 60.0}


def make_tools(work: Path) -> list[tools.Tool]:
    """rolint in four configurations, each beside the peer doing the same rule work."""
    tools.compile_rolint()
    vale_ini = styles.write_vale(work / "vale")
    textlint_rc = styles.write_prh(work / "textlint")
    cfg = work / "rolint"
    return [
        tools.rolint(cfg, "rolint", None),
        tools.rolint(cfg, "rolint (Vale's rules)", tools.VALE_RULES, tools.NO_SUGGESTIONS),
        tools.rolint(cfg, "rolint (Vale's rules + suggestions)", tools.VALE_RULES),
        tools.vale(peers.vale(), vale_ini),
        tools.rolint(cfg, "rolint (textlint's rules)", tools.TEXTLINT_RULES),
        tools.textlint(peers.textlint(), textlint_rc),
        tools.rolint(cfg, "rolint (spelling only)", tools.HUNSPELL_RULES, tools.NO_SUGGESTIONS),
        tools.hunspell(peers.hunspell()),
    ]


class Run:
    """One run's figures, saved to ``raw`` after every section: a section that fails
    is recorded as an error (the report says so) and the others still run."""

    def __init__(
        self,
        smoke: bool,
        raw: Path,
        previous: dict[str, Any] | None = None,
        only: set[str] | None = None,
        scale: float = 1.0,
    ) -> None:
        self.smoke, self.raw, self.only = smoke, raw, only
        self.scale = scale
        self.started = time.perf_counter()
        total = 2 * SMOKE_BUDGET if smoke else TOTAL_BUDGET
        self.deadline = self.started + total * scale
        if previous is None:
            self.res: dict[str, Any] = {"smoke": smoke, "meta": machine.describe(), "notes": []}
            self.res["errors"] = {}
        else:  # --resume: the sections already measured are kept
            self.res = previous
            self.res.setdefault("errors", {})
            self.res["meta"].setdefault("resumed", []).append(
                {"date": machine.describe()["date"], "load_start": machine.load_average()}
            )
        self.res["meta"].setdefault("sections", {})
        self.res["meta"]["only"] = sorted(only) if only else None
        self.res["meta"]["budget_scale"] = scale
        self.offset = float(self.res["meta"].get("duration_s", 0.0))

    def section(self, name: str, key: str, fn: Callable[..., None], *args: Any) -> None:
        """Run ``fn`` within its time budget, unless ``--only`` leaves it out or a
        resumed run already holds its figures (``key``)."""
        if self.only is not None and name not in self.only:
            return
        if key in self.res and name not in self.res["errors"]:
            print(f"bench: {name}: kept from the run being resumed", flush=True)
            return
        self.res["errors"].pop(name, None)
        now = time.perf_counter()
        budget = round((SMOKE_BUDGET if self.smoke else BUDGETS[name]) * self.scale)
        sections.DEADLINE = min(now + budget, self.deadline)
        print(f"bench: {name} ({now - self.started:.0f} s so far, budget {budget} s)", flush=True)
        try:
            fn(*args)
        except (RuntimeError, OSError, ValueError, KeyError, TimeoutError) as exc:
            self.res["errors"][name] = f"{type(exc).__name__}: {exc}"[:2000]
            print(f"bench: {name} failed: {exc}", file=sys.stderr, flush=True)
        finally:
            sections.DEADLINE = None
        took = time.perf_counter() - now
        self.res["meta"]["sections"][name] = {
            "s": round(took, 1),
            "budget_s": budget,
            "load_end": machine.load_average(),
        }
        print(f"bench: {name} took {took:.0f} s (budget {budget} s)", flush=True)
        self.save()

    def save(self) -> None:
        self.res["meta"]["load_end"] = machine.load_average()
        self.res["meta"]["duration_s"] = self.offset + time.perf_counter() - self.started
        self.raw.parent.mkdir(parents=True, exist_ok=True)
        self.raw.write_text(json.dumps(self.res, ensure_ascii=False, indent=1), encoding="utf-8")


def collect(
    smoke: bool,
    work: Path,
    raw: Path,
    previous: dict[str, Any] | None = None,
    only: set[str] | None = None,
    scale: float = 1.0,
) -> dict[str, Any]:
    run = Run(smoke, raw, previous, only, scale)
    res = run.res
    suite = make_tools(work)
    res["peers"] = {t.name: t.argv[0] for t in suite}
    lt_peer, lt_note = (None, "not run (--only)")
    if only is None or "languagetool" in only:
        lt_peer, lt_note = peers.languagetool()
    res["languagetool_note"] = lt_note
    res["languagetool_expected"] = lt_peer is not None
    if lt_peer is None and smoke and only is None:
        raise peers.PeerError(f"LanguageTool {lt_note}")
    run.section("rule-sets", "rule_sets", _rule_sets, res, suite, work, smoke)
    w = workloads.build(work / "texts", smoke)
    res["from_corpus"] = w.from_corpus
    if not w.articles:
        res["notes"].append("../shared/corpus is absent: every corpus section was skipped")
        run.save()
        return res
    cap = CAP["smoke" if smoke else "full"] * scale
    rounds = {"articles": 1 if smoke else 2, "dataset": 1}
    res["meta"]["rounds"] = rounds
    run.section("articles", "quality", _quality, res, suite, w, cap, rounds["articles"])
    run.section("dataset", "dataset", _dataset, res, suite, w, cap, rounds["dataset"])
    if lt_peer is not None:
        run.section("languagetool", "languagetool", _languagetool, res, lt_peer, w, smoke)
    run.section("latency", "paragraphs", _latency, res, suite, w, work, cap)
    run.section("lsp", "lsp", _lsp, res, smoke)
    size_cap = CAP["smoke" if smoke else "sizes"] * scale
    run.section("sizes", "sizes", _sizes, res, suite, w, size_cap)
    run.section("rules", "rule_sizes", _rule_sizes, res, w)
    run.save()
    return res


def _rule_sets(res: dict[str, Any], suite: list[tools.Tool], work: Path, smoke: bool) -> None:
    """Each rolint configuration runs exactly its rules (bench/ruleset.py)."""
    res["rule_sets"] = ruleset.verify(suite, work / "probe", CAP["smoke" if smoke else "full"])


def _dataset(
    res: dict[str, Any], suite: list[tools.Tool], w: workloads.Workloads, cap: float, n: int
) -> None:
    """The news dataset; a one-core peer runs as 2 processes over halves (Tool.shards).
    The rolint-vs-Vale pair runs a second round, alternately."""
    again = frozenset({"rolint (Vale's rules)", "Vale"})  # the headline pair: best of two
    res["dataset"], _ = sections.throughput(suite, w.dataset, n, cap, shard=True, again=again)


def _latency(
    res: dict[str, Any], suite: list[tools.Tool], w: workloads.Workloads, work: Path, cap: float
) -> None:
    assert w.latency is not None
    smoke = res["smoke"]
    res["cli"] = sections.cli_latency(suite, w.latency, 1 if smoke else 5, cap)
    res["warm"] = sections.inproc(["warm", "5" if smoke else "50", str(w.latency)])
    para = work / "paragraphs.json"
    para.write_text(json.dumps(w.paragraphs, ensure_ascii=False), encoding="utf-8")
    res["paragraphs"] = sections.inproc(["paragraphs", str(para)])
    res["paragraphs"]["count"] = len(w.paragraphs)


def _lsp(res: dict[str, Any], smoke: bool) -> None:
    res["lsp"] = sections.lsp(1000 if smoke else 5000, 5 if smoke else 200)


def _sizes(
    res: dict[str, Any], suite: list[tools.Tool], w: workloads.Workloads, cap: float
) -> None:
    series = [t for t in suite if t.name in SIZE_SERIES]
    res["sizes"] = sections.sizes(series, w.sizes, cap, 1 if res["smoke"] else 3)


def _rule_sizes(res: dict[str, Any], w: workloads.Workloads) -> None:
    smoke = res["smoke"]
    fit_cpu = 0.02 if smoke else sections.FIT_CPU
    res["meta"]["rule_fit_cpu"] = fit_cpu
    res["rule_sizes"] = sections.rule_sizes(w.sizes, 0.02 if smoke else 0.05, fit_cpu)


def _quality(
    res: dict[str, Any],
    suite: list[tools.Tool],
    w: workloads.Workloads,
    cap: float,
    rounds: int,
) -> None:
    """The articles (throughput and flags per 1,000 words) and the seed's defects."""
    res["articles"], found = sections.throughput(suite, w.articles, rounds, cap)
    words = quality.word_count([p.read_text(encoding="utf-8") for p in w.articles])
    res["quality"] = {"words": words, "tools": {}}
    for tool in suite:
        if tool.name in found:
            per = quality.per_thousand_words(found[tool.name], words)
            res["quality"]["tools"][tool.name] = per
    if w.seed is None:
        return
    text = w.seed.read_text(encoding="utf-8")
    defects = quality.seed_defects(text)
    res["seed"] = {"tools": {}}
    for tool in suite:
        run = sections._run_tool(tool, [w.seed], cap)
        if not run.timed_out:
            hits = quality.seed_hits(defects, tool.parse(run.stdout, [w.seed]))
            res["seed"]["tools"][tool.name] = hits
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
    words = quality.word_count([p.read_text(encoding="utf-8") for p in w.articles])
    if "articles" in got:
        per = quality.per_thousand_words(got.pop("articles"), words)
        res.setdefault("quality", {"words": words, "tools": {}})["tools"]["LanguageTool"] = per
    seed = got.pop("seed", None)
    if seed is not None and "seed" in res:
        text = w.seed.read_text(encoding="utf-8") if w.seed else ""
        res["seed"]["tools"]["LanguageTool"] = quality.seed_hits(quality.seed_defects(text), seed)
    res["languagetool"] = got


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--smoke", action="store_true", help="a quick run for CI (~30 s)")
    ap.add_argument("--out", type=Path, help="the report (default docs/benchmarks.md)")
    ap.add_argument("--from-json", type=Path, help="render the report from a run's raw data")
    ap.add_argument(
        "--resume", action="store_true", help="measure only the sections the last run lacks"
    )
    ap.add_argument(
        "--only",
        metavar="SECTIONS",
        help=f"comma-separated sections to run, of: {', '.join(BUDGETS)} (report and raw "
        "data in the bench cache, never docs/)",
    )
    ap.add_argument(
        "--budget-scale",
        type=float,
        default=1.0,
        metavar="X",
        help="multiply every time budget and limit by X (a loaded machine; the 15 "
        "minutes hold only at 1)",
    )
    args = ap.parse_args(argv)
    only = None
    if args.only:
        only = {x.strip() for x in args.only.split(",") if x.strip()}
        if not only or only - set(BUDGETS):
            ap.error(f"--only takes sections of: {', '.join(BUDGETS)}")
    if args.out:
        out = args.out
    elif only:
        out = peers.cache() / ("only-smoke" if args.smoke else "only") / "benchmarks.md"
    elif args.smoke:
        out = peers.cache() / "smoke" / "benchmarks.md"
    else:
        out = ROOT / "docs" / "benchmarks.md"
    if args.from_json:
        res = json.loads(args.from_json.read_text(encoding="utf-8"))
    else:
        work = peers.cache() / ("work-smoke" if args.smoke else "work")
        full = not args.smoke and not only
        raw = peers.cache() / "last-run.json" if full else out.with_suffix(".json")
        previous = None
        if args.resume and raw.exists():
            previous = json.loads(raw.read_text(encoding="utf-8"))
        else:
            shutil.rmtree(work, ignore_errors=True)
        try:
            res = collect(args.smoke, work, raw, previous, only, args.budget_scale)
        except peers.PeerError as exc:
            print(f"bench: a peer cannot be installed: {exc}", file=sys.stderr)
            return 1
        print(f"bench: raw figures in {raw}")
    missing = report.write(res, out)
    if only:  # the sections left out lack their ratios by choice
        missing = [m for m in missing if _measured(m, res)]
    print(f"bench: report in {out}")
    for name, sec in res["meta"].get("sections", {}).items():
        print(f"bench: {name:>12}: {sec['s']:6.1f} s (budget {sec['budget_s']} s)")
    if missing:
        print("bench: ratios that could not be computed: " + ", ".join(missing), file=sys.stderr)
    for name, error in res.get("errors", {}).items():
        print(f"bench: section {name!r} failed: {error}", file=sys.stderr)
    return 1 if missing or res.get("errors") else 0


def _measured(missing: str, res: dict[str, Any]) -> bool:
    """Whether a missing ratio belongs to a section this run measured."""
    for key in ("dataset", "articles"):
        if missing.startswith(key) or key in missing:
            return key in res
    return "languagetool" in res


if __name__ == "__main__":
    raise SystemExit(main())
