"""LanguageTool integration, the parts that need no server: UTF-16 arithmetic, the
annotated text of HTML and Markdown, the merge table, config validation, the pinned
checksums. The server-backed behaviour is in test_languagetool_server.py."""

from __future__ import annotations

from pathlib import Path

import pytest

from rolint.config import ConfigError, parse
from rolint.diagnostic import Diagnostic
from rolint.languagetool import install
from rolint.languagetool.annotate import Utf16, request_for, source_span
from rolint.languagetool.convert import severity_for, to_diagnostics
from rolint.languagetool.merge import SUBSUMED, merge
from rolint.languagetool.settings import ENV_URL, from_table
from rolint.readers import read
from rolint.rule import Severity


def utf16_units(text: str) -> int:
    """Independent count: UTF-16 code units are the encoded bytes over two."""
    return len(text.encode("utf-16-le")) // 2


# -- UTF-16 -------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["abc", "țară și 😀 apoi 🇷🇴 gata", "😀😀x", "x😀"])
def test_utf16_to_code_points_matches_encoding(text: str) -> None:
    conv = Utf16(text)
    for cp in range(len(text) + 1):
        assert conv.to_cp(utf16_units(text[:cp])) == cp


def test_utf16_inside_a_surrogate_pair_maps_to_the_pair_start() -> None:
    conv = Utf16("a😀b")
    assert conv.to_cp(2) == 1  # the low surrogate of 😀 (units 1..2)


# -- requests and positions -----------------------------------------------------------


def annotated_string(payload: list[dict[str, str]]) -> str:
    return "".join(p.get("text", p.get("markup", "")) for p in payload)


def test_plain_text_request_is_the_block_text() -> None:
    doc = read("Titlu\n\nPrimul paragraf are text.\n", "text", None, False)
    req = request_for(doc, doc.blocks[1])
    assert not req.annotated
    assert req.sent == "Primul paragraf are text."
    assert doc.source[req.base : req.base + len(req.sent)] == req.sent


def test_html_annotation_rebuilds_the_source_and_interprets_entities() -> None:
    source = "<h1>Titlu</h1>\n<p>😀 Ea <b>sa</b> dus &amp; acasă.<br>Apoi a plecat.</p>\n"
    doc = read(source, "html", None, False)
    para = next(b for b in doc.blocks if "dus" in doc.block_text(b))
    req = request_for(doc, para)
    assert req.annotated
    payload = req.payload()
    # text + markup together are exactly the block's source slice
    assert annotated_string(payload) == req.sent == source[req.base : req.base + len(req.sent)]
    # what LanguageTool reads (text + interpretAs) is the lint text rules see
    read_as = "".join(p.get("text", p.get("interpretAs", "")) for p in payload)
    assert read_as.replace("\n", " ") == doc.block_text(para).replace("\n", " ")
    assert {"markup": "&amp;", "interpretAs": "&"} in payload


def test_markdown_annotation_keeps_syntax_as_markup() -> None:
    source = "# Titlu\n\nEa *sa* dus [acasă](https://exemplu.ro) ieri.\n"
    doc = read(source, "markdown", None, False)
    para = doc.blocks[1]
    req = request_for(doc, para)
    payload = req.payload()
    assert annotated_string(payload) == source[req.base : req.base + len(req.sent)]
    assert {"markup": "](https://exemplu.ro)"} in payload
    assert "".join(p.get("text", "") for p in payload) == doc.block_text(para)


def test_source_span_of_a_match_after_an_emoji_in_html() -> None:
    source = "<p>😀 Ea <b>sa dus</b> acasă.</p>"
    doc = read(source, "html", None, False)
    req = request_for(doc, doc.blocks[0])
    target = source.index("sa dus")
    offset = utf16_units(source[req.base : target])  # what LanguageTool would answer
    start, end = source_span(doc, req, offset, utf16_units("sa dus"))
    assert source[start:end] == "sa dus"


