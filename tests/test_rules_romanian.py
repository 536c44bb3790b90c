"""Behaviour of the Romanian rules beyond their examples (own sentences only)."""

from __future__ import annotations

from rolint import registry
from rolint.engine import Engine
from rolint.readers import read


def _diags(text: str, *rule_ids: str, fmt: str = "text"):  # type: ignore[no-untyped-def]
    classes = registry.rule_classes()
    engine = Engine([classes[r]() for r in rule_ids])
    return engine.check(read(text, fmt))


def test_text_without_diacritics_gets_one_document_diagnostic() -> None:
    text = (
        "Primaria anunta lucrari\n\nPrimaria a anuntat ca strazile din cartier vor fi "
        "asfaltate pana in toamna, iar locuitorii vor putea circula si pe durata "
        "lucrarilor, daca respecta indicatoarele.\n"
    )
    diags = _diags(text, "diacritics/missing")
    assert len(diags) == 1
    assert "fără diacritice" in diags[0].message


def test_missing_diacritics_flagged_only_for_unambiguous_words() -> None:
    text = (
        "Fata vecinilor a trecut peste pod și s-a oprit în fața școlii, "
        "dar nu stia unde sa meargă si nici daca e deschis.\n"
    )
    found = {(text[d.start : d.end], d.replacements) for d in _diags(text, "diacritics/missing")}
    assert ("stia", ("știa",)) in found
    assert ("si", ("și",)) in found
    assert ("daca", ("dacă",)) in found
    assert ("sa", ("să",)) in found  # "sa meargă": the subjunctive settles it
    words = {w for w, _ in found}
    assert not words & {"Fata", "peste", "fața"}


def test_missing_diacritics_keeps_case_and_skips_addresses() -> None:
    text = "Daca vrei, scrie la redactie@stiri.ro sau vezi www.stiri.ro, în rubrica nouă.\n"
    found = [(text[d.start : d.end], d.replacements) for d in _diags(text, "diacritics/missing")]
    assert found == [("Daca", ("Dacă",)), ("redactie", ("redacție",))] or found == [
        ("Daca", ("Dacă",))
    ]


def test_cedilla_each_letter_once_and_mixed_once() -> None:
    text = "Ştiri din ţară: şcolile şi spitalele, în toată țara.\n"
    diags = _diags(text, "diacritics/cedilla", "diacritics/mixed")
    assert sum(d.rule == "diacritics/cedilla" for d in diags) == 4
    mixed = [d for d in diags if d.rule == "diacritics/mixed"]
    assert len(mixed) == 1
    assert mixed[0].data == {"comma": 1, "cedilla": 4}


def test_old_orthography_keeps_prefixed_and_final_i() -> None:
    text = "Reîncărcăm bateriile; ne-am hotărî mîine, cînd vom fi neîmpăcați.\n"
    found = [(text[d.start : d.end], d.replacements) for d in _diags(text, "orthography/old")]
    assert found == [("mîine", ("mâine",)), ("cînd", ("când",))]


def test_quotes_mixed_styles_in_one_paragraph() -> None:
    text = 'El a spus „gata“ și apoi “vom vedea” și "poate".\n'
    diags = _diags(text, "quotes/style")
    assert [d.replacements for d in diags] == [("”",), ("„",), ("„",), ("”",)]


def test_attribution_quote_with_speaker_in_next_paragraph() -> None:
    text = (
        "Titlu\n\n„Nu vom închide niciun spital din județ anul acesta.”\n\n"
        "Așa a declarat ministrul Sănătății la Cluj.\n"
    )
    assert not _diags(text, "attribution/missing")


def test_attribution_skips_headline_and_related_blocks() -> None:
    text = (
        "„Nu vom închide niciun spital din județ anul acesta”\n\nText sursat, a declarat "
        "ministrul.\n\nCitește și\nSurse din guvern: „Vine o nouă taxă pe clădiri mari”\n"
    )
    assert not _diags(text, "attribution/missing", "attribution/anonymous")
