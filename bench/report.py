"""docs/benchmarks.md from a run's figures: tables, ratios, plots, and what they mean.

A ratio is the peer's time divided by rolint's, measured in the same run: above 1, rolint
is faster. The closing summary is written from the numbers, so it cannot claim more than
they show.
"""

from __future__ import annotations

import statistics
from pathlib import Path
from typing import Any

import plots
from sections import ENGINE, FIT_CPU, FIT_FROM, Fit, pct, rule_fit, slope

VALE_TARGET, LT_TARGET, LINEAR_LIMIT = 3.0, 20.0, 1.15
VALE_PAIR, TEXTLINT_PAIR = "rolint (Vale's rules)", "rolint (textlint's rules)"
VALE_SUGGESTING = "rolint (Vale's rules + suggestions)"  # and its spelling suggestions

# (rolint configuration, peer, what both do)
PAIRS = [
    (
        "rolint (Vale's rules)",
        "Vale",
        "cedilla letters + typos list + rospell spelling, no spelling suggestions (as Vale)",
    ),
    (
        VALE_SUGGESTING,
        "Vale",
        "the same, and rolint's 5 suggestions per unknown word (Vale computes none)",
    ),
    ("rolint (textlint's rules)", "textlint", "cedilla letters + typos list"),
    ("rolint (spelling only)", "Hunspell", "rospell spelling alone, no suggestions (as -l)"),
    ("rolint", "Vale", "all of rolint's rules vs Vale's three"),
]
LT_KEY = "per paragraph: rolint vs LanguageTool"


def _f(x: float | None, digits: int = 2) -> str:
    return "–" if x is None else f"{x:,.{digits}f}"


def _ratio(x: float | None) -> str:
    return "–" if x is None else f"**{x:.2f}×**"


def _table(head: list[str], rows: list[list[str]]) -> list[str]:
    out = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    out += ["| " + " | ".join(r) + " |" for r in rows]
    return [*out, ""]


def _speed_ratio(figs: dict[str, Any], ours: str, peer: str, key: str = "wall") -> float | None:
    a, b = figs.get(ours), figs.get(peer)
    if not a or not b or a.get("timed_out") or b.get("timed_out") or not a[key]:
        return None
    return float(b[key] / a[key])


def ratios(res: dict[str, Any]) -> dict[str, float | None]:
    """The headline ratios (peer time / rolint time, same run)."""
    out: dict[str, float | None] = {}
    for ours, peer, _ in PAIRS:
        for where in ("dataset", "articles"):
            if where in res:
                out[f"{where}: {ours} vs {peer}"] = _speed_ratio(res[where]["tools"], ours, peer)
    big = {k: v[-1] for k, v in res.get("sizes", {}).items() if v}
    for ours in ("rolint (Vale's rules)", "rolint"):
        if ours in big and "Vale" in big:
            out[f"very long document: {ours} vs Vale"] = _speed_ratio(big, ours, "Vale")
    if "cli" in res:
        med = {k: statistics.median(v) for k, v in res["cli"]["ms"].items()}
        for ours, peer in _cold_pairs(med):
            out[f"cold start: {ours} vs {peer}"] = med[peer] / med[ours]
    if "languagetool" in res:
        ours, theirs = res["paragraphs"]["ms"], res["languagetool"]["paragraphs_ms"]
        out[LT_KEY] = statistics.median(theirs) / statistics.median(ours)
    return out


def _cold_pairs(med: dict[str, float]) -> list[tuple[str, str]]:
    """The cold-start comparisons: each pair doing the same work (as the throughput
    pairs), and all of rolint's rules against each peer's own (what a newsroom that
    switches tools gets)."""
    pairs = [(ours, peer) for ours, peer, _ in PAIRS]
    pairs += [("rolint", peer) for peer in ("textlint", "Hunspell")]
    return [(ours, peer) for ours, peer in pairs if ours in med and peer in med]


# Each part of the report and the figures it needs.
_PARTS = (
    ("_throughput", ()),
    ("_latency", ("cli", "warm", "paragraphs")),
    ("_lsp", ("lsp",)),
    ("_rules", ("rule_sizes",)),
    ("_sizes", ("sizes",)),
    ("_quality", ("quality",)),
)


