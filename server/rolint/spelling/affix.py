"""Reading a Hunspell dictionary (``.aff`` + ``.dic``) and expanding it to word forms.

Only the subset of the affix format that rospell uses is implemented, and anything
else is refused loudly rather than silently misread:

* ``SET UTF-8``, single-character flags (``FLAG`` other than the default is refused);
* ``PFX``/``SFX`` groups with strip, add, condition (a simplified regex of literal
  characters, ``.`` and ``[...]``/``[^...]`` classes) and cross-product;
* ``TRY``, ``KEY``, ``REP`` and ``MAP`` are read (they describe suggestions);
* ``FORBIDDENWORD``, ``NEEDAFFIX``, ``ONLYINCOMPOUND`` and compounding are not used by
  rospell; if a dictionary declares them we refuse it (:class:`AffixError`).

Semantics follow Hunspell (``man 5 hunspell``): a suffix applies to a root that ends
with its strip string and matches its condition at the end; the form is
``root[:-len(strip)] + add``. A prefix is the mirror image at the start. When both
affix groups allow cross products, a prefix also applies to each suffixed form
(the prefix condition is then tested on the suffixed form, as Hunspell does).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

_UNSUPPORTED = (
    "FLAG",
    "COMPOUNDFLAG",
    "COMPOUNDRULE",
    "NEEDAFFIX",
    "ONLYINCOMPOUND",
    "FORBIDDENWORD",
    "CIRCUMFIX",
    "COMPOUNDBEGIN",
    "COMPOUNDMIDDLE",
    "COMPOUNDEND",
    "AF",
    "AM",
    "ICONV",
    "OCONV",
    "COMPLEXPREFIXES",
)


class AffixError(ValueError):
    """The dictionary uses a feature this reader does not implement."""


@dataclass(frozen=True)
class AffixRule:
    strip: str
    add: str
    condition: str  # regex source, anchored by the caller


@dataclass
class AffixGroup:
    kind: str  # "PFX" | "SFX"
    flag: str
    cross: bool
    rules: list[AffixRule] = field(default_factory=list)


@dataclass
class AffixFile:
    encoding: str = "UTF-8"
    try_chars: str = ""
    key: list[str] = field(default_factory=list)
    rep: list[tuple[str, str]] = field(default_factory=list)
    maps: list[str] = field(default_factory=list)
    prefixes: dict[str, AffixGroup] = field(default_factory=dict)
    suffixes: dict[str, AffixGroup] = field(default_factory=dict)


def _condition_regex(cond: str) -> str:
    """Hunspell's condition syntax is a subset of regex: literal chars, ``.``, classes."""
    if cond == ".":
        return ""
    out = []
    i = 0
    while i < len(cond):
        ch = cond[i]
        if ch == "[":
            j = cond.index("]", i)
            body = cond[i + 1 : j]
            neg = body.startswith("^")
            chars = body[1:] if neg else body
            out.append("[" + ("^" if neg else "") + re.escape(chars) + "]")
            i = j + 1
        elif ch == ".":
            out.append(".")
            i += 1
        else:
            out.append(re.escape(ch))
            i += 1
    return "".join(out)


def parse_aff(path: str | Path) -> AffixFile:
    aff = AffixFile()
    raw = Path(path).read_bytes()
    m = re.search(rb"^SET\s+(\S+)", raw, re.M)
    if m:
        aff.encoding = m.group(1).decode("ascii")
    text = raw.decode(aff.encoding if aff.encoding.upper() != "UTF8" else "utf-8")
    pending: dict[tuple[str, str], int] = {}
    for lineno, line in enumerate(text.splitlines(), 1):
        parts = line.split("#", 1)[0].split() if not line.startswith("#") else []
        if not parts:
            continue
        head = parts[0]
        if head in _UNSUPPORTED:
            raise AffixError(f"{path}:{lineno}: {head} nu este suportat")
        if head == "TRY" and len(parts) > 1:
            aff.try_chars = parts[1]
        elif head == "KEY" and len(parts) > 1:
            aff.key = parts[1].split("|")
        elif head == "REP" and len(parts) == 3:
            aff.rep.append((parts[1].replace("_", " "), parts[2].replace("_", " ")))
        elif head == "MAP" and len(parts) == 2 and not parts[1].isdigit():
            aff.maps.append(parts[1])
        elif head in ("PFX", "SFX"):
            flag = parts[1]
            table = aff.prefixes if head == "PFX" else aff.suffixes
            key = (head, flag)
            if key not in pending:
                # group header: PFX flag cross count
                if len(parts) < 4:
                    raise AffixError(f"{path}:{lineno}: antet {head} incomplet")
                if flag in table:
                    raise AffixError(f"{path}:{lineno}: grup {head} {flag} repetat")
                table[flag] = AffixGroup(head, flag, parts[2] == "Y")
                pending[key] = int(parts[3])
                continue
            strip = "" if parts[2] == "0" else parts[2]
            add = parts[3].split("/", 1)[0] if len(parts) > 3 else ""
            if len(parts) > 3 and "/" in parts[3]:
                raise AffixError(f"{path}:{lineno}: afixe cu continuare nu sunt suportate")
            add = "" if add == "0" else add
            cond = parts[4] if len(parts) > 4 else "."
            table[flag].rules.append(AffixRule(strip, add, _condition_regex(cond)))
            pending[key] -= 1
            if pending[key] == 0:
                del pending[key]
    return aff


