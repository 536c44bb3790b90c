"""The rule registry: every Rule class of every family module, by id."""

from __future__ import annotations

from functools import cache
from importlib import import_module

from rolint.rule import Rule


@cache
def rule_classes() -> dict[str, type[Rule]]:
    """All known rule classes by id (import order = MODULES order)."""
    from rolint.rules import MODULES

    found: dict[str, type[Rule]] = {}
    for name in MODULES:
        module = import_module(f"rolint.rules.{name}")
        for cls in module.RULES:
            if cls.id in found:
                raise RuntimeError(f"id de regulă duplicat: {cls.id}")
            found[cls.id] = cls
    return found


def families() -> set[str]:
    return {rule_id.split("/", 1)[0] for rule_id in rule_classes()} | {"languagetool"}


def is_known(name: str) -> bool:
    """A rule id, a family name, or a ``languagetool/<ID>`` pass-through id."""
    if name in rule_classes() or name in families():
        return True
    return name.startswith("languagetool/") and len(name) > len("languagetool/")
