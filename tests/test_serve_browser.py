"""The reference editor page in headless Chromium (Debian's chromium driven by
playwright-core): type an article, see underlines, apply a fix from the hover card,
dismiss a finding, and watch the verdict change from block to warn to publish."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from serve_server import ROOT, Server

# Headless Chromium, like the VS Code and WordPress end-to-end tests, runs as its own CI
# step (`python3 -m pytest -m browser`), not in the default run.
pytestmark = pytest.mark.browser

HERE = Path(__file__).resolve().parent / "serve_browser"
POLICY = """
[serve.policy]
block = ["diacritics/cedilla"]
warn = ["orthography"]
"""


def _node_path() -> str | None:
    """Where playwright-core is installed (scripts/setup.sh puts it beside the script)."""
    tools = os.environ.get("ROLINT_E2E_TOOLS", "/opt/rolint-e2e-tools")
    for folder in (HERE / "node_modules", Path(tools) / "node_modules"):
        if (folder / "playwright-core").is_dir():
            return str(folder)
    return None


def _missing() -> str | None:
    if shutil.which("node") is None:
        return "node is not installed"
    if not Path(os.environ.get("CHROMIUM", "/usr/bin/chromium")).exists():
        return "Debian chromium is not installed (scripts/setup.sh installs it)"
    if _node_path() is None:
        return "playwright-core is not installed (scripts/setup.sh installs it)"
    return None


@pytest.fixture(scope="module")
def server() -> Iterator[Server]:
    why = _missing()
    if why:
        if os.environ.get("CI"):
            pytest.fail(f"browser test cannot run in CI: {why}")
        pytest.skip(why)
    s = Server(POLICY)
    s.wait_ready()
    yield s
    assert s.terminate() == 0
    s.close()


def _run_page(url: str, shot: Path) -> tuple[int, dict]:  # type: ignore[type-arg]
    env = {**os.environ, "NODE_PATH": _node_path() or ""}
    done = subprocess.run(
        ["node", str(HERE / "check_page.cjs"), url, str(shot)],
        capture_output=True,
        text=True,
        env=env,
        timeout=180,
        cwd=ROOT,
    )
    lines = [x for x in done.stdout.splitlines() if x.startswith("{")]
    assert lines, done.stdout + done.stderr
    return done.returncode, json.loads(lines[-1])


@pytest.mark.slow
def test_type_underline_fix_dismiss(server: Server) -> None:
    shot = Path(tempfile.mkdtemp(prefix="rolint-serve-page-")) / "reference-page.png"
    code, report = _run_page(server.url + "/", shot)
    assert code == 0, report
    print(f"screenshot: {report['screenshot']} and {report['final_screenshot']}")
    typed, hover, fixed, dismissed = report["steps"]
    assert typed["verdict"] == "block"
    assert "ş" in typed["underlined"] and "sînt" in typed["underlined"]
    assert "diacritics/cedilla" in hover["tip"]
    rules = {r["id"]: r["summary"] for r in server.client.get("/v1/rules").json()["rules"]}
    assert rules["diacritics/cedilla"] in hover["tip"]  # the rule's doc summary on hover
    assert fixed["verdict"] == "warn" and fixed["title"].startswith("Primarul a vizitat școala")
    assert dismissed["verdict"] == "publish" and "sînt" not in dismissed["underlined"]
    assert shot.stat().st_size > 10_000
    assert Path(report["final_screenshot"]).stat().st_size > 10_000


@pytest.mark.slow
def test_the_page_fails_against_a_server_that_does_not_check(server: Server) -> None:
    """The same script against a page whose API is gone must fail: the test can fail."""
    shot = Path(tempfile.mkdtemp(prefix="rolint-serve-page-")) / "negative.png"
    static = Server()  # a second server, stopped before the page loads: nothing answers
    static.wait_ready()
    url = static.url + "/"
    static.close()
    code, report = _run_page(url, shot)
    assert code == 1 and "error" in report and "ok" not in report
