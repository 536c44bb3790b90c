"""The peers' rule files, built from rolint's own lists so that every tool does the same work.

- Vale: the Romanian style in bench/vale/ (cedilla letters, rospell spelling) plus a
  ``Typos.yml`` substitution rule generated here from rules/typos.yaml;
- textlint: a prh file generated from the same list, plus one rule per cedilla letter.

Generated at run time into the run's work folder, never committed: the lists cannot drift
from the rule pack. Both peers get the same matching rolint's spelling/typo does: case
ignored, ş/ţ treated like ș/ț, several words matched across any spacing, no match inside a
longer word, and the pack's ``unless_followed_by`` words as a negative look-ahead.
"""

from __future__ import annotations

import re
import shutil
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
VALE_STYLE = Path(__file__).resolve().parent / "vale"
TYPOS_PACK = ROOT / "rules" / "typos.yaml"
CEDILLA = {"ş": "ș", "ţ": "ț", "Ş": "Ș", "Ţ": "Ț"}
_BRACES = re.compile(r"\{([^{}]*)\}")
_SPECIAL = set("\\^$.*+?()[]{}|/")
# A word character (or a hyphen, which joins words) for both engines: Vale's regexp2 and
# JavaScript, where prh compiles every pattern with the ``u`` flag.
_WORD = r"[\p{L}\p{N}_-]"


@dataclass(frozen=True)
class Entry:
    """One typos-pack entry: ``wrong``/``right`` as written (with ``{…}`` groups)."""

    wrong: str
    right: str | list[str]
    unless: tuple[str, ...]


def entries(pack: Path = TYPOS_PACK) -> list[Entry]:
    data: dict[str, Any] = yaml.safe_load(pack.read_text(encoding="utf-8"))
    out = []
    for item in data["typos"]:
        unless = tuple(item.get("unless_followed_by") or ())
        out.append(Entry(str(item["wrong"]), item["right"], unless))
    return out


def expand(pattern: str) -> list[str]:
    """Every spelling of ``pattern``, as rolint's typos rule expands it."""
    from rolint.rules.typos import expand as rolint_expand

    return rolint_expand(pattern)


def _literal(text: str) -> str:
    """``text`` as a regex for both engines: escaped, any spacing, ş/ţ like ș/ț."""
    out = []
    for ch in re.sub(r"\s+", " ", text):
        if ch == " ":
            out.append(r"\s+")
        elif ch.lower() in "șş":
            out.append("[șşȘŞ]")
        elif ch.lower() in "țţ":
            out.append("[țţȚŢ]")
        elif ch in _SPECIAL:
            out.append("\\" + ch)
        else:
            out.append(ch)
    return "".join(out)


def _unless(words: tuple[str, ...], word: str) -> str:
    if not words:
        return ""
    alternatives = "|".join(_literal(w) for w in words)
    return rf"(?!\s+(?:{alternatives})(?!{word}))"


def _bounded(body: str, entry: Entry, word: str) -> str:
    return rf"(?<!{word})(?:{body})(?!{word}){_unless(entry.unless, word)}"


def vale_swap(items: list[Entry]) -> dict[str, str]:
    """Vale substitution ``swap:``: one regex per (entry, suggestion) → the suggestion.

    Vale's swap values are plain strings (no ``$1``), so forms with different
    suggestions get their own key; forms sharing one suggestion share a key.
    """
    swap: dict[str, str] = {}
    for entry in items:
        groups: dict[str, list[str]] = defaultdict(list)
        for wrong, right in _pairs(entry):
            groups[right].append(wrong)
        for right, wrongs in groups.items():
            body = "|".join(_literal(w) for w in sorted(set(wrongs), key=len, reverse=True))
            swap[_bounded(body, entry, _WORD)] = right
    return swap


def _pairs(entry: Entry) -> list[tuple[str, str]]:
    wrongs = expand(entry.wrong)
    if isinstance(entry.right, list):
        return [(w, str(entry.right[0])) for w in wrongs]
    rights = expand(entry.right)
    if len(rights) == 1:
        return [(w, rights[0]) for w in wrongs]
    return list(zip(wrongs, rights, strict=True))


