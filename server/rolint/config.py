"""Configuration: ``rolint.toml`` or ``[tool.rolint]`` in ``pyproject.toml``.

Found upward from the checked file. Every key is validated; an unknown key or rule id
is an error that names the file and the key (the CLI exits 2), because a typo in a
config silently disabling nothing is worse than no config at all.

Reference (all keys optional)::

    fail-on = "warning"            # error | warning | info | hint | never
    include = ["**/*.txt", "**/*.md", "**/*.html", "**/*.htm"]
    exclude = ["arhiva/vechi/**"]
    max-file-size-mb = 10
    [rules]                        # id or family → severity, "off" or "on"
    "diacritics/cedilla" = "error"
    attribution = "off"
    [rule-options."spelling/unknown"]
    dictionary = "/usr/share/hunspell/ro_RO.dic"
    [vocabulary]
    accept = ["vocabular/accept.txt"]   # one word per line; paths relative to the config
    reject = ["vocabular/reject.txt"]
    [[overrides]]
    files = ["opinii/**"]
    rules = { attribution = "off" }
    [languagetool]                 # LanguageTool's grammar (DESIGN.md); off by default
    enabled = false
    url = ""                       # empty: rolint starts and owns a local server
    disabled-rules = []
    disabled-categories = []
    picky = false
    timeout-ms = 3000
"""

from __future__ import annotations

import fnmatch
import tomllib
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path, PurePosixPath
from typing import Any

from rolint import registry
from rolint.rule import RuleSetup, Severity

CONFIG_NAMES = ("rolint.toml", ".rolint.toml", "pyproject.toml")
DEFAULT_INCLUDE = ("**/*.txt", "**/*.md", "**/*.markdown", "**/*.html", "**/*.htm")
DEFAULT_EXCLUDE = ("**/.git/**", "**/node_modules/**", "**/.venv/**", "**/__pycache__/**")
FAIL_LEVELS = ("error", "warning", "info", "hint", "never")
_TOP_KEYS = {
    "fail-on",
    "include",
    "exclude",
    "max-file-size-mb",
    "rules",
    "rule-options",
    "vocabulary",
    "overrides",
    "languagetool",
}
_RULE_VALUES = {"off", "on", "error", "warning", "info", "hint"}


class ConfigError(ValueError):
    """Invalid configuration; the message names the file and the key."""


@dataclass(frozen=True)
class Override:
    files: tuple[str, ...]
    rules: dict[str, str]


@dataclass
class Config:
    """Validated settings; ``path`` is the file they came from (None: defaults)."""

    path: Path | None = None
    root: Path = field(default_factory=Path.cwd)
    fail_on: str = "warning"
    include: tuple[str, ...] = DEFAULT_INCLUDE
    exclude: tuple[str, ...] = ()
    max_file_size_mb: float = 10.0
    rules: dict[str, str] = field(default_factory=dict)
    rule_options: dict[str, dict[str, Any]] = field(default_factory=dict)
    accept_files: tuple[Path, ...] = ()
    reject_files: tuple[Path, ...] = ()
    overrides: tuple[Override, ...] = ()
    languagetool: dict[str, Any] = field(default_factory=dict)

    def rules_for(self, path: str | None) -> dict[str, str]:
        """Rule settings for one file: base settings, then every matching override."""
        settings = dict(self.rules)
        if path and self.overrides:
            rel = self.relative(path)
            for ov in self.overrides:
                if any(_glob_match(rel, pattern) for pattern in ov.files):
                    settings.update(ov.rules)
        return settings

    def relative(self, path: str) -> str:
        try:
            return Path(path).resolve().relative_to(self.root.resolve()).as_posix()
        except ValueError:
            return Path(path).as_posix()


def _glob_match(rel: str, pattern: str, path: PurePosixPath | None = None) -> bool:
    """Glob match where ``**/`` may match nothing and ``*`` stays in one folder level
    (``path``: ``rel`` as a path, when the caller already built it)."""
    if path is None:
        path = PurePosixPath(rel)
    if path.match(pattern) or fnmatch.fnmatch(rel, pattern):
        return True
    if pattern.startswith("**/"):
        return _glob_match(rel, pattern[3:], path)
    return False


def matches_any(rel: str, patterns: tuple[str, ...]) -> bool:
    path = PurePosixPath(rel)  # built once: a batch asks this of every file
    return any(_glob_match(rel, p, path) for p in patterns)