def write(res: dict[str, Any], out: Path) -> list[str]:
    """Write the report (and its figures beside it); returns the ratios that could not be
    computed."""
    out.parent.mkdir(parents=True, exist_ok=True)
    prefix = "benchmarks-" if out.name == "benchmarks.md" else out.stem + "-"
    figures = plots.all_plots(res, out.parent, prefix)
    r = ratios(res)
    lines = _header(res) + _summary(res, r) + _errors(res)
    for name, needs in _PARTS:
        if all(k in res for k in needs):
            lines += globals()[name](res)
    if figures:
        lines += _figures(figures)
    lines += _method(res) + _closing(res, r)
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    needed = [k for k in r if k.startswith(("dataset", "articles"))]
    if res.get("languagetool_expected"):
        needed.append(LT_KEY)
    missing = [k for k in needed if r.get(k) is None]
    if "dataset" not in res:
        missing.append("the news dataset's ratios (not measured)")
    return missing


def _errors(res: dict[str, Any]) -> list[str]:
    errors = res.get("errors") or {}
    if not errors:
        return []
    lines = ["## Sections that failed in this run", ""]
    lines += [f"- **{name}**: `{error.splitlines()[0][:300]}`" for name, error in errors.items()]
    return [*lines, ""]


def _header(res: dict[str, Any]) -> list[str]:
    m = res["meta"]
    kind = "a smoke run: small workloads, not figures to quote" if res["smoke"] else "full run"
    load = lambda xs: " / ".join(f"{x:.2f}" for x in xs) or "?"  # noqa: E731
    return [
        "# rolint beside its peers: benchmarks",
        "",
        f"Generated by `python bench/run.py` ({kind}) on **{m['date']}**, rolint at "
        f"`{m['rolint_commit']}`; the run took {m.get('duration_s', 0) / 60:.1f} min. "
        "Do not edit by hand: run the command again.",
        "",
        f"**Machine**: {m['cpu']}, {m['cores']} cores, {m['memory_gib']} GiB; {m['os']} "
        f"(Linux {m['kernel']}); Python {m['python']}, Node {m['node']}, {m['go']}, "
        f"{m['java']}. **Load average** (1/5/15 min) at the start {load(m['load_start'])}, "
        f"at the end {load(m.get('load_end', []))}.",
        "",
        *_resumed(m),
        *_only(m),
        _noise(m),
        "",
    ]


def _noise(meta: dict[str, Any]) -> str:
    busy = max([*(meta.get("load_start") or [0.0])[:1], *(meta.get("load_end") or [0.0])[:1]])
    cores = meta.get("cores") or 2
    if busy > cores:
        return (
            f"The machine was busy (load above its {cores} cores): absolute times are noisy "
            "and wall times suffer most. Read the **ratios** and the CPU times: the tools "
            "of each comparison ran one after the other in the same run."
        )
    return (
        "The machine was quiet (load average at most its core count at the start and the "
        "end). Even so, read the **ratios**: the tools of each comparison ran one after "
        "the other in the same run, and absolute times drift between runs."
    )


def _only(meta: dict[str, Any]) -> list[str]:
    scale = meta.get("budget_scale", 1.0)
    out = []
    if scale != 1.0:
        out = [f"Time budgets ×{scale:g} (`--budget-scale`).", ""]
    if not meta.get("only"):
        return out
    return [
        *out,
        f"**Partial run** (`--only {','.join(meta['only'])}`): the other sections were not "
        "measured.",
        "",
    ]


def _resumed(meta: dict[str, Any]) -> list[str]:
    runs = meta.get("resumed") or []
    if not runs:
        return []
    when = "; ".join(f"{r['date']} (load {r['load_start'][0]:.2f})" for r in runs)
    return [
        f"The run was interrupted and resumed (`--resume`) on {when}: the sections missing "
        "then were measured then; each section's tools still ran alternately together.",
        "",
    ]


def _summary(res: dict[str, Any], r: dict[str, float | None]) -> list[str]:
    lines = ["## Headline ratios", ""]
    if "dataset" not in res and "articles" not in res:
        return [*lines, "Not measured: " + "; ".join(res["notes"] or ["see below"]), ""]
    lines += _headlines(res, r)
    rows = []
    for ours, peer, what in PAIRS:
        for where in ("dataset", "articles"):
            if where not in res:
                continue
            figs = res[where]["tools"]
            rows.append(
                [
                    f"{what} ({where})",
                    _secs(figs[ours]),
                    f"{peer} {_secs(figs[peer])}",
                    _ratio(r[f"{where}: {ours} vs {peer}"]),
                    _ratio(_speed_ratio(figs, ours, peer, "cpu")),
                ]
            )
    lines += _table(["same work, workload", "rolint", "peer", "wall ratio", "CPU ratio"], rows)
    lines += _verdicts(res, r)
    return lines


