"""The measurements of one run, each a function returning plain data for the report.

Tools whose numbers are compared run alternately in the same run (rolint, its peer,
rolint, its peer, …) and the best of the rounds is kept: on a shared machine absolute
times drift between runs, ratios taken this way hold.
"""

from __future__ import annotations

import asyncio
import json
import math
import os
import random
import statistics
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import measure
import ruleset
from tools import ROOT, Finding, Tool

INPROC = Path(__file__).resolve().parent / "inproc.py"
# The end of the current section's time budget (perf_counter), set by bench/run.py: no
# process of the section may run past it, so that the whole suite keeps its time.
DEADLINE: float | None = None


def timeout(cap: float) -> float:
    """The time limit of the next process: ``cap``, or what is left of the section's
    budget (at least 1 s: a process started over budget is stopped at once and
    reported as timed out, and the section ends)."""
    if DEADLINE is None:
        return cap
    return max(1.0, min(cap, DEADLINE - time.perf_counter()))


def over_budget() -> bool:
    return DEADLINE is not None and time.perf_counter() >= DEADLINE


def _parts(paths: list[Path], n: int) -> list[list[Path]]:
    """``paths`` cut into ``n`` runs of consecutive files of about equal bytes."""
    if n <= 1 or len(paths) < n:
        return [paths]
    total = sum(p.stat().st_size for p in paths)
    parts: list[list[Path]] = [[]]
    done = 0
    for p in paths:
        if done >= total * len(parts) / n and len(parts) < n:
            parts.append([])
        parts[-1].append(p)
        done += p.stat().st_size
    return parts


def _run_tool(tool: Tool, paths: list[Path], cap: float, shards: int = 1) -> measure.Run:
    """``tool`` on ``paths``: one process, or ``shards`` at once over parts of them."""
    cmds = [tool.command(part) for part in _parts(paths, shards)]
    return measure.run_all(cmds, cwd=tool.cwd, env=tool.env, timeout=timeout(cap))


def findings(tool: Tool, run: measure.Run, paths: list[Path], shards: int = 1) -> list[Finding]:
    """The findings of a run made by :func:`_run_tool` (each part's output parsed)."""
    parts = _parts(paths, shards)
    outs = run.stdouts or (run.stdout,)
    return [f for out, part in zip(outs, parts, strict=True) for f in tool.parse(out, part)]


def _figures(run: measure.Run, paths: list[Path], size: int) -> dict[str, Any]:
    mb = size / 1e6
    return {
        "wall": run.wall,
        "cpu": run.cpu,
        "rss_mb": run.rss_mb,
        "pss_mb": run.pss_mb,
        "mb_s": mb / run.wall,
        "articles_s": len(paths) / run.wall,
        "timed_out": run.timed_out,
        "returncode": run.returncode,
    }


def throughput(
    tools: list[Tool],
    paths: list[Path],
    rounds: int,
    cap: float,
    shard: bool = False,
    again: frozenset[str] = frozenset(),
) -> tuple[dict[str, Any], dict[str, list[Finding]]]:
    """Each tool on all ``paths`` in one invocation (with ``shard``: a one-core tool as
    :attr:`Tool.shards` processes at once), ``rounds`` times alternately, and the tools
    named in ``again`` one more round (a headline pair: one draw on a noisy machine is
    not enough); the fastest round is kept. Returns the figures and each tool's findings
    in its kept run."""
    size = sum(p.stat().st_size for p in paths)
    best: dict[str, measure.Run] = {}
    walls: dict[str, list[float]] = {t.name: [] for t in tools}
    schedule = [list(tools)] * rounds + [[t for t in tools if t.name in again]]
    for batch in schedule:
        for tool in batch:
            run = _run_tool(tool, paths, cap, tool.shards if shard else 1)
            walls[tool.name].append(run.wall)
            _check_ran(tool, run)
            if tool.name not in best or (run.wall < best[tool.name].wall and not run.timed_out):
                best[tool.name] = run
    figures, found = {}, {}
    for tool in tools:
        fig = _figures(best[tool.name], paths, size)
        fig["walls"] = walls[tool.name]
        fig["processes"] = len(_parts(paths, tool.shards if shard else 1))
        if not best[tool.name].timed_out:
            found[tool.name] = findings(tool, best[tool.name], paths, fig["processes"])
            fig["findings"] = len(found[tool.name])
            if tool.peer == "rolint":
                rule_ids = {f.rule for f in found[tool.name]}
                ruleset.check_findings(tool, rule_ids)
                fig["rule_ids"] = sorted(rule_ids)
        figures[tool.name] = fig
    return {"files": len(paths), "bytes": size, "tools": figures}, found


def _check_ran(tool: Tool, run: measure.Run) -> None:
    """A tool that failed (not: reported findings) must not be timed as if it worked."""
    ok = {"rolint": (0, 1), "Vale": (0,), "textlint": (0, 1), "Hunspell": (0,)}[tool.peer]
    if not run.timed_out and run.returncode not in ok:
        err = run.stderr.decode("utf-8", errors="replace").strip()[-800:]
        raise RuntimeError(f"{tool.name} exited {run.returncode}: {err}")


