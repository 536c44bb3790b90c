"""The language server's plain parts, without a client: settings and their layering,
the text store, fix edits, the ignore comment, and the vocabulary file writer.

Example counts: the property tests draw ``examples(n)``, a quarter of the full
count ``n`` (at least 100) by default and all of it with ``ROLINT_FUZZ=long``
(tests/examples.py).
"""

from __future__ import annotations

import multiprocessing
import threading
from pathlib import Path

import pytest
from lsprotocol import types

from examples import examples
from rolint.config import Config, Override
from rolint.diagnostic import Diagnostic, Edit, Fix
from rolint.fixes import apply_edits, fix_text
from rolint.linter import lint_text
from rolint.lsp import actions, checks, convert
from rolint.lsp import settings as settings_mod
from rolint.lsp.documents import OpenDocument, uri_to_path
from rolint.rule import Severity
from rolint.vocabulary import VocabularyError, add_word

CEDILLA = "diacritics/cedilla"


# -- settings --------------------------------------------------------------------------


def test_settings_parse_the_extension_shape() -> None:
    raw = {
        "rules": {CEDILLA: "Error", "diacritics": "off"},
        "failOn": "warning",
        "vocabulary": " voc/accept.txt ",
        "languageTool": {"url": ""},
        "debounceMs": 75.4,
    }
    s = settings_mod.parse(raw)
    assert dict(s.rules) == {CEDILLA: "error", "diacritics": "off"}
    assert (s.fail_on, s.vocabulary, s.debounce_ms, s.warnings) == (
        "warning",
        "voc/accept.txt",
        75,
        (),
    )
    assert settings_mod.parse({"rolint": raw}) == s  # didChangeConfiguration wraps it


@pytest.mark.parametrize("raw", [None, {}, [], "x"])
def test_settings_defaults(raw: object) -> None:
    s = settings_mod.parse(raw)
    assert s.rules == () and s.debounce_ms == settings_mod.DEFAULT_DEBOUNCE_MS


def test_bad_settings_are_dropped_and_reported() -> None:
    s = settings_mod.parse(
        {
            "rules": {"nu/exista": "error", CEDILLA: "loud"},
            "debounceMs": -3,
            "failOn": "sometimes",
            "vocabulary": 7,
            "languages": {"rst": "docbook"},
        }
    )
    assert s.rules == ()
    assert s.debounce_ms == settings_mod.DEFAULT_DEBOUNCE_MS
    assert s.fail_on == "" and s.vocabulary == ""
    assert len(s.warnings) == 6


def test_format_by_language_id_then_extension() -> None:
    s = settings_mod.parse(
        {"languages": {"restructuredtext": "text", "html": "off"}, "extensions": {"rst": "text"}}
    )
    assert settings_mod.format_for(s, "markdown", "/a/b.txt") == "markdown"
    assert settings_mod.format_for(s, "restructuredtext", None) == "text"
    assert settings_mod.format_for(s, "html", "/a/b.html") == "html"  # id off: extension
    assert settings_mod.format_for(s, "python", "/a/b.py") is None
    assert settings_mod.format_for(s, "unknown", "/a/B.RST") == "text"


def test_editor_rules_layer_over_project_and_overrides(tmp_path: Path) -> None:
    base = Config(
        path=tmp_path / "rolint.toml",
        root=tmp_path,
        rules={CEDILLA: "error", "quotes": "off"},
        overrides=(Override(("opinii/**",), {CEDILLA: "hint"}),),
    )
    editor = settings_mod.parse({"rules": {"quotes": "warning"}})
    doc = str(tmp_path / "opinii" / "a.txt")
    cfg = settings_mod.effective_config(base, editor, doc, tmp_path)
    assert cfg.overrides == ()
    assert cfg.rules_for(doc) == {CEDILLA: "hint", "quotes": "warning"}
    editor = settings_mod.parse({"rules": {CEDILLA: "off"}})
    assert settings_mod.effective_config(base, editor, doc, tmp_path).rules[CEDILLA] == "off"


