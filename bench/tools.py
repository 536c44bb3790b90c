"""How each tool is run on a list of files, and how its output becomes findings.

Every finding is placed in code points of the file's text (rolint's JSON ``offset``;
Vale's line and 1-based rune columns; textlint's UTF-16 ``range``; Hunspell's word list
found again in the text, in order) and given a category shared by all tools, so that
the quality tables compare like with like.
"""

from __future__ import annotations

import compileall
import json
import os
import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import ClassVar

from peers import DICTIONARY, Peer
from styles import CEDILLA

ROOT = Path(__file__).resolve().parents[1]

# Categories shared by every tool (rows of the quality table).
CEDILLA_CAT = "cedilla letters"
TYPOS_CAT = "known typos (rules/typos.yaml)"
SPELLING_CAT = "unknown words (rospell)"
QUOTES_CAT = "quotes"
HEADLINES_CAT = "duplicated headlines"
ROLINT_CATEGORIES = {
    "diacritics/cedilla": CEDILLA_CAT,
    "spelling/typo": TYPOS_CAT,
    "spelling/unknown": SPELLING_CAT,
    "quotes": QUOTES_CAT,
    "related/duplicate-headline": HEADLINES_CAT,
    "related": HEADLINES_CAT,
    "diacritics": "other diacritics (missing, mixed)",
    "orthography": "old orthography",
    "typography": "typography and numbers",
    "numbers": "typography and numbers",
    "attribution": "attribution",
}
# What rolint runs when compared with each peer: the same work, rule for rule.
VALE_RULES = ("diacritics/cedilla", "spelling/typo", "spelling/unknown")
TEXTLINT_RULES = ("diacritics/cedilla", "spelling/typo")
HUNSPELL_RULES = ("spelling/unknown",)
# Vale's spelling check and ``hunspell -l`` rank no suggestions in a batch (Vale's JSON
# alerts carry ``"Suggestions": []``; vale-ls computes them on request): rolint doing
# their work lists its unknown words the same way, ``max-suggestions = 0``.
RuleOptions = dict[str, dict[str, int]]  # ``[rule-options."<id>"]`` tables, by rule id
NO_SUGGESTIONS: RuleOptions = {"spelling/unknown": {"max-suggestions": 0}}


@dataclass(frozen=True)
class Finding:
    path: str  # resolved path of the checked file
    start: int  # code points
    end: int
    rule: str  # the tool's own rule id
    category: str


@dataclass
class Tool:
    """One tool as run by the suite: its name in the tables and how to call it."""

    name: str
    peer: str  # "rolint", "Vale", "textlint", "Hunspell"
    argv: list[str]
    cwd: Path | None = None
    env: dict[str, str] = field(default_factory=lambda: dict(os.environ))
    # Processes over parts of a many-file workload: 2 for a tool that uses one core,
    # so that it has both cores as rolint and Vale do (bench/sections.throughput).
    shards: int = 1
    rules: frozenset[str] | None = None  # rolint: the rule ids it is meant to run

    def command(self, paths: Iterable[Path]) -> list[str]:
        return [*self.argv, *map(str, paths)]

    def parse(self, stdout: bytes, paths: list[Path]) -> list[Finding]:
        raise NotImplementedError


def rolint_category(rule: str) -> str:
    return ROLINT_CATEGORIES.get(rule) or ROLINT_CATEGORIES.get(rule.split("/")[0], rule)


