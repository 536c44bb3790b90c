"""The language server's two lanes at once, as it runs them: the interactive lane's
engine and the bulk lane's engine (``lsp.checks.lane_engine``) are two engines over
the same rule instances (speller included), checking on two threads. Every result
equals a sequential check of the same text by an engine of its own."""

from __future__ import annotations

import sys
import threading

from rolint import registry
from rolint.config import Config
from rolint.engine import Engine
from rolint.lsp.checks import lane_engine
from rolint.readers import read

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


def _edits(base: str, salt: str, count: int) -> list[str]:
    """``count`` versions of ``base``, each one character more than the last (typing)."""
    out, text = [], base
    for i in range(count):
        pos = (i * 53) % (len(text) + 1)
        text = text[:pos] + salt[i % len(salt)] + text[pos:]
        out.append(text)
    return out


def test_interactive_and_bulk_lanes_at_once_equal_sequential_checks() -> None:
    cfg = Config()
    interactive = lane_engine(cfg, None, bulk=False)
    bulk = lane_engine(cfg, None, bulk=True)
    assert interactive is not bulk
    assert [id(r) for r in interactive.rules] == [id(r) for r in bulk.rules]  # shared rules
    lanes = [(interactive, _edits(TYPED, "ş a„", 40)), (bulk, _edits(BULK, "ţ i-", 40))]
    results: list[list[object]] = [[], []]
    errors: list[BaseException] = []
    start = threading.Barrier(2)

    def run(k: int) -> None:
        engine, texts = lanes[k]
        try:
            start.wait()
            for text in texts:
                results[k].append(engine.check(read(text)))
        except BaseException as exc:  # reported by the main thread
            errors.append(exc)

    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)  # switch threads as often as possible
    try:
        threads = [threading.Thread(target=run, args=(k,)) for k in (0, 1)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    finally:
        sys.setswitchinterval(interval)
    assert errors == [] and interactive.errors == [] and bulk.errors == []
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
