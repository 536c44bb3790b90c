"""The measurements of one run, each a function returning plain data for the report.

Tools whose numbers are compared run alternately in the same run (rolint, its peer,
rolint, its peer, …) and the best of the rounds is kept: on a shared machine absolute
times drift between runs, ratios taken this way hold.
"""

from __future__ import annotations

import asyncio
import json
import os
import random
import statistics
import sys
from pathlib import Path
from typing import Any

import measure
from tools import ROOT, Tool

INPROC = Path(__file__).resolve().parent / "inproc.py"


def _run_tool(tool: Tool, paths: list[Path], timeout: float) -> measure.Run:
    return measure.run(tool.command(paths), cwd=tool.cwd, env=tool.env, timeout=timeout)


def _figures(run: measure.Run, paths: list[Path], size: int) -> dict[str, Any]:
    mb = size / 1e6
    return {
        "wall": run.wall,
        "cpu": run.cpu,
        "rss_mb": run.rss_mb,
        "mb_s": mb / run.wall,
        "articles_s": len(paths) / run.wall,
        "timed_out": run.timed_out,
        "returncode": run.returncode,
    }


def throughput(
    tools: list[Tool], paths: list[Path], rounds: int, timeout: float
) -> tuple[dict[str, Any], dict[str, measure.Run]]:
    """Each tool on all ``paths`` in one invocation, ``rounds`` times alternately; the
    fastest round is kept. Returns the figures and each tool's kept run (its output)."""
    size = sum(p.stat().st_size for p in paths)
    best: dict[str, measure.Run] = {}
    walls: dict[str, list[float]] = {t.name: [] for t in tools}
    for _ in range(rounds):
        for tool in tools:
            run = _run_tool(tool, paths, timeout)
            walls[tool.name].append(run.wall)
            _check_ran(tool, run)
            if tool.name not in best or (run.wall < best[tool.name].wall and not run.timed_out):
                best[tool.name] = run
    figures = {}
    for tool in tools:
        fig = _figures(best[tool.name], paths, size)
        fig["walls"] = walls[tool.name]
        if not best[tool.name].timed_out:
            fig["findings"] = len(tool.parse(best[tool.name].stdout, paths))
        figures[tool.name] = fig
    return {"files": len(paths), "bytes": size, "tools": figures}, best


def _check_ran(tool: Tool, run: measure.Run) -> None:
    """A tool that failed (not: reported findings) must not be timed as if it worked."""
    ok = {"rolint": (0, 1), "Vale": (0,), "textlint": (0, 1), "Hunspell": (0,)}[tool.peer]
    if not run.timed_out and run.returncode not in ok:
        err = run.stderr.decode("utf-8", errors="replace").strip()[-800:]
        raise RuntimeError(f"{tool.name} exited {run.returncode}: {err}")


def cli_latency(tools: list[Tool], path: Path, runs: int, timeout: float) -> dict[str, Any]:
    """Each tool's command on one article, ``runs`` times alternately: a cold start each
    time (a command-line check starts from nothing)."""
    out: dict[str, list[float]] = {t.name: [] for t in tools}
    rss: dict[str, float] = {}
    for _ in range(runs):
        for tool in tools:
            run = _run_tool(tool, [path], timeout)
            _check_ran(tool, run)
            out[tool.name].append(run.wall * 1000)
            rss[tool.name] = max(rss.get(tool.name, 0.0), run.rss_mb)
    return {"ms": out, "rss_mb": rss, "words": len(path.read_text(encoding="utf-8").split())}


def inproc(args: list[str], timeout: float = 900) -> dict[str, Any]:
    """bench/inproc.py in a child process (rolint of this worktree)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT / "server")}
    run = measure.run([sys.executable, str(INPROC), *args], env=env, timeout=timeout)
    if run.returncode != 0 or run.timed_out:
        raise RuntimeError(f"inproc {args[0]}: {run.stderr.decode()[-800:]}")
    result: dict[str, Any] = json.loads(run.stdout)
    result["rss_mb"] = run.rss_mb
    return result


def sizes(tools: list[Tool], paths: list[Path], timeout: float) -> dict[str, list[dict[str, Any]]]:
    """Each tool on each size of the series, one file at a time (smallest first); a tool
    that times out on one size is not run on the larger ones."""
    out: dict[str, list[dict[str, Any]]] = {t.name: [] for t in tools}
    stopped: set[str] = set()
    for path in paths:
        for tool in tools:
            if tool.name in stopped:
                continue
            run = _run_tool(tool, [path], timeout)
            _check_ran(tool, run)
            point = {"bytes": path.stat().st_size, **_figures(run, [path], path.stat().st_size)}
            out[tool.name].append(point)
            if run.timed_out:
                stopped.add(tool.name)
    return out


def rule_sizes(paths: list[Path], min_cpu: float) -> dict[str, list[dict[str, float]]]:
    """rolint's cost per rule at each size: one child per size (fresh caches)."""
    out: dict[str, list[dict[str, float]]] = {}
    for path in paths:
        result = inproc(["rules", str(min_cpu), str(path)])
        size = path.stat().st_size
        for rule, fig in result.items():
            if isinstance(fig, dict):
                point = {"bytes": size, "cpu": fig["cpu"], "findings": fig["findings"]}
                out.setdefault(rule, []).append(point)
    return out


def slope(points: list[dict[str, float]], key: str, min_bytes: int = 30_000) -> float | None:
    """Exponent b of time ≈ a·size^b (least squares on logs) over sizes ≥ ``min_bytes``:
    1 is linear."""
    import math

    pts = [(p["bytes"], p[key]) for p in points if p["bytes"] >= min_bytes and p[key] > 0]
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
    ms = asyncio.run(bench_lsp.bench_server_raw(text, plan, []))
    return {"ms": ms, "words": len(text.split()), "edits": len(plan)}


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]