def test_match_json_becomes_a_diagnostic_with_replacements_and_an_unsafe_fix() -> None:
    text = "Ea 😀 sa dus acasă."
    doc = read(text, "text", None, False)
    req = request_for(doc, doc.blocks[0])
    match = {
        "message": "Ați dorit să scrieți „s-a dus”?",
        "offset": utf16_units(text[: text.index("sa")]),
        "length": 6,
        "replacements": [{"value": "s-a dus"}],
        "rule": {"id": "SA_DUS", "issueType": "grammar", "category": {"id": "MISC"}},
    }
    (d,) = to_diagnostics(doc, req, [match], {})
    assert d.rule == "languagetool/SA_DUS"
    assert text[d.start : d.end] == "sa dus"
    assert d.replacements == ("s-a dus",)
    assert d.fix is not None and not d.fix.safe
    assert d.data is not None and d.data["category"] == "MISC"


def test_rule_settings_apply_to_languagetool_ids_and_family() -> None:
    assert severity_for("languagetool/X", "grammar", {}) is Severity.WARNING
    assert severity_for("languagetool/X", "style", {}) is Severity.INFO
    assert severity_for("languagetool/X", "grammar", {"languagetool/X": "off"}) is None
    assert severity_for("languagetool/X", "grammar", {"languagetool": "hint"}) is Severity.HINT
    both = {"languagetool": "off", "languagetool/X": "error"}
    assert severity_for("languagetool/X", "grammar", both) is Severity.ERROR


# -- the merge ----------------------------------------------------------------------------


def diag(rule: str, text: str, word: str, nth: int = 0, reps: tuple[str, ...] = ()) -> Diagnostic:
    start = -1
    for _ in range(nth + 1):
        start = text.index(word, start + 1)
    return Diagnostic(rule, Severity.WARNING, "m", start, start + len(word), reps)


def test_speller_match_on_a_word_we_flag_is_dropped() -> None:
    text = "Ministrul a anunţat măsuri."
    doc = read(text, "text", None, False)
    ours = [diag("diacritics/cedilla", text, "ţ")]
    theirs = [diag("languagetool/MORFOLOGIK_RULE_RO_RO", text, "anunţat")]
    assert merge(doc, ours, theirs) == ours


def test_speller_match_on_a_word_we_accept_is_dropped_other_rules_kept() -> None:
    text = "Halep a câștigat. Este cea mai optimă soluție."
    doc = read(text, "text", None, False)
    theirs = [
        diag("languagetool/MORFOLOGIK_RULE_RO_RO", text, "Halep"),
        diag("languagetool/PLEONASM__MAI", text, "mai optimă"),
    ]
    merged = merge(doc, [], theirs, accepts=lambda w: w == "Halep")
    assert [d.rule for d in merged] == ["languagetool/PLEONASM__MAI"]
    # without our speller's opinion, the speller match stays
    assert len(merge(doc, [], theirs, accepts=None)) == 2


def test_bracket_rule_dropped_only_in_a_block_where_quotes_style_fires() -> None:
    text = "El a spus ”ceva” ieri.\n\nAlt paragraf (fără pereche.\n"
    doc = read(text, "text", None, False)
    ours = [diag("quotes/style", text, "”")]
    theirs = [
        diag("languagetool/UNPAIRED_BRACKETS", text, "”", nth=1),
        diag("languagetool/UNPAIRED_BRACKETS", text, "("),
    ]
    merged = merge(doc, ours, theirs)
    assert [(d.rule, text[d.start : d.end]) for d in merged] == [
        ("quotes/style", "”"),
        ("languagetool/UNPAIRED_BRACKETS", "("),
    ]


def test_same_span_same_correction_is_one_finding() -> None:
    text = "Ea sa dus acasă."
    doc = read(text, "text", None, False)
    ours = [diag("spelling/typo", text, "sa dus", reps=("s-a dus",))]
    same = diag("languagetool/SA_DUS", text, "sa dus", reps=("s-a dus",))
    other = diag("languagetool/SA_DUS", text, "sa dus", reps=("s-au dus",))
    assert merge(doc, ours, [same]) == ours
    assert len(merge(doc, ours, [other])) == 2


