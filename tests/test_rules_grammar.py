"""grammar/hyphen and grammar/definite-plural: the pack's examples at their exact spans,
the participles derived from the real rospell dictionary, and the context checks."""

from __future__ import annotations

import pytest

from rolint.engine import Engine
from rolint.fixes import fix_text
from rolint.readers import read
from rolint.rules.grammar import DefinitePlural, Hyphen, pack_examples
from rolint.rules.grammar_participles import derive, is_participle

RULES = {"grammar/hyphen": Hyphen(), "grammar/definite-plural": DefinitePlural()}


def _diags(rule_id: str, text: str):  # type: ignore[no-untyped-def]
    engine = Engine([RULES[rule_id]])
    return [d for d in engine.check(read(text)) if d.rule == rule_id]


@pytest.mark.parametrize("ex", pack_examples(), ids=lambda e: str(e["text"])[:40])
def test_pack_example(ex: dict) -> None:
    text = str(ex["text"])
    found = _diags(str(ex["rule"]), text)
    if ex.get("good"):
        assert not found
        return
    span = str(ex["span"])
    start = text.index(span)
    assert any(d.start == start and d.end == start + len(span) for d in found), found
    if "fixed" in ex:
        assert fix_text(text, lambda t: _diags(str(ex["rule"]), t))[0] == ex["fixed"]


def test_participles_come_from_the_dictionary() -> None:
    words = RULES["grammar/hyphen"].participles.words  # type: ignore[attr-defined]
    for p in ("dus", "spus", "văzut", "venit", "făcut", "hotărât", "întâmplat", "trimis"):
        assert p in words, p
    for w in ("sat", "lat", "sunt", "mult", "dusă", "casa", "carte"):
        assert w not in words, w


def test_endings_link_participle_and_infinitive() -> None:
    known = {"lucra", "lucrăm", "veni", "venim", "duce", "ducem", "crede", "credem"}
    assert is_participle("lucrat", known.__contains__)
    assert is_participle("venit", known.__contains__)
    assert is_participle("dus", known.__contains__)
    assert is_participle("crezut", known.__contains__)  # z ← d
    assert not is_participle("lucrată", known.__contains__)  # only the invariable form
    assert not is_participle("ars", {"arde"}.__contains__)  # no verb form: not a verb
    assert "mers" in derive([], known.__contains__)  # irregular: listed by hand
    forms = ["lucrat", "lucrată", "casa", "sat", "venit"]
    assert derive(forms, known.__contains__) - derive([], bool) == {"lucrat", "venit"}


@pytest.mark.parametrize(
    "text",
    [
        "Tatăl a vorbit cu fiica sa cea mică.",
        "Poți să iei pâine sau lapte, la alegere.",
        "Dosarul a fost clasat sau redeschis de trei ori.",
        "De la început s-a știut că la sfârșit vor câștiga.",
        "Eu îmi iau ziua liberă, iar tu ia cheile.",
        "Cota de impozit la venit rămâne aceeași.",
    ],
)
def test_correct_uses_stay_quiet(text: str) -> None:
    assert not _diags("grammar/hyphen", text)


def test_without_diacritics_is_found_but_not_fixed_automatically() -> None:
    (d,) = _diags("grammar/hyphen", "Nimeni nu stie ce sa intamplat acolo.")
    assert d.replacements == ("s-a",)
    assert fix_text("ce sa intamplat", lambda t: _diags("grammar/hyphen", t))[0] == (
        "ce sa intamplat"
    )


def test_capital_letter_is_kept() -> None:
    (d,) = _diags("grammar/hyphen", "Sa terminat ședința.")
    assert d.replacements == ("S-a",)


def test_sau_and_la_are_offered_not_applied() -> None:
    text = "Ei sau întors, iar ea la sunat."
    assert len(_diags("grammar/hyphen", text)) == 2
    assert fix_text(text, lambda t: _diags("grammar/hyphen", t))[0] == text


def test_definite_plural_keeps_upper_case() -> None:
    (d,) = _diags("grammar/definite-plural", "COPII MEI AU PLECAT")
    assert d.replacements == ("COPIII",)


def test_pairs_in_the_typo_list_are_reported_once() -> None:
    from rolint.rules.typos import Typo_

    text = "Primarul sa dus la minister."
    engine = Engine([Hyphen(), Typo_()])
    assert [d.rule for d in engine.check(read(text))] == ["spelling/typo"]
