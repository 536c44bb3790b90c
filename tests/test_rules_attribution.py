"""attribution/missing and attribution/anonymous: claims stated as fact, the rubric's
window (paragraph and sentence before), impersonal and vague sources, hearsay.

Every sentence here is written for this test."""

from __future__ import annotations

import pytest

from rolint.analysis import BlockAnalysis
from rolint.engine import Engine
from rolint.readers import read
from rolint.rules import attribution
from rolint.rules.attribution import AnonymousSource, MissingSource

TITLE = "Titlul articolului de test\n\n"


def _flags(body: str) -> list[tuple[str, str, str]]:
    """(rule, flagged text, message) for an article with a headline and ``body``."""
    text = TITLE + body
    engine = Engine([MissingSource(), AnonymousSource()])
    return [(d.rule, text[d.start : d.end], d.message) for d in engine.check(read(text))]


@pytest.mark.parametrize(
    ("body", "flagged", "kind"),
    [
        ("Un bărbat de 40 de ani a murit după ce a căzut de pe schelă.", "a murit", "Deces"),
        ("Trei turiști au fost răniți într-un accident pe DN1.", "au fost răniți", "Bilanț"),
        ("Șoferul a fost reținut pentru 24 de ore.", "a fost reținut", "Fapt din dosar"),
        ("Accesul în parc a fost interzis până luni.", "a fost interzis", "Decizie"),
        ("Azi au fost înregistrate 1.250 de cazuri noi în județ.", "1.250 de cazuri", "Cifră"),
        ("De mâine intră în vigoare un cod portocaliu de vânt.", "cod portocaliu", "Avertizare"),
    ],
)
def test_claims_stated_as_fact_are_flagged(body: str, flagged: str, kind: str) -> None:
    (found,) = _flags(body)
    assert found[0] == "attribution/missing" and found[1] == flagged
    assert found[2].startswith(f"{kind} fără sursă: „{flagged}”")
    assert len(found[2]) < 120  # short: the claim and the source that is missing


def test_a_source_in_the_paragraph_covers_the_claim() -> None:
    assert not _flags("Un bărbat a murit după ce a căzut de pe schelă, a anunțat IPJ Cluj.")
    assert not _flags("Potrivit ISU, trei turiști au fost răniți. Ei au fost duși la spital.")


def test_the_sentence_before_covers_the_first_sentence_of_a_paragraph() -> None:
    body = "Poliția a transmis un comunicat despre accident.\n\nȘoferul a fost reținut."
    assert not _flags(body)


def test_after_an_intertitle_there_is_no_sentence_before() -> None:
    body = (
        "Poliția a transmis un comunicat despre accident.\n\nCe urmează\n\n"
        "Șoferul a fost reținut pentru 24 de ore."
    )
    assert [f[1] for f in _flags(body)] == ["a fost reținut"]


def test_a_source_two_paragraphs_back_does_not_cover_a_claim() -> None:
    body = (
        "Poliția a transmis un comunicat despre accident.\n\n"
        "Drumul a rămas închis toată dimineața.\n\n"
        "Șoferul a fost reținut pentru 24 de ore."
    )
    assert [f[1] for f in _flags(body)] == ["a fost reținut"]


@pytest.mark.parametrize(
    "body",
    [
        "Dacă ploaia continuă, drumul ar putea fi închis.",
        "Câte persoane au fost rănite în accident?",
        "Un bărbat a murit, declarat Popescu? Nu, a spus vecinul lui.",
        "„Trei turiști au fost răniți ieri în accident”, a declarat purtătorul de cuvânt.",
    ],
)
def test_conditions_questions_and_quotes_are_not_claims(body: str) -> None:
    assert not [f for f in _flags(body) if f[0] == "attribution/missing"]


def test_teaser_after_a_doubled_related_headline_is_not_checked() -> None:
    body = (
        "Primul paragraf al articolului, cu sursa lui, a declarat primarul.\n\n"
        "Recomandări\nȘoferul unui autobuz a fost reținut la Brașov\n"
        "Șoferul unui autobuz a fost reținut la Brașov\n\n"
        "Un șofer a fost reținut după ce a condus băut un autobuz plin."
    )
    assert not _flags(body)


@pytest.mark.parametrize(
    ("body", "flagged"),
    [
        ("Se estimează că prețurile vor crește din toamnă.", "Se estimează"),
        ("Există temeri că recolta va fi slabă anul acesta.", "Există temeri"),
        ("Potrivit analiștilor, leul se va deprecia ușor.", "Potrivit analiștilor"),
        ("Unele voci din partid cer deja demisia conducerii.", "Unele voci"),
        ("O sursă a declarat că ministrul pleacă în curând.", "O sursă a declarat"),
        ("În apropierea orașului s-ar afla încă trei depozite.", "s-ar afla"),
    ],
)
def test_impersonal_and_vague_sources_are_anonymous(body: str, flagged: str) -> None:
    found = [f for f in _flags(body) if f[0] == "attribution/anonymous"]
    assert [f[1] for f in found] == [flagged]


def test_impersonal_with_a_named_source_in_the_sentence_is_not_anonymous() -> None:
    body = "Exporturile sunt așteptate să scadă, a relatat agenția Reuters."
    assert not _flags(body)
    assert not _flags("Potrivit analiștilor de la BNR, leul se va deprecia ușor.")


def test_hearsay_after_a_sourced_sentence_is_covered() -> None:
    body = (
        "Procurorii au descris schema în rechizitoriu, se arată în document.\n\n"
        "Directorul ar fi primit bani pentru fiecare contract."
    )
    assert not _flags(body)
    alone = "Drumul a fost asfaltat anul trecut.\n\nDirectorul ar fi primit bani pentru contract."
    assert [f[0] for f in _flags(alone)] == ["attribution/anonymous"]


def test_cum_ar_fi_is_an_example_not_hearsay() -> None:
    assert not _flags("Copiii preferă gustări, cum ar fi biscuiți sau fructe uscate.")


def test_both_rules_read_one_analysis_kept_by_the_engine(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """No table in the rules or the module: each paragraph is analysed once per
    engine (both rules share it), and again by another engine."""
    assert not hasattr(attribution, "_SHARED")
    calls: list[str] = []
    real = attribution.analyse

    def counted(block: BlockAnalysis, data: attribution.AttributionData) -> attribution.Analysis:
        calls.append(block.text)
        return real(block, data)

    monkeypatch.setattr(attribution, "analyse", counted)
    paragraphs = [
        "Trei turiști au fost răniți într-un accident pe DN1.",
        "Se pare că ministrul pleacă luna viitoare.",
    ]
    text = TITLE + "\n\n".join(paragraphs)
    for _ in range(2):
        engine = Engine([MissingSource(), AnonymousSource()])
        first = [(d.rule, d.start) for d in engine.check(read(text))]
        assert [(d.rule, d.start) for d in engine.check(read(text))] == first
    assert {r for r, _ in first} == {"attribution/missing", "attribution/anonymous"}
    assert sorted(calls) == sorted(2 * paragraphs)
