"""Every rule runs in linear time: no regex backtracks catastrophically.

Each rule checks one paragraph made of long adversarial runs (dots, digits, spaces,
quote marks, one endless word…), at two sizes. A quadratic rule takes ~16x longer on
the 4x larger paragraph; a linear one ~4x. The larger paragraph is 1 MB.
"""

from __future__ import annotations

import time

import pytest

from rolint import registry
from rolint.readers import read

_CHUNKS = [
    "a" * 60,
    ".",
    "1" * 60,
    "1," * 30,
    " " * 60,
    ",",
    '"' * 30,
    "„" * 30,
    "”" * 30,
    "ş" * 20,
    "si," * 20,
    "cînd" * 15,
    "a" * 60 + "ă",
    "5" + " " * 60 + "x",
    "ar fi " * 10,
    ":" + " " * 60,
    "surse " * 10,
    "Cînd" * 10,
    "de " * 20,
    "«" * 20,
    ",," * 20,
    "12.5% ",
    "2,500 de ",
    "„Un citat de câteva cuvinte fără vorbitor” ",
]


def _paragraph(size: int) -> str:
    """One paragraph of ``size`` characters: a long run of each adversarial chunk."""
    per_run = size // len(_CHUNKS)
    body = "".join(chunk * max(1, per_run // len(chunk)) for chunk in _CHUNKS)
    return "Titlu de test\n\n" + body[:size]


def _run(cls: type, text: str) -> float:
    """The CPU seconds of one check (this thread's: time waited for a busy core does not
    count, so the ratio holds on a loaded machine)."""
    rule = cls()
    doc = read(text)
    start = time.thread_time()
    if rule.scope == "document":
        for _ in rule.check_document(doc):
            pass
    else:
        context = rule.context(doc)
        for block in doc.blocks:
            if rule.applies_to(block):
                for _ in rule.check_block(doc.block_text(block), block.kind, context):
                    pass
    return time.thread_time() - start


RULES = {rid: cls for rid, cls in registry.rule_classes().items() if rid != "spelling/unknown"}


@pytest.mark.parametrize("rule_id", sorted(RULES))
def test_rule_is_linear_on_a_1mb_paragraph(rule_id: str) -> None:
    cls = RULES[rule_id]
    small = _run(cls, _paragraph(250_000))
    large = _run(cls, _paragraph(1_000_000))
    assert large < 8.0, f"{rule_id}: {large:.1f} s on a 1 MB paragraph"
    assert large < 10 * small + 0.5, f"{rule_id}: {small:.2f} s → {large:.2f} s (not linear)"
