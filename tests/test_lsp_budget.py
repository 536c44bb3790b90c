"""The language server's cache budget (lsp/budget.py) bounds the speller's per-word
memo tables too: a long session meets a new word with nearly every keystroke, and the
tables' fixed caps (10,000–500,000 words) are not tied to the open documents.

A real engine with the real dictionary, documents of typed typos written here."""

from __future__ import annotations

import random

import pytest

from rolint import config as config_mod
from rolint.config import Config
from rolint.engine import Engine
from rolint.lsp import budget as budget_mod
from rolint.readers import read
from rolint.registry import rule_classes
from rolint.rule import RuleSetup

RULE = "spelling/unknown"
WORDS = (
    "guvernul",
    "primăria",
    "consiliul",
    "județean",
    "ministerul",
    "sănătății",
    "spitalul",
    "orașului",
    "bugetul",
    "pentru",
    "școlile",
    "profesorii",
    "elevii",
    "părinții",
    "drumurile",
    "podul",
    "autostrada",
    "locuitorii",
    "cartierului",
    "proiectul",
    "lucrările",
    "constructorul",
    "termenul",
    "contractul",
    "angajații",
    "fabricii",
    "salariile",
    "pensiile",
)


def _engine() -> Engine:
    """A fresh engine of its own (not the shared one of linter.engine_for)."""
    enabled = config_mod.effective_rules(Config().rules_for(None))
    setup = RuleSetup()
    return Engine([rule_classes()[RULE](setup)], {RULE: enabled[RULE]})


def _documents(n: int, seed: int = 3) -> list[str]:
    """``n`` short articles, each with 30 words typed wrong (one letter too many at a
    random place, as a keystroke leaves them) in sentences of its own."""
    rng = random.Random(seed)
    docs = []
    for i in range(n):
        typed = []
        for _ in range(30):
            w = rng.choice(WORDS)
            at = rng.randrange(1, len(w))
            typed.append(w[:at] + rng.choice("aeiourtnsc") + w[at:])
        sentences = [
            f"Ieri {' '.join(typed[k : k + 6])} au fost discutate." for k in range(0, 30, 6)
        ]
        docs.append(f"Știrea numărul {i}\n\n" + "\n\n".join(sentences) + "\n")
    return docs


def test_the_speller_memo_tables_stay_within_the_open_documents_budget(monkeypatch) -> None:
    monkeypatch.setattr(budget_mod, "SLACK_WORDS", 100)
    bounded, free = _engine(), _engine()
    budget = budget_mod.Budget()
    previous = None
    for n, text in enumerate(_documents(14)):
        doc = read(text, "text")
        found = bounded.check(doc)
        assert found == free.check(read(text, "text"))  # the bound changes no finding
        if n:
            chk = bounded.rules[0].checker
            limit = budget.max_words()
            for name, size in chk.memo_sizes().items():
                allowed = limit * (4 if name == "suggester best" else 1)
                if name == "quiet":  # reset before a check, then that text's tokens
                    allowed += len(text.split())
                assert size <= allowed, (n, name, size, limit)
        if previous is not None:
            budget.forget(previous)  # one document open at a time: switching between them
        previous = f"file:///doc{n}.txt"
        budget.note(previous, doc, bounded)
    # without the budget the same session keeps more than the bound: the test can fail
    sizes = free.rules[0].checker.memo_sizes()
    assert max(sizes["kind"], sizes["known"], sizes["dictionary"]) > budget.max_words()


def test_the_word_bound_follows_the_open_documents() -> None:
    engine = _engine()
    budget = budget_mod.Budget()
    docs = [read(text, "text") for text in _documents(2)]
    budget.note("a", docs[0], engine)
    one = budget.max_words()
    budget.note("b", docs[1], engine)
    two = budget.max_words()
    budget.forget("b")
    assert budget_mod.SLACK_WORDS < one < two and budget.max_words() == one
    assert engine.rules[0].checker.memo_limit == two  # the last bound holds
    budget_mod.keep_slack(engine, budget.max_words())
    assert engine.rules[0].checker.memo_limit == one


@pytest.mark.parametrize("limit", [0, 1])
def test_a_tiny_bound_only_costs_recomputation(limit: int) -> None:
    """Every table emptied on every word: the findings are those of an unbounded engine."""
    bounded, free = _engine(), _engine()
    bounded.check(read("Un text scurt.", "text"))  # builds the checker
    bounded.rules[0].checker.bound_memos(limit)
    for text in _documents(3, seed=5):
        assert bounded.check(read(text, "text")) == free.check(read(text, "text"))
