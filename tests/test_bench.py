"""The benchmark suite's own parts (bench/): fast, no peer tool needed except where said.

The suite itself (`python bench/run.py`) is not a test; these check what its numbers rest
on: that the peers' generated rules do rolint's typo work, that seed defects are counted
from the text, that the measuring runner sees memory, CPU and time limits, and that
Hunspell's word list is placed back in the text.
"""

from __future__ import annotations

import math
import re
import shutil
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[1] / "bench"
sys.path.insert(0, str(BENCH))

import measure  # noqa: E402
import quality  # noqa: E402
import styles  # noqa: E402
import tools  # noqa: E402
import workloads  # noqa: E402

from rolint.engine import Engine  # noqa: E402
from rolint.readers import read  # noqa: E402
from rolint.rules.typos import Typo_, typo_data  # noqa: E402


def _python(pattern: str) -> re.Pattern[str]:
    """A generated pattern (regexp2 / JavaScript with ``u``) for Python's ``re``, whose
    ``\\w`` is Unicode like ``\\p{L}\\p{N}_``."""
    return re.compile(pattern.replace(r"[\p{L}\p{N}_-]", r"[\w-]"), re.IGNORECASE)


def _examples() -> list[str]:
    """The pack's example sentences, then one sentence for every expanded wrong form."""
    data = typo_data()
    return [text for _, text in data.examples] + [
        f"Ieri {t.wrong} aici." for t in data.typos.values()
    ]


def _rolint_typos(text: str) -> set[tuple[int, int, str]]:
    found = Engine([Typo_()]).check(read(text))
    return {(d.start, d.end, d.replacements[0].lower()) for d in found}


def test_vale_swap_does_rolints_typo_work() -> None:
    """Vale joins the swap keys, longest first, into one alternation (one match at a
    place): the same done here in Python must report what rolint reports."""
    swap = styles.vale_swap(styles.entries())
    keys = sorted(swap, key=len, reverse=True)
    joined = _python("|".join(f"({k})" for k in keys))
    examples = _examples()
    assert len(examples) > 300
    for text in examples:
        vale = set()
        for m in joined.finditer(text):
            key = keys[next(i for i, g in enumerate(m.groups()) if g is not None)]
            vale.add((m.start(), m.end(), swap[key].lower()))
        assert vale == _rolint_typos(text), text


def _prh_filter(diffs: list[tuple[int, int, str]]) -> set[tuple[int, int, str]]:
    """prh's ChangeSet: at one start the longest match stays, then the first one wins."""
    ordered = sorted(diffs)
    longest = [
        d
        for i, d in enumerate(ordered)
        if not (i + 1 < len(ordered) and ordered[i + 1][0] == d[0] and d[1] < ordered[i + 1][1])
    ]
    kept: list[tuple[int, int, str]] = []
    for d in longest:
        if not kept or d[0] >= kept[-1][1]:
            kept.append(d)
    return set(kept)


def test_prh_rules_do_rolints_typo_work() -> None:
    rules = styles.prh_rules(styles.entries())
    assert [r["expected"] for r in rules[:4]] == ["ș", "ț", "Ș", "Ț"]
    compiled = [(_python(r["pattern"][1:-2]), r["expected"]) for r in rules[4:]]
    assert all(r["pattern"].endswith("/i") for r in rules[4:])
    for text in _examples():
        diffs = []
        for rx, expected in compiled:
            for m in rx.finditer(text):
                right = m.expand(re.sub(r"\$(\d)", r"\\\1", expected))
                diffs.append((m.start(), m.end(), right.lower()))
        assert _prh_filter(diffs) == _rolint_typos(text), text


def test_generated_rules_leave_longer_words_alone() -> None:
    swap = [_python(k) for k in styles.vale_swap(styles.entries())]
    text = "Catalgatul nu există, dar catalgat există; reîncarnarea e corectă."
    hits = [m.group() for rx in swap for m in rx.finditer(text)]
    assert hits == ["catalgat"]


def test_style_files_are_written(tmp_path: Path) -> None:
    ini = styles.write_vale(tmp_path / "vale")
    typos = (ini.parent / "styles" / "Romanian" / "Typos.yml").read_text(encoding="utf-8")
    assert "extends: substitution" in typos and "catalogat" in typos
    assert (ini.parent / "styles" / "Romanian" / "Cedilla.yml").exists()
    rc = styles.write_prh(tmp_path / "textlint")
    assert "prh.yml" in rc.read_text(encoding="utf-8")


