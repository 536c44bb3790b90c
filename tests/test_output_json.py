"""The JSON sink writes each diagnostic's text directly: it must equal json.dumps of the
contract's dict (DESIGN.md) for any diagnostic, whatever its strings and positions."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from rolint.config import Config
from rolint.diagnostic import Diagnostic, Edit, Fix
from rolint.linter import SourcePositions, check_source
from rolint.output.json_format import diagnostic_json, diagnostic_text
from rolint.rule import Severity

# every code point but lone surrogates (a decoded file has none): quotes, backslashes,
# control characters, line breaks, emoji
STRINGS = st.text(st.characters(blacklist_categories=("Cs",)), max_size=12)
SOURCE = 'Rândul unu 😀 are „ghilimele”.\r\nAl doilea\trând "aici".\n\\ şi ţ 𝕏\n'


@st.composite
def diagnostics(draw: st.DrawFn) -> Diagnostic:
    n = len(SOURCE)
    start = draw(st.integers(0, n))
    end = draw(st.integers(start, n))
    fix = None
    if draw(st.booleans()):
        spans = draw(st.lists(st.tuples(st.integers(0, n), st.integers(0, 8)), max_size=3))
        edits = tuple(Edit(s, min(n, s + k), draw(STRINGS)) for s, k in spans)
        if draw(st.booleans()):
            edits = (Edit(start, end, draw(STRINGS)), *edits)  # an edit over the finding
        fix = Fix(edits, safe=draw(st.booleans()))
    return Diagnostic(
        rule=draw(STRINGS),
        severity=draw(st.sampled_from(list(Severity))),
        message=draw(STRINGS),
        start=start,
        end=end,
        replacements=tuple(draw(st.lists(STRINGS, max_size=3))),
        fix=fix,
    )


@settings(max_examples=400)
@given(diagnostics())
def test_diagnostic_text_equals_json_dumps_of_its_dict(d: Diagnostic) -> None:
    doc = SourcePositions(SOURCE)
    assert diagnostic_text(doc, d) == json.dumps(diagnostic_json(doc, d), ensure_ascii=False)


def test_diagnostic_text_of_real_findings_equals_json_dumps() -> None:
    result = check_source(
        'Ieri, Guvernul a anunţat "măsuri" noi.\n\nEl a spus ca  vine 😀 mîine .\n',
        "a.txt",
        Config(),
    )
    assert result.doc is not None and len(result.diagnostics) >= 4
    assert any(d.fix is not None for d in result.diagnostics)
    for d in result.diagnostics:
        expected = json.dumps(diagnostic_json(result.doc, d), ensure_ascii=False)
        assert diagnostic_text(result.doc, d) == expected
