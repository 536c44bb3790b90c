"""``.pre-commit-hooks.yaml`` with the real ``pre-commit`` tool on a throwaway repository:
a commit with a finding in a staged article is refused, the fixed article commits, and
files of other kinds are never checked."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from serve_server import ROOT


def _git(repo: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.org",
        # pre-commit's environments live in the project's (ignored) cache: reused per rev
        "PRE_COMMIT_HOME": str(ROOT / ".cache" / "pre-commit"),
        # the hook's environment is built afresh for every commit of rolint: pip need not
        # byte-compile the ~30 packages it installs (the hook compiles what it imports)
        "PIP_NO_COMPILE": "1",
        "PIP_DISABLE_PIP_VERSION_CHECK": "1",
    }
    return subprocess.run(
        ["git", *args], cwd=repo, env=env, capture_output=True, text=True, check=check, timeout=900
    )


def _head() -> str:
    done = subprocess.run(
        ["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        pytest.skip("the project is not a git checkout")
    shown = subprocess.run(
        ["git", "show", "HEAD:.pre-commit-hooks.yaml"], cwd=ROOT, capture_output=True, check=False
    )
    if shown.returncode != 0:
        pytest.skip(".pre-commit-hooks.yaml is not committed yet")
    return done.stdout.strip()


@pytest.mark.slow
def test_precommit_hook_refuses_then_accepts(tmp_path: Path) -> None:
    if shutil.which("pre-commit") is None:
        pytest.skip("pre-commit is not installed (pip install -e '.[dev]')")
    rev = _head()
    repo = tmp_path / "newsroom"
    repo.mkdir()
    _git(repo, "init", "-q")
    (repo / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {ROOT}\n    rev: {rev}\n    hooks:\n"
        "      - id: rolint\n      - id: rolint-system\n",
        encoding="utf-8",
    )
    (repo / "stiri").mkdir()
    article = repo / "stiri" / "primarie.md"
    article.write_text("# Ședință\n\nConsilierii sînt de acord cu bugetul.\n", encoding="utf-8")
    (repo / "script.py").write_text("print('sînt')\n", encoding="utf-8")  # not an article
    _git(repo, "add", ".")
    done = subprocess.run(
        ["pre-commit", "install"], cwd=repo, capture_output=True, text=True, check=True
    )
    assert "installed" in done.stdout
    refused = _git(repo, "commit", "-qm", "articol", check=False)
    assert refused.returncode != 0, refused.stdout + refused.stderr
    output = refused.stdout + refused.stderr
    assert "stiri/primarie.md:3" in output and "orthography/old" in output
    assert "script.py" not in output
    article.write_text("# Ședință\n\nConsilierii sunt de acord cu bugetul.\n", encoding="utf-8")
    _git(repo, "add", ".")
    accepted = _git(repo, "commit", "-qm", "articol corectat", check=False)
    assert accepted.returncode == 0, accepted.stdout + accepted.stderr
    assert "Passed" in accepted.stdout + accepted.stderr
