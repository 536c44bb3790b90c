"""`rolint check` / `rolint fix` end to end: through the real console script where the
process boundary matters (stdin, exit status, bytes written, file permissions), through
``main`` in this process where only what the command writes is tested."""

from __future__ import annotations

import contextlib
import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from rolint.cli import main

ROOT = Path(__file__).resolve().parents[1]
SARIF_SCHEMA = ROOT / ".cache" / "sarif-2.1.0.json"


def rolint(
    *args: str, stdin: bytes | None = None, cwd: Path | None = None, unprivileged: bool = False
):  # type: ignore[no-untyped-def]
    """Run the real CLI. ``unprivileged``: as root, without the capabilities that let
    root read any file (so permission errors happen as they do for a normal user)."""
    prefix: list[str] = []
    if unprivileged and os.geteuid() == 0:
        prefix = ["setpriv", "--bounding-set=-dac_override,-dac_read_search"]
    return subprocess.run(
        [*prefix, sys.executable, "-m", "rolint", *args],
        input=stdin,
        capture_output=True,
        cwd=cwd,
        timeout=120,
    )


def in_process(*args: str) -> subprocess.CompletedProcess[bytes]:
    """``main(args)`` in this process, its output captured as bytes, as :func:`rolint`
    returns them: for the tests of what the commands write, where the process boundary
    (stdin, exit status, a fresh interpreter) is not what is tested. Each subprocess is
    a fresh interpreter and engine: about 0.35 s of CPU."""
    out = io.TextIOWrapper(io.BytesIO(), encoding="utf-8")
    err = io.TextIOWrapper(io.BytesIO(), encoding="utf-8")
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(args))
    out.flush()
    err.flush()
    return subprocess.CompletedProcess(args, code, out.buffer.getvalue(), err.buffer.getvalue())  # type: ignore[attr-defined]


def check_json(*args: str) -> tuple[int, dict]:  # type: ignore[type-arg]
    proc = in_process("check", "--format", "json", *args)
    return proc.returncode, json.loads(proc.stdout)


def utf16_col(line: str, code_points: int) -> int:
    return len(line[:code_points].encode("utf-16-le")) // 2


def test_seed_every_cedilla_with_replacement_and_utf16_range(seed_article: Path) -> None:
    code, out = check_json(str(seed_article))
    text = seed_article.read_text(encoding="utf-8")
    diags = [d for d in out["files"][0]["diagnostics"] if d["rule"] == "diacritics/cedilla"]
    assert len(diags) == 49 == sum(text.count(c) for c in "şţŞŢ")
    lines = text.splitlines(keepends=True)
    for d in diags:
        letter = text[d["offset"]]
        assert letter in "şţŞŢ" and d["length"] == 1
        assert d["replacements"] == [{"ş": "ș", "ţ": "ț", "Ş": "Ș", "Ţ": "Ț"}[letter]]
        start = d["range"]["start"]
        line_start = sum(len(x) for x in lines[: start["line"]])
        assert start["character"] == utf16_col(lines[start["line"]], d["offset"] - line_start)
    assert code == 1


def test_seed_fix_changes_only_cedillas_and_is_idempotent(
    seed_article: Path, tmp_path: Path
) -> None:
    copy = tmp_path / "article.txt"
    shutil.copy(seed_article, copy)
    copy.chmod(0o644)  # the shared seed is read-only, and fix refuses read-only files
    before = copy.read_bytes()
    assert in_process("fix", "--rule", "diacritics/cedilla", str(copy)).returncode in (0, 1)
    after = copy.read_bytes()
    table = str.maketrans({"ş": "ș", "ţ": "ț", "Ş": "Ș", "Ţ": "Ț"})
    assert after == before.decode("utf-8").translate(table).encode("utf-8")
    in_process("fix", "--rule", "diacritics/cedilla", str(copy))
    assert copy.read_bytes() == after


def test_fix_keeps_bom_crlf_nbsp_and_every_other_byte(tmp_path: Path) -> None:
    path = tmp_path / "stire.txt"
    original = "\ufeffŞtire\r\n\r\nPreţul\xa0a crescut 😀 în ţară.\r\n".encode()
    path.write_bytes(original)
    assert rolint("fix", str(path)).returncode == 0
    assert path.read_bytes() == "\ufeffȘtire\r\n\r\nPrețul\xa0a crescut 😀 în țară.\r\n".encode()


