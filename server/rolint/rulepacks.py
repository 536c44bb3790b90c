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

import yaml

try:  # the C loader is ~10x faster; fall back where libyaml is missing
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]


class PackError(ValueError):
    """A rule pack file is malformed; the message names file, entry and field."""


def packs_dir() -> Path:
    """Folder holding the YAML rule packs."""
    import rolint.packs as packs_pkg

    return Path(next(iter(packs_pkg.__path__)))


@cache
def load_pack(name: str) -> Any:
    """Parsed content of ``rules/<name>.yaml`` (cached; packs are read-only data)."""
    path = packs_dir() / f"{name}.yaml"
    try:
        with path.open(encoding="utf-8") as fh:
            return yaml.load(fh, Loader=_Loader)
    except OSError as exc:
        raise PackError(f"{path}: nu pot citi pachetul de reguli ({exc.strerror})") from exc
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