def test_seed_defects_are_counted_from_the_text() -> None:
    text = workloads.SAMPLE
    defects = quality.seed_defects(text)
    kinds = [d.kind for d in defects]
    assert kinds.count("cedilla letters") == len(re.findall("[şţŞŢ]", text))
    assert kinds.count("„catalgat”") == 1
    assert kinds.count("duplicated headlines") == 1
    assert kinds.count("quotes opened with ”") == 1
    quote = next(d for d in defects if d.kind == "quotes opened with ”")
    assert text[quote.start] == "”" and text[quote.start + 1] != " "


def test_seed_hits_tell_spelling_hits_apart() -> None:
    text = workloads.SAMPLE
    defects = quality.seed_defects(text)
    word = re.search(r"\w*ţ\w*", text)
    assert word is not None
    letter = text.index("ţ", word.start())
    found = [
        tools.Finding("a", letter, letter + 1, "x", tools.CEDILLA_CAT),
        tools.Finding("a", word.start(), word.end(), "y", tools.SPELLING_CAT),
    ]
    hits = quality.seed_hits(defects, found)
    assert hits["cedilla letters"]["hits"] == 1
    assert hits["cedilla letters"]["via_spelling"] == 0
    only_spelling = quality.seed_hits(defects, found[1:])
    assert only_spelling["cedilla letters"] == {
        "total": len(re.findall("[şţŞŢ]", text)),
        "hits": 1,
        "via_spelling": 1,
    }
    assert only_spelling["duplicated headlines"]["hits"] == 0


def test_series_are_prefixes_of_about_each_size() -> None:
    texts = [workloads.SAMPLE] * 40
    out = workloads.series(texts, (1_000, 5_000))
    assert len(out[0].encode()) <= 1_001 and len(out[1].encode()) <= 5_001
    assert len(out[1].encode()) > 4_500
    assert out[1].startswith(out[0].rstrip("\n"))


def test_measure_sees_memory_and_cpu() -> None:
    code = "b = bytearray(150_000_000); [x * x for x in range(3_000_000)]"
    run = measure.run([sys.executable, "-c", code])
    assert run.returncode == 0
    assert run.rss_mb > 140
    assert run.cpu > 0.05 and run.wall >= run.cpu * 0.5


def test_measure_kills_at_the_time_limit() -> None:
    run = measure.run([sys.executable, "-c", "import time; time.sleep(30)"], timeout=1)
    assert run.timed_out
    assert run.wall < 10


@pytest.mark.skipif(shutil.which("hunspell") is None, reason="Debian's hunspell is not installed")
def test_hunspell_words_are_placed_back(tmp_path: Path) -> None:
    from peers import hunspell

    a = tmp_path / "a.txt"
    b = tmp_path / "b.txt"
    a.write_text("Primăria a catalgat strada.\nNimic altceva.\n", encoding="utf-8")
    b.write_text("Deasemenea, consiliul a votat.\n", encoding="utf-8")
    tool = tools.hunspell(hunspell(log=False))
    run = measure.run(tool.command([a, b]), env=tool.env)
    found = tool.parse(run.stdout, [a, b])
    words = {
        (
            Path(f.path).name,
            a.read_text()[f.start : f.end]
            if f.path.endswith("a.txt")
            else b.read_text()[f.start : f.end],
        )
        for f in found
    }
    assert ("a.txt", "catalgat") in words
    assert ("b.txt", "Deasemenea") in words


def test_same_work_configs_run_exactly_the_listed_rules(tmp_path: Path) -> None:
    """Every rule id is named on or off: a family not listed (grammar, added after the
    configs were written) must be off, and rolint's own config code must agree."""
    from rolint import config, registry

    for rules in (tools.VALE_RULES, tools.TEXTLINT_RULES, tools.HUNSPELL_RULES):
        path = tools.rolint_config(tmp_path, "x", rules)
        assert tools.configured_rules(path) == set(rules)
        text = path.read_text(encoding="utf-8")
        assert all(f"'{rule_id}'" in text for rule_id in registry.rule_classes())
    quiet = tools.rolint_config(tmp_path, "quiet", tools.VALE_RULES, tools.NO_SUGGESTIONS)
    assert tools.configured_rules(quiet) == set(tools.VALE_RULES)
    assert config.load(quiet).options_for("spelling/unknown") == {"max-suggestions": 0}
    everything = tools.configured_rules(tools.rolint_config(tmp_path, "all", None))
    assert everything == set(registry.rule_classes())
    with pytest.raises(ValueError, match="no rule"):
        tools.rolint_config(tmp_path, "bad", ("spelling/nonexistent",))


