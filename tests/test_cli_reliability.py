"""The CLI under trouble and in detail: a crashing rule is reported (exit 2) beside the
other rules' findings; output is streamed per file; Romanian plurals; aligned columns."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from rolint import registry
from rolint.cli import main
from rolint.linter import FileResult, check_source
from rolint.output import count, render


def test_a_crashing_rule_is_reported_with_rule_and_file_and_exit_2(
    tmp_path: Path, broken_cedilla: None, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "a.txt"
    path.write_text('Ea a spus "bine" în ţară.\n', encoding="utf-8")
    assert main(["check", "--format", "json", str(path)]) == 2
    captured = capsys.readouterr()
    (entry,) = json.loads(captured.out)["files"]
    assert any(d["rule"] == "quotes/style" for d in entry["diagnostics"])  # the others still run
    assert not any(d["rule"] == "diacritics/cedilla" for d in entry["diagnostics"])
    assert "diacritics/cedilla" in entry["rule_errors"][0]
    assert "diacritics/cedilla" in captured.err and str(path) in captured.err
    assert "Traceback" not in captured.err
    assert main(["check", str(path)]) == 2
    text = capsys.readouterr().out
    assert f"{path}: eroare internă: regula diacritics/cedilla a eșuat" in text
    assert "[quotes/style]" in text


def test_crashes_are_not_carried_over_to_the_next_file(broken_cedilla: None) -> None:
    from rolint.config import Config

    first = check_source("ţară\n", "a.txt", Config())
    second = check_source("ţară\n", "b.txt", Config())
    assert len(first.rule_errors) == 1 and len(second.rule_errors) == 1


@pytest.mark.parametrize(
    ("n", "expected"),
    [
        (0, "0 probleme"),
        (1, "1 problemă"),
        (2, "2 probleme"),
        (19, "19 probleme"),
        (20, "20 de probleme"),
        (101, "101 probleme"),
        (120, "120 de probleme"),
        (1000, "1000 de probleme"),
    ],
)
def test_romanian_plural(n: int, expected: str) -> None:
    assert count(n, "problemă", "probleme") == expected


def test_text_summary_and_fix_message_agree_in_number(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    one = tmp_path / "unu.txt"
    one.write_text("În ţară.\n", encoding="utf-8")
    main(["check", str(one)])
    assert capsys.readouterr().out.endswith("1 problemă în 1 fișier (1 warning)\n")
    two = tmp_path / "doi.txt"
    two.write_text("În ţară.\n", encoding="utf-8")
    main(["check", str(one), str(two)])
    assert capsys.readouterr().out.endswith("2 probleme în 2 fișiere (2 warning)\n")
    main(["fix", str(one)])
    assert "rolint: 1 corectură aplicată în 1 fișier" in capsys.readouterr().err
    one.write_text("ţară şi\n", encoding="utf-8")
    main(["fix", str(one), str(two)])
    assert "rolint: 3 corecturi aplicate în 2 fișiere" in capsys.readouterr().err


def test_rules_columns_are_aligned_for_long_ids(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rules"]) == 0
    lines = capsys.readouterr().out.splitlines()
    longest = max(len(rule_id) for rule_id in registry.rule_classes())
    severities = {"error", "warning", "info", "hint"}
    columns = set()
    for line in lines:
        rule_id = line.split()[0]
        column = line.index(" ", len(rule_id))
        while line[column] == " ":
            column += 1
        assert line[column:].split()[0] in severities
        columns.add(column)
    assert len(columns) == 1 and columns.pop() > longest


def test_json_streamed_per_file_equals_the_whole_payload(tmp_path: Path) -> None:
    from rolint.config import Config

    results = [
        check_source('„Da”, a spus ea în ţară "azi".\n', "a.txt", Config()),
        FileResult("b.txt", error="fișierul nu există"),
        check_source("Text curat.\n", "c.txt", Config()),
        FileResult("d.txt", error="eroare", rule_errors=("regula x a eșuat: y",)),
    ]
    many = check_source("ţara " * 1200, "e.txt", Config())  # findings over several chunks
    assert len(many.diagnostics) > 1024
    results.append(many)
    with_crash = check_source("ţară\n", "f.txt", Config())
    results.append(FileResult("f.txt", with_crash.doc, with_crash.diagnostics, None, ("z",)))
    out = io.StringIO()
    render("json", results, out)
    from rolint.output.json_format import file_json

    whole = {"version": 1, "files": [file_json(r) for r in results]}
    assert out.getvalue() == json.dumps(whole, ensure_ascii=False) + "\n"
    empty = io.StringIO()
    render("json", [], empty)
    assert json.loads(empty.getvalue()) == {"version": 1, "files": []}


def test_batch_results_are_a_stream_not_a_list(tmp_path: Path) -> None:
    """cmd_check writes each file as it comes: the batch yields results lazily."""
    import argparse

    from rolint.cli import _run_batch

    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text("ţară\n", encoding="utf-8")
    args = argparse.Namespace(config=None, input_format=None, jobs=1)
    stream = _run_batch(args, [tmp_path / "a.txt", tmp_path / "b.txt"], False)
    assert not isinstance(stream, list)
    first = next(stream)
    assert first.path.endswith("a.txt") and first.diagnostics
    assert [r.path[-5:] for r in stream] == ["b.txt"]


def test_fix_reports_a_crashing_rule_and_still_applies_the_others(
    tmp_path: Path, broken_cedilla: None, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "a.txt"
    path.write_text('Ea a spus "bine" în ţară.\n', encoding="utf-8")
    assert main(["fix", str(path)]) == 2
    assert path.read_text(encoding="utf-8") == "Ea a spus „bine” în ţară.\n"
    assert "regula diacritics/cedilla a eșuat" in capsys.readouterr().err