def find_config(start: Path) -> Path | None:
    """The nearest config file at or above ``start`` (a folder or a file)."""
    folder = start if start.is_dir() else start.parent
    for candidate in [folder.resolve(), *folder.resolve().parents]:
        for name in CONFIG_NAMES:
            path = candidate / name
            if path.is_file():
                if name == "pyproject.toml" and not _has_tool_section(path):
                    continue
                return path
    return None


def _has_tool_section(path: Path) -> bool:
    try:
        return "rolint" in _read_toml(path).get("tool", {})
    except ConfigError:
        return True  # let load() report the broken file


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: TOML invalid: {exc}") from exc
    except OSError as exc:
        raise ConfigError(f"{path}: nu pot citi configurația: {exc.strerror}") from exc


@cache
def _load_cached(path: Path, mtime: float) -> Config:
    data = _read_toml(path)
    if path.name == "pyproject.toml":
        data = data.get("tool", {}).get("rolint", {})
    return parse(data, path)


def load(path: Path) -> Config:
    """Load and validate one config file (cached while it does not change)."""
    try:
        mtime = path.stat().st_mtime
    except OSError as exc:
        raise ConfigError(f"{path}: nu pot citi configurația: {exc.strerror}") from exc
    return _load_cached(path.resolve(), mtime)


def config_for(start: Path) -> Config:
    found = find_config(start)
    if found is None:
        return Config(root=start if start.is_dir() else start.parent)
    return load(found)


def _expect(cond: bool, where: Path | None, key: str, what: str) -> None:
    if not cond:
        raise ConfigError(f"{where or 'configurație'}: cheia {key!r}: {what}")


def _str_list(value: Any, where: Path | None, key: str) -> tuple[str, ...]:
    ok = isinstance(value, list) and all(isinstance(v, str) for v in value)
    _expect(ok, where, key, "trebuie să fie o listă de șiruri")
    return tuple(value)


def _rule_map(value: Any, where: Path | None, key: str) -> dict[str, str]:
    _expect(isinstance(value, dict), where, key, "trebuie să fie un tabel regulă = nivel")
    out = {}
    for name, level in value.items():
        full = f"{key}.{name}"
        _expect(
            registry.is_known(name),
            where,
            full,
            "regulă sau familie necunoscută (vezi `rolint rules`)",
        )
        _expect(
            isinstance(level, str) and level in _RULE_VALUES,
            where,
            full,
            f"valoare invalidă {level!r} (off, on, error, warning, info, hint)",
        )
        out[name] = level
    return out


def parse(data: dict[str, Any], where: Path | None = None) -> Config:
    """Validate a config mapping (the content of rolint.toml)."""
    root = where.parent if where else Path.cwd()
    cfg = Config(path=where, root=root)
    for key in data:
        _expect(
            key in _TOP_KEYS,
            where,
            key,
            "cheie necunoscută; chei valide: " + ", ".join(sorted(_TOP_KEYS)),
        )
    if "fail-on" in data:
        _expect(
            data["fail-on"] in FAIL_LEVELS,
            where,
            "fail-on",
            f"trebuie să fie unul din {', '.join(FAIL_LEVELS)}",
        )
        cfg.fail_on = data["fail-on"]
    if "include" in data:
        cfg.include = _str_list(data["include"], where, "include")
    if "exclude" in data:
        cfg.exclude = _str_list(data["exclude"], where, "exclude")
    if "max-file-size-mb" in data:
        size = data["max-file-size-mb"]
        _expect(
            isinstance(size, int | float) and size > 0,
            where,
            "max-file-size-mb",
            "trebuie să fie un număr pozitiv",
        )
        cfg.max_file_size_mb = float(size)
    if "rules" in data:
        cfg.rules = _rule_map(data["rules"], where, "rules")
    if "rule-options" in data:
        opts = data["rule-options"]
        _expect(isinstance(opts, dict), where, "rule-options", "trebuie să fie un tabel")
        for name, value in opts.items():
            _expect(registry.is_known(name), where, f"rule-options.{name}", "regulă necunoscută")
            _expect(
                isinstance(value, dict), where, f"rule-options.{name}", "trebuie să fie un tabel"
            )
        cfg.rule_options = opts
    if "vocabulary" in data:
        voc = data["vocabulary"]
        _expect(isinstance(voc, dict), where, "vocabulary", "trebuie să fie un tabel")
        for key in voc:
            _expect(
                key in ("accept", "reject"),
                where,
                f"vocabulary.{key}",
                "cheie necunoscută (accept, reject)",
            )
        cfg.accept_files = tuple(
            root / p for p in _str_list(voc.get("accept", []), where, "vocabulary.accept")
        )
        cfg.reject_files = tuple(
            root / p for p in _str_list(voc.get("reject", []), where, "vocabulary.reject")
        )
    if "overrides" in data:
        _expect(
            isinstance(data["overrides"], list),
            where,
            "overrides",
            "trebuie să fie o listă de tabele [[overrides]]",
        )
        ovs = []
        for i, ov in enumerate(data["overrides"]):
            key = f"overrides[{i}]"
            _expect(
                isinstance(ov, dict) and set(ov) <= {"files", "rules"},
                where,
                key,
                "acceptă doar cheile files și rules",
            )
            ovs.append(
                Override(
                    _str_list(ov.get("files", []), where, f"{key}.files"),
                    _rule_map(ov.get("rules", {}), where, f"{key}.rules"),
                )
            )
        cfg.overrides = tuple(ovs)
    if "languagetool" in data:
        _expect(
            isinstance(data["languagetool"], dict), where, "languagetool", "trebuie să fie un tabel"
        )
        cfg.languagetool = _languagetool_table(data["languagetool"], where)
    return cfg