def test_rule_probe_catches_a_config_that_runs_other_rules(tmp_path: Path) -> None:
    """Through the command: the probe (every rule's bad examples) finds what a config
    really runs, so a tool whose config enables more than it claims fails the check."""
    import ruleset

    tool = tools.rolint(tmp_path / "cfg", "typos", ("spelling/typo",))
    assert ruleset.verify([tool], tmp_path / "probe", 120) == {"typos": ["spelling/typo"]}
    wrong = tools.rolint(tmp_path / "cfg", "two", ("spelling/typo", "diacritics/cedilla"))
    wrong.rules = frozenset({"spelling/typo"})  # claims less than its config enables
    with pytest.raises(RuntimeError, match="diacritics/cedilla"):
        ruleset.verify([wrong], tmp_path / "probe", 120)
    with pytest.raises(RuntimeError, match="should not run"):
        ruleset.check_findings(wrong, {"spelling/typo", "grammar/hyphen"})


def test_run_all_measures_processes_together() -> None:
    """Two processes at once: CPU summed, wall about one of them, memory summed (PSS
    close to RSS for private pages)."""
    # Each holds its memory for a second after its work, so that the sampler sees both
    # peaks at once even when a loaded machine starts one process late.
    code = (
        "import time; b = bytearray(120_000_000); [x * x for x in range(4_000_000)];"
        " time.sleep(1.0)"
    )
    cmd = [sys.executable, "-c", code]
    one = measure.run(cmd)
    both = measure.run_all([cmd, cmd])
    assert both.returncode == 0 and len(both.stdouts) == 2
    assert both.rss_mb > 1.7 * 120 and both.pss_mb > 1.7 * 120
    assert both.cpu > 1.5 * one.cpu
    assert 100 < one.pss_mb <= one.rss_mb + 1


def test_parts_split_a_workload_by_bytes(tmp_path: Path) -> None:
    import sections

    paths = []
    for i, size in enumerate([100, 100, 100, 100, 400]):
        path = tmp_path / f"{i}.txt"
        path.write_text("a" * size, encoding="utf-8")
        paths.append(path)
    parts = sections._parts(paths, 2)
    assert [p for part in parts for p in part] == paths
    assert [len(part) for part in parts] == [4, 1]
    assert sections._parts(paths[:1], 2) == [paths[:1]]


def test_size_exponent_ignores_start_up() -> None:
    """A command of fixed start-up plus a linear cost: exponent 1 once the start-up is
    taken off; a quadratic cost stays visibly superlinear."""
    import sections

    sizes = [1_000, 10_000, 316_000, 1_000_000, 3_160_000, 10_000_000]
    linear = [{"bytes": b, "cpu": 0.5 + b * 2e-6} for b in sizes]
    raw = sections.slope(linear, "cpu", 316_000)
    net = sections.slope(linear, "cpu", 316_000, fixed=True)
    assert raw is not None and raw < 0.9
    assert net is not None and abs(net - 1) < 0.01
    square = [{"bytes": b, "cpu": 0.5 + (b * 1e-5) ** 2} for b in sizes]
    steep = sections.slope(square, "cpu", 316_000, fixed=True)
    assert steep is not None and steep > 1.9


def test_section_budget_stops_processes() -> None:
    """A process started after its section's budget is spent gets a 1-s limit."""
    import time

    import sections

    sections.DEADLINE = time.perf_counter() - 1
    try:
        assert sections.over_budget()
        assert sections.timeout(300) == 1.0
        tool = tools.Tool(
            "sleep", "Hunspell", [sys.executable, "-c", "import time; time.sleep(20)"]
        )
        run = sections._run_tool(tool, [], 300)
        assert run.timed_out and run.wall < 8
    finally:
        sections.DEADLINE = None
    assert sections.timeout(300) == 300


def test_vale_gets_a_whole_folder_as_the_folder(tmp_path: Path) -> None:
    """Vale uses every core only on a folder it walks: the dataset is passed as its
    folder, a part of it file by file."""
    files = [tmp_path / f"{n}.txt" for n in range(3)]
    for f in files:
        f.write_text("text", encoding="utf-8")
    vale = tools.Vale("Vale", "Vale", ["vale"])
    assert vale.command(files) == ["vale", str(tmp_path)]
    assert vale.command(files[:2]) == ["vale", *map(str, files[:2])]


SERIES = [316_000, 1_000_000, 3_160_000, 10_000_000]


