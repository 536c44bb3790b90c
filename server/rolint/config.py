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

Validation is table-driven: :data:`SECTIONS` maps every top-level key to the function
that checks its value and stores it on the :class:`Config`; :data:`RULE_OPTIONS` lists
each rule's options with their types. Adding a table is one field on ``Config`` and one
entry in ``SECTIONS``; adding a rule option is one entry in ``RULE_OPTIONS``.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, cast

from rolint import registry
from rolint.globs import Globs
from rolint.rule import Severity

CONFIG_NAMES = ("rolint.toml", ".rolint.toml", "pyproject.toml")
DEFAULT_INCLUDE = ("**/*.txt", "**/*.md", "**/*.markdown", "**/*.html", "**/*.htm")
DEFAULT_EXCLUDE = ("**/.git/**", "**/node_modules/**", "**/.venv/**", "**/__pycache__/**")
FAIL_LEVELS = ("error", "warning", "info", "hint", "never")
MAX_FILE_SIZE_MB = 1024
_RULE_VALUES = {"off", "on", "error", "warning", "info", "hint"}


class ConfigError(ValueError):
    """Invalid configuration; the message names the file and the key."""


@dataclass(frozen=True)
class Option:
    """One rule option: its type (and for numbers, the least value allowed)."""

    kind: type
    minimum: int | None = None

    def accepts(self, value: Any) -> bool:
        if self.kind is not bool and isinstance(value, bool):
            return False  # `true` is an int to Python, never a count to a user
        if not isinstance(value, self.kind):
            return False
        number = cast(int, value)  # an int: checked just above
        return self.minimum is None or number >= self.minimum

    @property
    def wanted(self) -> str:
        what = {bool: "true sau false", int: "un număr întreg", str: "un șir"}[self.kind]
        if self.minimum is not None:
            what += f" ≥ {self.minimum}"
        return f"trebuie să fie {what}"


#: The options each rule takes (``[rule-options."<id>"]``; a family table such as
#: ``[rule-options.spelling]`` sets them for every rule of the family that takes them).
RULE_OPTIONS: dict[str, dict[str, Option]] = {
    "spelling/unknown": {
        "dictionary": Option(str),
        "names": Option(bool),
        "check-capitalised": Option(bool),
        "max-suggestions": Option(int, 0),
        "defer-to-typos": Option(bool),
        "user-vocabulary": Option(bool),
    },
    # the Hunspell dictionary the participles and plurals are read from
    "grammar/hyphen": {"dictionary": Option(str)},
    "grammar/definite-plural": {"dictionary": Option(str)},
}


def _options_of(name: str) -> dict[str, Option]:
    """Options of rule ``name``, or of every rule of family ``name``."""
    if "/" in name:
        return RULE_OPTIONS.get(name, {})
    merged: dict[str, Option] = {}
    for rule_id, opts in RULE_OPTIONS.items():
        if rule_id.split("/", 1)[0] == name:
            merged.update(opts)
    return merged


@dataclass(frozen=True)
class Override:
    files: tuple[str, ...]
    rules: dict[str, str]
    globs: Globs = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # compiled once: rules_for asks this of every file of a batch
        object.__setattr__(self, "globs", Globs(self.files))


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
    serve: Any = None  # rolint.http.policy.ServeSettings of a [serve] table (None: defaults)

    def rules_for(self, path: str | None) -> dict[str, str]:
        """Rule settings for one file: base settings, then every matching override."""
        settings = dict(self.rules)
        if path and self.overrides:
            rel = self.relative(path)
            for ov in self.overrides:
                if ov.globs.match(rel):
                    settings.update(ov.rules)
        return settings

    def options_for(self, rule_id: str) -> dict[str, Any]:
        """Options of one rule: its family's table, then its own (the id wins)."""
        own = _options_of(rule_id)
        family = self.rule_options.get(rule_id.split("/", 1)[0], {})
        merged = {k: v for k, v in family.items() if k.replace("_", "-") in own}
        merged.update(self.rule_options.get(rule_id, {}))
        return merged

    def relative(self, path: str) -> str:
        try:
            return Path(path).resolve().relative_to(self.root.resolve()).as_posix()
        except ValueError:
            return Path(path).as_posix()


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
        tool = _read_toml(path).get("tool", {})
    except ConfigError:
        return True  # let load() report the broken file
    return not isinstance(tool, dict) or "rolint" in tool


def _read_toml(path: Path) -> dict[str, Any]:
    import tomllib  # here: a check with no config file never needs it (~3 ms to import)

    try:
        text = path.read_bytes().decode("utf-8")
        return tomllib.loads(text)
    except UnicodeDecodeError as exc:
        raise ConfigError(
            f"{path}: configurația nu este UTF-8 valid (octetul de la poziția {exc.start}); "
            "salvați fișierul ca UTF-8"
        ) from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: TOML invalid: {exc}") from exc
    except OSError as exc:
        raise ConfigError(f"{path}: nu pot citi configurația: {exc.strerror}") from exc


@cache
def _load_cached(path: Path, mtime: float) -> Config:
    data = _read_toml(path)
    if path.name == "pyproject.toml":
        tool = data.get("tool", {})
        _expect(isinstance(tool, dict), path, "tool", "trebuie să fie un tabel")
        data = tool.get("rolint", {})
        _expect(
            isinstance(data, dict), path, "tool.rolint", "trebuie să fie un tabel [tool.rolint]"
        )
    return parse(data, path)


