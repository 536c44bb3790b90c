"""Every example of every rule, run through the real engine (one generic test).

Bad examples must be flagged by their rule exactly at the spans they mark (⟦…⟧), good
ones must not be flagged, and where an example gives its fixed form, applying the
rule's safe fixes must produce it and leave nothing for the rule to fix; a bad example
whose rule offers a safe fix must give that fixed form. The examples the YAML packs
carry (attribution, grammar, structure's related examples) are run the same way.
"""

from __future__ import annotations

import pytest

from rolint import registry
from rolint.engine import Engine
from rolint.fixes import fix_text
from rolint.readers import read
from rolint.rule import Example

CASES = [
    pytest.param((cls,), cls.id, ex, id=f"{rule_id}:{'bad' if ex.bad else 'good'}:{i}")
    for rule_id, cls in registry.rule_classes().items()
    for i, ex in enumerate(cls.examples)
]


def _pack_cases() -> list:  # type: ignore[type-arg]
    """The examples the YAML packs carry (same ⟦…⟧ marks and ``fixed``), with the rule
    classes they run with: a `good` attribution example must pass both of its rules."""
    from rolint.rules import attribution, grammar
    from rolint.rules._text import pack_mapping

    classes = registry.rule_classes()
    packs = [
        ("attribution", pack_mapping(attribution.PACK)["examples"], None),
        ("grammar", grammar.pack_examples(), None),
        ("structure", pack_mapping("structure")["related_examples"], "related/duplicate-headline"),
    ]
    cases = []
    for pack, entries, default_rule in packs:
        for i, entry in enumerate(entries):
            bad = not entry.get("good")
            rule = entry.get("rule", default_rule)
            family = tuple(c for c in classes.values() if c.family == pack)
            runs = (classes[rule],) if rule else family
            ex = Example(str(entry["text"]), bad=bad, fixed=entry.get("fixed"))
            cases.append(pytest.param(runs, rule, ex, id=f"{pack}.yaml:{i}"))
    return cases


def _check(classes: tuple[type, ...], ex: Example, text: str):  # type: ignore[no-untyped-def]
    engine = Engine([cls() for cls in classes])
    return engine.check(read(text, ex.fmt))


def _prove(classes: tuple[type, ...], rule: str | None, ex: Example) -> None:
    """Bad: flagged by ``rule`` exactly at the marked spans, and a rule that offers a
    safe fix says what it yields (``fixed``). Good: no finding of any of ``classes``."""
    ids = {rule} if rule else {cls.id for cls in classes}
    found = [d for d in _check(classes, ex, ex.text) if d.rule in ids]
    if ex.bad:
        assert found, f"{rule} nu semnalează exemplul greșit: {ex.text!r}"
        assert ex.spans, f"{rule}: exemplul greșit nu marchează ⟦…⟧ ce trebuie semnalat"
        assert sorted({(d.start, d.end) for d in found}) == list(ex.spans)
        if any(d.fix is not None and d.fix.safe for d in found):
            assert ex.fixed is not None, f"{rule}: exemplul are corectare sigură, dar nu `fixed`"
    else:
        assert not found, f"exemplul corect este semnalat: {ex.text!r}: {found}"
    if ex.fixed is not None:
        fixed, _ = fix_text(ex.text, lambda t: [d for d in _check(classes, ex, t) if d.rule in ids])
        assert fixed == ex.fixed
        left = [d for d in _check(classes, ex, fixed) if d.rule in ids and d.fix and d.fix.safe]
        assert not left, f"{rule}: după corectare rămâne de corectat: {left}"


@pytest.mark.parametrize(("classes", "rule", "ex"), CASES)
def test_example(classes: tuple[type, ...], rule: str, ex: Example) -> None:
    _prove(classes, rule, ex)


@pytest.mark.parametrize(("classes", "rule", "ex"), _pack_cases())
def test_pack_example(classes: tuple[type, ...], rule: str | None, ex: Example) -> None:
    _prove(classes, rule, ex)


def test_marks_are_taken_out_of_the_text() -> None:
    ex = Example("Un ⟦ş⟧ și ⟦ţ⟧.", bad=True)
    assert ex.text == "Un ş și ţ."
    assert ex.spans == ((3, 4), (8, 9))
    assert Example("Fără semne.", bad=False).spans == ()


@pytest.mark.parametrize("rule_id", list(registry.rule_classes()))
def test_every_rule_is_documented_with_examples(rule_id: str) -> None:
    cls = registry.rule_classes()[rule_id]
    family, _, name = rule_id.partition("/")
    assert family and name, "rule ids are family/name"
    assert cls.doc.summary and cls.doc.what and cls.doc.why and cls.doc.fix_safety
    assert any(e.bad for e in cls.examples), "at least one incorrect example"
    assert any(not e.bad for e in cls.examples), "at least one correct example"
