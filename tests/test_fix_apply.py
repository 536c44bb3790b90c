"""Applying fixes: one pass per round, and the same choice as the simple definition.

Example counts: the property tests draw ``examples(n)``, a quarter of the full
count ``n`` (at least 100) by default and all of it with ``ROLINT_FUZZ=long``
(tests/examples.py).
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from examples import examples
from rolint.diagnostic import Diagnostic, Edit, Fix
from rolint.fixes import apply_diagnostic_fixes, apply_edits
from rolint.rule import Severity


def reference(source: str, diags: list[Diagnostic]) -> tuple[str, int]:
    """The definition: in order of start, take a fix unless one of its edits overlaps an
    edit taken (or starts at a taken insertion point) — quadratic, obviously right."""
    taken: list[Edit] = []
    count = 0
    for d in sorted(diags, key=lambda d: d.start):
        assert d.fix is not None
        edits = d.fix.edits
        clash = any(
            (e.start < t.end and t.start < e.end) or e.start == t.start == t.end
            for e in edits
            for t in taken
        )
        inner = any(
            a is not b and a.start < b.end and b.start < a.end for a in edits for b in edits
        )
        if clash or inner:
            continue
        taken.extend(edits)
        count += 1
    return apply_edits(source, taken)[0], count


@st.composite
def fixes(draw: st.DrawFn) -> tuple[str, list[Diagnostic]]:
    source = draw(st.text(alphabet="aăbţ ", max_size=30))
    n = len(source)
    diags = []
    for _ in range(draw(st.integers(0, 8))):
        edits = []
        for _ in range(draw(st.integers(1, 2))):
            start = draw(st.integers(0, n))
            end = draw(st.integers(start, min(n, start + 4)))
            edits.append(Edit(start, end, draw(st.sampled_from(["", "ț", "xy"]))))
        first = edits[0]
        diags.append(
            Diagnostic(
                "r/x", Severity.WARNING, "m", first.start, first.end, (), Fix(tuple(edits), True)
            )
        )
    return source, diags


@settings(max_examples=examples(400), deadline=None)
@given(case=fixes())
def test_one_pass_application_equals_the_definition(case: tuple[str, list[Diagnostic]]) -> None:
    source, diags = case
    assert apply_diagnostic_fixes(source, diags) == reference(source, diags)


def test_thousands_of_adjacent_fixes_are_all_applied_in_one_round() -> None:
    source = "ţara " * 5000
    diags = [
        Diagnostic(
            "d/c",
            Severity.WARNING,
            "m",
            i * 5,
            i * 5 + 1,
            (),
            Fix((Edit(i * 5, i * 5 + 1, "ț"),), True),
        )
        for i in range(5000)
    ]
    text, count = apply_diagnostic_fixes(source, diags)
    assert count == 5000 and text == "țara " * 5000