def _headlines(res: dict[str, Any], r: dict[str, float | None]) -> list[str]:
    """The four ratios the suite exists for, in one place (peer time / rolint time)."""
    where = "dataset" if "dataset" in res else "articles"
    figs = res[where]["tools"]

    def pair(ours: str, peer: str) -> str:
        wall = r.get(f"{where}: {ours} vs {peer}")
        cpu = _speed_ratio(figs, ours, peer, "cpu")
        return f"{_ratio(wall)} wall, {_ratio(cpu)} CPU"

    lt = r.get(LT_KEY)
    lt_text = f"{_ratio(lt)} (median time per paragraph)" if lt is not None else "not measured"
    workload = "news dataset" if where == "dataset" else "corpus articles"
    return [
        f"On the {workload} (a ratio above 1: rolint is faster):",
        "",
        f"- rolint vs **Vale**, same rule work: {pair(VALE_PAIR, 'Vale')} "
        f"(target {VALE_TARGET:.0f}×); with rolint also ranking its spelling suggestions, "
        f"which Vale's batch does not: {pair(VALE_SUGGESTING, 'Vale')};",
        f"- rolint vs **LanguageTool** per paragraph: {lt_text} (target {LT_TARGET:.0f}×);",
        f"- rolint vs **Hunspell**, spelling alone: {pair('rolint (spelling only)', 'Hunspell')};",
        f"- rolint vs **textlint** + prh, same rule work: {pair(TEXTLINT_PAIR, 'textlint')}.",
        "",
    ]


def _secs(fig: dict[str, Any]) -> str:
    return f"{_f(fig['wall'])} s" + (" (timed out: no ratio)" if fig.get("timed_out") else "")


def _verdicts(res: dict[str, Any], r: dict[str, float | None]) -> list[str]:
    """The targets, measured, and where rolint is behind: sentences from the numbers."""
    out = ["**Targets, as measured in this run:**", ""]
    vale = r.get("dataset: rolint (Vale's rules) vs Vale")
    figs = res.get("dataset", {}).get("tools", {})
    vale_cpu = _speed_ratio(figs, "rolint (Vale's rules)", "Vale", "cpu") if figs else None
    met = vale is not None and vale_cpu is not None and min(vale, vale_cpu) >= VALE_TARGET
    out.append(
        f"- rolint ≥ {VALE_TARGET:.0f}× Vale on the same rule work (news dataset): wall "
        f"{_ratio(vale)}, CPU {_ratio(vale_cpu)} — {'met' if met else '**not met**'}."
    )
    lt = r.get(LT_KEY)
    if lt is None:
        out.append(
            f"- rolint ≥ {LT_TARGET:.0f}× LanguageTool per paragraph: not measured "
            f"({res.get('languagetool_note') or 'LanguageTool not run'})."
        )
    else:
        out.append(
            f"- rolint ≥ {LT_TARGET:.0f}× LanguageTool per paragraph (median): "
            f"{_ratio(lt)} — {'met' if lt >= LT_TARGET else '**not met**'}."
        )
    out += _linear(res)
    out += [
        "",
        "**Where rolint is behind** (a ratio below 1: the peer is faster), or no ratio:",
        "",
    ]
    out += _behind(res, r) or ["- nowhere in this run's ratios."]
    if not met:
        out.append(
            f"- the {VALE_TARGET:.0f}× Vale target: {_f(vale)}× (wall), {_f(vale_cpu)}× (CPU) "
            "measured."
        )
    if lt is not None and lt < LT_TARGET:
        out.append(f"- the {LT_TARGET:.0f}× LanguageTool target: {lt:.2f}× measured.")
    return [*out, ""]


def rule_fits(res: dict[str, Any]) -> dict[str, tuple[Fit | None, Fit | None]]:
    """Each rule's size exponent: of its whole check, and of its own cost (less the
    engine's, when the run measured the engine alone)."""
    series = res.get("rule_sizes", {})
    engine = series.get(ENGINE)
    out = {}
    for k, v in series.items():
        own = rule_fit(v, engine) if engine is not None and k not in (ENGINE, "(reading)") else None
        out[k] = (rule_fit(v), own)
    return out


def judged(fits: dict[str, tuple[Fit | None, Fit | None]]) -> dict[str, Fit | None]:
    """The exponent each rule is judged on against the limit: its own cost's when the
    run measured the engine alone (None: the rule costs little more than the engine),
    else its whole check's."""
    engine = ENGINE in fits
    return {
        k: own if engine else whole
        for k, (whole, own) in fits.items()
        if k not in (ENGINE, "(reading)")
    }