def test_vocabulary_file_choice(tmp_path: Path) -> None:
    none = settings_mod.Settings()
    folder = tmp_path / "ws"
    no_config = Config(root=tmp_path / "elsewhere")
    assert settings_mod.vocabulary_file(no_config, none, folder) == folder / ".rolint/accept.txt"
    with_config = Config(
        path=tmp_path / "rolint.toml",
        root=tmp_path,
        accept_files=(tmp_path / "voc" / "a.txt", tmp_path / "b.txt"),
    )
    assert settings_mod.vocabulary_file(with_config, none, folder) == tmp_path / "voc" / "a.txt"
    mine = settings_mod.parse({"vocabulary": "personal.txt"})
    assert settings_mod.vocabulary_file(with_config, mine, folder) == folder / "personal.txt"
    layered = settings_mod.effective_config(no_config, none, None, folder)
    assert layered.accept_files == (folder / ".rolint/accept.txt",)


# -- text store ------------------------------------------------------------------------


def _change(
    sl: int, sc: int, el: int, ec: int, text: str
) -> types.TextDocumentContentChangePartial:
    return types.TextDocumentContentChangePartial(
        range=types.Range(
            start=types.Position(line=sl, character=sc), end=types.Position(line=el, character=ec)
        ),
        text=text,
    )


def test_incremental_changes_in_each_encoding() -> None:
    text = "a😀b\r\nșc\n"
    for enc, col in (("utf-16", 3), ("utf-8", 5), ("utf-32", 2)):
        doc = OpenDocument("file:///x.txt", text)
        doc.apply([_change(0, col, 0, col + 1, "B"), _change(1, 0, 1, 0, ">")], enc)
        assert doc.text == "a😀B\r\n>șc\n"
    doc = OpenDocument("file:///x.txt", text)
    doc.apply(
        [
            _change(0, 1, 1, 1, ""),  # across the CRLF
            types.TextDocumentContentChangeWholeDocument(text="nou"),
            _change(0, 3, 0, 99, "!"),
        ],
        "utf-16",
    )  # past the end of the line: clamped
    assert doc.text == "nou!"


def test_uri_to_path() -> None:
    assert uri_to_path("file:///tmp/a%20b/%C8%99.txt") == Path("/tmp/a b/ș.txt")
    assert uri_to_path("untitled:Untitled-1") is None


# -- fixes and actions -----------------------------------------------------------------


def _result(text: str, fmt: str = "text") -> checks.CheckResult:
    doc, diags = lint_text(text, fmt)
    return checks.CheckResult(1, text, doc, diags, [], "utf-16", Config(), fmt, None)


def test_fix_edits_equal_rolint_fix() -> None:
    text = "Ştirea: guvernul a anunţat că ţara are ş şi ţ.\n"
    res = _result(text)
    edits = checks.fix_edits(res)
    want = fix_text(text, lambda t: lint_text(t)[1])[0]
    assert apply_edits(text, edits)[0] == want
    only = checks.fix_edits(res, CEDILLA)
    assert apply_edits(text, only)[0] == text.translate(str.maketrans("şţŞ", "șțȘ"))
    assert all(e.end - e.start == 1 for e in only)  # one edit per letter


def test_overlapping_fixes_fall_back_to_one_edit() -> None:
    fixes = [
        Diagnostic("x/y", Severity.WARNING, "m", 1, 4, fix=Fix((Edit(1, 4, "X"),), True)),
        Diagnostic("x/y", Severity.WARNING, "m", 2, 5, fix=Fix((Edit(2, 5, "Y"),), True)),
    ]
    assert not checks._disjoint([f.fix.edits[0] for f in fixes if f.fix])
    edit = checks._diff_edit("abcdef", "aXef")
    assert edit == Edit(1, 4, "X")
    assert apply_edits("abcdef", [edit])[0] == "aXef"
    assert checks._diff_edit("same", "same") == Edit(4, 4, "")


def test_ignore_comment_goes_above_or_extends_one() -> None:
    text = "Titlu\n\n  Text cu anunţ aici.\n"
    res = _result(text)
    d = next(d for d in res.diags if d.rule == CEDILLA)
    edit = actions._ignore_edit(res, CEDILLA, d.start)
    new = apply_edits(text, [edit])[0]
    assert new == f"Titlu\n\n  <!-- rolint-disable-next-line {CEDILLA} -->\n  Text cu anunţ aici.\n"
    res2 = _result(new)
    assert not [x for x in res2.diags if x.rule == CEDILLA]
    text3 = 'Titlu\n\n<!-- rolint-disable-next-line quotes -->\nanunţ "x"\r\n'
    res3 = _result(text3)
    d3 = next(d for d in res3.diags if d.rule == CEDILLA)
    edit3 = actions._ignore_edit(res3, CEDILLA, d3.start)
    assert apply_edits(text3, [edit3])[0] == (
        f'Titlu\n\n<!-- rolint-disable-next-line quotes {CEDILLA} -->\nanunţ "x"\r\n'
    )


