"""Rule-side reliability (issue #17, items 1, 2 and 6): bounded work on hostile input.

No timings: work is counted (memory allocated, function calls, passes over the whole
text), so the tests say the same on a loaded machine. The sizes are small; the scaling
to megabytes is measured by benchmarks/bench_scaling_rules.py.
"""

from __future__ import annotations

import cProfile
import pstats
import sys
import tracemalloc

import pytest

from rolint.engine import Engine
from rolint.readers import read
from rolint.registry import rule_classes
from rolint.spelling import tokens
from rolint.spelling.suggest import MAX_SUGGEST_LEN


@pytest.fixture(scope="module")
def unknown(dictionary):  # type: ignore[no-untyped-def]
    """spelling/unknown with its tables loaded (a first check, not counted)."""
    rule = rule_classes()["spelling/unknown"]()
    Engine([rule]).check(read("Încălzire ţara de catalgat.\n"))
    return rule


def _check(rule: object, text: str) -> list[object]:
    engine = Engine([rule])  # type: ignore[list-item]
    found = engine.check(read(text))
    assert engine.errors == []
    return found  # type: ignore[return-value]


# -- item 1: one long run of letters ------------------------------------------------------


def test_a_long_run_of_letters_is_flagged_without_suggestions_in_bounded_memory(
    unknown,  # type: ignore[no-untyped-def]
) -> None:
    text = "ţara" * 2000  # 8,000 letters: 870 MB before the cap
    tracemalloc.start()
    try:
        (diag,) = _check(unknown, text)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert (diag.start, diag.end) == (0, len(text))  # type: ignore[attr-defined]
    assert diag.replacements == ()  # type: ignore[attr-defined]
    assert peak < 20_000_000, f"{peak / 1e6:.0f} MB for one word"


def test_words_longer_than_the_cap_get_no_edit_keys(unknown) -> None:  # type: ignore[no-untyped-def]
    suggester = unknown.checker.suggester
    long_word = "a" * (MAX_SUGGEST_LEN + 1)
    assert suggester.probe_keys(long_word) == set()
    assert suggester.candidates(long_word) == {}
    assert not suggester.may_have_frequent(long_word, 3.5)
    assert suggester.probe_keys("catalgat")  # an ordinary word still has them


# -- item 2: one long paragraph -----------------------------------------------------------

_SENTENCE = "Ministrul a spus că likely voters și breaking news contează, iar the deal e gata. "


def test_english_phrases_in_one_long_paragraph_do_not_reread_the_whole_text(
    unknown,  # type: ignore[no-untyped-def]
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Each English phrase is a question about a few words; asking it used to
    normalise the whole paragraph again (quadratic in the paragraph's length)."""
    text = _SENTENCE * 400  # one paragraph, 800 English phrases
    whole = [0]
    original = tokens.normalise

    def counting(t: str) -> str:
        if len(t) > len(text) // 2:
            whole[0] += 1
        return original(t)

    monkeypatch.setattr(tokens, "normalise", counting)
    _check(unknown, text)
    assert whole[0] <= 3, f"the whole paragraph normalised {whole[0]} times"


def _calls(rule: object, text: str) -> int:
    """Function calls made by one check of ``text`` (a measure of work, not time)."""
    profile = cProfile.Profile()
    profile.enable()
    _check(rule, text)
    profile.disable()
    return sum(stat[1] for stat in pstats.Stats(profile).stats.values())  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    "rule_id", ["diacritics/cedilla", "diacritics/missing", "quotes/style", "spelling/unknown"]
)
def test_one_long_paragraph_costs_linear_work(rule_id: str, dictionary) -> None:  # type: ignore[no-untyped-def]
    sentence = 'Guvernul a anunţat si „măsuri noi” pentru Bucureşti, spune "presa". '
    rule = rule_classes()[rule_id]()
    _check(rule, sentence)
    small, large = _calls(rule, sentence * 300), _calls(rule, sentence * 600)
    assert large <= 2.3 * small, f"{small} → {large} calls for twice the paragraph"


# -- item 6: many distinct unknown names --------------------------------------------------


def _names(count: int) -> str:
    out = []
    for i in range(count):
        n, tail = (i * 1_000_003 + 12_345) % 26**6, ""
        for _ in range(6):
            n, r = divmod(n, 26)
            tail += "abcdefghijklmnopqrstuvwxyz"[r]
        out.append(f"Ieri Xy{tail} a spus că vine acasă.")
    return "\n\n".join(out)


def test_many_distinct_names_cost_linear_work(dictionary) -> None:  # type: ignore[no-untyped-def]
    """Each block's names were found by testing every name of about its words'
    length: twice the names, four times the work."""
    rule = rule_classes()["spelling/unknown"]()
    _check(rule, _names(5))
    small, large = _calls(rule, _names(400)), _calls(rule, _names(800))
    assert large <= 2.3 * small, f"{small} → {large} calls for twice the names"


# -- related blocks: many "Citește și" groups in one long document -----------------------


def _opcodes(rule: object, text: str) -> int:
    """Bytecode instructions run by one check of ``text`` (counts loops inside
    comprehensions, which a call count misses)."""
    doc = read(text)
    count = 0

    def trace(frame, event, arg):  # type: ignore[no-untyped-def]
        nonlocal count
        frame.f_trace_opcodes = True
        if event == "opcode":
            count += 1
        return trace

    engine = Engine([rule])  # type: ignore[list-item]
    sys.settrace(trace)
    try:
        engine.check(doc)
    finally:
        sys.settrace(None)
    assert engine.errors == []
    return count


def _related_groups(count: int) -> str:
    group = (
        "Consiliul local a votat bugetul pe anul viitor, după o ședință lungă.\n\n"
        "Citește și:\n"
        "Primarul {n} a inaugurat un pod nou peste râu\n"
        "Primarul {n} a inaugurat un pod nou peste râu\n"
        "Elevii din orașul {n} au primit tablete noi\n\n"
    )
    return "".join(group.format(n=n) for n in range(count))


def test_many_related_groups_cost_linear_work() -> None:
    rule = rule_classes()["related/duplicate-headline"]()
    assert len(_check(rule, _related_groups(3))) == 3  # each group's repeat is found
    small, large = _opcodes(rule, _related_groups(150)), _opcodes(rule, _related_groups(300))
    assert large <= 2.3 * small, f"{small} → {large} instructions for twice the groups"