def linear_verdict(fits: dict[str, tuple[Fit | None, Fit | None]]) -> tuple[list[str], list[str]]:
    """(superlinear, undecided) rules. A rule is superlinear when its own cost's
    exponent is above :data:`LINEAR_LIMIT` by more than its spread; above it within its
    spread, undecided (noise could make it so). A rule whose own cost cannot be told
    from the engine's is judged on its whole check against the engine's exponent: it
    is superlinear only when it grows faster than the engine beyond both spreads."""
    engine = fits.get(ENGINE, (None, None))[0]
    bad, unsure = [], []
    for k, (whole, own) in fits.items():
        if k in (ENGINE, "(reading)") or whole is None:
            continue
        if own is None and engine is not None:
            floor = max(LINEAR_LIMIT, engine.exponent + engine.spread)
            if whole.exponent - whole.spread > floor:
                bad.append(f"{k} ({whole}, the engine {engine})")
            continue
        f = own or whole
        if f.exponent > LINEAR_LIMIT:
            (bad if f.above(LINEAR_LIMIT) else unsure).append(f"{k} ({f})")
    return bad, unsure


def _linear(res: dict[str, Any]) -> list[str]:
    """The linear-cost target: every rule's size exponent, and every command's."""
    out = _rule_target(res)
    tools = {k: tool_exponent(v) for k, v in res.get("sizes", {}).items()}
    if any(e is not None for e in tools.values()):
        listed = ", ".join(f"{k} {_f(e)}" for k, e in tools.items())
        bad = [k for k, e in tools.items() if k.startswith("rolint") and (e or 0) > LINEAR_LIMIT]
        out.append(
            f"- size exponent of each command (CPU less start-up): {listed}; rolint "
            + ("linear." if not bad else f"**superlinear** ({', '.join(bad)}).")
        )
    return out


def _rule_target(res: dict[str, Any]) -> list[str]:
    """The rules' part of the linear-cost target, and the engine's exponent."""
    out = []
    fits = rule_fits(res)
    worst = max(((f.exponent, k, f) for k, f in judged(fits).items() if f), default=None)
    if worst:
        bad, unsure = linear_verdict(fits)
        verdict = "met." if not bad else f"**not met** for {', '.join(bad)} (a bug to fix)."
        if unsure:
            verdict += (
                f" Above the limit within its spread (noise can do that): {', '.join(unsure)}."
            )
        what = "each rule's own cost" if ENGINE in fits else "each rule's whole check"
        out.append(
            f"- cost linear in document size for every rule (size exponent ≤ {LINEAR_LIMIT} "
            f"beyond its spread, fitted from {_size(FIT_FROM)} on {what}): largest "
            f"{worst[2]} ({worst[1]}); " + verdict
        )
    engine = fits.get(ENGINE, (None, None))[0]
    if engine is not None:
        out.append(
            f"- the engine alone (a rule that finds nothing, the cost every rule shares): "
            f"size exponent {engine}"
            + (
                f", above {LINEAR_LIMIT}: the engine's cost per byte grows with the document."
                if engine.above(LINEAR_LIMIT)
                else "."
            )
        )
    return out


def _behind(res: dict[str, Any], r: dict[str, float | None]) -> list[str]:
    """Every ratio below 1, by wall time or (for the workloads) by CPU time."""
    out = []
    for key, wall in r.items():
        where, _, pair = key.partition(": ")
        cpu = None
        if where in ("dataset", "articles") and where in res:
            ours, _, peer = pair.partition(" vs ")
            cpu = _speed_ratio(res[where]["tools"], ours, peer, "cpu")
        if where == "very long document":
            ours, _, peer = pair.partition(" vs ")
            big = {k: v[-1] for k, v in res["sizes"].items() if v}
            cpu = _speed_ratio(big, ours, peer, "cpu")
        if wall is None and where in res and pair:
            ours, _, peer = pair.partition(" vs ")
            late = [n for n in (ours, peer) if res[where]["tools"].get(n, {}).get("timed_out")]
            out.append(f"- {key}: no ratio ({', '.join(late) or 'a tool'} timed out)")
        elif (wall is not None and wall < 1) or (cpu is not None and cpu < 1):
            extra = f", CPU {cpu:.2f}×" if cpu is not None else ""
            out.append(f"- {key}: wall {_f(wall)}×{extra}")
    return out