def read_dic(path: str | Path, encoding: str = "UTF-8") -> Iterator[tuple[str, str]]:
    """``(stem, flags)`` for every entry of a ``.dic`` file (first line is the count)."""
    with open(path, encoding=encoding) as fh:
        first = True
        for line in fh:
            if first:
                first = False
                if line.strip().isdigit():
                    continue
            line = line.rstrip("\n").rstrip("\r")
            if not line or line.startswith(("\t", "#")):
                continue
            entry = line.split("\t", 1)[0].split(" ", 1)[0]
            # "/" separates flags; an escaped "\/" belongs to the word
            idx = -1
            search_from = 0
            while True:
                idx = entry.find("/", search_from)
                if idx <= 0 or entry[idx - 1] != "\\":
                    break
                search_from = idx + 1
            if idx > 0:
                yield entry[:idx].replace("\\/", "/"), entry[idx + 1 :]
            else:
                yield entry.replace("\\/", "/"), ""


class Expander:
    """Generates every form of a stem; applicability is memoised per (flag, stem tail)."""

    def __init__(self, aff: AffixFile) -> None:
        self.aff = aff
        self._sfx_cache: dict[tuple[str, str], list[AffixRule]] = {}
        self._pfx_cache: dict[tuple[str, str], list[AffixRule]] = {}
        self._sfx_tail = {
            f: max((len(r.strip) + _cond_len(r.condition) for r in g.rules), default=0)
            for f, g in aff.suffixes.items()
        }
        self._pfx_head = {
            f: max((len(r.strip) + _cond_len(r.condition) for r in g.rules), default=0)
            for f, g in aff.prefixes.items()
        }
        self._sfx_re = {
            f: [
                (r, re.compile("(?:" + r.condition + ")$") if r.condition else None)
                for r in g.rules
            ]
            for f, g in aff.suffixes.items()
        }
        self._pfx_re = {
            f: [(r, re.compile(r.condition) if r.condition else None) for r in g.rules]
            for f, g in aff.prefixes.items()
        }

    def _suffix_rules(self, flag: str, root: str) -> list[AffixRule]:
        n = self._sfx_tail[flag]
        tail = root[-n:] if len(root) > n else root
        key = (flag, tail if len(root) > n else "^" + tail)
        rules = self._sfx_cache.get(key)
        if rules is None:
            rules = [
                r
                for r, rx in self._sfx_re[flag]
                if root.endswith(r.strip)
                and len(root) > len(r.strip)
                and (rx is None or rx.search(tail) is not None)
            ]
            self._sfx_cache[key] = rules
        return rules

    def _prefix_rules(self, flag: str, word: str) -> list[AffixRule]:
        n = self._pfx_head[flag]
        head = word[:n]
        key = (flag, head if len(word) > n else head + "$")
        rules = self._pfx_cache.get(key)
        if rules is None:
            rules = [
                r
                for r, rx in self._pfx_re[flag]
                if word.startswith(r.strip)
                and len(word) > len(r.strip)
                and (rx is None or rx.match(head) is not None)
            ]
            self._pfx_cache[key] = rules
        return rules

    def forms(self, stem: str, flags: str) -> Iterator[str]:
        yield stem
        aff = self.aff
        suffixed: list[str] = []
        for f in flags:
            group = aff.suffixes.get(f)
            if group is None:
                continue
            for r in self._suffix_rules(f, stem):
                form = (stem[: len(stem) - len(r.strip)] if r.strip else stem) + r.add
                if form:
                    yield form
                    if group.cross:
                        suffixed.append(form)
        for f in flags:
            group = aff.prefixes.get(f)
            if group is None:
                continue
            targets = [stem]
            if group.cross:
                targets += suffixed
            for word in targets:
                for r in self._prefix_rules(f, word):
                    yield r.add + word[len(r.strip) :]


def _cond_len(regex: str) -> int:
    """Number of characters a (translated) condition regex matches."""
    return len(re.sub(r"\[[^\]]*\]", "x", regex.replace("\\", "")))


def expand(aff_path: str | Path, dic_path: str | Path) -> tuple[AffixFile, Iterator[str]]:
    """The parsed affix file and an iterator over every (possibly repeated) word form."""
    aff = parse_aff(aff_path)
    exp = Expander(aff)

    def gen() -> Iterator[str]:
        for stem, flags in read_dic(dic_path, aff.encoding):
            yield from exp.forms(stem, flags)

    return aff, gen()
