"""LanguageTool inside `rolint serve`'s time budget, through a real uvicorn on loopback.

A LanguageTool that answers adds `languagetool/*` findings; one that is down leaves the
built-in findings and verdict in time, with `complete: false` (and `on-incomplete`
deciding what that means for publishing).
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from rolint.languagetool import local
from serve_server import Server, check, free_port, serving, text
from test_languagetool_server import require_languagetool

PLEONASM = "Este o soluție mai optimă pentru cartier, a spus primarul."
CEDILLA = "Primarul a vizitat şcoala din comună."


def _config(url: str, on_incomplete: str = "warn") -> str:
    return (
        f'[languagetool]\nenabled = true\nurl = "{url}"\ntimeout-ms = 20000\n'
        f'[serve]\ncheck-timeout-ms = 30000\n[serve.policy]\non-incomplete = "{on_incomplete}"\n'
    )


@pytest.fixture(scope="module")
def dead() -> Iterator[Server]:
    """LanguageTool configured on a port where nothing listens."""
    yield from serving(config=_config(f"http://127.0.0.1:{free_port()}", "block"))


@pytest.fixture(scope="module")
def alive() -> Iterator[Server]:
    """LanguageTool on a real local server (started once by this test process)."""
    require_languagetool()
    yield from serving(config=_config(local.ensure()))


def test_languagetool_down_gives_the_builtin_verdict_incomplete(dead: Server) -> None:
    body = check(dead, [text("body", CEDILLA)]).json()
    assert body["complete"] is False
    assert "LanguageTool" in body["incomplete_reason"]
    (field,) = body["fields"]
    assert [d["rule"] for d in field["diagnostics"]] == ["diacritics/cedilla"]
    assert body["verdict"] == "block"  # on-incomplete = "block"


def test_languagetool_findings_join_the_answer(alive: Server) -> None:
    body = check(alive, [text("body", PLEONASM)]).json()
    assert body["complete"] is True and body["incomplete_reason"] is None
    (field,) = body["fields"]
    found = [d for d in field["diagnostics"] if d["rule"] == "languagetool/PLEONASM__MAI"]
    assert len(found) == 1
    start = found[0]["offset"]
    assert PLEONASM[start : start + found[0]["length"]].startswith("mai optimă")
    assert found[0]["fingerprint"] and found[0]["url"]
