"""The engine's caches never change results: a warm engine equals a fresh one."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from rolint import registry
from rolint.diagnostic import Diagnostic
from rolint.document import Block
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
# Rules keep no tables of their own (the engine owns every cache), so an engine built
# afresh over these instances checks as a fresh engine does, at a fraction of the cost
# of making every rule again (the speller's word memos never change a result).
OTHER_RULES = fresh_engine().rules


@settings(max_examples=40, deadline=None)
@given(EDITS)
def test_warm_engine_equals_fresh_engine_after_edits(edits: list[tuple[int, int, str]]) -> None:
    text = BASE
    WARM.check(read(text))
    for pos, delete, insert in edits:
        pos %= len(text) + 1
        text = text[:pos] + insert + text[pos + delete :]
        assert WARM.check(read(text)) == Engine(OTHER_RULES).check(read(text))
    assert WARM.check(read(text)) == fresh_engine().check(read(text))


def _narrowing_rules() -> list[Rule]:
    """The rules that narrow their context per block (only those can differ here)."""
    rules = [
        cls()
        for cls in registry.rule_classes().values()
        if "narrow" in vars(cls) or "block_context" in vars(cls)
    ]
    assert [r.id for r in rules] == ["spelling/unknown"]
    return rules


WHOLE_CONTEXT_RULES = _narrowing_rules()


def whole_context_check(text: str) -> list[Diagnostic]:
    """A fresh engine's check in which every block gets the whole document context (as
    ``rolint check`` runs: see the test below that no rule is asked to narrow then)."""
    return Engine(WHOLE_CONTEXT_RULES).check(read(text), narrow=False)


# Unknown names written capitalised mid-sentence make spelling/unknown's document
# context; the same names elsewhere in lower case, with an ending, or one letter away.
NAMES = (
    "Delegația a plecat la Phenian, unde o așteaptă Choe Son Hui și Kovesiu.\n\n"
    "Ministrul a vorbit cu Kovesiului despre phenian și despre Bolojanu-Tarnu.\n\n"
    "Apoi kovesiu a plecat, iar Choee și Hui-ul au rămas cu Bolojanu la Phenianul.\n\n"
    "Agenția KCNA a transmis că Phenia și Kovesi au semnat, cu Bolojan de față.\n"
)
NAME_EDITS = st.lists(
    st.tuples(
        st.sampled_from([m.start() + 1 for m in re.finditer(r"\b[A-Z]", NAMES)]),
        st.integers(0, 3),
        st.integers(0, 2),
        st.sampled_from(["a", "n", "u", "ul", "-", "i", "e", "ă", "Ș", "K", " ", "X"]),
    ),
    min_size=1,
    max_size=8,
)
WARM_NAMES = Engine(_narrowing_rules())


@settings(max_examples=60, deadline=None)
@given(NAME_EDITS)
def test_edits_inside_names_equal_a_check_with_the_whole_context(
    edits: list[tuple[int, int, int, str]],
) -> None:
    """spelling/unknown narrows its document context per block (block_context); after
    typing inside the capitalised names that make that context, a warm engine still
    equals a fresh one that gives every block the whole context."""
    text = NAMES
    WARM_NAMES.check(read(text))
    for pos, into, delete, insert in edits:
        pos = min(pos + into, len(text))
        text = text[:pos] + insert + text[pos + delete :]
        assert WARM_NAMES.check(read(text)) == whole_context_check(text)


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


class BoomOnMark(Rule):
    id = "test/boom-on-mark"
    doc = RuleDoc("s", "w", "y")

    def check_block(self, text: str, kind: str, context: object) -> list[Finding]:
        if "BUM" in text:
            raise RuntimeError("rule bug")
        return []


def test_each_check_gets_its_own_failures_when_threads_share_the_engine() -> None:
    """A door reports a crash with the file or request it belongs to: ``checked``
    returns the failures of that call only, whatever another thread's check does."""
    from threads import at_once

    cedilla = registry.rule_classes()["diacritics/cedilla"]
    engine = Engine([BoomOnMark(), cedilla()])
    crashing = [f"Preţ {n} BUM\n" for n in range(40)]
    clean = [f"Preţ {n} liniştit\n" for n in range(40)]
    results = at_once([lambda t=t: [engine.checked(read(x)) for x in t] for t in (crashing, clean)])
    assert all(len(errors) == 1 and "test/boom-on-mark" in errors[0] for _, errors in results[0])
    assert all(errors == () for _, errors in results[1])
    assert all([d.rule for d in diags] == ["diacritics/cedilla"] * 2 for diags, _ in results[1])
    assert len(engine.errors) == 40  # the engine's own record of the latest failures


