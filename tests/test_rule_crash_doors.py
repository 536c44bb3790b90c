"""A rule that crashes is reported by every door, and the other rules still report.

``rolint check``/``fix`` are covered in tests/test_cli_reliability.py (exit 2, rule and
file on stderr). Here the same crash goes through the language server's check (an
error message for the client beside the diagnostics) and the HTTP door's check (the
answer is incomplete and names the rule). The crash is injected into one real rule,
as a bug in it would raise; everything else is the real code of each door.
"""

from __future__ import annotations

from pathlib import Path

from rolint.config import Config

TEXT = 'Ea a spus "bine" în ţară.\n'


def test_the_language_server_reports_the_crash_and_the_other_findings(
    broken_cedilla: None, tmp_path: Path
) -> None:
    from rolint.lsp import checks
    from rolint.lsp.settings import Settings

    snap = checks.Snapshot(("crash", 1), TEXT, "text", None, None, Settings(), "utf-16")
    result = checks.check(snap, lambda: False)
    rules = {d.rule for d in result.diags}
    assert "quotes/style" in rules and "diacritics/cedilla" not in rules
    errors = [text for level, text in result.messages if level == "error"]
    assert errors and "diacritics/cedilla" in errors[0] and "defect simulat" in errors[0]
    # the bulk lane (rolint.checkWorkspace) reads the file from disk: reported there too
    path = tmp_path / "a.txt"
    path.write_text(TEXT, encoding="utf-8")
    on_disk = checks.check_file(path, "text", tmp_path, Settings(), "utf-16")
    assert any("diacritics/cedilla" in t for level, t in on_disk.messages if level == "error")
    assert "quotes/style" in {d.rule for d in on_disk.diags}


def test_serve_answers_incomplete_naming_the_rule(broken_cedilla: None) -> None:
    from rolint.http.checks import answer, findings
    from rolint.http.policy import Policy

    fields = [{"name": "corp", "format": "text", "content": TEXT}]
    found = findings(fields, Config(), Policy(), "utf-16")
    body = answer(found, {"fields": fields}, Policy(), "id", "rules", "http://127.0.0.1")
    assert body["complete"] is False
    assert "diacritics/cedilla" in body["incomplete_reason"]
    assert any("diacritics/cedilla" in r for r in body["reasons"])
    rules = {d["rule"] for d in body["fields"][0]["diagnostics"]}
    assert "quotes/style" in rules and "diacritics/cedilla" not in rules
    assert body["verdict"] == "warn"  # the default on_incomplete