def test_fix_diff_previews_without_writing(tmp_path: Path) -> None:
    path = tmp_path / "s.txt"
    path.write_text("Titlu\n\nPreţ.\n", encoding="utf-8")
    proc = in_process("fix", "--diff", str(path))
    assert "-Preţ." in proc.stdout.decode() and "+Preț." in proc.stdout.decode()
    assert path.read_text(encoding="utf-8") == "Titlu\n\nPreţ.\n"


def test_fix_html_writes_valid_html(tmp_path: Path) -> None:
    path = tmp_path / "a.html"
    path.write_text("<p>Pre&#355;ul &amp; ţara</p>\n", encoding="utf-8")
    in_process("fix", str(path))
    assert path.read_text(encoding="utf-8") == "<p>Prețul &amp; țara</p>\n"


def test_stdin_check_and_fix() -> None:
    proc = rolint("check", "--format", "json", "-", stdin="Ştiri\n".encode())
    out = json.loads(proc.stdout)
    assert out["files"][0]["path"] == "<stdin>"
    assert out["files"][0]["diagnostics"][0]["rule"] == "diacritics/cedilla"
    assert rolint("fix", "-", stdin="Ştiri\n".encode()).stdout.decode() == "Știri\n"


def test_json_contract_fields() -> None:
    proc = rolint("check", "--format", "json", "-", stdin="A 😀 ţ\n".encode())
    out = json.loads(proc.stdout)
    assert out["version"] == 1
    d = out["files"][0]["diagnostics"][0]
    assert {"rule", "severity", "message", "range", "offset", "length", "replacements"} <= set(d)
    assert d["offset"] == 4 and d["range"]["start"] == {"line": 0, "character": 5}
    assert d["severity"] == "warning"