def _tool_rows(figs: dict[str, Any]) -> list[list[str]]:
    rows = []
    for name, f in figs.items():
        note = " (timed out)" if f["timed_out"] else ""
        if f.get("processes", 1) > 1:
            note += f" ×{f['processes']} processes"
        rows.append(
            [
                name + note,
                _f(f["wall"]),
                _f(f["cpu"]),
                _f(f["rss_mb"], 0),
                _f(f.get("pss_mb"), 0),
                _f(f["mb_s"]),
                _f(f["articles_s"], 0),
                f"{f.get('findings', '–'):,}" if "findings" in f else "–",
                ", ".join(_f(w) for w in f.get("walls", [])),
            ]
        )
    return rows


_HEAD = [
    "tool",
    "wall s",
    "CPU s",
    "peak RSS MB",
    "peak PSS MB",
    "MB/s",
    "articles/s",
    "findings",
    "rounds (wall s)",
]


def _throughput(res: dict[str, Any]) -> list[str]:
    if not any(k in res for k in ("dataset", "articles", "sizes")):
        return []
    lines = ["## Throughput", ""]
    rounds = res["meta"].get("rounds", {})
    if "dataset" in res:
        d = res["dataset"]
        lines += [
            f"News dataset (mhakan20, duplicates dropped): {d['files']:,} articles, "
            f"{d['bytes'] / 1e6:.1f} MB, each tool in one invocation on all files (textlint "
            "and Hunspell, which use one core, as 2 processes at once over the two halves of "
            "the files, so that every tool has both cores: rolint and Vale use both); "
            f"{rounds.get('dataset', '?')} round(s), and a second one, alternated, for "
            "rolint (Vale's rules) and Vale: the fastest is kept (the rounds' wall times "
            "are in the last column). rolint (Vale's rules) ranks no spelling suggestions, "
            "as Vale's batch does not (its alerts carry no suggestions);"
            " rolint (Vale's rules + suggestions) is the same with rolint's default of 5.",
            "",
        ]
        lines += _table(_HEAD, _tool_rows(d["tools"]))
    if "articles" in res:
        a = res["articles"]
        lines += [
            f"The corpus articles: {a['files']} files, {a['bytes'] / 1e3:.0f} KB, one process "
            f"each; {rounds.get('articles', '?')} alternated round(s), the fastest kept.",
            "",
        ]
        lines += _table(_HEAD, _tool_rows(a["tools"]))
    big = {k: v[-1] for k, v in res.get("sizes", {}).items() if v}
    if big:
        size = next(iter(big.values()))["bytes"]
        lines += [
            f"One very long document ({size / 1e6:.1f} MB, the largest of the size series below):",
            "",
        ]
        lines += _table(_HEAD[:6], [r[:6] for r in _tool_rows(big)])
    return lines


def _dist(ms: list[float]) -> list[str]:
    return [_f(pct(ms, 50), 1), _f(pct(ms, 95), 1), _f(min(ms), 1), str(len(ms))]


def _latency(res: dict[str, Any]) -> list[str]:
    cli = res["cli"]
    lines = ["## Cold start and latency", ""]
    lines += [
        f"One {cli['words']:,}-word article. A command-line check starts from nothing "
        "every time: its time is the cold start. rolint's warm engine checks the article "
        "with a different number added to every paragraph each time, so that no paragraph "
        "is served from its memo (the row below it is the unchanged text).",
        "",
    ]
    rows = [[f"{k} (command)", *_dist(v), _f(cli["rss_mb"][k], 0)] for k, v in cli["ms"].items()]
    rows.append(["rolint (warm engine, in process)", *_dist(res["warm"]["ms"]), "–"])
    if "ms_unchanged" in res["warm"]:
        same = res["warm"]["ms_unchanged"]
        rows.append(["rolint (warm engine, text unchanged: from its memo)", *_dist(same), "–"])
    lt = res.get("languagetool")
    if lt:
        rows.append(
            ["LanguageTool (warm HTTP server)", *_dist(lt["article_ms"]), _f(lt["rss_mb"], 0)]
        )
    lines += _table(["tool", "p50 ms", "p95 ms", "min ms", "runs", "peak RSS MB"], rows)
    p = res["paragraphs"]
    lines += [
        f"Per paragraph ({p['count']} paragraphs over 200 characters from the corpus "
        "articles, each checked once by a warm engine or server):",
        "",
    ]
    rows = [["rolint (warm engine, in process)", *_dist(p["ms"]), _f(sum(p["ms"]), 0)]]
    if lt:
        rows.append(
            [
                "LanguageTool (warm HTTP server)",
                *_dist(lt["paragraphs_ms"]),
                _f(sum(lt["paragraphs_ms"]), 0),
            ]
        )
        lines += _table(["tool", "p50 ms", "p95 ms", "min ms", "n", "total ms"], rows)
        lines += [
            f"LanguageTool {lt['version']} answered {lt['started_s']:.1f} s after its "
            f"start and was warmed up with other paragraphs for {lt.get('warm_up_s', 0):.0f} s "
            f"before timing; it used {lt['paragraphs_cpu_s']:.2f} s of CPU for the "
            "paragraphs. "
            "rolint's figure is its engine in process; LanguageTool's includes a "
            "loopback HTTP request (about 1 ms).",
            "",
        ]
    else:
        lines += _table(["tool", "p50 ms", "p95 ms", "min ms", "n", "total ms"], rows)
        lines += [
            f"LanguageTool: {res.get('languagetool_note') or 'not run'}. Its column is "
            "left out rather than estimated.",
            "",
        ]
    return lines


