"""``POST /v1/check`` through a real ``rolint serve`` on loopback: formats, positions,
verdicts, ignore and override, responses valid against the published OpenAPI."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from serve_server import Server, check, serving, text

# Our own sentences, each with a known newsroom mistake.
CEDILLA = "Primarul a vizitat şcoala din comună."  # ş with a cedilla
OLD = "Elevii sînt mulțumiți de noua sală de sport."  # pre-1993 spelling
TYPO = "Proiectul a fost catalgat drept reușit de toți."  # known misspelling
CLEAN = "Consiliul local s-a întrunit marți seara."


@pytest.fixture(scope="module")
def server() -> Iterator[Server]:
    yield from serving()


@pytest.fixture(scope="module")
def openapi(server: Server) -> dict[str, Any]:
    doc = server.client.get("/openapi.json").json()
    assert doc["openapi"].startswith("3.1")
    return doc


def response_schema(openapi: dict[str, Any], path: str, status: str = "200") -> Any:
    content = openapi["paths"][path]["post"]["responses"][status]["content"]
    return next(iter(content.values()))["schema"]


def diagnostics(body: dict[str, Any], field: str) -> list[dict[str, Any]]:
    return next(f["diagnostics"] for f in body["fields"] if f["name"] == field)


def test_each_format_points_into_its_source(server: Server, openapi: dict[str, Any]) -> None:
    fields = [
        text("title", CEDILLA),
        text("lead", f"## Subtitlu\n\n*{OLD}*", "markdown"),
        text("body", f"<p><b>Atenție:</b> {TYPO}</p>", "html"),
    ]
    r = check(server, fields)
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("application/json")
    body = r.json()
    Draft202012Validator(response_schema(openapi, "/v1/check")).validate(body)
    assert body["version"] == 1 and body["complete"] is True
    assert body["incomplete_reason"] is None
    wanted = {"title": ("diacritics/cedilla", "ş"), "lead": ("orthography/old", "sînt")}
    wanted["body"] = ("spelling/typo", "catalgat")
    for f in fields:
        rule, flagged = wanted[f["name"]]
        found = [d for d in diagnostics(body, f["name"]) if d["rule"] == rule]
        assert found, (f["name"], diagnostics(body, f["name"]))
        d = found[0]
        assert f["content"][d["offset"] : d["offset"] + d["length"]] == flagged
        assert d["url"] == f"{server.url}/v1/rules/{rule}"
        assert d["fingerprint"].startswith("rl1:")
        assert isinstance(d["blocking"], bool)
    assert sum(body["counts"].values()) == sum(len(f["diagnostics"]) for f in body["fields"])


def _units(prefix: str, encoding: str) -> int:
    if encoding == "utf-16":
        return len(prefix.encode("utf-16-le")) // 2
    if encoding == "utf-8":
        return len(prefix.encode("utf-8"))
    return len(prefix)


@pytest.mark.parametrize("encoding", ["utf-16", "utf-8", "utf-32"])
def test_html_offsets_after_entities_and_emoji(server: Server, encoding: str) -> None:
    html = "<h2>Știri</h2>\n<p>Ana &amp; Ion &#8222;vin&#8221; 😀 azi; elevii sînt acasă.</p>"
    r = check(server, [text("body", html, "html")], position_encoding=encoding)
    assert r.status_code == 200
    (d,) = [d for d in diagnostics(r.json(), "body") if d["rule"] == "orthography/old"]
    start = html.index("sînt")
    assert (d["offset"], d["length"]) == (start, 4)
    line_start = html.rindex("\n", 0, start) + 1
    assert d["range"]["start"] == {"line": 1, "character": _units(html[line_start:start], encoding)}
    end = _units(html[line_start : start + 4], encoding)
    assert d["range"]["end"] == {"line": 1, "character": end}
    edit = d["fix"]["edits"][0]
    assert edit["range"] == d["range"] and edit["text"] == "sunt"


def test_clean_article_publishes(server: Server) -> None:
    body = check(server, [text("title", CLEAN)]).json()
    assert body["verdict"] == "publish"
    assert body["reasons"] == [] and body["counts"]["warning"] == 0


def test_default_policy_warns_on_warnings(server: Server) -> None:
    body = check(server, [text("title", CEDILLA)]).json()
    assert body["verdict"] == "warn"
    assert any("diacritics/cedilla" in r for r in body["reasons"])
    assert not any(d["blocking"] for d in diagnostics(body, "title"))


def test_ignored_findings_stay_ignored_while_text_changes(server: Server) -> None:
    first = check(server, [text("body", f"{CEDILLA}\n\n{OLD}")]).json()
    (cedilla,) = [d for d in diagnostics(first, "body") if d["rule"] == "diacritics/cedilla"]
    edited = f"Un paragraf nou, scris mai târziu.\n\n{CEDILLA}\n\n{OLD} Altă frază la final."
    second = check(server, [text("body", edited)], ignore=[cedilla["fingerprint"]]).json()
    rules = [d["rule"] for d in diagnostics(second, "body")]
    assert "diacritics/cedilla" not in rules
    assert "orthography/old" in rules
    assert second["ignored"] == 1
    # the same finding elsewhere is another finding: not dismissed
    other = "Directorul a deschis şedința."
    third = check(server, [text("body", f"{edited}\n\n{other}")], ignore=[cedilla["fingerprint"]])
    assert [d["rule"] for d in diagnostics(third.json(), "body")].count("diacritics/cedilla") == 1


def test_equal_findings_get_distinct_fingerprints(server: Server) -> None:
    body = check(server, [text("body", f"{OLD} {OLD}")]).json()
    prints = [d["fingerprint"] for d in diagnostics(body, "body") if d["rule"] == "orthography/old"]
    assert len(prints) == 2 and len(set(prints)) == 2


def test_request_log_line_and_request_id(server: Server) -> None:
    r = server.client.post(
        "/v1/check",
        json={"document": {"id": "art-42", "revision": 3}, "fields": [text("title", OLD)]},
        headers={"X-Request-Id": "cms-req-1"},
    )
    assert r.headers["x-request-id"] == "cms-req-1"
    lines = server.wait_log(lambda x: x.get("request_id") == "cms-req-1")
    assert len(lines) == 1
    line = lines[0]
    assert line["event"] == "request" and line["status"] == 200
    assert line["document_id"] == "art-42" and line["revision"] == 3
    assert line["verdict"] == "warn" and line["latency_ms"] >= 0
    assert line["check_id"] == r.json()["check_id"]


def test_cache_answers_a_repeated_check(server: Server) -> None:
    fields = [text("body", "Pompierii au stins focul repede. Doi oameni sînt răniți.")]
    first = check(server, fields).json()
    before = _metric(server, 'rolint_cache_lookups_total{result="hit"}')
    second = check(server, fields).json()
    assert _metric(server, 'rolint_cache_lookups_total{result="hit"}') == before + 1
    assert first["fields"] == second["fields"] and first["check_id"] != second["check_id"]
    assert first["content_hash"] == second["content_hash"]


def _metric(server: Server, name: str) -> float:
    for line in server.client.get("/metrics").text.splitlines():
        if line.startswith(name + " "):
            return float(line.split()[-1])
    return 0.0


def test_metrics_count_checks_by_verdict(server: Server) -> None:
    before = _metric(server, 'rolint_checks_total{verdict="publish"}')
    check(server, [text("title", "Vremea va fi însorită mâine.")])
    assert _metric(server, 'rolint_checks_total{verdict="publish"}') == before + 1
    page = server.client.get("/metrics").text
    assert "rolint_check_duration_seconds_bucket" in page


def test_rules_list_and_doc_page(server: Server) -> None:
    rules = server.client.get("/v1/rules").json()
    ids = {r["id"] for r in rules["rules"]}
    assert "diacritics/cedilla" in ids and rules["version"] == 1
    page = server.client.get("/v1/rules/diacritics/cedilla")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert "diacritics/cedilla" in page.text and "Ce face" in page.text
    missing = server.client.get("/v1/rules/nu/exista")
    assert missing.status_code == 404
    assert missing.headers["content-type"] == "application/problem+json"


def test_health_endpoints(server: Server) -> None:
    for path in ("/livez", "/healthz", "/readyz"):
        assert server.client.get(path).status_code == 200
    assert server.client.get("/").headers["content-type"].startswith("text/html")


def test_openapi_of_an_open_server_asks_no_auth(openapi: dict[str, Any]) -> None:
    op = openapi["paths"]["/v1/check"]["post"]
    assert op["security"] == [] and op["parameters"] == []