def cli_latency(tools: list[Tool], path: Path, runs: int, cap: float) -> dict[str, Any]:
    """Each tool's command on one article, ``runs`` times alternately: a cold start each
    time (a command-line check starts from nothing)."""
    out: dict[str, list[float]] = {t.name: [] for t in tools}
    rss: dict[str, float] = {}
    for _ in range(runs):
        for tool in tools:
            run = _run_tool(tool, [path], cap)
            _check_ran(tool, run)
            out[tool.name].append(run.wall * 1000)
            rss[tool.name] = max(rss.get(tool.name, 0.0), run.rss_mb)
    return {"ms": out, "rss_mb": rss, "words": len(path.read_text(encoding="utf-8").split())}


def inproc(args: list[str], cap: float = 900) -> dict[str, Any]:
    """bench/inproc.py in a child process (rolint of this worktree)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT / "server")}
    run = measure.run([sys.executable, str(INPROC), *args], env=env, timeout=timeout(cap))
    if run.timed_out:
        raise RuntimeError(f"inproc {args[0]}: stopped at its time limit ({run.wall:.0f} s)")
    if run.returncode != 0:
        raise RuntimeError(f"inproc {args[0]}: {run.stderr.decode()[-800:]}")
    result: dict[str, Any] = json.loads(run.stdout)
    result["rss_mb"] = run.rss_mb
    return result


SMALL = 10_000  # sizes below this are run `repeat` times (the median run kept): no noise
FIT_FROM = 316_000  # exponents are fitted from here up: fixed costs no longer dominate


def from_size(size: int, least: int = FIT_FROM) -> bool:
    """Is ``size`` the size ``least`` or larger? A size of the series is a prefix cut at
    a line end just under its nominal size (the 316 KB text holds 315,998 bytes)."""
    return size >= 0.99 * least


def sizes(
    tools: list[Tool], paths: list[Path], cap: float, repeat: int = 3
) -> dict[str, list[dict[str, Any]]]:
    """Each tool on each size of the series, one file at a time (smallest first, the
    tools alternately); a size under :data:`SMALL` is run ``repeat`` times and its
    median run (by CPU) kept. A tool that times out on one size is not run on the larger
    ones."""
    out: dict[str, list[dict[str, Any]]] = {t.name: [] for t in tools}
    stopped: set[str] = set()
    for path in paths:
        size = path.stat().st_size
        for tool in tools:
            if tool.name in stopped:
                continue
            runs = []
            for _ in range(repeat if size < SMALL else 1):
                run = _run_tool(tool, [path], cap)
                _check_ran(tool, run)
                runs.append(run)
            run = sorted(runs, key=lambda r: (r.timed_out, r.cpu))[len(runs) // 2]
            point = {"bytes": size, **_figures(run, [path], size), "runs": len(runs)}
            out[tool.name].append(point)
            if run.timed_out:
                stopped.add(tool.name)
    return out


FIT_CPU = 0.3  # CPU seconds each rule's point of the fit rests on (repeats summed)
FLOOR_S = 0.001  # CPU seconds under which a point is left out of a fit (timer, fixed costs)
DRIFT = 0.03  # the least error of one point's log time: the machine drifts between sizes
ENGINE = "(engine)"  # bench/inproc.py's no-op rule: what every rule's figure includes


def rule_sizes(
    paths: list[Path], min_cpu: float, fit_cpu: float = FIT_CPU
) -> dict[str, list[dict[str, float]]]:
    """rolint's cost per rule at each size: one child per size (fresh caches), the
    largest first, so that a section out of time loses small sizes (the series then
    starts at the last size measured), not the ones the exponent rests on. A size the
    exponent is fitted on (from :data:`FIT_FROM`) rests on ``fit_cpu`` seconds of
    checks per rule, a smaller one (the plot's) on ``min_cpu``."""
    out: dict[str, list[dict[str, float]]] = {}
    for path in sorted(paths, key=lambda p: -p.stat().st_size):
        size = path.stat().st_size
        cpu = fit_cpu if from_size(size) else min_cpu
        try:
            result = inproc(["rules", str(cpu), str(path)])
        except RuntimeError:
            if over_budget():
                break  # the sizes measured so far are kept
            raise
        for rule, fig in result.items():
            if isinstance(fig, dict):
                point = {"bytes": size, **{k: fig[k] for k in ("cpu", "findings", "runs")}}
                point["sd"] = fig.get("sd", 0.0)
                if "drift" in fig:
                    point["drift"] = fig["drift"]
                out.setdefault(rule, []).append(point)
    return {rule: sorted(points, key=lambda p: p["bytes"]) for rule, points in out.items()}


@dataclass(frozen=True)
class Fit:
    """A size exponent with its spread: ``exponent`` ± ``spread`` holds the true
    exponent with about 95 % confidence (two standard errors)."""

    exponent: float
    spread: float
    points: int

    def above(self, limit: float) -> bool:
        """Above ``limit`` even at the low end of its spread, on at least 3 sizes (two
        cannot tell a power law from a bend or from one size measured in a busy
        moment): superlinear, not noise."""
        return self.points >= 3 and self.exponent - self.spread > limit

    def __str__(self) -> str:
        return f"{self.exponent:.2f} ± {self.spread:.2f}"


def fit(points: list[tuple[float, float, float]]) -> Fit | None:
    """Weighted least squares of log time on log size over ``points`` (size, time,
    error of log time): the points' errors are at least :data:`DRIFT`, and the spread
    grows when the points stray from a straight line more than their errors say (a
    curve, or a size measured while the machine was busy)."""
    if len({b for b, _, _ in points}) < 2:
        return None
    xs = [math.log(b) for b, _, _ in points]
    ys = [math.log(t) for _, t, _ in points]
    ws = [1 / max(e, DRIFT) ** 2 for _, _, e in points]
    total = sum(ws)
    mx = sum(w * x for w, x in zip(ws, xs, strict=True)) / total
    my = sum(w * y for w, y in zip(ws, ys, strict=True)) / total
    sxx = sum(w * (x - mx) ** 2 for w, x in zip(ws, xs, strict=True))
    b = sum(w * (x - mx) * (y - my) for w, x, y in zip(ws, xs, ys, strict=True)) / sxx
    se = 1 / math.sqrt(sxx)
    if len(points) > 2:
        chi2 = sum(w * (y - my - b * (x - mx)) ** 2 for w, x, y in zip(ws, xs, ys, strict=True))
        se *= max(1.0, math.sqrt(chi2 / (len(points) - 2)))
    return Fit(b, 2 * se, len(points))


def _error(points: list[dict[str, Any]]) -> float:
    """The error of the log of a point's time, pooled over a series (a scatter of 3
    runs is itself a rough figure: pooled, one point's luck does not weigh on the fit):
    one run's scatter over √runs, × 1.25 for a median (it is that much less precise
    than a mean), and at least :data:`DRIFT`."""
    if not points:
        return DRIFT
    errors = [1.25 * float(p.get("sd", 0.0)) / max(1, int(p.get("runs", 1))) ** 0.5 for p in points]
    return max(DRIFT, math.sqrt(sum(e * e for e in errors) / len(errors)))


def rule_fit(
    points: list[dict[str, Any]], engine: list[dict[str, Any]] | None = None
) -> Fit | None:
    """A rule's size exponent from :data:`FIT_FROM` up, on points of at least
    :data:`FLOOR_S`. With ``engine`` (the no-op rule's series of the same run), on the
    rule's own cost: its time less the engine's at each size, on the sizes where that
    difference is known to within about half of it (no point: the rule costs little more
    than the engine, whose share is the same for every rule); and each point's error
    is at least the engine's drift over the run at that size."""
    used = [p for p in points if from_size(p["bytes"]) and p["cpu"] >= FLOOR_S]
    e = _error(used)
    if engine is None:
        return fit([(p["bytes"], p["cpu"], e) for p in used])
    base = {q["bytes"]: q for q in engine if from_size(q["bytes"])}
    e_base = _error(list(base.values()))
    pts = []
    for p in used:
        q = base.get(p["bytes"])
        own = p["cpu"] - q["cpu"] if q else 0.0
        if q is None or own < FLOOR_S:
            continue
        drift = float(q.get("drift", 0.0))
        error = math.hypot(p["cpu"] * max(e, drift), q["cpu"] * e_base) / own
        if error <= 0.5:
            pts.append((p["bytes"], own, error))
    return fit(pts)


def slope(
    points: list[dict[str, Any]], key: str, min_bytes: int = FIT_FROM, fixed: bool = False
) -> float | None:
    """Exponent b of time ≈ a·size^b (least squares on logs) over sizes ≥ ``min_bytes``:
    1 is linear. With ``fixed``, the smallest size's time (a command's start-up: loading
    the program and its tables) is taken off every point first, so that b is the
    exponent of the cost of the text itself."""
    ok = [p for p in points if not p.get("timed_out")]
    if not ok:
        return None
    base = min(ok, key=lambda p: p["bytes"])[key] if fixed else 0.0
    pts = [(p["bytes"], p[key] - base) for p in ok if from_size(p["bytes"], min_bytes)]
    pts = [(b, t) for b, t in pts if t > 0]
    if len(pts) < 2:
        return None
    xs = [math.log(b) for b, _ in pts]
    ys = [math.log(t) for _, t in pts]
    mx, my = statistics.fmean(xs), statistics.fmean(ys)
    den = sum((x - mx) ** 2 for x in xs)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / den if den else None


def lsp(words: int, edits: int, seed: int = 5) -> dict[str, Any]:
    """didChange → publishDiagnostics with benchmarks/bench_lsp.py's raw JSON client
    (what an editor sees), debounce 0, on a ``words``-word article."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import bench_lsp

    text = bench_lsp.article(words)
    plan = bench_lsp.edits(text, edits, random.Random(seed))
    os.environ["PYTHONPATH"] = str(ROOT / "server")  # the server child runs this worktree
    ms = asyncio.run(asyncio.wait_for(bench_lsp.bench_server_raw(text, plan, []), timeout(600)))
    return {"ms": ms, "words": len(text.split()), "edits": len(plan)}


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]