def _lsp(res: dict[str, Any]) -> list[str]:
    s = res["lsp"]
    return [
        f"Language server (`rolint lsp`, debounce 0, benchmarks/bench_lsp.py's raw JSON "
        f"client): didChange → publishDiagnostics over {s['edits']} typing-like edits of "
        f"a {s['words']:,}-word article: p50 **{pct(s['ms'], 50):.0f} ms**, p95 "
        f"**{pct(s['ms'], 95):.0f} ms**, max {max(s['ms']):.0f} ms. No peer has a "
        "Romanian language server to set beside it.",
        "",
    ]


def largest(res: dict[str, Any]) -> tuple[int, dict[str, dict[str, float]]]:
    """Each rule's figures at the largest size of the series (the very long document)."""
    points = {k: v[-1] for k, v in res.get("rule_sizes", {}).items() if v}
    size = max((p["bytes"] for p in points.values()), default=0)
    return size, {k: p for k, p in points.items() if p["bytes"] == size}


def _rules(res: dict[str, Any]) -> list[str]:
    size, data = largest(res)
    if not data:
        return []
    mb = size / 1e6
    fits = rule_fits(res)
    cpu = res["meta"].get("rule_fit_cpu", FIT_CPU)
    lines = [
        "## Cost per rule",
        "",
        f"Each rule alone through a fresh engine on one core (CPU time, the garbage "
        "collector set as `rolint check` sets it; each rule in its own forked copy of one "
        "process holding the text, so that no rule runs among the tables earlier ones "
        f"left behind), on the very long document ({mb:.1f} MB "
        f"of news text); `(reading)` is the plain-text reader, `{ENGINE}` a rule that finds "
        "nothing: what the engine costs every rule (its analysis of each block, its "
        "bookkeeping), which each rule's figure includes; it is checked once in each "
        "rule's copy, and its median kept (its scatter over the run, how far the machine "
        "drifted, is a floor of every `own` point's error).",
        "",
        "The size exponent b fits time ≈ a·size^b over the size series from "
        f"{_size(FIT_FROM)} up (1 is linear), on points of at least 1 ms: `whole` on the "
        f"rule's whole check, `own` on its time less `{ENGINE}`'s at each size, where that "
        "difference is known to within about half of it (`–`: the rule costs little more "
        "than the engine). Each point is the median of repeated checks (at least 3, or 2 "
        f"when they took {3 * cpu:g} s; each by a fresh rule warmed on one sentence of its "
        f"own; and until {cpu:g} s of CPU from {_size(FIT_FROM)} up); ± is about two "
        "standard errors, from the scatter of the repeats (at least 3 % a point: the "
        "machine drifts between sizes) and the points' distance from a straight line. A "
        f"rule is superlinear when its `own` exponent (else `whole`) is above {LINEAR_LIMIT} "
        "by more than its ±; a rule with no `own` exponent, when its `whole` one is above "
        f"`{ENGINE}`'s by more than both spreads.",
        "",
    ]
    rows = []
    for k in sorted(data, key=lambda k: -data[k]["cpu"]):
        v = data[k]
        whole, own = fits.get(k, (None, None))
        rows.append(
            [
                k,
                _f(v["cpu"]),
                _f(mb / v["cpu"] if v["cpu"] else None, 1),
                f"{int(v['findings']):,}",
                str(whole) if whole else "–",
                str(own) if own else "–",
            ]
        )
    head = ["rule", "CPU s", "MB/s", "findings", "size exponent (whole)", "(own)"]
    return lines + _table(head, rows) + [*_rule_target(res), ""]


