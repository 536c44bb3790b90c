"""The engine's caches never change results: a warm engine equals a fresh one."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from rolint import registry
from rolint.engine import Engine
from rolint.readers import read
from rolint.rule import Finding, Rule, RuleDoc

BASE = (
    "Titlul articolului despre ţară\n\n"
    "Primarul a declarat că „lucrările încep luni” şi că bugetul e de 12 milioane.\n\n"
    'Ea a catalgat proiectul drept "un succes".\n\n'
    "Citește și\nUn titlu recomandat aici\nUn titlu recomandat aici\n"
)
EDITS = st.lists(
    st.tuples(
        st.integers(0, 10_000),
        st.integers(0, 3),
        st.sampled_from(["ş", "a", " ", "\n", "\n\n", "„", '"', "😀", "si ", "Vezi și\n"]),
    ),
    min_size=1,
    max_size=8,
)


def fresh_engine() -> Engine:
    return Engine([cls() for cls in registry.rule_classes().values()])


WARM = fresh_engine()


@settings(max_examples=40, deadline=None)
@given(EDITS)
def test_warm_engine_equals_fresh_engine_after_edits(edits: list[tuple[int, int, str]]) -> None:
    text = BASE
    WARM.check(read(text))
    for pos, delete, insert in edits:
        pos %= len(text) + 1
        text = text[:pos] + insert + text[pos + delete :]
        assert WARM.check(read(text)) == fresh_engine().check(read(text))


class Boom(Rule):
    id = "test/boom"
    doc = RuleDoc("s", "w", "y")

    def check_block(self, text: str, kind: str, context: object) -> list[Finding]:
        raise RuntimeError("rule bug")


def test_a_crashing_rule_does_not_take_the_others_down() -> None:
    cedilla = registry.rule_classes()["diacritics/cedilla"]
    engine = Engine([Boom(), cedilla()])
    diags = engine.check(read("Preţ\n"))
    assert [d.rule for d in diags] == ["diacritics/cedilla"]
    assert engine.errors and "test/boom" in engine.errors[0]
