"""Config that means what it says (issue #17 failures 15–16, issue #11): every bad value
is exit 2 with a message naming the file and the key, never a traceback."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from rolint.cli import main
from rolint.config import ConfigError, load
from rolint.linter import engine_for


def rolint(*args: str, cwd: Path, stdin: int | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "rolint", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        stdin=stdin,
        timeout=120,
    )


@pytest.mark.parametrize(
    ("content", "key"),
    [
        ("max-file-size-mb = 1e308\n", "'max-file-size-mb'"),
        ("max-file-size-mb = inf\n", "'max-file-size-mb'"),
        ("max-file-size-mb = nan\n", "'max-file-size-mb'"),
        ("max-file-size-mb = true\n", "'max-file-size-mb'"),
        ("max-file-size-mb = 0\n", "'max-file-size-mb'"),
        ('[rule-options."spelling/unknown"]\nfoo = 1\n', "'rule-options.spelling/unknown.foo'"),
        (
            '[rule-options."spelling/unknown"]\nmax-suggestions = -5\n',
            "'rule-options.spelling/unknown.max-suggestions'",
        ),
        (
            '[rule-options."spelling/unknown"]\nmax-suggestions = true\n',
            "'rule-options.spelling/unknown.max-suggestions'",
        ),
        (
            '[rule-options."spelling/unknown"]\nnames = "da"\n',
            "'rule-options.spelling/unknown.names'",
        ),
        ("[rule-options.spelling]\nfoo = 1\n", "'rule-options.spelling.foo'"),
        ('[rule-options."diacritics/cedilla"]\nx = 1\n', "'rule-options.diacritics/cedilla.x'"),
        ('[[overrides]]\nrules = { attribution = "off" }\n', "'overrides[0].files'"),
        ("[[overrides]]\nfiles = []\n", "'overrides[0].files'"),
        ("fail-on = 3\n", "'fail-on'"),
    ],
)
def test_15_16_bad_values_exit_2_naming_file_and_key(
    tmp_path: Path,
    content: str,
    key: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    config = tmp_path / "rolint.toml"
    config.write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError) as err:
        load(config)
    assert str(config) in str(err.value) and key in str(err.value)
    (tmp_path / "a.txt").write_text("Text.\n", encoding="utf-8")
    # in this process (a traceback would fail the test as it is raised): the process
    # boundary of the same exit is checked by the subprocess tests below
    monkeypatch.chdir(tmp_path)
    assert main(["check", "a.txt"]) == 2
    out = capsys.readouterr()
    assert key in out.out + out.err and "Traceback" not in out.err


def test_15_pyproject_tool_rolint_not_a_table(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text("[tool]\nrolint = 5\n", encoding="utf-8")
    (tmp_path / "a.txt").write_text("Text.\n", encoding="utf-8")
    proc = rolint("check", "--format", "json", "a.txt", cwd=tmp_path)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert "pyproject.toml" in proc.stderr and "'tool.rolint'" in proc.stderr


def test_15_config_that_is_not_utf8(tmp_path: Path) -> None:
    (tmp_path / "rolint.toml").write_bytes('fail-on = "error" # ţară\n'.encode("cp1250"))
    (tmp_path / "a.txt").write_text("Text.\n", encoding="utf-8")
    proc = rolint("check", "a.txt", cwd=tmp_path)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert "rolint.toml" in proc.stdout and "UTF-8" in proc.stdout


def test_15_closed_stdin_is_a_clear_error(tmp_path: Path) -> None:
    proc = subprocess.run(
        ["sh", "-c", f'"{sys.executable}" -m rolint check - <&-'],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=60,
    )
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert "intrarea standard este închisă" in proc.stdout + proc.stderr


def test_16_missing_vocabulary_file_is_named(tmp_path: Path) -> None:
    (tmp_path / "rolint.toml").write_text(
        '[vocabulary]\naccept = ["voc/nu.txt"]\n', encoding="utf-8"
    )
    (tmp_path / "a.txt").write_text("Text.\n", encoding="utf-8")
    proc = rolint("check", "a.txt", cwd=tmp_path)
    assert proc.returncode == 2 and "'vocabulary.accept'" in proc.stdout
    assert "nu.txt" in proc.stdout
    (tmp_path / "voc").mkdir()
    (tmp_path / "voc" / "nu.txt").write_text("", encoding="utf-8")
    assert rolint("check", "a.txt", cwd=tmp_path).returncode == 0


def test_16_family_rule_options_reach_the_rules_of_the_family(tmp_path: Path) -> None:
    config = tmp_path / "rolint.toml"
    config.write_text(
        "[rule-options.spelling]\nmax-suggestions = 2\nnames = false\n"
        '[rule-options."spelling/unknown"]\nnames = true\n',
        encoding="utf-8",
    )
    cfg = load(config)
    assert cfg.options_for("spelling/unknown") == {"max-suggestions": 2, "names": True}
    assert cfg.options_for("spelling/typo") == {}  # it takes none of them
    rules = {r.id: r for r in engine_for(cfg, str(tmp_path / "a.txt")).rules}
    assert rules["spelling/unknown"].setup.options == {"max-suggestions": 2, "names": True}


def test_a_new_table_is_one_entry_in_sections() -> None:
    from rolint import config

    assert set(config.SECTIONS) >= {"fail-on", "rules", "rule-options", "languagetool"}
    cfg = config.parse({"languagetool": {"enabled": False}})
    assert cfg.languagetool == {"enabled": False}