def _series(cost, noise: float, seed: int, runs: int = 3) -> list[dict[str, float]]:  # type: ignore[no-untyped-def]
    """Points as bench/inproc.py makes them: the median of ``runs`` noisy runs (each
    off by a factor e^N(0, noise)) and their scatter."""
    import random

    import inproc

    rng = random.Random(seed)
    out = []
    for b in SERIES:
        times = [cost(b) * math.exp(rng.gauss(0, noise)) for _ in range(runs)]
        point = {"cpu": inproc._median(times), "sd": inproc._scatter(times)}
        out.append({"bytes": b, "runs": runs, **point})
    return out


def _verdict(series: dict[str, list[dict[str, float]]]) -> tuple[list[str], list[str]]:
    import report

    return report.linear_verdict(report.rule_fits({"rule_sizes": series}))


def test_noisy_linear_rules_are_judged_linear() -> None:
    """A linear cost measured with 10 % noise per run (more than a shared machine's
    size series shows): its exponent's spread holds 1 in nearly every series, and it is
    never called superlinear, nor with 40 % noise."""
    import sections

    held = 0
    for seed in range(60):
        points = _series(lambda b: 2e-8 * b, 0.10, seed)
        f = sections.rule_fit(points)
        assert f is not None and f.points == 4
        held += abs(f.exponent - 1) <= f.spread
        assert _verdict({"r": points})[0] == [], seed
        wild = _series(lambda b: 2e-8 * b, 0.40, seed)
        assert _verdict({"r": wild})[0] == [], seed
    assert held >= 54  # about 95 %


def test_quadratic_and_steep_rules_are_judged_superlinear() -> None:
    """A cost that is three quarters quadratic at 10 MB (5 % noise per run), and a
    steady b = 1.3 (10 %), are superlinear beyond their spread; a smaller quadratic part
    that lifts the exponent past the limit is at least reported as undecided."""
    for seed in range(30):
        square = _series(lambda b: 1e-8 * b + 3e-3 * (b / 1e6) ** 2, 0.05, seed)
        steep = _series(lambda b: 1e-9 * b**1.3, 0.10, seed)
        bad, _ = _verdict({"square": square, "steep": steep})
        assert [x.split()[0] for x in bad] == ["square", "steep"], (seed, bad)
    mild = _series(lambda b: 1e-8 * b + 2e-3 * (b / 1e6) ** 2, 0.03, 1)
    bad, unsure = _verdict({"mild": mild})
    assert [x.split()[0] for x in bad + unsure] == ["mild"]


def test_fit_spread_grows_with_noise_and_curvature() -> None:
    import sections

    quiet = sections.rule_fit(_series(lambda b: 2e-8 * b, 0.01, 1, runs=20))
    loud = sections.rule_fit(_series(lambda b: 2e-8 * b, 0.30, 1, runs=3))
    assert quiet is not None and loud is not None
    assert quiet.spread < loud.spread
    assert quiet.spread >= 2 * sections.DRIFT / 2.6  # never below the machine's drift
    # A bent line (flat, then steep) is not a power law: its spread says so.
    bent = sections.fit([(b, 0.01 if b < 3e6 else 0.01 * (b / 3e6) ** 2, 0.0) for b in SERIES])
    straight = sections.fit([(b, 0.01 * b / 3e6, 0.0) for b in SERIES])
    assert bent is not None and straight is not None
    assert bent.spread > 5 * straight.spread


def test_fit_leaves_out_points_under_the_floor() -> None:
    """Sizes under FIT_FROM and times under FLOOR_S are no part of the fit (a timer's
    grain, fixed costs): a rule that costs nothing has no exponent."""
    import sections

    points = [{"bytes": b, "cpu": 1e-5 * (b / 1e5) ** 3, "runs": 3, "sd": 0.0} for b in SERIES]
    points.insert(0, {"bytes": 100_000, "cpu": 5.0, "runs": 3, "sd": 0.0})
    f = sections.rule_fit(points)  # 316 KB: 3e-4 s, under the floor; 100 KB: too small
    assert f is not None and f.points == 3 and abs(f.exponent - 3) < 0.01
    assert sections.rule_fit([{**p, "cpu": 1e-4} for p in points]) is None


