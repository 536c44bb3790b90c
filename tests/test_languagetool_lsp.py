"""LanguageTool in `rolint lsp`, driven by a real pytest-lsp client against a real
LanguageTool server: built-in diagnostics first, LanguageTool's merged in after; one
changed paragraph re-sent, not the article; answers for older versions dropped; a dead
server costs one notice and is picked up again when it is back."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

import pytest
from lsprotocol import types

from lsp.helpers import Session, capabilities, lsp_range, start
from lt_outage import Outage
from rolint.languagetool import local, runner
from test_languagetool_server import require_languagetool

pytestmark = pytest.mark.asyncio(loop_scope="function")

LT = "languagetool/"
TEXT = (
    "Primăria anunţă lucrări\n"
    "\n"
    "Consiliul a aprobat ieri proiectul, iar lucrările încep luni.\n"
    "\n"
    "Este o soluție mai optimă decât cea veche, a spus primarul.\n"
    "\n"
    "Locuitorii sunt rugați să aibă răbdare.\n"
)


def lt_items(diags: list[types.Diagnostic]) -> list[types.Diagnostic]:
    return [d for d in diags if str(d.code).startswith(LT)]


async def wait_for(session: Session, uri: str, version: int, with_lt: bool, timeout: float = 120):  # type: ignore[no-untyped-def]
    """The first publication of ``version`` that has (or lacks) LanguageTool items."""
    deadline = time.monotonic() + timeout
    seen = 0
    while time.monotonic() < deadline:
        pubs = session.published.get(uri, [])
        for p in pubs[seen:]:
            if p.version == version and bool(lt_items(p.diagnostics)) == with_lt:
                return p
        seen = len(pubs)
        await session.diagnostics(uri, after=seen, timeout=max(0.1, deadline - time.monotonic()))
    raise TimeoutError(f"v{version} with_lt={with_lt}")


def project(folder: Path, url: str) -> str:
    (folder / "rolint.toml").write_text(
        f'[languagetool]\nenabled = true\nurl = "{url}"\ntimeout-ms = 30000\n', encoding="utf-8"
    )
    return (folder / "articol.txt").as_uri()


def stats(session: Session) -> list[str]:
    return [m.message for m in session.client.log_messages if "paragrafe trimise" in m.message]


def lt_notices(session: Session) -> list[str]:
    return [m.message for m in session.client.messages if "LanguageTool" in m.message]


@pytest.fixture(scope="module")
def lt_url() -> str:
    require_languagetool()
    return local.ensure()


async def test_builtin_first_then_languagetool_then_only_the_changed_paragraph(
    lt_url: str, tmp_path: Path
) -> None:
    uri = project(tmp_path, lt_url)
    session = await start(folders=[tmp_path])
    try:
        session.open(uri, TEXT)
        pubs = session.published
        first = await session.diagnostics(uri, version=1)
        assert not lt_items(first)  # built-in, published without waiting for LanguageTool
        assert any(d.code == "diacritics/cedilla" for d in first)
        full = await wait_for(session, uri, 1, with_lt=True)
        (pleonasm,) = [
            d for d in lt_items(full.diagnostics) if d.code == "languagetool/PLEONASM__MAI"
        ]
        start_at = TEXT.index("mai optimă")
        assert pleonasm.range == lsp_range(TEXT, start_at, start_at + len("mai optimă"))
        assert pubs[uri].index(full) > 0
        assert stats(session)[-1].startswith("LanguageTool: 4 paragrafe trimise, 0 din cache")
        # a one-word edit in the last paragraph: one paragraph re-sent, three cached
        at = session.texts[uri].index("răbdare")
        v2 = session.replace(uri, at, at + len("răbdare"), "încredere")
        after = await wait_for(session, uri, v2, with_lt=True)
        assert stats(session)[-1] == "LanguageTool: 1 paragrafe trimise, 3 din cache"
        assert [d.code for d in lt_items(after.diagnostics)] == [pleonasm.code]
    finally:
        await session.stop()


async def test_answers_for_older_versions_are_dropped(lt_url: str, tmp_path: Path) -> None:
    uri = project(tmp_path, lt_url)
    text = TEXT + "".join(
        f"\nParagraful {i} are o soluție mai optimă, spune raportul {i}.\n" for i in range(15)
    )
    session = await start(folders=[tmp_path])
    try:
        session.open(uri, text)
        await session.diagnostics(uri, version=1)  # built-in of v1; its LanguageTool is in flight
        v2 = session.replace(uri, 0, 0, "Nou: ")
        final = await wait_for(session, uri, v2, with_lt=True)
        pubs = session.published[uri]
        assert final.version == v2
        later = pubs[pubs.index(final) :]
        assert all(p.version == v2 for p in later)
        first_v2 = next(i for i, p in enumerate(pubs) if p.version == v2)
        assert all(p.version == v2 for p in pubs[first_v2:])  # nothing of v1 after v2
    finally:
        await session.stop()


async def test_pull_mode_gets_languagetool_after_a_refresh(lt_url: str, tmp_path: Path) -> None:
    uri = project(tmp_path, lt_url)
    session = await start(capabilities(pull=True), folders=[tmp_path])
    try:
        session.open(uri, TEXT)
        ident = types.TextDocumentIdentifier(uri=uri)
        params = types.DocumentDiagnosticParams(text_document=ident)
        report = await session.client.text_document_diagnostic_async(params)
        assert not lt_items(report.items)
        deadline = time.monotonic() + 60
        while session.client.diagnostic_refresh_count == 0 and time.monotonic() < deadline:
            await asyncio.sleep(0.1)
        assert session.client.diagnostic_refresh_count >= 1
        again = await session.client.text_document_diagnostic_async(params)
        assert [d.code for d in lt_items(again.items)] == ["languagetool/PLEONASM__MAI"]
    finally:
        await session.stop()


async def test_dead_server_one_notice_then_recovers(lt_url: str, tmp_path: Path) -> None:
    """The real server behind an :class:`~lt_outage.Outage` goes away and comes back on
    the same URL (no JVM killed and started again); the real cool-off is waited."""
    victim = Outage(lt_url)
    uri = project(tmp_path, victim.url)
    session = await start(folders=[tmp_path])
    try:
        session.open(uri, TEXT)
        await wait_for(session, uri, 1, with_lt=True)
        victim.down()
        for word in ("luni", "marți"):
            v = session.replace(uri, 0, 0, f"{word}: ")
            builtin = await session.diagnostics(uri, version=v)
            assert any(d.code == "diacritics/cedilla" for d in builtin)
        deadline = time.monotonic() + 30
        while not lt_notices(session) and time.monotonic() < deadline:
            await asyncio.sleep(0.2)
        assert len(lt_notices(session)) == 1, lt_notices(session)
        victim.up()
        await asyncio.sleep(runner.COOL_OFF)
        v = session.replace(uri, 0, 0, "Azi: ")
        back = await wait_for(session, uri, v, with_lt=True)
        assert [d.code for d in lt_items(back.diagnostics)] == ["languagetool/PLEONASM__MAI"]
        assert len(lt_notices(session)) == 1
        logs = [m.message for m in session.client.log_messages]
        assert any("răspunde din nou" in m for m in logs)
    finally:
        await session.stop()
        victim.down()
