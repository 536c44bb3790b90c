"""``POST /v1/fix`` on a real server, and the pure parts of the door: edits on the
content as sent, and fingerprints that survive unrelated edits."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rolint.fixes import apply_edits
from rolint.http.checks import net_edits
from rolint.http.fingerprint import fingerprints, new_memo
from rolint.linter import lint_text
from serve_server import Server, serving, text


@pytest.fixture(scope="module")
def server() -> Iterator[Server]:
    yield from serving()


def _edits_give_content(sent: str, field: dict) -> bool:  # type: ignore[type-arg]
    from rolint.diagnostic import Edit

    edits = [Edit(e["offset"], e["offset"] + e["length"], e["text"]) for e in field["edits"]]
    return apply_edits(sent, edits)[0] == field["content"]


def test_fix_applies_safe_fixes_and_returns_edits_on_the_sent_text(server: Server) -> None:
    html = '<p>Ana &amp; Ion 😀 au spus: "Elevii sînt catalgat bine şi frumos."</p>'
    plain = "Titlu fără greșeli"
    r = server.client.post(
        "/v1/fix", json={"fields": [text("body", html, "html"), text("title", plain)]}
    )
    assert r.status_code == 200
    body, title = r.json()["fields"]
    assert body["changed"] and body["applied"] >= 4
    assert "sunt" in body["content"] and "catalogat" in body["content"]
    assert "și" in body["content"] and "„Elevii" in body["content"]
    assert "&amp;" in body["content"] and "😀" in body["content"]  # untouched bytes stay
    assert _edits_give_content(html, body)
    assert title == {**title, "content": plain, "changed": False, "applied": 0, "edits": []}


def test_fix_result_checks_clean_for_the_fixed_rules(server: Server) -> None:
    sent = "Ei sînt aici.\nŞi noi sîntem."
    fixed = server.client.post("/v1/fix", json={"fields": [text("b", sent)]}).json()
    again = server.client.post(
        "/v1/check", json={"fields": [text("b", fixed["fields"][0]["content"])]}
    )
    rules = {d["rule"] for d in again.json()["fields"][0]["diagnostics"]}
    assert "orthography/old" not in rules and "diacritics/cedilla" not in rules


def test_fix_edit_ranges_follow_position_encoding(server: Server) -> None:
    sent = "😀😀 sînt"
    out = server.client.post(
        "/v1/fix", json={"fields": [text("b", sent)], "position_encoding": "utf-8"}
    ).json()
    (edit,) = out["fields"][0]["edits"]
    assert edit["offset"] == 3 and edit["range"]["start"]["character"] == 9  # 4+4+1 bytes


def test_fix_refuses_bad_requests_like_check(server: Server) -> None:
    r = server.client.post("/v1/fix", json={"fields": [text("b", "x")], "unsafe": "da"})
    assert r.status_code == 422 and r.json()["errors"][0]["pointer"] == "/unsafe"


words = st.sampled_from(["ana", "sînt", "şi", " ", "  ", "\n", ",", "„", "”", "1.000", "x"])


@given(st.lists(words, max_size=40), st.lists(words, max_size=40))
def test_net_edits_turn_old_into_new(a: list[str], b: list[str]) -> None:
    old, new = "".join(a), "".join(b)
    edits = net_edits(old, new)
    assert apply_edits(old, edits)[0] == new
    assert all(e.start <= e.end for e in edits)


def _prints(source: str, fmt: str = "text") -> dict[str, str]:
    _doc, diags = lint_text(source, fmt)
    return {
        f"{d.rule}:{source[d.start : d.end]}": fp
        for d, fp in zip(diags, fingerprints("body", source, fmt, diags), strict=True)
    }


def test_a_service_memo_gives_the_same_fingerprints_and_stays_bounded() -> None:
    source = "Elevii sînt gata.\n\nEi sînt bucuroşi de <b>vacanţă</b>.\n\nŞi profesorii sînt."
    for fmt in ("text", "html"):
        _doc, diags = lint_text(source, fmt)
        plain = fingerprints("body", source, fmt, diags)
        memo = new_memo()
        memo.max_entries = 2
        assert fingerprints("body", source, fmt, diags, memo) == plain
        assert fingerprints("body", source, fmt, diags, memo) == plain  # served from it
        assert len(diags) > 2 and len(memo) == 2


def test_fingerprints_survive_edits_elsewhere() -> None:
    base = "Ministrul a spus că elevii sînt pregătiți pentru examen."
    before = _prints(base)
    moved = _prints("Un paragraf nou la început.\n\n" + base + " Încă o frază.")
    assert before["orthography/old:sînt"] == moved["orthography/old:sînt"]
    # the same finding in another sentence is another finding
    other = _prints("Părinții sînt îngrijorați.")
    assert other["orthography/old:sînt"] != before["orthography/old:sînt"]


def test_fingerprints_ignore_markup_around_the_finding() -> None:
    plain = _prints("Elevii sînt gata.")
    html = _prints("<p>Elevii <b>sînt</b> gata.</p>", "html")
    assert plain["orthography/old:sînt"] == html["orthography/old:sînt"]