def rolint_config(
    folder: Path,
    name: str,
    rules: tuple[str, ...] | None,
    options: RuleOptions | None = None,
) -> Path:
    """A rolint.toml running exactly ``rules`` (all rules when None), files up to 64 MB,
    with the rule ``options`` given (``[rule-options."<id>"]``).

    Every rule id of rolint's registry is named, "on" or "off" (an id's setting beats its
    family's): a rule or family added to rolint later is off here unless listed, so a
    "same rule work" configuration cannot quietly grow. LanguageTool stays off.
    """
    from rolint import registry

    lines = ["fail-on = 'never'", "max-file-size-mb = 64", "[rules]"]
    if rules is not None:
        unknown = set(rules) - set(registry.rule_classes())
        if unknown:
            raise ValueError(f"rolint has no rule {', '.join(sorted(unknown))}")
        lines += [
            f"'{rule}' = '{'on' if rule in rules else 'off'}'" for rule in registry.rule_classes()
        ]
    lines += ["[languagetool]", "enabled = false"]
    for rule, values in (options or {}).items():
        lines.append(f'[rule-options."{rule}"]')
        lines += [f"{key} = {value}" for key, value in values.items()]
    path = folder / f"{name}.toml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def intended_rules(rules: tuple[str, ...] | None) -> frozenset[str]:
    """The rule ids a configuration is meant to run (None: every rule rolint has)."""
    from rolint import registry

    return frozenset(registry.rule_classes() if rules is None else rules)


def configured_rules(config: Path) -> frozenset[str]:
    """The rule ids rolint enables for ``config``, by rolint's own config code."""
    from rolint import config as config_mod

    cfg = config_mod.load(config)
    return frozenset(config_mod.effective_rules(cfg.rules_for(None)))


class Rolint(Tool):
    def parse(self, stdout: bytes, paths: list[Path]) -> list[Finding]:
        out = []
        for entry in json.loads(stdout)["files"]:
            path = str(Path(entry["path"]).resolve())
            for d in entry.get("diagnostics", ()):
                start = d["offset"]
                out.append(
                    Finding(path, start, start + d["length"], d["rule"], rolint_category(d["rule"]))
                )
        return out


def compile_rolint() -> None:
    """Bring rolint's bytecode up to date, as a user's installed rolint has it (pip
    compiles a wheel's modules when it installs them). A checkout edited since its set-up,
    run where PYTHONDONTWRITEBYTECODE is set (these machines), would compile every changed
    module again in every run: 0.15 of 0.45 s of CPU in a cold start, measured here."""
    compileall.compile_dir(str(ROOT / "server" / "rolint"), quiet=1)


def rolint(
    folder: Path,
    name: str,
    rules: tuple[str, ...] | None,
    options: RuleOptions | None = None,
) -> Rolint:
    slug = name.replace(" ", "-").replace("'", "").replace("+", "and")
    config = rolint_config(folder, slug, rules, options)
    env = {**os.environ, "PYTHONPATH": str(ROOT / "server")}
    argv = [sys.executable, "-m", "rolint", "check", "--format", "json", "--no-progress"]
    tool = Rolint(name, "rolint", [*argv, "--config", str(config)], env=env)
    tool.rules = intended_rules(rules)
    got = configured_rules(config)
    if got != tool.rules:
        raise ValueError(f"{name}: {config} enables {sorted(got)}, not {sorted(tool.rules)}")
    return tool


def _line_starts(text: str) -> list[int]:
    starts = [0]
    starts.extend(m.end() for m in re.finditer("\n", text))
    return starts


def whole_folder(paths: list[Path]) -> Path | None:
    """The folder when ``paths`` are every file of one folder (more than one), else None."""
    parents = {p.parent for p in paths}
    if len(paths) < 2 or len(parents) != 1:
        return None
    folder = parents.pop()
    files = {p.resolve() for p in folder.iterdir() if p.is_file()}
    return folder if files == {p.resolve() for p in paths} else None