def test_sarif_validates_against_the_2_1_0_schema(tmp_path: Path) -> None:
    if not SARIF_SCHEMA.is_file():
        if os.environ.get("CI"):
            pytest.fail("SARIF schema missing: scripts/setup.sh fetches it")
        pytest.skip("SARIF schema not fetched (run scripts/setup.sh)")
    import jsonschema

    (tmp_path / "a.txt").write_text("Preţ 😀 ţară\n", encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(b"\xff\xfe")
    proc = in_process("check", "--format", "sarif", str(tmp_path))
    log = json.loads(proc.stdout)
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    jsonschema.validate(log, schema)
    results = log["runs"][0]["results"]
    assert len(results) == 2 and results[0]["ruleId"] == "diacritics/cedilla"
    assert results[1]["locations"][0]["physicalLocation"]["region"]["startColumn"] == 9
    assert log["runs"][0]["invocations"][0]["toolExecutionNotifications"]
    assert proc.returncode == 2


def test_github_annotations(tmp_path: Path) -> None:
    path = tmp_path / "a,b.txt"
    path.write_text("Ok\nPreţ\n", encoding="utf-8")
    out = in_process("check", "--format", "github", str(path)).stdout.decode()
    assert out.startswith(
        f"::warning file={str(path).replace(',', '%2C')},line=2,col=4,"
        "endLine=2,endColumn=5,title=diacritics/cedilla::"
    )


def test_exit_codes_follow_fail_level(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Through ``main`` in this process (its return value is the exit status the console
    script hands to the system; the subprocess tests above and below see it as one)."""
    path = tmp_path / "a.txt"
    path.write_text("Preţ\n", encoding="utf-8")
    assert rolint("check", str(path)).returncode == 1
    assert main(["check", "--fail-on", "error", str(path)]) == 0
    (tmp_path / "rolint.toml").write_text('fail-on = "never"\n', encoding="utf-8")
    assert main(["check", str(path)]) == 0
    path.write_text("Preț\n", encoding="utf-8")
    assert main(["check", "--fail-on", "hint", str(path)]) == 0
    capsys.readouterr()


def test_folders_include_exclude(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The walk of a folder, through ``main`` in this process (nothing here depends on
    the process boundary)."""
    for name in ["a.txt", "b.md", "c.html", "d.json", "arhiva/e.txt", "node_modules/f.txt"]:
        p = tmp_path / name
        p.parent.mkdir(exist_ok=True)
        p.write_text("ţ\n", encoding="utf-8")
    assert main(["check", "--format", "json", "--jobs", "1", str(tmp_path)]) == 1
    out = json.loads(capsys.readouterr().out)
    names = sorted(Path(f["path"]).relative_to(tmp_path).as_posix() for f in out["files"])
    assert names == ["a.txt", "arhiva/e.txt", "b.md", "c.html"]
    args = ["--exclude", "arhiva/**", "--include", "**/*.txt"]
    assert main(["check", "--format", "json", "--jobs", "1", str(tmp_path), *args]) == 1
    out = json.loads(capsys.readouterr().out)
    assert [Path(f["path"]).name for f in out["files"]] == ["a.txt"]


def test_bad_inputs_each_reported_and_batch_continues(tmp_path: Path) -> None:
    (tmp_path / "bun.txt").write_text("Preţ\n", encoding="utf-8")
    (tmp_path / "latin1.txt").write_bytes("Preţ la pâine".encode("cp1250"))
    (tmp_path / "imagine.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    (tmp_path / "gol.txt").write_bytes(b"")
    (tmp_path / "mare.txt").write_bytes(b"a" * (20 * 1024 * 1024 + 1))
    locked = tmp_path / "inchis"
    locked.mkdir()
    (locked / "x.txt").write_text("ţ", encoding="utf-8")
    locked.chmod(0)
    try:
        before = {p: p.read_bytes() for p in tmp_path.glob("*.txt")}
        args = ("check", "--format", "json", str(tmp_path), str(tmp_path / "lipsa.txt"))
        proc = rolint(*args, unprivileged=True)
        code, out = proc.returncode, json.loads(proc.stdout)
    finally:
        locked.chmod(0o755)
    by_name = {Path(f["path"]).name: f for f in out["files"]}
    assert code == 2
    assert by_name["bun.txt"]["diagnostics"][0]["rule"] == "diacritics/cedilla"
    assert "UTF-8" in by_name["latin1.txt"]["error"]
    assert "binar" in by_name["imagine.txt"]["error"]
    assert by_name["gol.txt"] == {"path": str(tmp_path / "gol.txt"), "diagnostics": []}
    assert "prea mare" in by_name["mare.txt"]["error"]
    assert "nu există" in by_name["lipsa.txt"]["error"]
    assert "permisiune" in by_name["inchis"]["error"]
    assert {p: p.read_bytes() for p in tmp_path.glob("*.txt")} == before


def test_broken_config_exits_2_naming_the_file(tmp_path: Path) -> None:
    (tmp_path / "rolint.toml").write_text("[rules]\nfoo = 'on'\n", encoding="utf-8")
    (tmp_path / "a.txt").write_text("x\n", encoding="utf-8")
    proc = in_process("check", str(tmp_path / "a.txt"))
    assert proc.returncode == 2
    assert str(tmp_path / "rolint.toml") in proc.stderr.decode() + proc.stdout.decode()


def test_rules_and_explain(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rules"]) == 0
    assert "diacritics/cedilla" in capsys.readouterr().out
    assert main(["explain", "diacritics/cedilla"]) == 0
    out = capsys.readouterr().out
    assert "Ce face" in out and "Corectare" in out and "ţ" in out
    assert main(["explain", "nu/exista"]) == 2


def test_parallel_batch_equals_serial(tmp_path: Path) -> None:
    for i in range(30):
        (tmp_path / f"{i:02}.txt").write_text("Ştire\n\n" + "ţară şi " * i + "\n", "utf-8")
    serial = rolint("check", "--format", "json", "--jobs", "1", str(tmp_path)).stdout
    parallel = rolint("check", "--format", "json", "--jobs", "2", str(tmp_path)).stdout
    assert serial == parallel and len(json.loads(serial)["files"]) == 30


def test_check_never_imports_pygls_or_http() -> None:
    code = (
        "import sys; from rolint.cli import main; main(['check', '-']); "
        "bad = [m for m in sys.modules if m.split('.')[0] in "
        "('pygls', 'lsprotocol', 'http', 'aiohttp', 'rolint.lsp')]; "
        "print('IMPORTED', bad)"
    )
    proc = subprocess.run([sys.executable, "-c", code], input=b"text\n", capture_output=True)
    assert b"IMPORTED []" in proc.stdout


def test_batch_collects_rarely_and_freezes_the_loaded_rules(tmp_path: Path) -> None:
    """A batch tunes the cyclic collector and freezes the rules after the first file;
    a one-file check does not pay for the freeze (see rolint.gc_tuning)."""
    for i in range(3):
        (tmp_path / f"{i}.txt").write_text("Titlu\n\nUn text cu ţ.\n", encoding="utf-8")
    probe = (
        "import gc, sys; from rolint.cli import main; code = main(sys.argv[1:]); "
        "print(code, gc.get_threshold()[0], gc.get_freeze_count() > 0)"
    )

    def run(*paths: Path) -> list[str]:
        cmd = [sys.executable, "-c", probe, "check", "--jobs", "1", *map(str, paths)]
        out = subprocess.run(cmd, capture_output=True, text=True, check=False)
        return out.stdout.split("\n")[-2].split()

    assert run(tmp_path) == ["1", "50000", "True"]
    assert run(tmp_path / "0.txt") == ["1", "50000", "False"]


def test_batch_bounds_the_engine_caches_and_reports_the_same(tmp_path: Path) -> None:
    """A batch keeps a few files' worth of block results between files (each file is
    checked once); whatever the bound, its output is the same."""
    for i in range(30):
        body = f"Ştire {i}\n\nPrimarul sa dus ieri la şedinţă. " + "Ţara şi satul. " * i
        (tmp_path / f"{i:02}.txt").write_text(body + "\n\nCitește și: altă ştire\n", "utf-8")
    probe = (
        "import sys; from rolint import cli, linter; cli._BATCH_CACHE_ENTRIES = int(sys.argv[1]); "
        "code = cli.main(sys.argv[2:]); "
        "sizes = [len(e._analyses) for e in linter._ENGINES.values()]; "
        "print(); print(max(sizes))"
    )

    def run(bound: int) -> tuple[dict, int]:  # type: ignore[type-arg]
        cmd = [sys.executable, "-c", probe, str(bound), "check", "--format", "json"]
        out = subprocess.run([*cmd, "--jobs", "1", str(tmp_path)], capture_output=True, text=True)
        report, _, size = out.stdout.rpartition("\n\n")
        return json.loads(report), int(size)

    full, full_size = run(100_000)
    bounded, size = run(20)
    assert full == bounded
    assert size <= 20 < full_size
    assert sum(len(f["diagnostics"]) for f in full["files"]) > 30


def test_batch_uses_each_folders_own_config_and_reports_a_broken_one_per_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Configs are looked up once per folder: every file still gets its folder's."""
    text = "Titlu\n\nUn text cu ţ.\n"
    for sub, config in (("a", "[rules]\n'diacritics/cedilla' = 'off'\n"), ("b", None), ("c", "[")):
        (tmp_path / sub).mkdir()
        for name in ("1.txt", "2.txt"):
            (tmp_path / sub / name).write_text(text, encoding="utf-8")
        if config is not None:
            (tmp_path / sub / "rolint.toml").write_text(config, encoding="utf-8")
    code = main(["check", "--format", "json", "--jobs", "1", str(tmp_path)])
    files = {
        Path(f["path"]).relative_to(tmp_path).as_posix(): f
        for f in json.loads(capsys.readouterr().out)["files"]
    }
    assert code == 2
    for name in ("1.txt", "2.txt"):
        assert not [
            d for d in files[f"a/{name}"]["diagnostics"] if d["rule"] == "diacritics/cedilla"
        ]
        assert [d for d in files[f"b/{name}"]["diagnostics"] if d["rule"] == "diacritics/cedilla"]
        assert "rolint.toml" in files[f"c/{name}"]["error"]


def test_a_config_changed_between_two_runs_in_one_process_is_read_again(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "a.txt").write_text("Un text cu ţ.\n", encoding="utf-8")
    assert main(["check", "--jobs", "1", str(tmp_path)]) == 1
    (tmp_path / "rolint.toml").write_text("[rules]\n'diacritics' = 'off'\n", encoding="utf-8")
    assert main(["check", "--jobs", "1", str(tmp_path)]) == 0
    capsys.readouterr()
