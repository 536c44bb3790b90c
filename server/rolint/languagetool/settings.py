"""The ``[languagetool]`` table of rolint.toml, with ``ROLINT_LANGUAGETOOL_URL``."""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any

ENV_URL = "ROLINT_LANGUAGETOOL_URL"
DEFAULT_TIMEOUT_MS = 3000


@dataclass(frozen=True)
class LTSettings:
    """What a LanguageTool check needs; hashable, so it keys caches and clients."""

    enabled: bool = False
    url: str = ""
    disabled_rules: tuple[str, ...] = ()
    disabled_categories: tuple[str, ...] = ()
    picky: bool = False
    timeout_ms: int = DEFAULT_TIMEOUT_MS

    @property
    def timeout(self) -> float:
        return self.timeout_ms / 1000


def from_table(table: dict[str, Any], environ: dict[str, str] | None = None) -> LTSettings:
    """Settings from an already validated table (config.py checks keys and types).

    ``ROLINT_LANGUAGETOOL_URL`` overrides ``url`` and implies ``enabled``.
    """
    env = os.environ if environ is None else environ
    url = str(table.get("url", "")).strip()
    enabled = bool(table.get("enabled", False))
    env_url = env.get(ENV_URL, "").strip()
    if env_url:
        url, enabled = env_url, True
    return LTSettings(
        enabled=enabled,
        url=url.rstrip("/"),
        disabled_rules=tuple(table.get("disabled-rules", ())),
        disabled_categories=tuple(table.get("disabled-categories", ())),
        picky=bool(table.get("picky", False)),
        timeout_ms=int(table.get("timeout-ms", DEFAULT_TIMEOUT_MS)),
    )


def enabled_in(table: dict[str, Any]) -> bool:
    """Cheap test the CLI makes before importing anything else of this package."""
    return bool(os.environ.get(ENV_URL, "").strip()) or bool(table.get("enabled", False))
