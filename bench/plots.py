"""The report's figures (matplotlib, PNG): throughput, latency, cost per rule, time vs size."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt

PEER_COLOURS = {"Vale": "#d62728", "textlint": "#2ca02c", "Hunspell": "#9467bd"}
PEER_COLOURS["LanguageTool"] = "#ff7f0e"


def colour(name: str) -> str:
    if name.startswith("rolint"):
        return {"rolint": "#1f4e9c"}.get(name, "#5b8ad6")
    return PEER_COLOURS.get(name.split(" ")[0], "#7f7f7f")


def _save(fig: Any, path: Path) -> str:
    fig.tight_layout()
    fig.savefig(path, dpi=110, metadata={"Software": None})
    plt.close(fig)
    return path.name


def throughput(res: dict[str, Any], path: Path) -> str:
    data = res["dataset"]["tools"]
    names = list(data)[::-1]
    fig, ax = plt.subplots(figsize=(8, 3.8))
    values = [data[n]["mb_s"] for n in names]
    ax.barh(names, values, color=[colour(n) for n in names])
    for i, v in enumerate(values):
        ax.text(v, i, f" {v:.2f}", va="center", fontsize=8)
    mb = res["dataset"]["bytes"] / 1e6
    ax.set_xlabel(f"MB/s (wall), {res['dataset']['files']} articles, {mb:.1f} MB, one invocation")
    ax.set_title("Throughput on the news dataset (higher is better)")
    return _save(fig, path)


def latency(res: dict[str, Any], path: Path) -> str:
    panels = [("1,500-word article, one check", _article_series(res))]
    para = {"rolint (warm engine)": res["paragraphs"]["ms"]}
    if "languagetool" in res:
        para["LanguageTool (warm server)"] = res["languagetool"]["paragraphs_ms"]
    panels.append((f"one paragraph ({res['paragraphs']['count']})", para))
    panels.append(
        (
            f"LSP didChange→diagnostics, {res['lsp']['words']} words",
            {"rolint lsp": res["lsp"]["ms"]},
        )
    )
    fig, axes = plt.subplots(1, 3, figsize=(12, 4.2), gridspec_kw={"width_ratios": [3, 1.2, 0.8]})
    for ax, (title, series) in zip(axes, panels, strict=True):
        labels = list(series)
        box = ax.boxplot([series[k] for k in labels], patch_artist=True, whis=(5, 95))
        for patch, label in zip(box["boxes"], labels, strict=True):
            patch.set_facecolor(colour(label))
            patch.set_alpha(0.6)
        ax.set_xticks(range(1, len(labels) + 1), labels, rotation=35, ha="right", fontsize=8)
        ax.set_yscale("log")
        ax.set_title(title, fontsize=9)
        ax.set_ylabel("ms (log)")
        ax.grid(axis="y", alpha=0.3)
    return _save(fig, path)


def _article_series(res: dict[str, Any]) -> dict[str, list[float]]:
    series = {f"{k} (command)": v for k, v in res["cli"]["ms"].items()}
    series["rolint (warm engine)"] = res["warm"]["ms"]
    if "languagetool" in res:
        series["LanguageTool (warm server)"] = res["languagetool"]["article_ms"]
    return series


def rules(res: dict[str, Any], path: Path) -> str:
    from report import largest

    size, data = largest(res)
    mb = size / 1e6
    names = sorted(data, key=lambda k: data[k]["cpu"])
    fig, ax = plt.subplots(figsize=(8, 5))
    values = [data[n]["cpu"] / mb * 1000 for n in names]
    ax.barh(names, values, color="#5b8ad6")
    for i, v in enumerate(values):
        ax.text(v, i, f" {v:.0f}", va="center", fontsize=8)
    ax.set_xlabel("CPU ms per MB of text (one core, each rule alone)")
    ax.set_title(f"rolint: cost per rule on a {mb:.1f} MB document (lower is better)")
    ax.tick_params(axis="y", labelsize=8)
    return _save(fig, path)


def sizes(res: dict[str, Any], path: Path) -> str:
    fig, ax = plt.subplots(figsize=(8, 5))
    for name, points in res["sizes"].items():
        pts = [p for p in points if not p["timed_out"]]
        ax.plot(
            [p["bytes"] for p in pts],
            [p["wall"] for p in pts],
            "o-",
            label=name,
            color=colour(name),
            ms=3,
            lw=1.8 if name == "rolint" else 1.1,
        )
        late = [p for p in points if p["timed_out"]]  # stopped: at least this long
        ax.plot(
            [p["bytes"] for p in late],
            [p["wall"] for p in late],
            "^",
            color=colour(name),
            mfc="none",
            ms=6,
        )
    if "languagetool" in res and res["languagetool"]["sizes"]:
        pts = res["languagetool"]["sizes"]
        ax.plot(
            [p["bytes"] for p in pts],
            [p["wall"] for p in pts],
            "s-",
            label="LanguageTool (warm server)",
            color=colour("LanguageTool"),
            ms=3,
        )
    _reference(ax, res["sizes"])
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel("document size, bytes (log)")
    ax.set_ylabel("wall time, s (log)")
    ax.set_title("Time vs document size, one document per run (△: stopped, at least)")
    ax.legend(fontsize=7)
    ax.grid(alpha=0.3, which="both")
    return _save(fig, path)


def _reference(ax: Any, series: dict[str, list[dict[str, Any]]]) -> None:
    """A dashed slope-1 line (linear cost) through rolint's largest point."""
    pts = series.get("rolint") or []
    if not pts:
        return
    last = pts[-1]
    xs = [pts[0]["bytes"], last["bytes"]]
    ax.plot(xs, [last["wall"] * x / last["bytes"] for x in xs], "k--", lw=0.8, label="linear")


def rule_sizes(res: dict[str, Any], path: Path) -> str:
    fig, ax = plt.subplots(figsize=(8, 5.5))
    for name, points in sorted(res["rule_sizes"].items()):
        ax.plot(
            [p["bytes"] for p in points],
            [max(p["cpu"], 1e-5) for p in points],
            "o-",
            label=name,
            ms=2.5,
            lw=1,
        )
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel("document size, bytes (log)")
    ax.set_ylabel("CPU s (log), one core")
    ax.set_title("rolint: each rule alone vs document size (slope 1 = linear)")
    ax.legend(fontsize=6, ncol=2)
    ax.grid(alpha=0.3, which="both")
    return _save(fig, path)


def all_plots(res: dict[str, Any], folder: Path, prefix: str) -> dict[str, str]:
    """Every figure the run has data for: name → file name in ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    out = {}
    makers = {
        "throughput": (throughput, ("dataset",)),
        "latency": (latency, ("cli", "warm", "paragraphs", "lsp")),
        "rules": (rules, ("rule_sizes",)),
        "sizes": (sizes, ("sizes",)),
        "rule_sizes": (rule_sizes, ("rule_sizes",)),
    }
    for name, (make, needs) in makers.items():
        if all(k in res for k in needs):
            out[name] = make(res, folder / f"{prefix}{name}.png")
    return out
