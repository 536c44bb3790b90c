"""Loading the rule packs: the style guide as YAML data in ``rules/``.

Editors change these files without touching Python, so a mistake in them must be
reported precisely: :class:`PackError` names the file, the entry and the field.
In a source checkout the packs are read from ``rules/`` at the top of the repository;
in an installed wheel they are the ``rolint.packs`` package (same files).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from rolint import packcache


class PackError(ValueError):
    """A rule pack file is malformed; the message names file, entry and field."""


def packs_dir() -> Path:
    """Folder holding the YAML rule packs."""
    import rolint.packs as packs_pkg

    return Path(next(iter(packs_pkg.__path__)))


@cache
def load_pack(name: str) -> Any:
    """Parsed content of ``rules/<name>.yaml`` (cached; packs are read-only data): from
    rolint's cache folder when the pack's bytes have not changed since it was parsed
    (see rolint.packcache), else parsed now."""
    path = packs_dir() / f"{name}.yaml"
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise PackError(f"{path}: nu pot citi pachetul de reguli ({exc.strerror})") from exc
    data = packcache.read(path, raw)
    if data is packcache.MISSING:
        data = parse(path, raw)
        packcache.write(path, raw, data)
    return data


def parse(path: Path, raw: bytes) -> Any:
    """The YAML of pack ``path`` (its bytes ``raw``), read as UTF-8 text. PyYAML is
    imported only here: a check whose packs are all cached never loads it."""
    import yaml

    try:  # the C loader is ~10x faster; fall back where libyaml is missing
        from yaml import CSafeLoader as Loader
    except ImportError:  # pragma: no cover
        from yaml import SafeLoader as Loader  # type: ignore[assignment]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise PackError(f"{path}: pachetul de reguli nu e text UTF-8 ({exc})") from exc
    text = text.replace("\r\n", "\n").replace("\r", "\n")  # as a file read as text
    try:
        return yaml.load(text, Loader=Loader)
    except yaml.YAMLError as exc:
        raise PackError(f"{path}: YAML invalid: {exc}") from exc


def pack_path(name: str) -> Path:
    return packs_dir() / f"{name}.yaml"


def entries(name: str, key: str) -> list[dict[str, Any]]:
    """The list under ``key`` in pack ``name``; each entry must be a mapping."""
    data = load_pack(name)
    where = pack_path(name)
    if not isinstance(data, dict) or not isinstance(data.get(key), list):
        raise PackError(f"{where}: lipsește lista {key!r} la nivelul de sus")
    for i, entry in enumerate(data[key]):
        if not isinstance(entry, dict):
            raise PackError(f"{where}: {key}[{i}] trebuie să fie un dicționar, nu {entry!r}")
    return data[key]