class Vale(Tool):
    CATEGORIES: ClassVar[dict[str, str]] = {
        "Romanian.Cedilla": CEDILLA_CAT,
        "Romanian.Typos": TYPOS_CAT,
        "Romanian.Spelling": SPELLING_CAT,
    }

    def command(self, paths: Iterable[Path]) -> list[str]:
        """A whole folder is named as the folder: Vale checks the files of a folder it
        walks on every core, but files named one by one on one core (over the dataset,
        measured here: 14.6 s against 26.5 s of wall time), and each tool must get its
        best run."""
        listed = list(paths)
        folder = whole_folder(listed)
        return [*self.argv, str(folder)] if folder else super().command(listed)

    def parse(self, stdout: bytes, paths: list[Path]) -> list[Finding]:
        out = []
        for name, alerts in json.loads(stdout or b"{}").items():
            path = Path(name)
            path = (path if path.is_absolute() else (self.cwd or Path.cwd()) / path).resolve()
            starts = _line_starts(path.read_text(encoding="utf-8"))
            for a in alerts:
                base = starts[a["Line"] - 1]
                first, last = a["Span"]  # 1-based rune columns, both ends included
                out.append(
                    Finding(
                        str(path),
                        base + first - 1,
                        base + last,
                        a["Check"],
                        self.CATEGORIES.get(a["Check"], a["Check"]),
                    )
                )
        return out


def vale(peer: Peer, ini: Path) -> Vale:
    argv = [*peer.command, "--config", str(ini), "--output", "JSON", "--no-exit"]
    return Vale("Vale", "Vale", argv, cwd=ini.parent)


def utf16_to_cp(text: str) -> list[int] | None:
    """Code-point index of each UTF-16 index, or None when the two are the same."""
    if all(ord(c) < 0x10000 for c in text):
        return None
    table = []
    for i, c in enumerate(text):
        table.append(i)
        if ord(c) >= 0x10000:
            table.append(i)
    table.append(len(text))
    return table


class Textlint(Tool):
    def parse(self, stdout: bytes, paths: list[Path]) -> list[Finding]:
        out = []
        for entry in json.loads(stdout or b"[]"):
            path = Path(entry["filePath"]).resolve()
            table = utf16_to_cp(path.read_text(encoding="utf-8"))
            for m in entry["messages"]:
                start, end = m.get("range") or (m["index"], m["index"] + 1)
                if table is not None:
                    start, end = table[start], table[end]
                matched = m.get("message", "").split(" => ")[0]
                category = CEDILLA_CAT if matched in CEDILLA else TYPOS_CAT
                out.append(Finding(str(path), start, end, m.get("ruleId", "prh"), category))
        return out


def textlint(peer: Peer, rc: Path) -> Textlint:
    exe = Path(peer.command[0])
    argv = [*peer.command, "--config", str(rc), "--format", "json"]
    # From its install folder, so that textlint finds its rule in node_modules.
    return Textlint("textlint", "textlint", argv, cwd=exe.parents[2], shards=2)


class Hunspell(Tool):
    def parse(self, stdout: bytes, paths: list[Path]) -> list[Finding]:
        """``hunspell -l`` prints the unknown words in the order they occur (``FILE: word``
        when given several files): each is found again in its file's text, from where the
        previous one was."""
        index = {str(p): i for i, p in enumerate(paths)}
        texts = [(str(p.resolve()), p.read_text(encoding="utf-8")) for p in paths]
        out: list[Finding] = []
        file_i, pos = 0, 0
        for line in stdout.decode("utf-8", errors="replace").splitlines():
            name, sep, word = line.rpartition(": ")
            if sep and name in index and len(paths) > 1:
                if index[name] != file_i:
                    file_i, pos = index[name], 0
            else:
                word = line
            word = word.strip()
            if not word or file_i >= len(texts):
                continue
            path, text = texts[file_i]
            m = re.compile(rf"(?<!\w){re.escape(word)}(?!\w)").search(text, pos)
            if m is None:  # a tokenisation difference: counted where the last one was
                out.append(Finding(path, pos, pos, "hunspell", SPELLING_CAT))
                continue
            out.append(Finding(path, m.start(), m.end(), "hunspell", SPELLING_CAT))
            pos = m.end()
        return out


def hunspell(peer: Peer) -> Hunspell:
    env = {**os.environ, "LC_ALL": "C.UTF-8"}
    dictionary = str(DICTIONARY.with_suffix(""))
    argv = [*peer.command, "-d", dictionary, "-l"]
    return Hunspell("Hunspell", "Hunspell", argv, env=env, shards=2)