# -- vocabulary ------------------------------------------------------------------------


def test_add_word_keeps_lines_and_style(tmp_path: Path) -> None:
    voc = tmp_path / "nou" / "accept.txt"
    assert add_word(voc, "Brăila")
    assert voc.read_bytes() == "Brăila\n".encode()
    voc.write_bytes(b"# comentariu\r\nAlfa  # nume\r\n\r\nBeta")
    assert add_word(voc, " Gama ")
    assert voc.read_bytes() == b"# comentariu\r\nAlfa  # nume\r\n\r\nBeta\r\nGama\r\n"
    assert not add_word(voc, "Alfa")  # already listed (after its comment is removed)
    assert voc.read_bytes().count(b"Alfa") == 1
    voc.chmod(0o640)
    add_word(voc, "Delta")
    assert voc.stat().st_mode & 0o777 == 0o640
    assert not list(tmp_path.glob("nou/.accept.txt.*"))  # no temporary left behind


@pytest.mark.parametrize("word", ["", "  ", "două cuvinte", "a#b", "x\ny"])
def test_add_word_refuses_non_words(tmp_path: Path, word: str) -> None:
    with pytest.raises(VocabularyError):
        add_word(tmp_path / "a.txt", word)
    assert not (tmp_path / "a.txt").exists()


def test_add_word_concurrently_loses_nothing(tmp_path: Path) -> None:
    voc = tmp_path / "accept.txt"
    words = [f"cuvant{i}" for i in range(40)]
    threads = [threading.Thread(target=add_word, args=(voc, w)) for w in words]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(voc.read_text(encoding="utf-8").split()) == sorted(words)


def _add_many(args: tuple[str, list[str]]) -> None:
    for w in args[1]:
        add_word(Path(args[0]), w)


def test_add_word_from_several_processes_loses_nothing(tmp_path: Path) -> None:
    voc = tmp_path / "accept.txt"
    batches = [[f"p{p}w{i}" for i in range(15)] for p in range(3)]
    ctx = multiprocessing.get_context("fork")
    with ctx.Pool(3) as pool:
        pool.map(_add_many, [(str(voc), b) for b in batches])
    assert sorted(voc.read_text(encoding="utf-8").split()) == sorted(w for b in batches for w in b)


# -- reuse of converted diagnostics ----------------------------------------------------

_PIECES = ["a", "ț", "𝔸", "\n", "\r", "\r\n", " ", "é"]


def _spans(text: str, data: object) -> list[Diagnostic]:
    from hypothesis import strategies as st

    out = []
    for _ in range(data.draw(st.integers(0, 12))):  # type: ignore[attr-defined]
        start = data.draw(st.integers(0, len(text)))  # type: ignore[attr-defined]
        end = data.draw(st.integers(start, len(text)))  # type: ignore[attr-defined]
        out.append(Diagnostic("x/y", Severity.WARNING, "m", start, end))
    return out


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16", "utf-32"])
def test_reused_json_equals_fresh_conversion(encoding: str) -> None:
    """Every JSON item the reuse hands out (before or after the edit, shifted or not)
    is exactly what converting the diagnostic in the new document gives."""
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from rolint.lsp.convert import diagnostic_json
    from rolint.readers import read

    text = st.lists(st.sampled_from(_PIECES), max_size=30).map("".join)

    @settings(max_examples=examples(300), deadline=None)
    @given(old=text, data=st.data())
    def run(old: str, data: st.DataObject) -> None:
        start = data.draw(st.integers(0, len(old)))
        end = data.draw(st.integers(start, len(old)))
        new = old[:start] + data.draw(text) + old[end:]
        old_doc, new_doc = read(old, "text"), read(new, "text")
        old_diags = _spans(old, data)
        delta = len(new) - len(old)
        # the old diagnostics moved as the edit moves them, plus arbitrary ones
        new_diags = [
            Diagnostic(d.rule, d.severity, d.message, d.start + delta, d.end + delta)
            for d in old_diags
            if d.start >= end
        ]
        new_diags += [d for d in old_diags if d.end <= start] + _spans(new, data)
        items = [diagnostic_json(old_doc, d, encoding) for d in old_diags]  # type: ignore[arg-type]
        prev = checks.CheckResult(1, old, old_doc, old_diags, items, encoding)  # type: ignore[arg-type]
        head, prefix, tail, tail_from = checks._reusable(prev, new_doc, encoding)  # type: ignore[arg-type]
        for d in new_diags:
            fresh = diagnostic_json(new_doc, d, encoding)  # type: ignore[arg-type]
            if d.end < prefix and checks._same(d) in head:
                assert head[checks._same(d)] == fresh
            elif d.start >= tail_from and checks._same(d) in tail:
                assert tail[checks._same(d)] == fresh

    run()


