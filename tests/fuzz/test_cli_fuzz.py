"""Fuzz of the CLI, the readers and the fixes (hypothesis).

Two profiles, chosen by ``ROLINT_FUZZ``:

* ``fast`` (default, part of ``python3 -m pytest``): a few dozen examples per property;
* ``long`` (``ROLINT_FUZZ=long python3 -m pytest -q tests/fuzz/test_cli_fuzz.py``):
  many more, run before a release.

What must hold, whatever the input:

* no traceback, no exit code outside 0/1/2, no hang (every example runs under an alarm);
* ``check`` never writes;
* ``fix`` equals applying the reported safe edits round after round, is idempotent, and
  leaves markup and URLs untouched: the tags, link targets and addresses of the input
  are all in the output, byte for byte, in the same order (unless the fix removed a
  whole duplicated related item, which is the fix's purpose);
* every reader builds a Document whose source map stays inside the source and whose
  protected spans are sorted and disjoint; no diagnostic range crosses them.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import re
import signal
import tempfile
from collections.abc import Iterator
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rolint.cli import main
from rolint.fixes import apply_diagnostic_fixes, fixable
from rolint.linter import lint_text

LONG = os.environ.get("ROLINT_FUZZ", "fast") == "long"
PROFILE = settings(
    max_examples=600 if LONG else 30,
    deadline=None,  # the alarm below catches hangs; the first example loads the speller
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    derandomize=not LONG,  # the CI profile is the same every run
)
#: the cheap properties (tiny inputs, no fixing loop) get more examples
CHEAP = settings(PROFILE, max_examples=2000 if LONG else 150)
ALARM_SECONDS = 60

# Fragments a newsroom file is made of: prose with cedillas and straight quotes, markup
# of the three formats, URLs, CRLF, comments, related blocks and odd characters.
PROSE = ["ţara ", "şi ", "Ştiri ", "sînt ", "catalgat ", '"bine" ', "„da” ", "tara ", "e. "]
PROSE += ["Ion Popescu a spus ", "1,5 milioane ", "  ", "\t", "😀", "\u00a0", "ş", "Ţ"]
MARKUP = ['<a href="ş.html">', "</a>", '<span title="ţ">', "</span>", "<b>", "</b>", "<p>"]
MARKUP += ["</p>", "<textarea>", "</textarea>", "<code>", "</code>", "<br>", "&amp;", "&ţ;"]
MARKUP += ["<!-- rolint-disable -->", "<!-- ţ -->", "[legătură](https://ex.ro/ştiri)"]
MARKUP += ["[1]: https://ex.ro/ţara", "https://exemplu.ro/şcoala", "www.ex.ro/ţ", "**", "`"]
MARKUP += ["`ţ`", "# ", "- ", "> ", "[", "]", "(", ")", "![i](ş.png)", "<li>", "</li>"]
LINES = [
    "\n",
    "\r\n",
    "\n\n",
    "\r",
    "\nCitește și\n",
    "\nVezi și: ",
    "\n- [Titlu de ştire lung](a)\n",
]
FRAGMENTS = PROSE + MARKUP + LINES

texts = st.lists(st.sampled_from(FRAGMENTS), max_size=40).map("".join)
any_text = st.one_of(texts, st.text(max_size=200), texts.map(lambda t: t * 3))
formats = st.sampled_from(["text", "markdown", "html"])
EXT = {"text": "txt", "markdown": "md", "html": "html"}


@contextlib.contextmanager
def alarm(seconds: int = ALARM_SECONDS) -> Iterator[None]:
    """Fail (instead of hanging) when one example runs longer than ``seconds``."""

    def hung(signum: int, frame: object) -> None:
        raise TimeoutError(f"exemplul a durat peste {seconds} s")

    old = signal.signal(signal.SIGALRM, hung)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


def run(*args: str) -> tuple[int, str, str]:
    """The real CLI in process: (exit code, stdout, stderr); any exception fails."""
    raw = io.BytesIO()
    out = io.TextIOWrapper(raw, encoding="utf-8", write_through=True)
    err = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(args))
    out.flush()
    return code, raw.getvalue().decode("utf-8", "replace"), err.getvalue()


_TAG = re.compile(r"<[^<>]*>")
_URL = re.compile(r"(?:https?://|www\.)[^\s<>\"'()\[\]{}]+")


def in_order(text: str, pieces: list[str]) -> bool:
    """Every piece occurs in ``text``, in this order, without overlapping."""
    pos = 0
    for piece in pieces:
        found = text.find(piece, pos)
        if found < 0:
            return False
        pos = found + len(piece)
    return True


def check_fix(source: str, fmt: str) -> str:
    """Fix as `rolint fix` does, checking every round's edits against that round's
    document; return the final text."""
    for _ in range(10):
        doc, diags = lint_text(source, fmt)
        todo = fixable(diags, unsafe=True)
        for d in diags:
            assert 0 <= d.start <= d.end <= len(source)
            assert not any(s < d.end and d.start < e for s, e in doc.protected), d
        if not todo:
            return source
        units = {item.unit for group in doc.related for item in group.items}
        for d in todo:
            assert d.fix is not None
            for e in d.fix.edits:
                if (e.start, e.end) not in units:
                    assert not any(s < e.end and e.start < p_end for s, p_end in doc.protected), d
        source, count = apply_diagnostic_fixes(source, todo)
        if count == 0:
            return source
    return source


@PROFILE
@given(source=any_text, fmt=formats)
def test_readers_build_sound_documents(source: str, fmt: str) -> None:
    with alarm():
        doc, diags = lint_text(source, fmt)
    assert doc.source == source
    for block in doc.blocks:
        assert 0 <= block.start <= block.end <= len(doc.text)
        s, e = doc.to_source(block.start, block.end)
        assert 0 <= s <= e <= len(source)
    previous = -1
    for s, e in doc.protected:
        assert previous <= s < e <= len(source)
        previous = e
    for d in diags:
        assert not any(s < d.end and d.start < e for s, e in doc.protected)


@PROFILE
@given(source=texts, fmt=formats)
def test_fixes_keep_markup_and_urls_and_are_idempotent(source: str, fmt: str) -> None:
    with alarm():
        fixed = check_fix(source, fmt)
        doc = lint_text(source, fmt)[0]
        if not doc.related:  # removing a duplicated related item removes its markup too
            assert in_order(fixed, [source[s:e] for s, e in doc.protected])
            # (a fix may change a quote glued to an address: the address stays whole)
            assert in_order(fixed, _URL.findall(source))
            if fmt == "html":  # tags found independently of the reader
                assert _TAG.findall(fixed) == _TAG.findall(source)
        assert check_fix(fixed, fmt) == fixed


@PROFILE
@given(source=texts, fmt=formats, unsafe=st.booleans(), bom=st.booleans(), crlf=st.booleans())
def test_cli_check_and_fix_agree_and_never_break(
    source: str, fmt: str, unsafe: bool, bom: bool, crlf: bool
) -> None:
    if crlf:
        source = source.replace("\r\n", "\n").replace("\n", "\r\n")
    data = (b"\xef\xbb\xbf" if bom else b"") + source.encode("utf-8")
    with tempfile.TemporaryDirectory() as tmp, alarm():
        path = Path(tmp, f"articol.{EXT[fmt]}")
        path.write_bytes(data)
        code, out, err = run("check", "--format", "json", "--fail-on", "warning", str(path))
        assert code in (0, 1) and "Traceback" not in err
        assert path.read_bytes() == data  # check never writes
        report = json.loads(out)["files"][0]
        flags = ["--unsafe"] if unsafe else []
        code, _, err = run("fix", *flags, str(path))
        assert code in (0, 1, 2) and "Traceback" not in err
        after = path.read_bytes()
        assert after.startswith(b"\xef\xbb\xbf") == bom
        # fix = the reported safe edits applied, then again until nothing is left
        expected = _fix_from_report(source, report, fmt, unsafe)
        assert after.decode("utf-8-sig" if bom else "utf-8") == expected
        doc = lint_text(source, fmt)[0]
        if not doc.related:
            assert in_order(expected, [source[s:e] for s, e in doc.protected])
        run("fix", *flags, str(path))
        assert path.read_bytes() == after  # idempotent


def _fix_from_report(source: str, report: dict, fmt: str, unsafe: bool) -> str:  # type: ignore[type-arg]
    """Apply the JSON report's fixes (first round), then rolint's own rounds after it."""
    from rolint.diagnostic import Diagnostic, Edit, Fix
    from rolint.rule import Severity

    diags = []
    for d in report["diagnostics"]:
        fix = d.get("fix")
        if fix is None or not (unsafe or fix["safe"]):
            continue
        edits = tuple(Edit(e["offset"], e["offset"] + e["length"], e["text"]) for e in fix["edits"])
        severity = Severity.parse(d["severity"])
        end = d["offset"] + d["length"]
        fixed = Fix(edits, fix["safe"])
        diags.append(Diagnostic(d["rule"], severity, d["message"], d["offset"], end, (), fixed))
    text, count = apply_diagnostic_fixes(source, diags)
    if count == 0:
        return text
    for _ in range(9):
        todo = fixable(lint_text(text, fmt)[1], unsafe)
        if not todo:
            break
        text, count = apply_diagnostic_fixes(text, todo)
        if count == 0:
            break
    return text


@CHEAP
@given(data=st.binary(max_size=300))
def test_any_bytes_are_checked_or_refused_cleanly(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as tmp, alarm():
        path = Path(tmp, "oarecare.md")
        path.write_bytes(data)
        code, out, err = run("check", "--format", "json", str(path))
        assert code in (0, 1, 2) and "Traceback" not in err
        entry = json.loads(out)["files"][0]
        assert (code == 2) == ("error" in entry)
        code, _, err = run("fix", str(path))
        assert code in (0, 1, 2) and "Traceback" not in err
        if code == 2 and "error" in entry:
            assert path.read_bytes() == data  # refused input is never rewritten


KEYS = ["fail-on", "include", "exclude", "max-file-size-mb", "colour", "languagetool"]
VALUES = ['"warning"', '"never"', "3", "-1", "0", "1e308", "inf", "nan", "true", "[]", '["*.md"]']
VALUES += ['"x"', "{}", "{ a = 1 }", "2.5", '"ţ"']
TABLES = [
    '[rules]\n"diacritics/cedilla" = "error"\n',
    '[rules]\nnimic = "off"\n',
    '[rule-options."spelling/unknown"]\nmax-suggestions = {v}\n',
    "[rule-options.spelling]\n{k} = {v}\n",
    '[rule-options."quotes/style"]\nx = 1\n',
    "[vocabulary]\naccept = {v}\n",
    "[[overrides]]\nfiles = {v}\n",
    '[[overrides]]\nrules = {{ attribution = "off" }}\n',
    "[tool]\nrolint = {v}\n",
    "= = =\n",
]
configs = st.lists(
    st.one_of(
        st.builds(lambda k, v: f"{k} = {v}\n", st.sampled_from(KEYS), st.sampled_from(VALUES)),
        st.builds(
            lambda t, k, v: t.format(k=k, v=v),
            st.sampled_from(TABLES),
            st.sampled_from(["names", "max-suggestions", "foo", "dictionary"]),
            st.sampled_from(VALUES),
        ),
    ),
    max_size=4,
).map("".join)


@CHEAP
@given(config=configs, name=st.sampled_from(["rolint.toml", "pyproject.toml"]), raw=st.booleans())
def test_any_config_is_used_or_refused_with_exit_2(config: str, name: str, raw: bool) -> None:
    with tempfile.TemporaryDirectory() as tmp, alarm():
        folder = Path(tmp)
        body = config.encode("cp1250", "replace") if raw else config.encode("utf-8")
        if name == "pyproject.toml" and not raw:
            body = b"[tool.rolint]\n" + body
        (folder / name).write_bytes(body)
        (folder / "a.txt").write_text("Text cu ţară.\n", encoding="utf-8")
        code, _, err = run("check", "--format", "json", str(folder / "a.txt"))
        assert code in (0, 1, 2) and "Traceback" not in err
        if code == 2:
            assert name in err  # the message names the config file
        code, _, err = run("fix", str(folder / "a.txt"))
        assert code in (0, 1, 2) and "Traceback" not in err


@PROFILE
@given(data=st.binary(max_size=200), fmt=st.sampled_from(["text", "markdown", "html"]))
def test_stdin_check_and_fix_never_break(data: bytes, fmt: str) -> None:
    import sys

    with alarm():
        for command in ("check", "fix"):
            stdin = io.TextIOWrapper(io.BytesIO(data), encoding="utf-8")
            saved = sys.stdin
            sys.stdin = stdin
            try:
                code, _, err = run(command, "--input-format", fmt, "-")
            finally:
                sys.stdin = saved
            assert code in (0, 1, 2) and "Traceback" not in err
