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