def test_tail_is_reused_after_an_edit_without_line_break() -> None:
    from rolint.lsp.convert import diagnostic_json
    from rolint.readers import read

    old = "unu doi\ntrei patru\ncinci\n"
    new = "unu doiX\ntrei patru\ncinci\n"
    old_doc, new_doc = read(old, "text"), read(new, "text")
    d = Diagnostic("x/y", Severity.WARNING, "m", 13, 18)  # "patru"
    item = diagnostic_json(old_doc, d, "utf-16")
    prev = checks.CheckResult(1, old, old_doc, [d], [item], "utf-16")
    _, _, tail, tail_from = checks._reusable(prev, new_doc, "utf-16")
    assert tail_from == 9
    moved = Diagnostic("x/y", Severity.WARNING, "m", 14, 19)
    assert tail[checks._same(moved)] is item
    # a line break added: the lines after it are numbered differently, nothing reused
    prev = checks.CheckResult(1, old, old_doc, [d], [item], "utf-16")
    _, _, tail, _ = checks._reusable(prev, read("unu\ndoi\ntrei patru\ncinci\n", "text"), "utf-16")
    assert not tail


def test_diagnostics_json_text_is_valid_json_and_reuses_each_items_encoding() -> None:
    import json

    from rolint.lsp.convert import DiagnosticJson, JsonData, json_text, message_text
    from rolint.readers import read

    doc = read("Titlu\n\nAu catalgat „ştirea” 😀 ş.\n")
    diags = lint_text(doc.source)[1]
    items = [convert.diagnostic_json(doc, d, "utf-16") for d in diags]
    assert items and all(isinstance(i, DiagnosticJson) for i in items)
    params = {"uri": "file:///a.txt", "version": 3, "diagnostics": items}
    text = json_text(params)
    assert json.loads(text) == json.loads(json.dumps(params))
    assert "ș" in text or "ş" in text  # UTF-8, not \\u escapes
    items[0]["message"] = "changed after encoding"  # items are immutable once encoded
    assert json.loads(json_text(params))["diagnostics"][0]["message"] != "changed after encoding"

    class Note:  # the shape of pygls' JsonRPCNotification / response objects
        def __init__(self, **kw: object) -> None:
            self.__dict__.update(kw)

    note = json.loads(message_text(Note(method="m", params=JsonData(params))) or "")
    assert note == {"jsonrpc": "2.0", "method": "m", "params": json.loads(text)}
    answer = json.loads(message_text(Note(id=7, result=JsonData([1]), error=None)) or "")
    assert answer == {"jsonrpc": "2.0", "id": 7, "result": [1]}
    assert message_text(Note(method="m", params={"plain": 1})) is None


def test_warm_up_builds_the_interactive_engines_lazy_tables(tmp_path: Path) -> None:
    from rolint.linter import engine_for

    options = {"spelling/unknown": {"max-suggestions": 4}}  # an engine of its own
    cfg = Config(root=tmp_path, rule_options=options)
    path = str(tmp_path / "a.txt")
    engine = engine_for(cfg, path)
    (unknown,) = [r for r in engine.rules if r.id == "spelling/unknown"]
    assert unknown.checker.suggester._frequent is None  # type: ignore[attr-defined]
    checks.warm_up(cfg, path)
    assert unknown.checker.suggester._frequent is not None  # type: ignore[attr-defined]
    assert not engine.errors


