"""The README's CMS client and curl example run against a real ``rolint serve``: the
documentation a newsroom copies must work as written."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator

import pytest

from serve_server import ROOT, Server

README = (ROOT / "README.md").read_text(encoding="utf-8")
SECTION = README.split("## CMS: `rolint serve`", 1)[1].split("\n## ", 1)[0]


@pytest.fixture(scope="module")
def server() -> Iterator[Server]:
    s = Server(env={"ROLINT_SERVE_TOKEN": "readme-token"})
    s.wait_ready()
    yield s
    assert s.terminate() == 0
    s.close()


def _block(lang: str) -> str:
    found = re.findall(rf"```{lang}\n(.*?)```", SECTION, flags=re.S)
    assert found, f"no {lang} block in the README section"
    return found[0]


def test_readme_client_works(server: Server) -> None:
    env = {**os.environ, "ROLINT_URL": server.url, "ROLINT_TOKEN": "readme-token"}
    done = subprocess.run(
        [sys.executable, "-c", _block("python")], capture_output=True, text=True, env=env
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("warn\n") and "orthography/old" in done.stdout
    assert len(_block("python").strip().splitlines()) <= 22


def test_readme_curl_example_works(server: Server) -> None:
    if shutil.which("curl") is None:
        pytest.skip("curl is not installed")
    curl = next(b for b in re.findall(r"```sh\n(.*?)```", SECTION, flags=re.S) if "curl" in b)
    curl = curl.replace("http://127.0.0.1:8710", server.url)
    curl = curl.replace("curl -s", "curl -s -H 'Authorization: Bearer readme-token'", 1)
    done = subprocess.run(["bash", "-c", curl], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0 and '"verdict":"warn"' in done.stdout.replace(" ", "")
