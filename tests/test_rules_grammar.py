"""grammar/hyphen and grammar/definite-plural: the participles derived from the real
rospell dictionary, and the context checks (the pack's examples run in
tests/test_rule_examples.py)."""

from __future__ import annotations

import pytest

from rolint.engine import Engine
from rolint.fixes import fix_text
from rolint.readers import read
from rolint.rules.grammar import DefinitePlural, Hyphen
from rolint.rules.grammar_participles import derive, is_participle

RULES = {"grammar/hyphen": Hyphen(), "grammar/definite-plural": DefinitePlural()}


def _diags(rule_id: str, text: str):  # type: ignore[no-untyped-def]
    engine = Engine([RULES[rule_id]])
    return [d for d in engine.check(read(text)) if d.rule == rule_id]


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


def test_a_missing_hyphen_is_one_finding_of_grammar_hyphen() -> None:
    """grammar/hyphen owns "sa dus" (not the typo list): flagged with spelling/typo
    off, and once with it on."""
    from rolint.rules.typos import Typo_

    text = "Primarul sa dus la minister."
    alone = [(d.rule, d.start, d.end) for d in Engine([Hyphen()]).check(read(text))]
    assert alone == [("grammar/hyphen", 9, 11)]
    both = Engine([Hyphen(), Typo_()]).check(read(text))
    assert [(d.rule, d.start, d.end) for d in both] == alone


def test_no_typo_entry_is_also_a_missing_hyphen() -> None:
    """One defect, one finding: no wrong form of the typo list (each of its
    alternatives, in a sentence) is also flagged by grammar/hyphen."""
    from rolint.rules.typos import typo_data

    engine = Engine([Hyphen()])
    doubled = [w for w in typo_data().typos if engine.check(read(f"Ieri {w} acolo."))]
    assert not doubled


def test_the_dictionary_option_reaches_the_grammar_rules() -> None:
    """The grammar rules read a `dictionary` option: the config accepts it (for one
    rule or the family) and hands it to them; a wrong type names the key."""
    from rolint.config import ConfigError, parse

    cfg = parse({"rule-options": {"grammar": {"dictionary": "/dict/ro.dic"}}})
    assert cfg.options_for("grammar/hyphen") == {"dictionary": "/dict/ro.dic"}
    assert cfg.options_for("grammar/definite-plural") == {"dictionary": "/dict/ro.dic"}
    with pytest.raises(ConfigError, match=r"rule-options\.grammar/hyphen\.dictionary"):
        parse({"rule-options": {"grammar/hyphen": {"dictionary": 3}}})


def test_the_message_keeps_the_case_of_the_text() -> None:
    (upper,) = _diags("grammar/hyphen", "ATENȚIE: PRIMARUL SA DUS ACASĂ.")
    assert upper.message == "Lipsește cratima: „S-A DUS”, nu „SA DUS”"
    (plain,) = _diags("grammar/hyphen", "Podul sa intamplat sa cada noaptea.")
    assert "„s-a întâmplat”" in plain.message  # a participle found without diacritics


def test_a_plain_spelling_shared_by_participles_gets_the_same_one_every_run(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Written without diacritics, "pacanit" could be pacănit or păcănit: the pick must
    not hang on the set's iteration order (that is, on the process's hash seed), so the
    first in code point order is taken, for each of 22 such pairs."""
    from rolint.rules import grammar_participles
    from rolint.rules.grammar import Participles

    pairs = [(f"p{c}cănit", f"p{c}căniț") for c in "abcdefghijklmnoprstuvz"]
    monkeypatch.setattr(grammar_participles, "load", lambda path: frozenset(sum(pairs, ())))
    participles = Participles(None)
    for first, second in pairs:
        plain = first.replace("ă", "a")
        assert plain not in participles.words
        assert participles.find(plain) == (min(first, second), False)