def test_line_index_after_an_edit_equals_a_fresh_index() -> None:
    """The incremental index the server keeps per open document (a 10 MB document's
    keystroke must not rescan it) is the index of the edited text, also when the edit
    joins or splits a \\r\\n."""
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from rolint.positions import LineIndex

    pieces = st.lists(st.sampled_from(["a", "ş", "\r", "\n", "\r\n", "😀", " "]), max_size=20)

    @settings(max_examples=examples(400), deadline=None)
    @given(old=pieces.map("".join), new=pieces.map("".join), data=st.data())
    def run(old: str, new: str, data: st.DataObject) -> None:
        start = data.draw(st.integers(0, len(old)))
        end = data.draw(st.integers(start, len(old)))
        got = LineIndex(old).edited(start, end, new)
        text = old[:start] + new + old[end:]
        assert got.text == text
        assert got.line_starts == LineIndex(text).line_starts

    run()


def test_lane_keeps_the_engine_caches_to_the_working_set(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Issue #17, item 7: every edit leaves the old block's results and analysis in the
    engine's caches; after a check the lane keeps only about what the open documents
    need: results per block and rule, analyses per block (and their weight)."""
    from rolint.engine import Engine
    from rolint.lsp import budget, lanes
    from rolint.lsp.checks import Snapshot
    from rolint.lsp.settings import Settings
    from rolint.readers import read

    monkeypatch.setattr(budget, "CACHE_FACTOR", 2)
    monkeypatch.setattr(budget, "SLACK_EDITS", 0)  # so that a few edits show the bound
    monkeypatch.setattr(budget, "SLACK_WEIGHT", 0)
    lane = lanes.Lanes()
    try:
        head = "Primăria anunţă lucrări.\n\nConsiliul a aprobat ieri bugetul şi planul.\n\n"
        engine = None
        for i in range(60):
            text = head + f"Paragraful {i} spune că taxele cresc în ţară.\n"
            snap = Snapshot((i, 0), text, "text", None, None, Settings(), "utf-16")
            result = lane._check_bounded("file:///a.txt", snap, lambda: False)
            assert result.cfg is not None
            engine = checks.lane_engine(result.cfg, None, False)
        assert engine is not None
        need = lane.budget.needs["file:///a.txt"]
        assert need.blocks == 3 and 0 < need.results < 100
        for results in (getattr(engine, "_mapped", ()), getattr(engine, "_cache", ())):
            assert len(results) <= 2 * need.results  # where results are kept apart
        assert len(engine._analyses) <= 2 * need.blocks
        assert engine._analyses.weight <= 2 * need.weight
        # bounding never changes a result: the bounded engine agrees with a fresh one
        fresh = Engine(engine.rules, engine.severities).check(read(text, "text"))
        assert engine.check(read(text, "text")) == fresh
        lane.forget("file:///a.txt")
        assert not lane.budget.needs
    finally:
        lane.shutdown()


def test_notification_futures_are_not_kept(tmp_path: Path) -> None:
    """Issue #17, item 7: pygls kept the future of every asynchronous notification
    handler (each save, each generator-based handler) for the life of the server."""
    import asyncio
    import json

    from rolint.lsp.server import create_server

    ls = create_server()

    class Sink:
        def __init__(self) -> None:
            self.data = bytearray()

        def write(self, data: bytes) -> None:
            self.data.extend(data)

        def close(self) -> None:
            pass

    sink = Sink()
    ls.protocol.set_writer(sink)  # type: ignore[arg-type]

    async def run() -> None:
        uri = (tmp_path / "x.txt").as_uri()
        for _ in range(50):
            body = {"jsonrpc": "2.0", "method": "textDocument/didSave"}
            body["params"] = {"textDocument": {"uri": uri}}  # type: ignore[assignment]
            ls.protocol.handle_body(json.dumps(body).encode())
        for _ in range(20):
            await asyncio.sleep(0.01)
        assert ls.protocol._request_futures == {}

    try:
        asyncio.run(run())
    finally:
        ls.scheduler.shutdown()


def test_huge_lane_worker_sends_the_same_items_and_runs_at_low_priority() -> None:
    """Issue #17, item 8: the huge-document worker's result equals the interactive
    lane's, item for item and as one JSON text (what a publication sends); a result
    that went stale meanwhile is dropped; the worker runs below the server's CPU
    priority so keystrokes get the CPU first."""
    import json
    import os

    from rolint.lsp import worker
    from rolint.lsp.checks import Snapshot
    from rolint.lsp.convert import EncodedList, json_text
    from rolint.lsp.settings import Settings

    text = "Primăria anunţă lucrări.\n\nConsiliul a aprobat ieri bugetul şi planul tarei.\n"
    lane = worker.ProcessLane()
    try:
        for i, body in enumerate([text, "Bună ziua.\n"]):  # findings, then none
            snap = Snapshot((i, 0), body, "text", None, None, Settings(), "utf-16")
            got = lane.check("file:///mare.txt", snap)
            want = checks.check(snap, lambda: False)
            assert isinstance(got.items, EncodedList)
            assert [json_text(x) for x in got.items] == [json_text(x) for x in want.items]
            assert json.loads(json_text(got.items)) == json.loads(json_text(want.items))
            assert json_text([*got.items]) == json_text(want.items)  # a plain list too
            assert bool(want.items) == (i == 0)
        snap = Snapshot((9, 0), text, "text", None, None, Settings(), "utf-16")
        with pytest.raises(checks.Stale):  # moved on while it ran: dropped, not built
            lane.check("file:///mare.txt", snap, lambda: True)
        pid = lane._proc.pid
        mine = os.getpriority(os.PRIO_PROCESS, 0)
        assert os.getpriority(os.PRIO_PROCESS, pid) == min(19, mine + worker.WORKER_NICE)
    finally:
        lane.shutdown()


def test_workspace_check_keeps_only_the_slack_in_the_bulk_engine(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue #17, item 7: a workspace check reads each file once; the bulk lane's
    engine keeps none of them beyond the slack, and its results equal fresh checks."""
    from rolint.engine import Engine
    from rolint.lsp import budget, lanes
    from rolint.lsp.settings import Settings
    from rolint.readers import read

    monkeypatch.setattr(budget, "SLACK_EDITS", 2)
    lane = lanes.Lanes()
    try:
        engine = None
        for i in range(6):
            path = tmp_path / f"stire{i}.txt"
            text = f"Știrea {i}.\n\nPrimăria anunţă că lucrările {i} încep mâine în ţară.\n"
            path.write_text(text, encoding="utf-8")
            res = lane._check_file_bounded(path, "text", tmp_path, Settings(), "utf-16")
            assert res.cfg is not None and res.doc is not None
            engine = checks.lane_engine(res.cfg, res.path, True)
            fresh = Engine(engine.rules, engine.severities).check(read(text, "text", res.path))
            assert res.diags == fresh
        assert engine is not None
        assert len(engine._analyses) <= 2
        results = getattr(engine, "_mapped", ())  # where results are kept apart from analyses
        assert len(results) <= 2 * len(engine.block_rules)
    finally:
        lane.shutdown()


def test_budget_follows_the_open_documents(monkeypatch: pytest.MonkeyPatch) -> None:
    """The cache bounds are the sum of what the open documents need: a closed
    document's blocks stop counting at the next check, and what stays cached still
    gives the result of a fresh engine."""
    from rolint.config import Config
    from rolint.engine import Engine
    from rolint.linter import engine_for
    from rolint.lsp import budget
    from rolint.readers import read

    monkeypatch.setattr(budget, "CACHE_FACTOR", 1)
    monkeypatch.setattr(budget, "SLACK_EDITS", 0)
    monkeypatch.setattr(budget, "SLACK_WEIGHT", 0)
    engine = Engine(engine_for(Config()).rules)
    big = read("".join(f"Paragraful {i} spune că taxele cresc în ţară.\n\n" for i in range(8)))
    small = read("Primăria anunţă lucrări.\n")
    plan = budget.Budget()
    for doc, uri in ((big, "a"), (small, "b")):
        engine.check(doc)
        plan.note(uri, doc, engine)
    assert len(engine._analyses) == 9  # 8 + 1 blocks, both documents kept whole
    plan.forget("a")
    edited = read("Primăria anunţă lucrări noi.\n")
    want = engine.check(edited)
    plan.note("b", edited, engine)
    assert len(engine._analyses) == 1  # only the open document's one block
    assert engine.check(edited) == want == Engine(engine.rules).check(edited)
    assert engine.check(big) == Engine(engine.rules).check(big)  # evicted: recomputed
