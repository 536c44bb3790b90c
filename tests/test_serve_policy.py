"""``[serve.policy]``: validation in rolint.toml, and the three verdicts from real servers."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from rolint.config import ConfigError, parse
from rolint.http.policy import Policy, ServeSettings
from serve_server import Server, check, text

CEDILLA = "Directorul şcolii a vorbit cu părinții."
OLD = "Locuitorii sînt nemulțumiți de drumuri."
BOTH = f"{CEDILLA} {OLD}"


def test_defaults_when_no_serve_table() -> None:
    assert parse({}).serve is None
    settings = parse({"serve": {}}).serve
    assert settings == ServeSettings()
    assert settings.body_limit == 2 * 1024 * 1024


def test_policy_is_read_and_validated() -> None:
    cfg = parse(
        {
            "serve": {
                "queue": 4,
                "policy": {
                    "block": ["error", "diacritics/cedilla"],
                    "warn": ["orthography"],
                    "on-incomplete": "block",
                },
            }
        }
    )
    assert cfg.serve.queue == 4
    assert cfg.serve.policy == Policy(
        ("error", "diacritics/cedilla"), ("orthography",), on_incomplete="block"
    )


@pytest.mark.parametrize(
    ("table", "key"),
    [
        ({"policy": {"block": ["diacritics/nu-exista"]}}, "serve.policy.block"),
        ({"policy": {"warn": "warning"}}, "serve.policy.warn"),
        ({"policy": {"on-incomplete": "maybe"}}, "serve.policy.on-incomplete"),
        ({"policy": {"blok": []}}, "serve.policy.blok"),
        ({"queue": 0}, "serve.queue"),
        ({"body-limit-mb": "2"}, "serve.body-limit-mb"),
        ({"port": 80}, "serve.port"),
        ("on", "serve"),
    ],
)
def test_invalid_serve_tables_name_the_key(table: object, key: str) -> None:
    with pytest.raises(ConfigError) as err:
        parse({"serve": table})
    assert repr(key) in str(err.value) or key in str(err.value)


def test_most_specific_entry_wins() -> None:
    p = Policy(block=("warning",), warn=("spelling",))
    assert p.action("spelling/typo", "warning") == "warn"  # family beats severity
    assert p.action("quotes/style", "warning") == "block"
    p = Policy(block=("spelling/typo",), warn=("spelling",))
    assert p.action("spelling/typo", "warning") == "block"  # rule id beats family
    assert p.action("spelling/unknown", "warning") == "warn"
    assert Policy(block=("info",), warn=("info",)).action("x/y", "info") == "block"
    assert Policy(block=(), warn=()).action("x/y", "error") is None


BLOCKING = """
[serve.policy]
block = ["diacritics/cedilla"]
warn = ["orthography"]
"""


@pytest.fixture(scope="module")
def blocking() -> Iterator[Server]:
    s = Server(BLOCKING)
    s.wait_ready()
    yield s
    assert s.terminate() == 0
    s.close()


def test_three_verdicts_from_one_policy(blocking: Server) -> None:
    assert check(blocking, [text("t", "Ședința a început la ora zece.")]).json()["verdict"] == (
        "publish"
    )
    warn = check(blocking, [text("t", OLD)]).json()
    assert warn["verdict"] == "warn"
    assert warn["reasons"] and warn["reasons"][0].startswith("Avertisment: orthography/old")
    block = check(blocking, [text("t", BOTH)]).json()
    assert block["verdict"] == "block" and block["overridden"] is False
    assert block["reasons"][0].startswith("Blochează publicarea: diacritics/cedilla")
    flags = {d["rule"]: d["blocking"] for d in block["fields"][0]["diagnostics"]}
    # cedilla and comma-below letters are mixed here, hence diacritics/mixed (info) too
    assert flags == {
        "diacritics/cedilla": True,
        "orthography/old": False,
        "diacritics/mixed": False,
    }


def test_ignoring_the_blocking_finding_lifts_the_block(blocking: Server) -> None:
    first = check(blocking, [text("t", BOTH)]).json()
    (cedilla,) = [d for d in first["fields"][0]["diagnostics"] if d["blocking"]]
    again = check(blocking, [text("t", BOTH)], ignore=[cedilla["fingerprint"]]).json()
    assert again["verdict"] == "warn" and again["ignored"] == 1


def test_override_is_recorded(blocking: Server) -> None:
    override = {"user": "ana.redactor", "reason": "Citat exact din documentul oficial."}
    r = check(blocking, [text("t", BOTH)], override=override, document={"id": "99"})
    body = r.json()
    assert body["verdict"] == "block" and body["overridden"] is True
    assert "ana.redactor" in body["reasons"][0]
    audits = blocking.wait_log(lambda x: x["event"] == "override")
    assert audits and audits[-1]["user"] == "ana.redactor"
    assert audits[-1]["reason"] == override["reason"] and audits[-1]["document_id"] == "99"
    assert audits[-1]["rules"] == ["diacritics/cedilla"]
    assert audits[-1]["check_id"] == body["check_id"]
    metrics = blocking.client.get("/metrics").text
    assert 'rolint_overrides_total{rule="diacritics/cedilla"} 1.0' in metrics


def test_override_without_a_block_changes_nothing(blocking: Server) -> None:
    override = {"user": "ana", "reason": "nu e nevoie"}
    body = check(blocking, [text("t", OLD)], override=override).json()
    assert body["verdict"] == "warn" and body["overridden"] is False


INCOMPLETE = """
[serve]
check-timeout-ms = 1
[serve.policy]
block = []
warn = []
on-incomplete = "block"
"""


def test_a_check_over_its_time_budget_is_incomplete(tmp_path: object) -> None:
    s = Server(INCOMPLETE)
    try:
        s.wait_ready()
        # a long article never seen before: it cannot be checked in 1 ms
        article = "\n\n".join(
            f"Paragraful {i} spune că ţara are {i} județe noi." for i in range(400)
        )
        body = check(s, [text("body", article)]).json()
        assert body["complete"] is False and body["incomplete_reason"]
        assert body["verdict"] == "block"  # on-incomplete = block
        assert body["reasons"][-1].startswith("Verificare incompletă")
        assert "rolint_incomplete_checks_total 1.0" in s.client.get("/metrics").text
    finally:
        assert s.terminate() == 0
        s.close()


def test_vocabulary_change_is_a_new_ruleset(tmp_path: Path) -> None:
    """Editing the accept list changes the ruleset id: cached answers are not reused."""
    accept = tmp_path / "accept.txt"
    accept.write_text("", encoding="utf-8")
    s = Server(f'[vocabulary]\naccept = ["{accept}"]\n')
    try:
        s.wait_ready()
        word = "Redacția a scris despre Zmeurelnița."
        first = check(s, [text("t", word)]).json()
        accept.write_text("Zmeurelnița\n", encoding="utf-8")
        os.utime(accept, (time.time() + 5, time.time() + 5))
        second = check(s, [text("t", word)]).json()
        assert second["ruleset"] != first["ruleset"]
        assert s.client.get("/readyz").json()["ruleset"] == second["ruleset"]
    finally:
        assert s.terminate() == 0
        s.close()
