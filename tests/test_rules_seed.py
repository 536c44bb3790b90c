"""The seed article the product was specified from (../shared; skipped when absent)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from rolint.linter import lint_text


def _diags(path: Path):  # type: ignore[no-untyped-def]
    text = path.read_text(encoding="utf-8")
    _, diags = lint_text(text, "text", str(path))
    return text, diags


def test_seed_cedilla_typo_quotes_related(seed_article: Path) -> None:
    text, diags = _diags(seed_article)
    counts = Counter(d.rule for d in diags)
    assert counts["diacritics/cedilla"] == 49
    assert counts["diacritics/mixed"] == 1
    assert counts["related/duplicate-headline"] == 7
    typo = [d for d in diags if d.rule == "spelling/typo"]
    assert [(text[d.start : d.end], d.replacements) for d in typo] == [("catalgat", ("catalogat",))]
    quotes = [text[d.start : d.end] for d in diags if d.rule == "quotes/style"]
    assert quotes.count("”") == 10 and quotes.count('"') == 4


def test_seed_sourced_sentences_have_no_attribution_flag(seed_article: Path) -> None:
    """Every claim in the seed names its source (an agency, an official, a quotation
    with „a declarat”): attribution must stay silent on all of them."""
    _, diags = _diags(seed_article)
    assert not [d for d in diags if d.rule.startswith("attribution/")]


def test_seed_fixes_cleanly(seed_article: Path) -> None:
    from rolint.fixes import fix_text

    text = seed_article.read_text(encoding="utf-8")
    duplicates = [
        text[d.start : d.end].strip()
        for d in lint_text(text, "text")[1]
        if d.rule == "related/duplicate-headline"
    ]
    fixed, _ = fix_text(text, lambda t: lint_text(t, "text")[1])
    remaining = {d.rule for d in lint_text(fixed, "text")[1]}
    assert not remaining & {
        "diacritics/cedilla",
        "related/duplicate-headline",
        "quotes/style",
        "spelling/typo",
    }
    # every repeated or truncated copy is gone and the headline it repeated is kept
    # (compared loosely: the other fixes change quotes and cedillas in those lines)
    from rolint.readers.builder import normalize_headline

    keys = [normalize_headline(line) for line in fixed.splitlines()]
    assert duplicates
    for line in duplicates:
        key = normalize_headline(line).rstrip(" :.…-–—")
        assert sum(k.startswith(key) for k in keys) == 1, line
