"""Spelling: the rospell Hunspell dictionary, compiled once into a fast lookup table.

Public, lazily loaded helpers (importing this package loads nothing):

* :func:`diacritic_variants` — valid forms differing only by diacritics
  (``diacritics/missing`` reuses it);
* :func:`is_known` — dictionary validity with Hunspell's case rules;
* :func:`suggest` — ranked suggestions for a word.

Modules: ``affix`` (reading .aff/.dic, expanding forms), ``store`` (the compiled,
memory-mapped table), ``dictionary`` (finding, compiling, caching, case rules),
``tokens`` (which words to look up, normalisation), ``suggest`` (candidates and
ranking), ``lexicon`` (names, vocabularies, data lists), ``checker`` (the decisions of
``spelling/unknown``), ``vocab`` (``rolint vocab learn``).
"""

from __future__ import annotations


def diacritic_variants(word: str) -> list[str]:
    """Valid dictionary forms differing from ``word`` only by diacritics (most frequent first)."""
    from rolint.spelling.api import diacritic_variants as _dv

    return _dv(word)


def is_known(word: str) -> bool:
    """Is ``word`` valid in the Romanian dictionary (Hunspell case rules, cedilla folded)?"""
    from rolint.spelling.api import is_known as _ik

    return _ik(word)


def suggest(word: str, limit: int = 5) -> list[str]:
    """Up to ``limit`` ranked suggestions for ``word``."""
    from rolint.spelling.api import dictionary
    from rolint.spelling.suggest import Suggester
    from rolint.spelling.tokens import normalise

    return Suggester(dictionary()).suggest(normalise(word), limit)


__all__ = ["diacritic_variants", "is_known", "suggest"]