# [languagetool] keys (DESIGN.md, "LanguageTool"): name → (type check, what it must be)
_LT_KEYS: dict[str, tuple[Any, str]] = {
    "enabled": (lambda v: isinstance(v, bool), "trebuie să fie true sau false"),
    "url": (
        lambda v: isinstance(v, str) and (not v or v.startswith(("http://", "https://"))),
        "trebuie să fie un URL http(s):// sau gol",
    ),
    "disabled-rules": (
        lambda v: isinstance(v, list) and all(isinstance(x, str) for x in v),
        "trebuie să fie o listă de șiruri",
    ),
    "disabled-categories": (
        lambda v: isinstance(v, list) and all(isinstance(x, str) for x in v),
        "trebuie să fie o listă de șiruri",
    ),
    "picky": (lambda v: isinstance(v, bool), "trebuie să fie true sau false"),
    "timeout-ms": (
        lambda v: isinstance(v, int) and not isinstance(v, bool) and 0 < v <= 600_000,
        "trebuie să fie un număr întreg de milisecunde (1..600000)",
    ),
}


def _languagetool_table(table: dict[str, Any], where: Path | None) -> dict[str, Any]:
    """Validate ``[languagetool]``; the LanguageTool package reads the checked table."""
    for key, value in table.items():
        _expect(
            key in _LT_KEYS,
            where,
            f"languagetool.{key}",
            "cheie necunoscută; chei valide: " + ", ".join(_LT_KEYS),
        )
        check, what = _LT_KEYS[key]
        _expect(check(value), where, f"languagetool.{key}", what)
    return dict(table)


def effective_rules(settings: dict[str, str]) -> dict[str, Severity]:
    """Enabled rule ids with their severities, from per-file rule settings.

    A setting for a rule id beats one for its family; "on" keeps the default severity.
    """
    enabled: dict[str, Severity] = {}
    for rule_id, cls in registry.rule_classes().items():
        family = rule_id.split("/", 1)[0]
        level = settings.get(rule_id, settings.get(family))
        if level is None:
            if registry.default_enabled(cls):
                enabled[rule_id] = cls.severity
        elif level != "off":
            enabled[rule_id] = cls.severity if level == "on" else Severity.parse(level)
    return enabled


def read_vocabulary(paths: tuple[Path, ...]) -> frozenset[str]:
    """Words of vocabulary files: one per line, ``#`` starts a comment, blank lines skipped."""
    words: set[str] = set()
    for path in paths:
        try:
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            continue  # a vocabulary named in config but not created yet is empty
        except (OSError, UnicodeDecodeError) as exc:
            raise ConfigError(f"{path}: nu pot citi vocabularul: {exc}") from exc
        for line in text.splitlines():
            word = line.split("#", 1)[0].strip()
            if word:
                words.add(word)
    return frozenset(words)


def rule_setup(cfg: Config, rule_id: str) -> RuleSetup:
    return RuleSetup(
        options=dict(cfg.rule_options.get(rule_id, {})),
        accept=read_vocabulary(cfg.accept_files),
        reject=read_vocabulary(cfg.reject_files),
    )
