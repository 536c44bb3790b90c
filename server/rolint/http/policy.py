"""The ``[serve]`` table of rolint.toml and the verdict it gives.

Reference (all keys optional)::

    [serve]
    body-limit-mb = 2          # requests over this get 413 before their body is read
    max-field-chars = 500000   # code points per field (422 above)
    queue = 32                 # checks waiting for the checker; more get 429
    check-timeout-ms = 10000   # a check still running then answers complete = false
    cache-size = 512           # results kept by (content hash, ruleset, policy)
    [serve.policy]
    block = ["error", "diacritics/cedilla"]   # severities, rule ids or families
    warn = ["warning", "attribution"]
    on-incomplete = "warn"     # publish | warn | block: the verdict floor of an incomplete check

A diagnostic is matched by the most specific entry naming it (rule id, then family, then
severity); where ``block`` and ``warn`` name it equally specifically, ``block`` wins. A
diagnostic neither list names is reported but does not change the verdict.

Imports only the standard library and rolint's registry: ``rolint.config`` calls
:func:`parse_serve` for the ``[serve]`` table, on the CLI path too.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field
from typing import Any

SEVERITIES = ("error", "warning", "info", "hint")
VERDICTS = ("publish", "warn", "block")
_SERVE_KEYS = {
    "body-limit-mb",
    "max-field-chars",
    "queue",
    "check-timeout-ms",
    "cache-size",
    "policy",
}
_POLICY_KEYS = {"block", "warn", "on-incomplete"}


class PolicyError(ValueError):
    """An invalid ``[serve]`` table; ``rolint.config`` turns it into a ConfigError."""


@dataclass(frozen=True)
class Policy:
    """Which findings block publishing, which only warn, and what an incomplete check is."""

    block: tuple[str, ...] = ("error",)
    warn: tuple[str, ...] = ("warning",)
    on_incomplete: str = "warn"

    def action(self, rule: str, severity: str) -> str | None:
        """``"block"``, ``"warn"`` or None (neither list names the finding)."""
        family = rule.split("/", 1)[0]
        for name in (rule, family, severity):
            if name in self.block:
                return "block"
            if name in self.warn:
                return "warn"
        return None

    @property
    def digest(self) -> str:
        """A short stable id of the policy (part of the result cache key)."""
        text = json.dumps(asdict(self), sort_keys=True)
        return hashlib.sha256(text.encode()).hexdigest()[:12]


@dataclass(frozen=True)
class ServeSettings:
    """Validated ``[serve]`` settings with their defaults."""

    body_limit_mb: float = 2.0
    max_field_chars: int = 500_000
    queue: int = 32
    check_timeout_ms: int = 10_000
    cache_size: int = 512
    policy: Policy = field(default_factory=Policy)

    @property
    def body_limit(self) -> int:
        return int(self.body_limit_mb * 1024 * 1024)


def _fail(key: str, what: str) -> None:
    raise PolicyError(f"cheia {key!r}: {what}")


def _positive(data: dict[str, Any], key: str, kind: type, default: Any) -> Any:
    if key not in data:
        return default
    value = data[key]
    number = kind is float and isinstance(value, int | float)
    if isinstance(value, bool) or not (isinstance(value, kind) or number) or value <= 0:
        _fail(f"serve.{key}", "trebuie să fie un număr pozitiv")
    return kind(value)


def _names(value: Any, key: str) -> tuple[str, ...]:
    from rolint import registry

    if not (isinstance(value, list) and all(isinstance(v, str) for v in value)):
        _fail(key, "trebuie să fie o listă de severități, reguli sau familii")
    for name in value:
        if name not in SEVERITIES and not registry.is_known(name):
            _fail(
                key,
                f"{name!r} nu este o severitate (error, warning, info, hint), "
                "o regulă sau o familie (vezi `rolint rules`)",
            )
    return tuple(value)


def parse_policy(data: Any) -> Policy:
    if not isinstance(data, dict):
        _fail("serve.policy", "trebuie să fie un tabel")
    for key in data:
        if key not in _POLICY_KEYS:
            _fail(f"serve.policy.{key}", "cheie necunoscută (block, warn, on-incomplete)")
    default = Policy()
    on_incomplete = data.get("on-incomplete", default.on_incomplete)
    if on_incomplete not in VERDICTS:
        _fail("serve.policy.on-incomplete", "trebuie să fie publish, warn sau block")
    return Policy(
        block=_names(data["block"], "serve.policy.block") if "block" in data else default.block,
        warn=_names(data["warn"], "serve.policy.warn") if "warn" in data else default.warn,
        on_incomplete=on_incomplete,
    )


def parse_serve(data: Any) -> ServeSettings:
    """Validate the ``[serve]`` table (raises :class:`PolicyError` naming the key)."""
    if not isinstance(data, dict):
        _fail("serve", "trebuie să fie un tabel")
    for key in data:
        if key not in _SERVE_KEYS:
            _fail(
                f"serve.{key}", "cheie necunoscută; chei valide: " + ", ".join(sorted(_SERVE_KEYS))
            )
    default = ServeSettings()
    return ServeSettings(
        body_limit_mb=_positive(data, "body-limit-mb", float, default.body_limit_mb),
        max_field_chars=_positive(data, "max-field-chars", int, default.max_field_chars),
        queue=_positive(data, "queue", int, default.queue),
        check_timeout_ms=_positive(data, "check-timeout-ms", int, default.check_timeout_ms),
        cache_size=_positive(data, "cache-size", int, default.cache_size),
        policy=parse_policy(data.get("policy", {})),
    )
