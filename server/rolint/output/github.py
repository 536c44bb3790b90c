"""GitHub Actions workflow commands: one ``::warning file=…,line=…::message`` per finding."""

from __future__ import annotations

from typing import TextIO

from rolint.linter import FileResult
from rolint.output import Rendered
from rolint.rule import Severity

_LEVEL = {
    Severity.ERROR: "error",
    Severity.WARNING: "warning",
    Severity.INFO: "notice",
    Severity.HINT: "notice",
}


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def write_file(out: TextIO, r: FileResult, color: bool = False) -> None:
    """The workflow commands of one file (colour never applies)."""
    path = escape_property(r.path)
    if r.error is not None:
        out.write(f"::error file={path},title=rolint::{escape_data(r.error)}\n")
        return
    for message in r.rule_errors:
        out.write(f"::error file={path},title=rolint::{escape_data(message)}\n")
    assert r.doc is not None
    for d in r.diagnostics:
        (sl, sc), (el, ec) = r.doc.range(d.start, d.end, "utf-16")
        message = d.message
        if d.replacements:
            message += f" (sugestie: {d.replacements[0] or '—'})"
        out.write(
            f"::{_LEVEL[d.severity]} file={path},line={sl + 1},col={sc + 1},"
            f"endLine={el + 1},endColumn={ec + 1},title={escape_property(d.rule)}"
            f"::{escape_data(message)}\n"
        )


class GithubSink:
    """Workflow commands written as each file is checked."""

    def __init__(self, out: TextIO, color: bool = False) -> None:
        self.out = out

    def file(self, r: FileResult) -> None:
        write_file(self.out, r)

    def rendered(self, r: Rendered) -> None:
        self.out.write(r.text)

    def close(self) -> None:
        return