def _sizes(res: dict[str, Any]) -> list[str]:
    series = res.get("sizes", {})
    if not series:
        return []
    sizes = [p["bytes"] for p in next(iter(series.values()))]
    head = ["tool", *[_size(s) for s in sizes], "exponent (CPU)"]
    rows = []
    for name, pts in series.items():
        walls = {
            p["bytes"]: (f"> {p['wall']:.0f}" if p["timed_out"] else _f(p["wall"])) for p in pts
        }
        rows.append([name, *[walls.get(s, "–") for s in sizes], _f(tool_exponent(pts))])
    lt = res.get("languagetool", {}).get("sizes")
    if lt:
        walls = {p["bytes"]: _f(p["wall"]) for p in lt}
        rows.append(
            [
                "LanguageTool (warm server)",
                *[walls.get(s, "–") for s in sizes],
                _f(slope(lt, "cpu", 9_000)),
            ]
        )
    lines = [
        "## Time vs document size",
        "",
        "Wall seconds for one document of each size (the dataset's articles in a fixed "
        "shuffled order, joined; each size a prefix of the next; `> n`: stopped at its time "
        "limit). Sizes under 10 KB are run 3 times, the median kept. The exponent fits "
        "CPU time ≈ a·size^b (CPU: steadier than wall time) from "
        f"{_size(FIT_FROM)} up, after taking off each tool's start-up (its CPU time on the "
        "smallest size), so that it measures the cost of the text (from 10 KB for "
        "LanguageTool, a warm server not run past 32 KB).",
        "",
    ]
    return lines + _table(head, rows)


def tool_exponent(points: list[dict[str, Any]]) -> float | None:
    """A command's size exponent: CPU time less its start-up, from FIT_FROM up."""
    return slope(points, "cpu", FIT_FROM, fixed=True)


def _size(b: int) -> str:
    return f"{b / 1e6:.1f} MB" if b >= 1e6 else f"{b / 1e3:.0f} KB"


def _quality(res: dict[str, Any]) -> list[str]:
    q = res["quality"]
    names = list(q["tools"])
    cats = sorted({c for t in q["tools"].values() for c in t})
    lines = [
        "## Quality side by side",
        "",
        f"Flags per 1,000 words on the corpus articles ({q['words']:,} words), by category "
        "(each tool's findings mapped to the category its rule belongs to).",
        "",
    ]
    rows = [
        [c, *[_f(q["tools"][n].get(c), 1) if c in q["tools"][n] else "–" for n in names]]
        for c in cats
    ]
    lines += _table(["category", *names], rows)
    if "seed" not in res:
        return lines
    seed = res["seed"]
    names = list(seed["tools"])
    lines += [
        "Hits on the seed article's known defects (counted from its text by "
        "bench/quality.py). In brackets: hits made only by flagging the whole word as "
        "unknown to the dictionary.",
        "",
    ]
    rows = []
    for kind, total in seed["defects"].items():
        cells = []
        for n in names:
            h = seed["tools"][n].get(kind, {"hits": 0, "via_spelling": 0})
            extra = f" ({h['via_spelling']})" if h["via_spelling"] else ""
            cells.append(f"{h['hits']}/{total}{extra}")
        rows.append([kind, *cells])
    return lines + _table(["defect", *names], rows)


def _figures(figures: dict[str, str]) -> list[str]:
    titles = {
        "throughput": "Throughput per tool",
        "latency": "Latency distributions",
        "rules": "Cost per rule",
        "sizes": "Time vs size, every tool (log–log)",
        "rule_sizes": "Time vs size, every rolint rule (log–log)",
    }
    lines = ["## Figures", ""]
    for key, name in figures.items():
        lines += [f"![{titles[key]}]({name})", ""]
    return lines


