"""The language server's two lanes at once, as it runs them: the interactive lane's
engine and the bulk lane's engine (``lsp.checks.lane_engine``) are two engines over
the same rule instances (speller included), checking on two threads. Every result
equals a sequential check of the same text by an engine of its own."""

from __future__ import annotations

from rolint import registry
from rolint.config import Config
from rolint.engine import Engine
from rolint.lsp.checks import lane_engine
from rolint.readers import read
from threads import at_once, typed_versions

# Own sentences: cedilla letters, quotes, a known typo, names, words without
# diacritics, a related block with a duplicate, a missing hyphen.
TYPED = (
    "Consiliul local a votat bugetul\n\n"
    "Primarul a spus că „lucrările încep în martie” şi că strada va fi închisă.\n\n"
    'Consilierii au catalgat planul drept "ambițios", iar opoziţia sa întors acasă.\n\n'
    "Vezi și\nBugetul orașului pe anul viitor\nBugetul orașului pe anul viitor\n"
)
BULK = (
    "Ședința de la prefectură\n\n"
    "Prefectul Ionuț Vlăduca a cerut rapoarte de la toate primariile din judet.\n\n"
    "Surse din instituție spun că doi directori ar fi demisionat deja.\n\n"
    "Deasemenea, la ședință au venit 40 de primari, care si-au prezentat planurile.\n"
)


def test_interactive_and_bulk_lanes_at_once_equal_sequential_checks() -> None:
    cfg = Config()
    interactive = lane_engine(cfg, None, bulk=False)
    bulk = lane_engine(cfg, None, bulk=True)
    assert interactive is not bulk
    assert [id(r) for r in interactive.rules] == [id(r) for r in bulk.rules]  # shared rules
    lanes = [
        (interactive, typed_versions(TYPED, "ş a„", 40, 53)),
        (bulk, typed_versions(BULK, "ţ i-", 40, 53)),
    ]
    results = at_once(
        [lambda e=engine, ts=texts: [e.check(read(t)) for t in ts] for engine, texts in lanes]
    )
    assert interactive.errors == [] and bulk.errors == []
    rules = {r.id for r in interactive.rules}
    assert {"spelling/unknown", "grammar/hyphen", "attribution/anonymous"} <= rules
    for k in (0, 1):
        alone = Engine(lanes[k][0].rules, lanes[k][0].severities)
        expected = [alone.check(read(text)) for text in lanes[k][1]]
        assert results[k] == expected
        assert any(expected)  # the texts do give findings
    classes = registry.rule_classes()
    fresh = Engine([classes[r.id]() for r in interactive.rules], interactive.severities)
    assert results[1][-1] == fresh.check(read(lanes[1][1][-1]))  # fresh rules agree
