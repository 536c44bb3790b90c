"""The benchmark suite's own parts (bench/): fast, no peer tool needed except where said.

The suite itself (`python bench/run.py`) is not a test; these check what its numbers rest
on: that the peers' generated rules do rolint's typo work, that seed defects are counted
from the text, that the measuring runner sees memory, CPU and time limits, and that
Hunspell's word list is placed back in the text.
"""

from __future__ import annotations

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