def _method(res: dict[str, Any]) -> list[str]:
    peers = ", ".join(f"{k}: `{Path(v).name}`" for k, v in res.get("peers", {}).items())
    lines = [
        "## How it was measured",
        "",
        "- Peers are installed by the suite from their registries, pinned (bench/peers.py): "
        "Vale 3.22.0 (`go install`), textlint 15.8.0 + textlint-rule-prh 6.1.0 (`npm ci`), "
        "Debian's hunspell with hunspell-ro, LanguageTool from rolint's own integration.",
        "- Vale runs the Romanian style in bench/vale/ (an existence rule for ş ţ Ş Ţ, "
        "Hunspell spelling with rospell) plus a substitution rule generated from "
        "rules/typos.yaml; textlint runs a prh file generated from the same list plus the four "
        "cedilla letters (bench/styles.py). rolint runs the same rules through a config that "
        "names every rule of rolint, on or off (a rule added to rolint later is off there).",
        *_rule_sets(res),
        "- Wall time is start to exit; CPU time is user + system of the processes and the "
        "children they waited for. Memory: **peak RSS** is the whole process tree's resident "
        "memory, summed, sampled every 10 ms; **peak PSS** (proportional set size, from "
        "/proc/PID/smaps_rollup) sums the same tree counting a page shared by n processes "
        "1/n in each — the fair figure for a tool of several processes (rolint's forked "
        "workers share its tables; RSS counts them once per process). PSS is read when "
        "the RSS sum reaches a new high (at most every 0.25 s over 100 MB).",
        "- On the news dataset, textlint and Hunspell (one core each) run as 2 processes at "
        "once over the two halves of the files (in bytes), measured together (wall until "
        "both end, CPU and memory summed), since rolint and Vale use both cores: the wall "
        "ratios then compare tools that all have the machine. Everywhere else every tool "
        "is one process.",
        f"- Programs: {peers}.",
        "",
    ]
    return lines + _section_times(res)


def _rule_sets(res: dict[str, Any]) -> list[str]:
    sets = res.get("rule_sets")
    if not sets:
        return []
    listed = "; ".join(
        f"{name}: {len(ids)} rules" if len(ids) > 4 else f"{name}: {', '.join(ids)}"
        for name, ids in sets.items()
    )
    return [
        "- The rules each rolint configuration ran, checked through the command on every "
        "rule's bad examples (bench/ruleset.py; a difference fails the run), and no "
        f"finding of the throughput runs came from another rule: {listed}."
    ]


def _section_times(res: dict[str, Any]) -> list[str]:
    secs = res["meta"].get("sections") or {}
    if not secs:
        return []
    rows = [
        [name, _f(v["s"], 0), str(v["budget_s"]), " / ".join(f"{x:.1f}" for x in v["load_end"])]
        for name, v in secs.items()
    ]
    total = res["meta"].get("duration_s", 0)
    lines = [
        f"Time per section (the whole run {total / 60:.1f} min; no process runs past its "
        "section's budget, bench/run.py):",
        "",
    ]
    return lines + _table(["section", "s", "budget s", "load at its end"], rows)


def _closing(res: dict[str, Any], r: dict[str, float | None]) -> list[str]:
    """The headline ratios in words, and where rolint is still behind."""
    where = "dataset" if "dataset" in res else "articles"
    figs = res.get(where, {}).get("tools", {})

    def pair(ours: str, peer: str) -> str:
        wall = r.get(f"{where}: {ours} vs {peer}")
        cpu = _speed_ratio(figs, ours, peer, "cpu") if figs else None
        return f"{_f(wall)}× by wall time, {_f(cpu)}× by CPU time"

    lt = r.get(LT_KEY)
    lt_text = f"{lt:.0f}× rolint's" if lt is not None else "not measured"
    load = res["meta"].get("load_start") or ["?"]
    vale, textlint = (
        pair("rolint (Vale's rules)", "Vale"),
        pair("rolint (textlint's rules)", "textlint"),
    )
    hunspell = pair("rolint (spelling only)", "Hunspell")
    suggesting = pair(VALE_SUGGESTING, "Vale")
    workload = "news dataset" if where == "dataset" else "corpus articles"
    lines = [
        "## Closing note",
        "",
        f"In this run ({res['meta'].get('date', '?')}, load average {load[0]} at the start, "
        f"{res['meta'].get('cores', '?')} cores), on "
        f"the {workload}: rolint is {vale} against Vale on the same rule work (target "
        f"{VALE_TARGET:.0f}×), and {suggesting} when it also ranks the spelling suggestions "
        f"Vale's batch does not compute; {textlint} against textlint with prh; {hunspell} against "
        f"Hunspell on spelling alone. Per paragraph, LanguageTool's median time is {lt_text} "
        f"(target {LT_TARGET:.0f}×). A ratio is the peer's time over rolint's.",
        "",
        "Still behind:",
        "",
    ]
    return [*lines, *(_behind(res, r) or ["- nowhere in this run's ratios."]), ""]
