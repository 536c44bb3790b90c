"""Shared fixtures: the real material in ../shared when present (skipped cleanly when not)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

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