def check_vocabulary(cfg: Config) -> None:
    """Raise ConfigError when a vocabulary file named in the config does not exist.

    The CLI asks this (a typo in a path must not silently accept nothing); the language
    server does not, because its "add to vocabulary" command creates the file.
    """
    for key, paths in (("accept", cfg.accept_files), ("reject", cfg.reject_files)):
        for path in paths:
            _expect(
                path.is_file(),
                cfg.path,
                f"vocabulary.{key}",
                f"fișierul {path} nu există (creați-l, chiar gol, sau scoateți-l din listă)",
            )


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


def _parse_fail_on(value: Any, where: Path | None, cfg: Config) -> None:
    _expect(
        isinstance(value, str) and value in FAIL_LEVELS,
        where,
        "fail-on",
        f"trebuie să fie unul din {', '.join(FAIL_LEVELS)}",
    )
    cfg.fail_on = value


def _parse_include(value: Any, where: Path | None, cfg: Config) -> None:
    cfg.include = _str_list(value, where, "include")


def _parse_exclude(value: Any, where: Path | None, cfg: Config) -> None:
    cfg.exclude = _str_list(value, where, "exclude")


def _parse_max_size(value: Any, where: Path | None, cfg: Config) -> None:
    # bool is an int in Python: `true` must not read as 1 MB; inf/1e308 would overflow
    ok = (
        isinstance(value, int | float)
        and not isinstance(value, bool)
        and math.isfinite(value)
        and 0 < value <= MAX_FILE_SIZE_MB
    )
    _expect(
        ok,
        where,
        "max-file-size-mb",
        f"trebuie să fie un număr între 0 și {MAX_FILE_SIZE_MB} (megaocteți), nu {value!r}",
    )
    cfg.max_file_size_mb = float(value)


def _parse_rules(value: Any, where: Path | None, cfg: Config) -> None:
    cfg.rules = _rule_map(value, where, "rules")


def _parse_rule_options(value: Any, where: Path | None, cfg: Config) -> None:
    _expect(isinstance(value, dict), where, "rule-options", "trebuie să fie un tabel")
    for name, opts in value.items():
        key = f"rule-options.{name}"
        _expect(registry.is_known(name), where, key, "regulă sau familie necunoscută")
        _expect(isinstance(opts, dict), where, key, "trebuie să fie un tabel")
        known = _options_of(name)
        for option, option_value in opts.items():
            spec = known.get(option.replace("_", "-"))
            _expect(
                spec is not None,
                where,
                f"{key}.{option}",
                "opțiune necunoscută"
                + (f"; opțiuni valide: {', '.join(sorted(known))}" if known else ": regula nu are"),
            )
            assert spec is not None
            _expect(spec.accepts(option_value), where, f"{key}.{option}", spec.wanted)
    cfg.rule_options = value


def _parse_vocabulary(value: Any, where: Path | None, cfg: Config) -> None:
    _expect(isinstance(value, dict), where, "vocabulary", "trebuie să fie un tabel")
    for key in value:
        _expect(
            key in ("accept", "reject"),
            where,
            f"vocabulary.{key}",
            "cheie necunoscută (accept, reject)",
        )
    root = cfg.root
    cfg.accept_files = tuple(
        root / p for p in _str_list(value.get("accept", []), where, "vocabulary.accept")
    )
    cfg.reject_files = tuple(
        root / p for p in _str_list(value.get("reject", []), where, "vocabulary.reject")
    )


def _parse_overrides(value: Any, where: Path | None, cfg: Config) -> None:
    _expect(
        isinstance(value, list),
        where,
        "overrides",
        "trebuie să fie o listă de tabele [[overrides]]",
    )
    ovs = []
    for i, ov in enumerate(value):
        key = f"overrides[{i}]"
        _expect(
            isinstance(ov, dict) and set(ov) <= {"files", "rules"},
            where,
            key,
            "acceptă doar cheile files și rules",
        )
        _expect("files" in ov, where, f"{key}.files", "lipsește: spuneți căror fișiere se aplică")
        files = _str_list(ov["files"], where, f"{key}.files")
        _expect(bool(files), where, f"{key}.files", "lista e goală")
        ovs.append(Override(files, _rule_map(ov.get("rules", {}), where, f"{key}.rules")))
    cfg.overrides = tuple(ovs)


def _parse_languagetool(value: Any, where: Path | None, cfg: Config) -> None:
    _expect(isinstance(value, dict), where, "languagetool", "trebuie să fie un tabel")
    cfg.languagetool = _languagetool_table(value, where)


def _parse_serve(value: Any, where: Path | None, cfg: Config) -> None:
    """Validated by the HTTP door's own module, which imports no HTTP stack."""
    from rolint.http.policy import PolicyError, parse_serve

    try:
        cfg.serve = parse_serve(value)
    except PolicyError as exc:
        raise ConfigError(f"{where or 'configurație'}: {exc}") from None


#: Every top-level key: its parser validates the value and stores it on the Config.
#: A new table is one entry here (and a field on Config), as ``"serve"`` is.
SECTIONS: dict[str, Callable[[Any, Path | None, Config], None]] = {
    "fail-on": _parse_fail_on,
    "include": _parse_include,
    "exclude": _parse_exclude,
    "max-file-size-mb": _parse_max_size,
    "rules": _parse_rules,
    "rule-options": _parse_rule_options,
    "vocabulary": _parse_vocabulary,
    "overrides": _parse_overrides,
    "languagetool": _parse_languagetool,
    "serve": _parse_serve,
}


def parse(data: dict[str, Any], where: Path | None = None) -> Config:
    """Validate a config mapping (the content of rolint.toml)."""
    root = where.parent if where else Path.cwd()
    cfg = Config(path=where, root=root)
    for key in data:
        _expect(
            key in SECTIONS,
            where,
            key,
            "cheie necunoscută; chei valide: " + ", ".join(sorted(SECTIONS)),
        )
    for key, value in data.items():
        SECTIONS[key](value, where, cfg)
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
