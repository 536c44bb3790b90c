"""Text helpers shared by the Romanian rule modules (not a rule family itself).

Everything here is linear in the input: regexes are simple character classes or
trie-shaped alternations without nested quantifiers.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable, Iterator
from functools import cache
from typing import Any

# The Romanian primitives live in rolint.romanian; re-exported for the rule modules.
from rolint.romanian import (
    CEDILLA_FOLD,
    DIACRITIC_LETTERS,
    LETTER,
    fold_cedilla,
    lower,
    match_case,
    plain,
    plain_lower,
    sentence_start,
)
from rolint.rulepacks import PackError, load_pack, pack_path, packs_dir

__all__ = [
    "CEDILLA_FOLD",
    "DIACRITIC_LETTERS",
    "LETTER",
    "fold_cedilla",
    "lower",
    "match_case",
    "plain",
    "plain_lower",
    "sentence_start",
]


class LazyPattern:
    """A regex compiled the first time it is used.

    The cue lists make long patterns that take ``re`` milliseconds each to compile,
    and many are reached only behind a cheap gate (a required word, a hint pattern):
    a cold `rolint check` of one article compiles just the ones its text needs. Held
    by the rule's data, like the compiled pattern it stands for; two threads that
    compile it at once make the same pattern, so either result may stay.
    """

    __slots__ = ("_compiled", "flags", "pattern")

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self.pattern = pattern
        self.flags = flags
        self._compiled: re.Pattern[str] | None = None

    @property
    def compiled(self) -> re.Pattern[str]:
        compiled = self._compiled
        if compiled is None:
            compiled = self._compiled = re.compile(self.pattern, self.flags)
        return compiled

    def search(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return self.compiled.search(text, pos, endpos)

    def finditer(
        self, text: str, pos: int = 0, endpos: int = sys.maxsize
    ) -> Iterator[re.Match[str]]:
        return self.compiled.finditer(text, pos, endpos)


def trie_pattern(words: Iterable[str], sep: str = r"\s+") -> str:
    """A regex alternation of ``words`` shaped as a prefix trie (fast in ``re``).

    A space inside a word matches ``sep``. The pattern has no nested quantifiers, so
    matching it is linear in the text. Built on every cold start (the cue lists hold
    ~1,400 words), so a run of letters with one way on is written out in a loop rather
    than one call per letter.
    """
    trie: dict[str, Any] = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = True
    escaped: dict[str, str] = {" ": sep}

    def piece(ch: str) -> str:
        found = escaped.get(ch)
        if found is None:
            found = escaped[ch] = re.escape(ch)
        return found

    def build(node: dict[str, Any]) -> str:
        end = "" in node
        keys = sorted(node)
        if end:
            del keys[0]  # "" sorts first
        if not keys:
            return ""
        branches = []
        for ch in keys:
            chain = [piece(ch)]
            child = node[ch]
            while len(child) == 1 and "" not in child:  # no word ends, no choice: no group
                (ch,) = child
                chain.append(piece(ch))
                child = child[ch]
            chain.append(build(child))
            branches.append("".join(chain))
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if end:
            return "(?:" + body + ")?"
        return body

    return build(trie)


def required_pieces(phrases: Iterable[str], shortest: int = 5) -> tuple[str, ...]:
    """Literal pieces such that every phrase that matches holds one of them.

    Phrases are words separated by spaces, "*" standing for any ending; the pieces
    are beginnings of their words, so a text holding none of them (``piece in text``)
    cannot match any phrase: a cheap test that lets a regex pass be skipped. Pieces
    are chosen greedily to cover the most phrases, longer ones (rarer in text) first;
    pieces shorter than ``shortest`` only for phrases with no longer word.
    """
    covers: dict[str, set[int]] = {}
    fallback: dict[int, str] = {}
    for i, phrase in enumerate(phrases):
        words = [w for w in re.split(r"[\s*]+", phrase) if w]
        if not words:
            return ("",)  # a phrase with no literal: every text may match
        long_words = [w for w in words if len(w) >= shortest]
        if not long_words:
            fallback[i] = max(words, key=lambda w: (len(w), w))
        for word in long_words:
            for end in range(shortest, len(word) + 1):
                covers.setdefault(word[:end], set()).add(i)
    uncovered = set().union(*covers.values()) if covers else set()
    chosen = set(fallback.values())
    while uncovered:
        best = max(covers, key=lambda p: (len(covers[p] & uncovered), len(p), p))
        chosen.add(best)
        uncovered -= covers[best]
    return tuple(sorted(chosen))


# -- rule packs ---------------------------------------------------------------


@cache
def text_pack_lines(filename: str) -> tuple[str, ...]:
    """Non-comment, non-blank lines of a plain-text pack in ``rules/`` (fast to load)."""
    path = packs_dir() / filename
    try:
        raw = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise PackError(f"{path}: nu pot citi lista ({exc.strerror})") from exc
    return tuple(line for line in raw.splitlines() if line.strip() and not line.startswith("#"))


def pack_mapping(name: str) -> dict[str, Any]:
    data = load_pack(name)
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise PackError(f"{pack_path(name)}: la nivelul de sus trebuie să fie un dicționar")
    return data


def string_list(name: str, where: str, value: Any, lower: bool = False) -> list[str]:
    """A YAML list of non-empty strings; ``where`` names the entry and field for errors."""
    if value is None:
        return []
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list):
        raise PackError(
            f"{pack_path(name)}: {where}: trebuie să fie o listă de texte, "
            f"nu {type(value).__name__}"
        )
    out = []
    for i, item in enumerate(value):
        if isinstance(item, int | float) and not isinstance(item, bool):
            item = str(item)
        if not isinstance(item, str) or not item.strip():
            raise PackError(
                f"{pack_path(name)}: {where}[{i}]: trebuie să fie un text nevid, nu {item!r}"
            )
        item = fold_cedilla(item.strip())
        out.append(item.lower() if lower else item)
    return out


def entry_list(name: str, key: str, required: bool = False) -> list[dict[str, Any]]:
    """The list of mappings under ``key`` (empty when absent and not required)."""
    data = pack_mapping(name)
    value = data.get(key)
    if value is None:
        if required:
            raise PackError(f"{pack_path(name)}: lipsește lista {key!r} la nivelul de sus")
        return []
    if not isinstance(value, list):
        raise PackError(f"{pack_path(name)}: {key!r} trebuie să fie o listă")
    for i, entry in enumerate(value):
        if not isinstance(entry, dict):
            raise PackError(
                f"{pack_path(name)}: {key}[{i}] trebuie să fie un dicționar, nu {entry!r}"
            )
    return value


def check_fields(name: str, key: str, index: int, entry: dict[str, Any], allowed: set[str]) -> None:
    """Reject unknown fields (a typo in a field name must not silently do nothing)."""
    for fld in entry:
        if fld not in allowed:
            raise PackError(
                f"{pack_path(name)}: {key}[{index}]: câmp necunoscut {fld!r} "
                f"(câmpuri permise: {', '.join(sorted(allowed))})"
            )


def text_field(
    name: str, key: str, index: int, entry: dict[str, Any], fld: str, default: str | None = None
) -> str:
    value = entry.get(fld, default)
    if value is None:
        raise PackError(f"{pack_path(name)}: {key}[{index}]: lipsește câmpul {fld!r}")
    if isinstance(value, int | float) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str) or not value.strip():
        raise PackError(
            f"{pack_path(name)}: {key}[{index}]: câmpul {fld!r} trebuie să fie un text nevid"
        )
    return fold_cedilla(value.strip())