def _group_rule(entry: Entry) -> dict[str, str] | None:
    """One prh rule with ``$n`` for an entry whose ``{…}`` groups are the same on both
    sides (catalg{at,ată} → catalog{at,ată}); None when they differ."""
    if isinstance(entry.right, list):
        return None
    wrong_parts = _BRACES.split(entry.wrong)
    right_parts = _BRACES.split(entry.right)
    if len(right_parts) == 1 and len(wrong_parts) > 1:
        groups = [
            _literal(p) if i % 2 == 0 else "(?:" + "|".join(map(_literal, p.split(","))) + ")"
            for i, p in enumerate(wrong_parts)
        ]
        return {"pattern": "".join(groups), "expected": entry.right}
    if len(wrong_parts) != len(right_parts):
        return None
    pattern, expected, n = [], [], 0
    for i, (w, r) in enumerate(zip(wrong_parts, right_parts, strict=True)):
        if i % 2 == 0:
            pattern.append(_literal(w))
            expected.append(r)
        elif w.split(",") == r.split(","):
            n += 1
            pattern.append("(" + "|".join(map(_literal, w.split(","))) + ")")
            expected.append(f"${n}")
        else:
            return None
    return {"pattern": "".join(pattern), "expected": "".join(expected)}


def prh_rules(items: list[Entry]) -> list[dict[str, str]]:
    """prh rules: the four cedilla letters, then one rule per entry (``$n`` where the
    groups allow it, otherwise one rule per suggestion)."""
    rules = [{"expected": comma, "pattern": f"/{ced}/"} for ced, comma in CEDILLA.items()]
    for entry in items:
        rule = _group_rule(entry)
        if rule is not None:
            body = _bounded(rule["pattern"], entry, _WORD)
            rules.append({"expected": rule["expected"], "pattern": f"/{body}/i"})
            continue
        for right, body in _grouped_bodies(entry):
            pattern = _bounded(body, entry, _WORD)
            rules.append({"expected": right, "pattern": f"/{pattern}/i"})
    return rules


def _grouped_bodies(entry: Entry) -> list[tuple[str, str]]:
    groups: dict[str, list[str]] = defaultdict(list)
    for wrong, right in _pairs(entry):
        groups[right].append(wrong)
    return [
        (right, "|".join(_literal(w) for w in sorted(set(ws), key=len, reverse=True)))
        for right, ws in groups.items()
    ]


def write_vale(folder: Path, items: list[Entry] | None = None) -> Path:
    """The Vale configuration in ``folder`` (style copied, Typos.yml generated); returns
    the .vale.ini path."""
    items = entries() if items is None else items
    styles = folder / "styles"
    if styles.exists():
        shutil.rmtree(styles)
    shutil.copytree(VALE_STYLE / "Romanian", styles / "Romanian")
    rule = {
        "extends": "substitution",
        "message": "scrie „%s” în loc de „%s”",
        "level": "warning",
        "ignorecase": True,
        "nonword": True,
        "swap": vale_swap(items),
    }
    header = "# Generated by bench/styles.py from rules/typos.yaml: do not edit.\n"
    text = header + yaml.safe_dump(rule, allow_unicode=True, sort_keys=False, width=1000)
    (styles / "Romanian" / "Typos.yml").write_text(text, encoding="utf-8")
    ini = folder / ".vale.ini"
    shutil.copyfile(VALE_STYLE / "vale.ini", ini)
    return ini


def write_prh(folder: Path, items: list[Entry] | None = None) -> Path:
    """``prh.yml`` and ``.textlintrc.json`` in ``folder``; returns the textlintrc path."""
    import json

    items = entries() if items is None else items
    folder.mkdir(parents=True, exist_ok=True)
    header = "# Generated by bench/styles.py from rules/typos.yaml: do not edit.\n"
    body = {"version": 1, "rules": prh_rules(items)}
    prh = folder / "prh.yml"
    prh.write_text(
        header + yaml.safe_dump(body, allow_unicode=True, sort_keys=False, width=1000),
        encoding="utf-8",
    )
    rc = folder / ".textlintrc.json"
    rc.write_text(
        json.dumps({"rules": {"prh": {"rulePaths": [str(prh)]}}}, indent=2), encoding="utf-8"
    )
    return rc
