"""End to end, a second kind of client: pull diagnostics (LSP 3.17) with refresh, UTF-8
positions, multi-root settings, initializationOptions, versioned edits, no lazy
resolve. Plus the TCP transport.
"""

from __future__ import annotations

import asyncio
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
import pytest_asyncio
from lsprotocol import types
from pytest_lsp import LanguageClient
from pytest_lsp.client import make_test_lsp_client

from lsp.helpers import Session, capabilities, edits_of, lsp_range, position, start

pytestmark = pytest.mark.asyncio(loop_scope="module")

CEDILLA = "diacritics/cedilla"
TEXT = "Știri 📰 de azi\n\nPrimăria 🏛️ a anunţat că 🚧 lucrările încep luni.\n"


def ced_items(report: object) -> list[types.Diagnostic]:
    items = getattr(report, "items", [])
    return [d for d in items if d.code == CEDILLA]


def span(d: types.Diagnostic) -> tuple[int, int, int, int]:
    return (d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character)


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def pulled(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    root = tmp_path_factory.mktemp("multi")
    alfa, beta = root / "alfa", root / "beta"
    alfa.mkdir()
    beta.mkdir()
    config = {
        "": {},
        alfa.as_uri(): {"rolint": {"rules": {CEDILLA: "off"}}},
        beta.as_uri(): {"rolint": {"rules": {CEDILLA: "info"}}},
    }
    caps = capabilities(
        pull=True, encodings=["utf-32", "utf-8", "utf-16"], resolve=False, versioned=True
    )
    session = await start(
        caps,
        folders=[alfa, beta],
        configuration=config,
        init_options={"rules": {CEDILLA: "error"}, "debounceMs": 0},
    )
    session.root = root  # type: ignore[attr-defined]
    yield session
    await session.stop()
    assert session.client._server.returncode == 0


async def pull(session: Session, uri: str, previous: str | None = None) -> object:
    return await session.client.text_document_diagnostic_async(
        types.DocumentDiagnosticParams(
            text_document=types.TextDocumentIdentifier(uri=uri), previous_result_id=previous
        )
    )


async def test_pull_mode_and_utf8_are_negotiated(pulled: Session) -> None:
    assert pulled.encoding == "utf-8"  # offered (after utf-32): UTF-8 is preferred
    assert pulled.result is not None
    assert pulled.result.capabilities.diagnostic_provider is not None


async def test_pull_reports_with_utf8_columns(pulled: Session) -> None:
    uri = (pulled.root / "beta" / "stire.txt").as_uri()  # type: ignore[attr-defined]
    pulled.open(uri, TEXT)
    report = await pull(pulled, uri)
    assert isinstance(report, types.RelatedFullDocumentDiagnosticReport)
    at = TEXT.index("ţ")
    items = ced_items(report)
    assert [span(d) for d in items] == [
        (*position(TEXT, at, "utf-8"), *position(TEXT, at + 1, "utf-8"))
    ]
    assert items[0].range.start.character == len("Primăria 🏛️ a anun".encode())
    assert items[0].severity == types.DiagnosticSeverity.Information  # folder beta: info
    assert uri not in pulled.published  # pull clients get no pushed copy

    same = await pull(pulled, uri, report.result_id)
    assert isinstance(same, types.RelatedUnchangedDocumentDiagnosticReport)

    # an edit after the emoji, in UTF-8 columns
    t = pulled.texts[uri]
    pulled.replace(uri, t.index("luni"), t.index("luni") + 4, "marţi 🙂")
    report = await pull(pulled, uri, report.result_id)
    assert isinstance(report, types.RelatedFullDocumentDiagnosticReport)
    t = pulled.texts[uri]
    assert [span(d) for d in ced_items(report)] == [
        (*position(t, i, "utf-8"), *position(t, i + 1, "utf-8"))
        for i, ch in enumerate(t)
        if ch == "ţ"
    ]
    pulled.close(uri)


async def test_settings_per_workspace_folder(pulled: Session) -> None:
    root = pulled.root  # type: ignore[attr-defined]
    off = (root / "alfa" / "a.txt").as_uri()
    pulled.open(off, TEXT)
    assert ced_items(await pull(pulled, off)) == []
    outside = (root / "in-afara.txt").as_uri()  # no folder: the global initializationOptions
    pulled.open(outside, TEXT)
    items = ced_items(await pull(pulled, outside))
    assert {d.severity for d in items} == {types.DiagnosticSeverity.Error}
    pulled.close(off)
    pulled.close(outside)


async def test_workspace_folder_added_later(pulled: Session) -> None:
    gama = pulled.root / "gama"  # type: ignore[attr-defined]
    gama.mkdir()
    pulled.client.set_configuration(
        {"rules": {CEDILLA: "off"}}, section="rolint", scope_uri=gama.as_uri()
    )
    uri = (gama / "nou.txt").as_uri()
    pulled.open(uri, TEXT)
    before = pulled.client.diagnostic_refresh_count
    pulled.client.workspace_did_change_workspace_folders(
        types.DidChangeWorkspaceFoldersParams(
            event=types.WorkspaceFoldersChangeEvent(
                added=[types.WorkspaceFolder(uri=gama.as_uri(), name="gama")], removed=[]
            )
        )
    )
    deadline = time.monotonic() + 10
    while pulled.client.diagnostic_refresh_count == before and time.monotonic() < deadline:
        await asyncio.sleep(0.02)
    assert ced_items(await pull(pulled, uri)) == []  # the new folder's own settings
    pulled.close(uri)


async def test_code_actions_resolved_eagerly_with_versioned_edits(pulled: Session) -> None:
    uri = (pulled.root / "beta" / "corectura.txt").as_uri()  # type: ignore[attr-defined]
    text = TEXT + "Şoferii sunt rugaţi să ocolească zona.\n"
    pulled.open(uri, text)
    await pull(pulled, uri)
    at = text.index("ţ")
    actions = await pulled.code_actions(uri, at, at + 1)
    quick = next(
        a for a in actions if a.is_preferred and a.diagnostics and a.diagnostics[0].code == CEDILLA
    )
    assert quick.edit is not None and quick.edit.document_changes  # versioned edits
    change = quick.edit.document_changes[0]
    assert isinstance(change, types.TextDocumentEdit) and change.text_document.version == 1
    assert edits_of(quick.edit, uri)[0].range == lsp_range(text, at, at + 1, "utf-8")
    pulled.apply(uri, quick.edit)
    assert pulled.texts[uri] == text[:at] + "ț" + text[at + 1 :]

    every = next(
        a
        for a in await pulled.code_actions(uri, 0, 0)
        if a.title.startswith("Corectează toate") or a.kind == "source.fixAll.rolint"
    )
    assert every.edit is not None  # this client cannot resolve: the edit comes at once
    pulled.apply(uri, every.edit)
    assert not any(ch in "şţŞŢ" for ch in pulled.texts[uri])
    assert ced_items(await pull(pulled, uri)) == []
    pulled.close(uri)


async def test_configuration_change_asks_the_client_to_pull_again(pulled: Session) -> None:
    uri = (pulled.root / "in-afara-2.txt").as_uri()  # type: ignore[attr-defined]
    pulled.open(uri, TEXT)
    assert {d.severity for d in ced_items(await pull(pulled, uri))} == {
        types.DiagnosticSeverity.Error
    }
    before = pulled.client.diagnostic_refresh_count
    pulled.client.workspace_did_change_configuration(
        types.DidChangeConfigurationParams(settings={"rolint": {"rules": {CEDILLA: "hint"}}})
    )
    deadline = time.monotonic() + 10
    while pulled.client.diagnostic_refresh_count == before and time.monotonic() < deadline:
        await asyncio.sleep(0.02)
    assert pulled.client.diagnostic_refresh_count > before
    assert {d.severity for d in ced_items(await pull(pulled, uri))} == {
        types.DiagnosticSeverity.Hint
    }
    pulled.close(uri)


async def test_check_workspace_in_pull_mode(pulled: Session) -> None:
    beta = pulled.root / "beta"  # type: ignore[attr-defined]
    (beta / "disc.md").write_text("# Anunţ\n", encoding="utf-8")
    (beta / "deschis.txt").write_text("Ştire.\n", encoding="utf-8")
    opened = (beta / "deschis.txt").as_uri()
    pulled.open(opened, "Ştire.\n")
    result = await pulled.command("rolint.checkWorkspace")
    assert result["files"] >= 2
    on_disk = await pulled.diagnostics((beta / "disc.md").as_uri(), None)
    assert [span(d) for d in on_disk if d.code == CEDILLA] == [(0, 6, 0, 8)]  # UTF-8 bytes
    assert opened not in pulled.published  # open documents stay with pulls
    pulled.close(opened)


# -- TCP ---------------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


async def test_tcp_transport(tmp_path: Path) -> None:
    port = _free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "rolint", "lsp", "--tcp", "--port", str(port)],
        stderr=subprocess.PIPE,
    )
    client: LanguageClient = make_test_lsp_client()
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                await client.start_tcp("127.0.0.1", port)
                break
            except OSError:
                if time.monotonic() > deadline or proc.poll() is not None:
                    raise
                await asyncio.sleep(0.1)
        await client.initialize_session(
            types.InitializeParams(capabilities=capabilities(), root_uri=tmp_path.as_uri())
        )
        uri = (tmp_path / "tcp.txt").as_uri()
        client.text_document_did_open(
            types.DidOpenTextDocumentParams(
                text_document=types.TextDocumentItem(
                    uri=uri, language_id="plaintext", version=1, text="Guvernul a anunţat.\n"
                )
            )
        )
        await asyncio.wait_for(
            client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS), 20
        )
        deadline = time.monotonic() + 10
        while uri not in client.diagnostics and time.monotonic() < deadline:
            await asyncio.sleep(0.05)
        assert [span(d) for d in client.diagnostics[uri] if d.code == CEDILLA] == [(0, 15, 0, 16)]
        await client.shutdown_async(None)
        client.exit(None)
        assert await asyncio.to_thread(proc.wait, 20) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
        await client.stop()
        proc.wait()
