"""A LanguageTool that is absent, slower than the timeout, or killed while in use:
rolint keeps working, says so once, reports every built-in finding with the exit code
it would have without LanguageTool, and recovers when the server is back. The server
that goes away is the real, shared one behind an :class:`~lt_outage.Outage` (no JVM per
test)."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from lt_outage import Outage
from rolint.config import parse
from rolint.languagetool import local, runner
from rolint.languagetool.api import check_with_budget, settings_of
from rolint.linter import lint_text
from test_languagetool_server import require_languagetool

ARTICLE = (
    "Primăria anunţă lucrări\n\n"
    "Consiliul a aprobat ieri proiectul, iar lucrările încep luni.\n\n"
    "Este o soluție mai optimă decât cea veche, a spus primarul.\n"
)


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def write_project(folder: Path, table: str, files: dict[str, str]) -> None:
    (folder / "rolint.toml").write_text(f"[languagetool]\n{table}\n", encoding="utf-8")
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")


def run_cli(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "ROLINT_LANGUAGETOOL_URL"}
    return subprocess.run(
        [sys.executable, "-m", "rolint", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )


def builtin_only(folder: Path, args: list[str]) -> subprocess.CompletedProcess[str]:
    """The same check with LanguageTool off: the reference for findings and exit code."""
    (folder / "rolint.toml").rename(folder / "rolint.toml.off")
    try:
        return run_cli(args, folder)
    finally:
        (folder / "rolint.toml.off").rename(folder / "rolint.toml")


def rules_of(stdout: str) -> list[tuple[str, str, int]]:
    """The built-in findings of a JSON report (LanguageTool's left out)."""
    out = json.loads(stdout)
    return sorted(
        (f["path"], d["rule"], d["offset"])
        for f in out["files"]
        for d in f["diagnostics"]
        if not d["rule"].startswith("languagetool/")
    )


def notices(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if "LanguageTool" in line]


def test_server_not_running_cli_reports_builtin_and_one_notice(tmp_path: Path) -> None:
    url = f"http://127.0.0.1:{closed_port()}"
    write_project(tmp_path, f'enabled = true\nurl = "{url}"', {"a.txt": ARTICLE, "b.txt": ARTICLE})
    args = ["check", "--format", "json", "a.txt", "b.txt"]
    done = run_cli(args, tmp_path)
    ref = builtin_only(tmp_path, args)
    assert done.returncode == ref.returncode == 1
    assert rules_of(done.stdout) == rules_of(ref.stdout) and rules_of(ref.stdout)
    assert len(notices(done.stderr)) == 1, done.stderr
    assert "conexiune refuzată" in done.stderr
    required = run_cli([*args, "--require-languagetool"], tmp_path)
    assert required.returncode == 2
    assert rules_of(required.stdout) == rules_of(ref.stdout)


def test_require_languagetool_when_it_is_not_enabled(tmp_path: Path) -> None:
    write_project(tmp_path, "enabled = false", {"a.txt": ARTICLE})
    done = run_cli(["check", "a.txt", "--require-languagetool"], tmp_path)
    assert done.returncode == 2
    assert "nu este activat" in done.stderr


@pytest.fixture(scope="module")
def lt_url() -> str:
    require_languagetool()
    return local.ensure()


def test_slower_than_the_timeout_cli(lt_url: str, tmp_path: Path) -> None:
    long_text = ARTICLE + "\n".join(f"\nParagraful {i} are o soluție mai optimă." for i in range(5))
    write_project(
        tmp_path, f'enabled = true\nurl = "{lt_url}"\ntimeout-ms = 1', {"a.txt": long_text}
    )
    args = ["check", "--format", "json", "a.txt"]
    done = run_cli(args, tmp_path)
    ref = builtin_only(tmp_path, args)
    assert done.returncode == ref.returncode
    assert rules_of(done.stdout) == rules_of(ref.stdout)
    assert len(notices(done.stderr)) == 1 and "la timp" in done.stderr, done.stderr


def test_budget_missed_gives_builtin_verdict_in_time(lt_url: str) -> None:
    cfg = parse({"languagetool": {"enabled": True, "url": lt_url, "timeout-ms": 30000}})
    text = ARTICLE + "".join(
        f"\nAl {i}-lea paragraf nou, cu text diferit {i}.\n" for i in range(30)
    )
    doc, ours = lint_text(text, "text", None, cfg)
    t0 = time.monotonic()
    result = check_with_budget(doc, t0 + 0.05, cfg, ours)
    elapsed = time.monotonic() - t0
    assert not result.complete and result.notice
    assert elapsed < 2.0  # the budget, plus scheduling noise on busy cores; not 30 s
    assert [d for d in result.diagnostics if not d.rule.startswith("languagetool/")] == ours


def test_killed_mid_batch_cli_keeps_going(lt_url: str, tmp_path: Path) -> None:
    """The server goes away while the batch is sending its 720 paragraphs (an
    :class:`~lt_outage.Outage` in front of the real server: no second JVM to kill)."""
    victim = Outage(lt_url)
    try:
        files = {
            f"f{n:02}.txt": "Primăria anunţă un vot\n\n"
            + "\n\n".join(
                f"În ziua {n}-{i} primarul a spus că va fi o soluție mai optimă, "
                f"iar consilierii au votat pentru proiectul numărul {n * 100 + i}."
                for i in range(12)
            )
            + "\n"
            for n in range(60)
        }
        write_project(tmp_path, f'enabled = true\nurl = "{victim.url}"\ntimeout-ms = 30000', files)
        args = ["check", "--format", "json", *files]
        proc = subprocess.Popen(
            [sys.executable, "-m", "rolint", *args],
            cwd=tmp_path,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        deadline = time.monotonic() + 120
        while victim.chunks < 4 and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        assert proc.poll() is None, "the batch ended before the server went away"
        victim.down()  # the batch is sending paragraphs by now
        out, err = proc.communicate(timeout=300)
    finally:
        victim.down()
    ref = builtin_only(tmp_path, args)
    assert proc.returncode == ref.returncode == 1
    assert rules_of(out) == rules_of(ref.stdout)
    assert len(notices(err)) == 1, err


def test_killed_while_in_use_then_back_recovers(
    lt_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Down between two checks, back on the same URL: after the cool-off (made short
    here; the language server's test waits the real one) the service uses it again."""
    monkeypatch.setattr(runner, "COOL_OFF", 2.0)
    victim = Outage(lt_url)
    svc = runner.Service()
    cfg = parse({"languagetool": {"enabled": True, "url": victim.url, "timeout-ms": 30000}})
    settings = settings_of(cfg)
    doc, _ = lint_text(ARTICLE, "text", None, cfg)
    try:
        first = svc.check(doc, settings)
        assert first.complete and any(
            d.rule == "languagetool/PLEONASM__MAI" for d in first.diagnostics
        )
        victim.down()
        svc.clear_cache()
        down = svc.check(doc, settings)
        assert not down.complete and down.notice
        victim.up()
        early = svc.check(doc, settings)
        assert not early.complete  # still cooling off: no request yet
        time.sleep(runner.COOL_OFF)
        back = svc.check(doc, settings)
        assert back.complete, back.notice
        assert [d.rule for d in back.diagnostics] == [d.rule for d in first.diagnostics]
    finally:
        victim.down()
