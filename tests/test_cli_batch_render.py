"""Batch workers send each file's output already rendered (rolint.output.prerender):
what the parent writes must be the bytes it would have rendered itself, for every
format, with findings, input errors, crashing rules and LanguageTool on or off."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from rolint.cli import main
from rolint.config import Config
from rolint.diagnostic import Diagnostic
from rolint.linter import FileResult, check_source
from rolint.output import FORMATS, prerender, sink
from rolint.rule import Severity

TEXT = 'Ieri, Guvernul a anunţat "măsuri" noi 😀.\n\nEl a spus ca  vine mîine .\n'


def _results() -> list[FileResult]:
    found = check_source(TEXT, "a.txt", Config())
    assert len(found.diagnostics) >= 3
    crashed = check_source("Un rând şi atât.\n", "b.txt", Config())
    crashed.rule_errors = ("regula x/y a eșuat: RuntimeError: defect",)
    return [found.slim(), FileResult("c.txt", error="nu există"), crashed.slim()]


def _written(fmt: str, color: bool, results: list[FileResult], pre: bool) -> str:
    out = io.StringIO()
    target = sink(fmt, out, color)
    for r in results:
        rendered = prerender(r, fmt, color) if pre else None
        if rendered is not None:
            target.rendered(rendered)
        else:
            target.file(r)
    target.close()
    return out.getvalue()


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("color", [False, True])
def test_prerendered_output_equals_the_sinks_own(fmt: str, color: bool) -> None:
    results = _results()
    expected = _written(fmt, color, results, pre=False)
    assert _written(fmt, color, results, pre=True) == expected
    assert "c.txt" in expected and "ţ" in expected


def test_formats_that_depend_on_other_files_are_not_prerendered() -> None:
    r = _results()[0]
    assert prerender(r, "sarif") is None and prerender(r, "json", True) is None
    rendered = prerender(r, "text")
    assert rendered is not None and sum(rendered.counts) == len(r.diagnostics)


def _tree(root: Path) -> None:
    """30 files with findings in ``plain``, LanguageTool enabled in ``lt``, a broken
    config in ``broken``, and a file that cannot be decoded."""
    for sub, config in (("plain", None), ("lt", "[languagetool]\nenabled = true\n")):
        (root / sub).mkdir()
        if config:
            (root / sub / "rolint.toml").write_text(config, encoding="utf-8")
        for i in range(15):
            body = f"Ştire {i}\n\nEl a spus ca  vine mîine " + "în ţară " * i + ".\n"
            (root / sub / f"{i:02}.txt").write_text(body, encoding="utf-8")
    (root / "broken").mkdir()
    (root / "broken" / "rolint.toml").write_text("[", encoding="utf-8")
    (root / "broken" / "x.txt").write_text("Text.\n", encoding="utf-8")
    (root / "plain" / "binar.txt").write_bytes(b"\xff\xfe\x00\x00garbage\x00")


@pytest.fixture
def fake_languagetool(monkeypatch: pytest.MonkeyPatch) -> None:
    """LanguageTool "answers" one finding per file it is enabled for (merged in the
    parent, as the real one is)."""
    from rolint.languagetool import batch
    from rolint.languagetool.api import settings_of

    def merge_chunk(results, config_of, fmt, state) -> None:  # type: ignore[no-untyped-def]
        for r in results:
            cfg = config_of(r.path) if r.error is None else None
            if cfg is not None and settings_of(cfg).enabled:
                state.sent += 1
                finding = Diagnostic("languagetool/TEST", Severity.INFO, "sugestie LT", 0, 1)
                r.diagnostics = [finding, *r.diagnostics]

    monkeypatch.setattr(batch, "merge_chunk", merge_chunk)


def _check(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["check", "--no-progress", "--color", "never", *args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("forced", [False, True])
def test_parallel_batch_writes_what_a_serial_one_writes(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    fake_languagetool: None,
    broken_cedilla: None,
    fmt: str,
    forced: bool,
) -> None:
    """--jobs 2 (workers render) equals --jobs 1 (the parent renders), byte for byte,
    exit code and stderr too; LanguageTool's findings still reach the files it is on
    for (all of them when ROLINT_LANGUAGETOOL_URL forces it)."""
    if forced:
        monkeypatch.setenv("ROLINT_LANGUAGETOOL_URL", "http://127.0.0.1:9")
    _tree(tmp_path)
    serial = _check(capsys, "--format", fmt, "--jobs", "1", str(tmp_path))
    parallel = _check(capsys, "--format", fmt, "--jobs", "2", str(tmp_path))
    assert parallel == serial
    assert serial[0] == 2  # the broken config, the undecodable file, the crashing rule
    if fmt == "json":
        files = json.loads(serial[1])["files"]
        lt = {
            f["path"] for f in files if "languagetool/TEST" in {d["rule"] for d in f["diagnostics"]}
        }
        ok = {f["path"] for f in files if "error" not in f}
        expected = ok if forced else {p for p in ok if Path(p).parent.name == "lt"}
        assert lt == expected and len(expected) >= 15
