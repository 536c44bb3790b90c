"""Shared, lazily opened dictionaries and checkers (one per dictionary path)."""

from __future__ import annotations

import threading

from rolint.spelling.checker import SpellChecker
from rolint.spelling.dictionary import Dictionary, locate
from rolint.spelling.tokens import normalise

_lock = threading.Lock()
_dictionaries: dict[str, Dictionary] = {}


def dictionary(path: str | None = None) -> Dictionary:
    """The compiled dictionary for ``path`` (default: found automatically), opened once."""
    _aff, dic = locate(path)
    key = str(dic)
    d = _dictionaries.get(key)
    if d is None:
        with _lock:
            d = _dictionaries.get(key)
            if d is None:
                d = Dictionary.open(dic)
                _dictionaries[key] = d
    return d


def checker_for(path: str | None = None, **kwargs: object) -> SpellChecker:
    return SpellChecker(dictionary(path), **kwargs)  # type: ignore[arg-type]


def diacritic_variants(word: str, path: str | None = None) -> list[str]:
    """Valid forms of ``word`` differing only by diacritics, in its case, most frequent first.

    ``tara`` → ``['țară', 'țara', 'tară', 'târa', ...]``; ``si`` → ``['și']``; a word
    with no such form gives ``[]``. Cedilla letters are read as comma-below.
    """
    return dictionary(path).variants(normalise(word))


def is_known(word: str, path: str | None = None) -> bool:
    """Is ``word`` a valid form for the dictionary (Hunspell case rules)?"""
    return dictionary(path).check(normalise(word))
