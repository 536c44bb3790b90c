"""Property: after any sequence of edits sent through didChange, the server publishes
exactly what `rolint check` reports for the same text (every rule, every field that
both doors share: rule, severity, message, range in UTF-16).

Hypothesis drives a synchronous test; the server session lives on an event loop in a
background thread, shared by all examples.
"""

from __future__ import annotations

import asyncio
import itertools
import threading
from collections.abc import Coroutine, Iterator
from pathlib import Path
from typing import Any, TypeVar

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lsprotocol import types

from lsp.helpers import Session, start
from lsp.oracle import rolint_check

T = TypeVar("T")

SEEDS = [
    "Primăria anunţă lucrări noi\n\nConsiliul a aprobat ieri proiectul şi bugetul.\n",
    "Ştiri 📰\n\nGuvernul a anunțat că taxele cresc. „Nu este corect”, a spus un deputat.\n"
    "\nCiteşte şi:\nGuvernul a anunțat taxe noi\nGuvernul a anunțat taxe noi\n",
    "Titlu scurt\n\nSînt 🎉 multe lucruri de spus despre tara noastra si oamenii ei.\n",
    "",
]
PIECES = [
    "ş",
    "ţ",
    "Ş",
    "ș",
    "ț",
    "a",
    "e",
    " ",
    "\n",
    "\n\n",
    "😀",
    "𝐚",
    "î",
    "â",
    '"',
    "„",
    "”",
    "si",
    "tara",
    "sînt",
    "catalgat",
    "Citește și:",
    "anunţat",
    "<!-- x -->",
]

edit = st.tuples(
    st.floats(min_value=0, max_value=1),  # where, as a fraction of the text
    st.integers(min_value=0, max_value=12),  # how much to delete
    st.lists(st.sampled_from(PIECES), max_size=6).map("".join),  # what to insert
)


class Driver:
    """An event loop in a thread, running one server session."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self.thread.start()
        self.session: Session = self.run(start(folders=[root], init_options={"debounceMs": 0}))
        self.names = itertools.count()

    def run(self, coro: Coroutine[Any, Any, T], timeout: float = 60) -> T:
        return asyncio.run_coroutine_threadsafe(coro, self.loop).result(timeout)

    def close(self) -> None:
        self.run(self.session.stop())
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(10)


@pytest.fixture(scope="module")
def driver(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Driver]:
    d = Driver(tmp_path_factory.mktemp("prop"))
    yield d
    d.close()


def published(diags: list[types.Diagnostic]) -> list[tuple[Any, ...]]:
    return sorted(
        (
            d.code,
            int(d.severity or 0),
            d.message,
            d.range.start.line,
            d.range.start.character,
            d.range.end.line,
            d.range.end.character,
        )
        for d in diags
    )


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    seed=st.sampled_from(SEEDS), edits=st.lists(edit, min_size=1, max_size=6), batch=st.booleans()
)
def test_server_equals_rolint_check_after_every_edit(
    driver: Driver, seed: str, edits: list[tuple[float, int, str]], batch: bool
) -> None:
    s = driver.session
    path = driver.root / f"doc{next(driver.names)}.txt"
    uri = path.as_uri()

    async def open_doc() -> list[types.Diagnostic]:
        s.open(uri, seed)
        return await s.diagnostics(uri, 1)

    assert published(driver.run(open_doc())) == rolint_check(seed, path)

    def spans(text: str, edits: list[tuple[float, int, str]]) -> list[tuple[int, int, str]]:
        out = []
        for where, length, new in edits:
            start = round(where * len(text))
            end = min(len(text), start + length)
            out.append((start, end, new))
            text = text[:start] + new + text[end:]
        return out

    if batch:  # all edits in one didChange (each relative to the previous one)

        async def send_all() -> list[types.Diagnostic]:
            v = s.change(uri, spans(s.texts[uri], edits))
            return await s.diagnostics(uri, v)

        got = driver.run(send_all())
        assert published(got) == rolint_check(s.texts[uri], path)
    else:
        for one in edits:

            async def send_one(one: tuple[float, int, str] = one) -> list[types.Diagnostic]:
                v = s.change(uri, spans(s.texts[uri], [one]))
                return await s.diagnostics(uri, v)

            got = driver.run(send_one())
            assert published(got) == rolint_check(s.texts[uri], path), s.texts[uri]

    async def close() -> None:
        s.close(uri)

    driver.run(close())
