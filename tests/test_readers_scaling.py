"""Readers do linear work on big inputs (issue #17, item 3: a big HTML ``<table>``).

Counted, not timed: the reader's lint text is built from parts, and closing each cell
used to join every part built so far (to trim one trailing space), so a table of n
cells visited about n²/2 parts. Here the parts list counts every part it hands out to
an iteration (``str.join`` of a list subclass iterates it), for a table and one twice
its size. The scaling in megabytes is measured by benchmarks/bench_scaling_all.py.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rolint.readers import builder as builder_module
from rolint.readers import html as html_reader
from rolint.readers import read


class _CountingList(list):  # type: ignore[type-arg]
    visited = 0

    def __iter__(self) -> Iterator[str]:
        for item in super().__iter__():
            _CountingList.visited += 1
            yield item

    def __reversed__(self) -> Iterator[str]:
        for item in super().__reversed__():
            _CountingList.visited += 1
            yield item


class _CountingBuilder(builder_module.Builder):
    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.parts = _CountingList()


def _table(cells: int) -> str:
    rows = "".join(
        f"<tr><td>Consiliul a aprobat bugetul școlii {i}</td><td>Suma de {i} lei</td></tr>\n"
        for i in range(cells // 2)
    )
    return f"<table>\n{rows}</table>\n"


def _visited(monkeypatch: pytest.MonkeyPatch, cells: int) -> int:
    monkeypatch.setattr(html_reader, "Builder", _CountingBuilder)
    _CountingList.visited = 0
    doc = read(_table(cells), "html")
    assert len(doc.blocks) >= cells  # every cell is a block of its own
    return _CountingList.visited


def test_an_html_table_reads_in_linear_work(monkeypatch: pytest.MonkeyPatch) -> None:
    small, large = _visited(monkeypatch, 400), _visited(monkeypatch, 800)
    assert small > 0
    assert large <= 2.3 * small, f"{small} → {large} parts visited for twice the cells"


# -- item 5: Markdown with many `[` on one line ------------------------------------------
# The cost was backtracking inside the regex engine (C: nothing to count), when a link's
# text or target could run over another bracket: every `[` then scanned the rest of the
# line. The guarantee is the pattern's shape, so that is what is tested: no link match
# holds a bracket of its own kind inside, on any mix of brackets.


@given(st.text(alphabet="[]()ab! \\`*_<>", max_size=60))
@settings(max_examples=300, deadline=None)
def test_markdown_link_matches_never_run_over_another_bracket(line: str) -> None:
    from rolint.readers.markdown import _INLINE

    for m in _INLINE.finditer(line):
        if m.group("keep") is not None:
            assert not set("[]") & set(m.group("keep")), m.group()
            target = m.group("target")
            assert not set("()") & set(target[1:-1]) if target[0] == "(" else True
            assert not set("[]") & set(target[1:-1]) if target[0] == "[" else True
        if m.group("image") is not None:
            inner = m.group("image")[2:]
            assert inner.count("[") == 0 and inner.count("(") == 1, m.group()


def test_many_brackets_are_plain_text_and_the_link_after_them_is_still_a_link() -> None:
    from rolint.linter import lint_text

    source = "[" * 20_000 + " Preţ nou, vezi [anunţul](https://exemplu.ro/ştiri).\n"
    _doc, diags = lint_text(source, "md")
    flagged = [source[d.start : d.end] for d in diags if d.rule == "diacritics/cedilla"]
    assert flagged == ["ţ", "ţ"]  # „Preţ” and the link's text, never the address
    assert all(d.start < source.index("https") for d in diags)
