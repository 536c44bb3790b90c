"""LanguageTool against a real server: the jars installed by
``python -m rolint.languagetool install``, started by rolint itself on loopback.

Skipped (with the reason) only where Java or the jars are absent; .ci/run installs them.
Sentences are our own, each with an error LanguageTool's Romanian rules are known to
catch; expected spans come from ``str.index`` on the source, not from rolint's code.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from rolint.config import parse
from rolint.languagetool import install, local
from rolint.languagetool.api import check_with_budget, settings_of
from rolint.languagetool.runner import service
from rolint.linter import lint_text
from rolint.readers import read


def require_languagetool() -> None:
    if shutil.which("java") is None:
        pytest.skip("Java lipsește: testele LanguageTool cer Java 17+")
    if not install.installed():
        pytest.skip(
            f"jar-urile LanguageTool lipsesc din {install.jar_dir()} "
            "(python -m rolint.languagetool install)"
        )


@pytest.fixture(scope="module")
def lt_url() -> str:
    require_languagetool()
    return local.ensure()


def config(url: str, **extra: object) -> dict[str, object]:
    table: dict[str, object] = {"enabled": True, "url": url, "timeout-ms": 30000}
    table.update(extra)
    return {"languagetool": table}


def checked(source: str, fmt: str, url: str, **extra: object):  # type: ignore[no-untyped-def]
    cfg = parse(config(url, **extra))
    doc, ours = lint_text(source, fmt, None, cfg)
    result = check_with_budget(doc, time.monotonic() + 60, cfg, ours)
    assert result.complete, result.notice
    return doc, result.diagnostics


def spans(source: str, diags: list, rule: str) -> list[str]:  # type: ignore[type-arg]
    return [source[d.start : d.end] for d in diags if d.rule == rule]


def test_pleonasm_and_hyphen_errors_come_back_with_their_spans(lt_url: str) -> None:
    source = "Aceasta este o variantă mai optimă.\n\nEa sa dus acasă după ședință.\n"
    _, diags = checked(source, "text", lt_url)
    assert spans(source, diags, "languagetool/PLEONASM__MAI") == ["mai optimă"]
    # „sa dus” is also our grammar/hyphen: reported once, by us
    assert spans(source, diags, "grammar/hyphen") == ["sa"]
    assert spans(source, diags, "languagetool/SA_DUS") == []


def test_emoji_before_a_match(lt_url: str) -> None:
    source = "Am ajuns 😀 acasă a doua zi😀,apoi am plecat.\n"
    _, diags = checked(source, "text", lt_url)
    found = [d for d in diags if d.rule == "languagetool/COMMA_PARENTHESIS_WHITESPACE"]
    assert found, [d.rule for d in diags]
    start = source.index(",apoi")
    assert (found[0].start, source[found[0].start]) == (start, ",")


def test_emoji_inside_a_match(lt_url: str) -> None:
    source = "casa😀casa este mare.\n"
    _, diags = checked(source, "text", lt_url)
    found = [d for d in diags if d.rule == "languagetool/UPPERCASE_SENTENCE_START"]
    assert [source[d.start : d.end] for d in found] == ["casa😀casa"]


def test_html_offsets_point_into_the_sent_html(lt_url: str) -> None:
    source = (
        "<h1>Un titlu de probă</h1>\n"
        "<p>Primarul a &#238;ntârziat. Este o variantă <b>mai optimă</b>, a spus el.</p>\n"
    )
    doc, diags = checked(source, "html", lt_url)
    assert doc.fmt == "html"
    # the match covers „mai optimă” inside <b>…</b>, after an entity: the span is in the HTML
    assert spans(source, diags, "languagetool/PLEONASM__MAI") == ["mai optimă"]


def test_markdown_offsets_point_into_the_source(lt_url: str) -> None:
    source = "# Titlu\n\nDupă **ședință**, ea a ales o [soluție](https://exemplu.ro) mai optimă.\n"
    _, diags = checked(source, "markdown", lt_url)
    assert "mai optimă" in spans(source, diags, "languagetool/PLEONASM__MAI")


def test_no_speller_match_duplicates_ours_on_cedillas_and_names(lt_url: str) -> None:
    source = (
        "Ministrul Popescu a declarat că Halep şi Assad nu au fost invitaţi.\n\n"
        "Delegaţia din Kursk a sosit după-amiază la Bucureşti.\n"
    )
    _, diags = checked(source, "text", lt_url)
    assert not [d for d in diags if d.rule == "languagetool/MORFOLOGIK_RULE_RO_RO"]
    assert any(d.rule == "diacritics/cedilla" for d in diags)
    # and LanguageTool did see the text: with the merge off its speller fires there
    doc = read(source, "text", None, False)
    raw = service().check(doc, settings_of(parse(config(lt_url))))
    assert any(d.rule == "languagetool/MORFOLOGIK_RULE_RO_RO" for d in raw.diagnostics)


def test_disabled_rules_and_categories_are_sent(lt_url: str) -> None:
    source = "Aceasta este o variantă mai optimă.\n"
    _, diags = checked(source, "text", lt_url, **{"disabled-rules": ["PLEONASM__MAI"]})
    assert not spans(source, diags, "languagetool/PLEONASM__MAI")
    _, diags = checked(source, "text", lt_url, **{"disabled-categories": ["CAT9"]})
    assert not spans(source, diags, "languagetool/PLEONASM__MAI")


def test_rules_table_turns_languagetool_ids_off(lt_url: str) -> None:
    source = "Aceasta este o variantă mai optimă.\n"
    cfg = parse({**config(lt_url), "rules": {"languagetool/PLEONASM__MAI": "off"}})
    doc, ours = lint_text(source, "text", None, cfg)
    result = check_with_budget(doc, time.monotonic() + 60, cfg, ours)
    assert not [d for d in result.diagnostics if d.rule == "languagetool/PLEONASM__MAI"]


def run_cli(args: list[str], cwd: Path, env: dict[str, str] | None = None):  # type: ignore[no-untyped-def]
    full = {**os.environ, **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "rolint", *args],
        cwd=cwd,
        env=full,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def test_cli_json_carries_languagetool_diagnostics(lt_url: str, tmp_path: Path) -> None:
    text = "Titlu de probă\n\nEste 😀 o soluție mai optimă pentru oraș.\n"
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    (tmp_path / "rolint.toml").write_text(
        f'[languagetool]\nenabled = true\nurl = "{lt_url}"\ntimeout-ms = 30000\n',
        encoding="utf-8",
    )
    done = run_cli(["check", "--format", "json", "a.txt"], tmp_path)
    assert done.returncode == 1, done.stderr
    assert "LanguageTool" not in done.stderr
    out = json.loads(done.stdout)
    lt = [d for d in out["files"][0]["diagnostics"] if d["rule"].startswith("languagetool/")]
    assert [text[d["offset"] : d["offset"] + d["length"]] for d in lt] == ["mai optimă"]
    start = text.index("mai optimă")
    line_start = text.rfind("\n", 0, start) + 1
    units = len(text[line_start:start].encode("utf-16-le")) // 2  # the 😀 counts two
    assert lt[0]["range"]["start"] == {"line": 2, "character": units}