def test_every_subsumer_names_rules_that_exist() -> None:
    from rolint import registry

    for lt_rule, sub in SUBSUMED.items():
        assert sub.scope in ("overlap", "block"), lt_rule
        for name in sub.ours:
            assert registry.is_known(name) and not name.startswith("languagetool"), name


# -- config and settings ---------------------------------------------------------------------


def test_languagetool_table_is_validated() -> None:
    cfg = parse({"languagetool": {"enabled": True, "timeout-ms": 500, "picky": True}})
    s = from_table(cfg.languagetool, environ={})
    assert (s.enabled, s.timeout_ms, s.picky, s.url) == (True, 500, True, "")
    for bad in (
        {"enabled": "da"},
        {"timeout-ms": 0},
        {"timeout-ms": True},
        {"url": "ftp://x"},
        {"disabled-rules": "A,B"},
        {"speller": True},
    ):
        with pytest.raises(ConfigError, match="languagetool"):
            parse({"languagetool": bad})


def test_env_url_overrides_and_enables() -> None:
    s = from_table({"url": "http://a:1", "enabled": False}, environ={ENV_URL: "http://b:2/"})
    assert (s.enabled, s.url) == (True, "http://b:2")
    assert not from_table({}, environ={}).enabled


# -- install ---------------------------------------------------------------------------------


def test_pinned_manifest_lists_the_romanian_module_and_the_server() -> None:
    names = install.pinned()
    assert f"language-ro-{install.LT_VERSION}.jar" in names
    assert f"languagetool-server-{install.LT_VERSION}.jar" in names
    assert all(len(d) == 64 for d in names.values())


def test_local_server_keeps_its_pipelines_between_requests() -> None:
    """Without pipeline caching LanguageTool builds its rules again for every request
    (~7x the time per paragraph, benchmarks/RESULTS-languagetool.md)."""
    from importlib.resources import files

    from rolint.languagetool import local

    shipped = files("rolint.languagetool").joinpath("server.properties").read_text("utf-8")
    props = dict(
        line.split("=", 1) for line in shipped.splitlines() if line and not line.startswith("#")
    )
    assert props["pipelineCaching"] == "true"
    assert int(props["maxPipelinePoolSize"]) >= 4
    try:
        cmd = local.java_command(8081)
    except local.Unavailable:
        pytest.skip("Java or the LanguageTool jars are not installed")
    assert Path(cmd[cmd.index("--config") + 1]) == local.SERVER_PROPERTIES


def test_verify_reports_missing_extra_and_tampered_jars(tmp_path: Path) -> None:
    name = f"language-ro-{install.LT_VERSION}.jar"
    (tmp_path / name).write_bytes(b"not the real jar")
    (tmp_path / "extra.jar").write_bytes(b"x")
    problems = install.verify(tmp_path)
    assert f"sumă de control greșită: {name}" in problems
    assert "în plus extra.jar" in problems
    assert any(p.startswith("lipsește ") for p in problems)
    assert not install.installed(tmp_path)


def test_quote_rules_dropped_only_on_the_mark_ours_flags() -> None:
    """LanguageTool's inner-quote rule on «…» is kept beside our quotes/style finding
    on another mark of the same paragraph; on the same mark it is ours alone."""
    text = 'El a spus "da" și „ea a zis “nu” atunci”.\n'
    doc = read(text, "text", None, False)
    ours = [diag("quotes/style", text, '"')]
    inner = diag("languagetool/GHILIMELE_DUBLE_INTERIOR_INCEPUT", text, "“")
    same = diag("languagetool/GHILIMELE_DUBLE_INCEPUT", text, '"')
    merged = merge(doc, ours, [inner, same])
    assert [d.rule for d in merged] == ["quotes/style", inner.rule]
