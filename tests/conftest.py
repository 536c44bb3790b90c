"""Shared fixtures: the real material in ../shared when present (skipped cleanly when not)."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings

# The tests write Python's bytecode caches (the gitignored __pycache__ folders) even where
# the environment asks not to, as PYTHONDONTWRITEBYTECODE does on these machines: without
# them every xdist worker compiles and assertion-rewrites every test module again (7.5 →
# 3.1 s of CPU per worker measured here) and every `rolint` subprocess compiles rolint anew.
sys.dont_write_bytecode = False
os.environ.pop("PYTHONDONTWRITEBYTECODE", None)

# No per-example deadline: on two shared cores one example may take 300 ms for reasons
# that have nothing to do with the code (a timing claim belongs in a benchmark).
settings.register_profile("rolint", deadline=None)
settings.load_profile("rolint")

# LanguageTool's JVM in the tests runs its first JIT tier only: that halves the CPU of a
# start and warm-up (13.6 → 7.6 s measured here, and 150 checks after it took 5.6 s
# against 6.7 s), and the suite starts two JVMs on two cores. The product keeps the
# JVM's default (set ROLINT_LANGUAGETOOL_JAVA_OPTS to choose).
TEST_JAVA_OPTS = "-Xms128m -Xmx1g -XX:+UseSerialGC -XX:TieredStopAtLevel=1"
os.environ.setdefault("ROLINT_LANGUAGETOOL_JAVA_OPTS", TEST_JAVA_OPTS)

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("ROLINT_SHARED", ROOT.parent / "shared"))


@pytest.fixture
def seed_article() -> Path:
    path = SHARED / "seed" / "article.txt"
    if not path.is_file():
        pytest.skip("../shared/seed/article.txt is not present on this machine")
    return path


@pytest.fixture(scope="session")
def dictionary():  # type: ignore[no-untyped-def]
    """The real rospell dictionary, compiled (skipped when hunspell-ro is missing)."""
    from rolint.spelling.api import dictionary as open_dictionary
    from rolint.spelling.dictionary import DictionaryNotFound, locate

    try:
        locate()
    except DictionaryNotFound:
        pytest.skip("rospell (Debian hunspell-ro) is not installed")
    return open_dictionary()


@pytest.fixture
def broken_cedilla(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """diacritics/cedilla raising, as a rule with a bug would (the engine catches it);
    the doors' tests check that it is reported and the other rules still run."""
    from rolint import linter, registry

    def crash(self, block, context):  # type: ignore[no-untyped-def]
        raise RuntimeError("defect simulat")

    monkeypatch.setattr(registry.rule_classes()["diacritics/cedilla"], "check", crash)
    linter._ENGINES.clear()
    yield
    linter._ENGINES.clear()


# The test files that use this process's shared LanguageTool server (one JVM per process,
# started by the first of them: rolint.languagetool.local.ensure).
LANGUAGETOOL_FILES = (
    "test_languagetool_faults.py",
    "test_languagetool_lsp.py",
    "test_languagetool_server.py",
    "test_serve_languagetool.py",
)


def _unit(nodeid: str) -> str:
    """The xdist work unit of a test: its file, or "languagetool" for the files above."""
    path = nodeid.split("::", 1)[0]
    return "languagetool" if path.rsplit("/", 1)[-1] in LANGUAGETOOL_FILES else path


def pytest_xdist_make_scheduler(config: pytest.Config, log: object) -> object:
    """Work units for pytest-xdist (``-n`` in pyproject.toml): each test file runs whole on
    one worker, so its module fixtures (a ``rolint serve``, a language server) start once;
    the files that share the LanguageTool JVM are one unit, so only one worker starts a
    JVM. (A scheduler of our own: xdist's ``loadgroup`` marks do not reach the scheduler
    under pytest 9.)"""
    from xdist.scheduler import LoadScopeScheduling

    class ByFile(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            return _unit(nodeid)

    return ByFile(config, log)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """The LanguageTool unit, the longest, goes first, so that it does not start last
    and leave the other workers idle at the end."""
    items.sort(key=lambda item: _unit(item.nodeid) != "languagetool")
