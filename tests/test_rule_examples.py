"""Every example of every rule, run through the real engine (one generic test).

Bad examples must be flagged by their rule, good ones must not be, and where an
example gives its fixed form, applying the rule's safe fixes must produce it.
"""

from __future__ import annotations

import pytest

from rolint import registry
from rolint.engine import Engine
from rolint.fixes import fix_text
from rolint.readers import read
from rolint.rule import Example

CASES = [
    pytest.param(cls, ex, id=f"{rule_id}:{'bad' if ex.bad else 'good'}:{i}")
    for rule_id, cls in registry.rule_classes().items()
    for i, ex in enumerate(cls.examples)
]


def _check(cls: type, ex: Example, text: str):  # type: ignore[no-untyped-def]
    engine = Engine([cls()])
    return engine.check(read(text, ex.fmt))


@pytest.mark.parametrize(("cls", "ex"), CASES)
def test_example(cls: type, ex: Example) -> None:
    found = [d for d in _check(cls, ex, ex.text) if d.rule == cls.id]
    if ex.bad:
        assert found, f"{cls.id} nu semnalează exemplul greșit: {ex.text!r}"
    else:
        assert not found, f"{cls.id} semnalează exemplul corect: {ex.text!r}: {found}"
    if ex.fixed is not None:
        fixed, _ = fix_text(ex.text, lambda t: _check(cls, ex, t))
        assert fixed == ex.fixed


@pytest.mark.parametrize("rule_id", list(registry.rule_classes()))
def test_every_rule_is_documented_with_examples(rule_id: str) -> None:
    cls = registry.rule_classes()[rule_id]
    family, _, name = rule_id.partition("/")
    assert family and name, "rule ids are family/name"
    assert cls.doc.summary and cls.doc.what and cls.doc.why and cls.doc.fix_safety
    assert any(e.bad for e in cls.examples), "at least one incorrect example"
    assert any(not e.bad for e in cls.examples), "at least one correct example"
