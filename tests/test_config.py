"""Configuration: discovery, validation with precise errors, overrides, suppression."""

from __future__ import annotations

from pathlib import Path

import pytest

from rolint.config import ConfigError, config_for, effective_rules, load
from rolint.linter import check_path, lint_text
from rolint.rule import Severity


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_found_upward_from_the_checked_file(tmp_path: Path) -> None:
    write(tmp_path / "rolint.toml", 'fail-on = "error"\n')
    article = write(tmp_path / "a" / "b" / "stire.txt", "text")
    cfg = config_for(article)
    assert cfg.path == tmp_path / "rolint.toml"
    assert cfg.fail_on == "error"


def test_pyproject_tool_section(tmp_path: Path) -> None:
    write(
        tmp_path / "pyproject.toml",
        '[project]\nname="x"\n[tool.rolint.rules]\n"diacritics/cedilla" = "error"\n',
    )
    cfg = config_for(write(tmp_path / "s.txt", ""))
    assert effective_rules(cfg.rules_for(None))["diacritics/cedilla"] is Severity.ERROR


def test_pyproject_without_section_is_skipped(tmp_path: Path) -> None:
    write(tmp_path / "rolint.toml", 'fail-on = "info"\n')
    write(tmp_path / "sub" / "pyproject.toml", '[project]\nname="x"\n')
    assert config_for(write(tmp_path / "sub" / "s.txt", "")).fail_on == "info"


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        ('fail-on = "sometimes"\n', "'fail-on'"),
        ("colour = true\n", "'colour'"),
        ('[rules]\n"diacritics/nope" = "error"\n', "'rules.diacritics/nope'"),
        ('[rules]\n"diacritics/cedilla" = "loud"\n', "'loud'"),
        ('[[overrides]]\nfiles = "x"\n', "'overrides[0].files'"),
        ("[vocabulary]\nallow = []\n", "'vocabulary.allow'"),
        ("fail-on = \n", "TOML invalid"),
    ],
)
def test_broken_config_names_file_and_key(tmp_path: Path, content: str, fragment: str) -> None:
    path = write(tmp_path / "rolint.toml", content)
    with pytest.raises(ConfigError) as err:
        load(path)
    assert str(path) in str(err.value) and fragment in str(err.value)


def test_family_off_and_id_beats_family(tmp_path: Path) -> None:
    enabled = effective_rules({"diacritics": "off"})
    assert "diacritics/cedilla" not in enabled
    enabled = effective_rules({"diacritics": "off", "diacritics/cedilla": "hint"})
    assert enabled["diacritics/cedilla"] is Severity.HINT


def test_overrides_apply_per_glob(tmp_path: Path) -> None:
    write(
        tmp_path / "rolint.toml",
        '[[overrides]]\nfiles = ["arhiva/**"]\nrules = { "diacritics/cedilla" = "off" }\n',
    )
    old = write(tmp_path / "arhiva" / "2009" / "vechi.txt", "ţară\n")
    new = write(tmp_path / "azi.txt", "ţară\n")
    assert check_path(old).diagnostics == []
    assert [d.rule for d in check_path(new).diagnostics] == ["diacritics/cedilla"]


def test_suppression_comments() -> None:
    text = (
        "ţară\n<!-- rolint-disable diacritics/cedilla -->\nţară\n<!-- rolint-enable -->\n"
        "ţară\n<!-- rolint-disable-next-line diacritics -->\nţară\nţară\n"
    )
    _, diags = lint_text(text)
    lines = sorted(text[: d.start].count("\n") for d in diags)
    assert lines == [0, 4, 7]


def test_suppression_without_enable_runs_to_the_end() -> None:
    _, diags = lint_text("ţ\n<!-- rolint-disable -->\nţ ţ\n")
    assert [d.start for d in diags] == [0]


def test_disable_line_covers_its_own_line_only() -> None:
    _, diags = lint_text("ţ <!-- rolint-disable-line diacritics/cedilla -->\nţ\n")
    assert len(diags) == 1 and diags[0].start > 2