def test_rules_are_judged_on_their_own_cost_beyond_the_engine() -> None:
    """The engine's share of every rule's time grows faster than the text (b = 1.2,
    as a working set outgrowing the processor's caches does): a linear rule on top of
    it is linear on its own cost; a rule that is all engine is not judged superlinear
    for the engine's exponent; a rule with a quadratic part still is."""
    import report
    import sections

    def engine_cost(b: float) -> float:
        return 4e-9 * b**1.2 / 1e6**0.2

    series = {
        sections.ENGINE: _series(engine_cost, 0.05, 1),
        "linear": _series(lambda b: engine_cost(b) + 1e-8 * b, 0.05, 2),
        "all engine": _series(engine_cost, 0.05, 3),
        "quadratic": _series(lambda b: engine_cost(b) + (b * 1e-6) ** 2 * 1e-3, 0.05, 4),
    }
    fits = report.rule_fits({"rule_sizes": series})
    whole, own = fits["linear"]
    assert whole is not None and own is not None
    assert whole.exponent > own.exponent + 0.03 and abs(own.exponent - 1) <= own.spread
    assert fits["all engine"][1] is None  # no cost of its own to fit
    bad, _ = report.linear_verdict(fits)
    assert [x.split()[0] for x in bad] == ["quadratic"]
    text = "\n".join(report._linear({"rule_sizes": series}))
    assert "not met** for quadratic" in text and "the engine alone" in text


def test_the_316_kb_text_is_fitted() -> None:
    """The series' texts are cut at a line end just under each size: the 316 KB one,
    a few bytes short, is still a point of the fit (and rests on the fit's CPU time)."""
    import sections

    points = [{"bytes": b - 2, "cpu": 1e-8 * b, "runs": 3, "sd": 0.01} for b in SERIES]
    f = sections.rule_fit(points)
    assert f is not None and f.points == 4
    assert sections.from_size(315_998) and not sections.from_size(99_996)
    cmd = [{"bytes": b - 2, "cpu": 0.3 + 1e-8 * b} for b in [1_000, *SERIES]]
    assert abs((sections.slope(cmd, "cpu", fixed=True) or 0) - 1) < 0.01


def test_inproc_times_every_rule_and_the_engine_alone(tmp_path: Path) -> None:
    """bench/inproc.py's ``rules`` through the command: every rule, the no-op rule and
    the reader, each point the median of at least 3 checks (each rule in its own forked
    copy of the process) with their scatter, and the findings of a real check."""
    import json
    import os
    import subprocess

    from rolint import registry

    text = (
        "Consiliul local a votat ieri bugetul pe anul viitor.\n\n"
        "Primarul a spus că lucrările încep cînd se termină iarna.\n\n"
    ) * 40
    path = tmp_path / "text.txt"
    path.write_text(text, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(BENCH.parent / "server")}
    done = subprocess.run(
        [sys.executable, str(BENCH / "inproc.py"), "rules", "0.005", str(path)],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    got = json.loads(done.stdout)
    assert set(got) == {*registry.rule_classes(), "(engine)", "(reading)"}
    for rule, fig in got.items():
        assert fig["runs"] >= 3 and fig["cpu"] > 0 and fig["sd"] >= 0, rule
        assert fig["min"] <= fig["cpu"], rule
    assert got["orthography/old"]["findings"] == 40  # cînd, once a paragraph pair
    assert got["(engine)"]["findings"] == 0


def test_a_failure_in_the_forked_measurement_reaches_the_parent() -> None:
    import inproc

    assert inproc._forked(lambda: {"cpu": 1.0})["cpu"] == 1.0
    with pytest.raises(RuntimeError, match="ZeroDivisionError"):
        inproc._forked(lambda: {"cpu": 1 / 0})


def test_two_sizes_are_never_enough_to_call_a_rule_superlinear() -> None:
    """A section out of time keeps only its largest sizes: two points cannot tell a
    power law from one size measured in a busy moment, so the rule is undecided."""
    steep = [p for p in _series(lambda b: 1e-10 * b**1.5, 0.01, 1) if p["bytes"] > 2e6]
    bad, unsure = _verdict({"steep": steep})
    assert bad == [] and [x.split()[0] for x in unsure] == ["steep"]


def test_the_engines_drift_over_the_run_widens_every_own_cost() -> None:
    """The no-op rule, checked once in every rule's child, scatters as much as the
    machine drifted over the run: each rule's own-cost points are no surer than that."""
    import sections

    engine = [{"bytes": b, "cpu": 1e-8 * b, "runs": 16, "sd": 0.02} for b in SERIES]
    rule = [{"bytes": b, "cpu": 3e-8 * b, "runs": 3, "sd": 0.02} for b in SERIES]
    calm = sections.rule_fit(rule, engine)
    busy = sections.rule_fit(rule, [{**p, "drift": 0.2} for p in engine])
    assert calm is not None and busy is not None
    assert abs(calm.exponent - 1) < 0.01 and abs(busy.exponent - 1) < 0.01
    assert busy.spread > 3 * calm.spread
