"""rolint.places: the one rule for per-user folders (cache, vocabulary)."""

from __future__ import annotations

from pathlib import Path

import pytest

from rolint.places import user_dir
from rolint.spelling.dictionary import cache_dir
from rolint.spelling.lexicon import user_vocabulary_dir


def test_override_then_xdg_then_home(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.delenv("ROLINT_CACHE_DIR", raising=False)
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    assert cache_dir() == tmp_path / ".cache" / "rolint"
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "x"))
    assert cache_dir() == tmp_path / "x" / "rolint"
    monkeypatch.setenv("ROLINT_CACHE_DIR", str(tmp_path / "own"))
    assert cache_dir() == tmp_path / "own"
    assert user_dir("ROLINT_CACHE_DIR", "XDG_CACHE_HOME", ".cache") == cache_dir()


def test_vocabulary_folder_follows_the_config_variables(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv("ROLINT_USER_VOCABULARY", raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    assert user_vocabulary_dir() == tmp_path / "rolint"
    monkeypatch.setenv("ROLINT_USER_VOCABULARY", "")  # empty counts as unset
    assert user_vocabulary_dir() == tmp_path / "rolint"