def test_the_engine_keeps_only_the_latest_failures() -> None:
    engine = Engine([BoomOnMark()])
    for n in range(150):
        engine.check(read(f"Text {n} BUM\n"))
    assert len(engine.errors) == 100


class ColdStart(Rule):
    id = "test/cold"
    doc = RuleDoc("s", "w", "y")

    def __init__(self) -> None:
        super().__init__()
        self.warmed = False

    def warm_up(self) -> None:
        self.warmed = True


class BadWarmUp(Rule):
    id = "test/bad-warm-up"
    doc = RuleDoc("s", "w", "y")

    def warm_up(self) -> None:
        raise RuntimeError("table missing")


def test_warm_up_reaches_every_rule_and_a_failure_is_reported_not_raised() -> None:
    cold = ColdStart()
    engine = Engine([BadWarmUp(), cold])
    engine.warm_up()
    assert cold.warmed
    assert engine.errors and "test/bad-warm-up" in engine.errors[0]


def test_spelling_warm_up_builds_the_frequent_word_keys_without_changing_findings() -> None:
    text = "Titlu\n\nAu catalgat totul. Kovesiu a venit.\n"
    before = fresh_engine().check(read(text))
    engine = fresh_engine()
    (unknown,) = [r for r in engine.rules if r.id == "spelling/unknown"]
    checker = unknown.checker  # type: ignore[attr-defined]
    assert checker.suggester._frequent is None
    engine.warm_up()
    assert checker.suggester._frequent is not None
    assert engine.check(read(text)) == before


class Marks(Rule):
    """Flags each block's first character, with the block's context in the message."""

    id = "test/marks"
    doc = RuleDoc("s", "w", "y")

    def context(self, doc: object) -> str:
        return "whole"

    def check_block(self, text: str, kind: str, context: object) -> list[Finding]:
        return [Finding(0, 1, f"{kind}:{context}")] if text else []


class HeadlineOnly(Marks):
    id = "test/headline-only"
    kinds = frozenset({"headline"})


class OwnFilter(Marks):
    id = "test/own-filter"

    def applies_to(self, block: Block) -> bool:
        return block.kind == "related-item"


class Narrowing(Marks):
    id = "test/narrowing"

    def block_context(self, context: object, text: str) -> object:
        return f"{context}/{len(text)}"


def test_block_rules_see_their_kinds_their_filter_and_their_narrowed_context() -> None:
    doc = read(BASE)
    messages = {
        rule.id: [d.message for d in Engine([rule]).check(doc)]
        for rule in (Marks(), HeadlineOnly(), OwnFilter(), Narrowing())
    }
    kinds = [b.kind for b in doc.blocks]
    assert messages["test/marks"] == [f"{k}:whole" for k in kinds]
    assert messages["test/headline-only"] == ["headline:whole"]
    assert messages["test/own-filter"] == ["related-item:whole"] * kinds.count("related-item")
    assert messages["test/narrowing"] == [f"{b.kind}:whole/{b.end - b.start}" for b in doc.blocks]
    narrowing = Narrowing()
    narrowing.block_context = lambda context, text: "patched"  # type: ignore[method-assign]
    assert {d.message.split(":")[1] for d in Engine([narrowing]).check(doc)} == {"patched"}
    whole = [d.message for d in Engine([Narrowing()]).check(doc, narrow=False)]
    assert whole == [f"{k}:whole" for k in kinds]


def test_a_check_without_narrowing_keeps_the_narrowed_results_apart() -> None:
    """One engine checked both ways (the command line and the language server may share
    a process): each way gets its own context's results, whichever ran first."""
    doc = read(BASE)
    engine = Engine([Narrowing()])
    for narrow in (False, True, False, True):
        suffixes = {d.message.split(":")[1] for d in engine.check(doc, narrow=narrow)}
        assert (suffixes == {"whole"}) is not narrow


def test_two_lanes_checking_at_once_equal_a_sequential_check() -> None:
    """The language server checks on two threads over the same engine: shared rule
    instances, shared caches. Each lane's results equal a check of the same texts one
    at a time by an engine of its own."""
    from threads import at_once, typed_versions

    engine = Engine(OTHER_RULES)
    lanes = [typed_versions(BASE, "ş„a si", 60), typed_versions(NAMES, "Kx-ă ", 60)]
    results = at_once([lambda k=k: [engine.check(read(t)) for t in lanes[k]] for k in (0, 1)])
    assert engine.errors == []
    for k in (0, 1):
        alone = Engine(OTHER_RULES)
        assert results[k] == [alone.check(read(text)) for text in lanes[k]]
