"""Editor settings (section ``rolint``) and how they layer on the project's rolint.toml.

The same object arrives as ``initializationOptions``, as the answer to
``workspace/configuration`` (section ``rolint``, per workspace folder) and inside
``workspace/didChangeConfiguration`` (``{"settings": {"rolint": {...}}}``)::

    {
      "rules": {"diacritics/cedilla": "error", "attribution": "off"},
      "failOn": "warning",
      "vocabulary": "vocabular/accept.txt",
      "languageTool": {"url": ""},
      "debounceMs": 150,
      "languages": {"plaintext": "text", "markdown": "markdown"},   # optional
      "extensions": {".txt": "text", ".md": "markdown"}           # optional
    }

Layering: the rolint.toml found upward from the document (``config.config_for``) is
the project's truth, including its ``[[overrides]]``; the editor's ``rules`` are applied
last, key by key, as a per-user override (a rule id still beats its family, exactly as
in rolint.toml). ``failOn`` is validated and kept for clients (the server reports every
severity). ``languageTool.url`` is accepted and ignored for now.

The vocabulary file that "add to vocabulary" writes to is, in order: the ``vocabulary``
setting (relative paths are taken from the workspace folder, else the config's folder);
the first ``[vocabulary] accept`` file of the project's config; else
``.rolint/accept.txt`` in the config's folder (the workspace folder when there is no
config). The chosen file is also read as an accept vocabulary for documents checked in
the editor, so an added word stops being flagged at once; ``rolint check`` reads only
the files its config names (the server says so when it creates the fallback file).

Nothing here imports pygls: the module is plain data and is unit-tested directly.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path, PurePath
from typing import Any

from rolint import registry
from rolint.config import FAIL_LEVELS, Config
from rolint.readers import EXTENSIONS as READER_EXTENSIONS

SECTION = "rolint"
DEFAULT_DEBOUNCE_MS = 150
RULE_LEVELS = ("error", "warning", "info", "hint", "off", "on")
FORMATS = ("text", "markdown", "html")
DEFAULT_LANGUAGES: dict[str, str] = {
    "plaintext": "text",
    "text": "text",
    "markdown": "markdown",
    "html": "html",
}
DEFAULT_EXTENSIONS: dict[str, str] = {".txt": "text", ".text": "text", **READER_EXTENSIONS}
FALLBACK_VOCABULARY = Path(".rolint") / "accept.txt"


@dataclass(frozen=True)
class Settings:
    """Validated editor settings (hashable: part of the check-result key)."""

    rules: tuple[tuple[str, str], ...] = ()
    fail_on: str = ""
    vocabulary: str = ""
    languagetool_url: str = ""
    debounce_ms: int = DEFAULT_DEBOUNCE_MS
    languages: tuple[tuple[str, str], ...] = tuple(DEFAULT_LANGUAGES.items())
    extensions: tuple[tuple[str, str], ...] = tuple(DEFAULT_EXTENSIONS.items())
    #: problems found while reading the settings, for the client's log
    warnings: tuple[str, ...] = field(default=(), compare=False)


def unwrap(raw: Any) -> Any:
    """The ``rolint`` object from either the object itself or ``{"rolint": {...}}``."""
    if isinstance(raw, Mapping) and isinstance(raw.get(SECTION), Mapping):
        return raw[SECTION]
    return raw


def _format_map(
    value: Any, defaults: dict[str, str], key: str, warnings: list[str], fold_ext: bool
) -> tuple[tuple[str, str], ...]:
    out = dict(defaults)
    if value is None:
        return tuple(out.items())
    if not isinstance(value, Mapping):
        warnings.append(f"{key}: trebuie să fie un obiect; ignorat")
        return tuple(out.items())
    for name, fmt in value.items():
        name = str(name).strip()
        if fold_ext:
            name = name.lower()
            if not name.startswith("."):
                name = "." + name
        if fmt in (None, "off", ""):
            out.pop(name, None)
        elif fmt in FORMATS:
            out[name] = fmt
        else:
            warnings.append(f"{key}.{name}: format necunoscut {fmt!r} (text, markdown, html, off)")
    return tuple(out.items())


def parse(raw: Any) -> Settings:
    """Validate a settings object; bad entries are dropped and described in ``warnings``."""
    raw = unwrap(raw)
    warnings: list[str] = []
    if raw is None:
        return Settings()
    if not isinstance(raw, Mapping):
        return Settings(warnings=(f"setările {SECTION} trebuie să fie un obiect; ignorate",))
    rules: dict[str, str] = {}
    value = raw.get("rules")
    if isinstance(value, Mapping):
        for name, level in value.items():
            name = str(name).strip()
            level_s = level.strip().lower() if isinstance(level, str) else level
            if not registry.is_known(name):
                warnings.append(f"rules.{name}: regulă sau familie necunoscută; ignorată")
            elif level_s not in RULE_LEVELS:
                warnings.append(
                    f"rules.{name}: nivel invalid {level!r} ({', '.join(RULE_LEVELS)}); ignorat"
                )
            else:
                rules[name] = level_s
    elif value is not None:
        warnings.append("rules: trebuie să fie un obiect regulă → nivel; ignorat")
    fail_on = raw.get("failOn") or ""
    if not isinstance(fail_on, str) or (fail_on and fail_on.strip().lower() not in FAIL_LEVELS):
        warnings.append(f"failOn: valoare invalidă {fail_on!r}; ignorată")
        fail_on = ""
    vocabulary = raw.get("vocabulary") or ""
    if not isinstance(vocabulary, str):
        warnings.append("vocabulary: trebuie să fie o cale (șir); ignorată")
        vocabulary = ""
    lt = raw.get("languageTool")
    lt_url = lt.get("url") if isinstance(lt, Mapping) else None
    debounce = raw.get("debounceMs", DEFAULT_DEBOUNCE_MS)
    if isinstance(debounce, bool) or not isinstance(debounce, int | float) or debounce < 0:
        warnings.append(
            f"debounceMs: valoare invalidă {debounce!r}; folosesc {DEFAULT_DEBOUNCE_MS}"
        )
        debounce = DEFAULT_DEBOUNCE_MS
    return Settings(
        rules=tuple(sorted(rules.items())),
        fail_on=fail_on.strip().lower(),
        vocabulary=vocabulary.strip(),
        languagetool_url=lt_url.strip() if isinstance(lt_url, str) else "",
        debounce_ms=min(round(debounce), 60_000),
        languages=_format_map(
            raw.get("languages"), DEFAULT_LANGUAGES, "languages", warnings, fold_ext=False
        ),
        extensions=_format_map(
            raw.get("extensions"), DEFAULT_EXTENSIONS, "extensions", warnings, fold_ext=True
        ),
        warnings=tuple(warnings),
    )


def format_for(settings: Settings, language_id: str | None, path: str | None) -> str | None:
    """The reader format of a document, or None when the server does not check it.

    The language id decides first (``plaintext``, ``markdown``, ``html`` by default);
    an unknown id falls back to the file extension.
    """
    languages = dict(settings.languages)
    if language_id and language_id in languages:
        return languages[language_id]
    if path:
        return dict(settings.extensions).get(PurePath(path).suffix.lower())
    return None


def vocabulary_file(base: Config, settings: Settings, folder: Path | None) -> Path:
    """The accept-vocabulary file "add to vocabulary" writes for a document (see module doc)."""
    if settings.vocabulary:
        path = Path(settings.vocabulary).expanduser()
        if not path.is_absolute():
            path = (folder if folder is not None else base.root) / path
        return path
    if base.accept_files:
        return base.accept_files[0]
    root = base.root if base.path is not None or folder is None else folder
    return root / FALLBACK_VOCABULARY


def effective_config(
    base: Config, settings: Settings, path: str | None, folder: Path | None
) -> Config:
    """``base`` (the project's config) with the editor layer applied for one document.

    The result has no overrides left: its ``rules`` are already the per-file settings
    (project rules, matching ``[[overrides]]``, then the editor's ``rules``).
    """
    rules = base.rules_for(path)
    rules.update(settings.rules)
    accept = base.accept_files
    vocab = vocabulary_file(base, settings, folder)
    if vocab not in accept:
        accept = (*accept, vocab)
    return dataclasses.replace(base, rules=rules, overrides=(), accept_files=accept)
