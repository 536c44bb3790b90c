"""Sample text pieces for the tokenizer's property tests (all written for the tests).

Hypothesis joins them into texts that hit the tokenizer's edge cases: joiners, dots,
digits, skipped spans (URLs, handles, e-mails, entities), lines in capitals.
"""

from __future__ import annotations

from hypothesis import strategies as st

PIECES = [
    *"aăbcdeîșțţşAĂBCȘŢZ  ..--''’_019\n\u00ad,:!?„”()@#/",
    "www.",
    "http://",
    ".ro",
    "COVID-19",
    " 10 km",
    "S.U.A.",
    "Ion.Popescu",
    "ZECI DE MII DE OAMENI ",
    "‐",
    "‑",
    "ʼ",
    "²",
    "½",
    "é",
    "a_b",
    "\u00a0",
    "\t",
    " - ",
    "5-",
    "-a",
    "x²",
    "&amp;",
    "[email protected]",
    "Ion ",
    "Ion,",
    "ion-",
]
texts = st.lists(st.sampled_from(PIECES), max_size=40).map("".join)
