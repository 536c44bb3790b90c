"""GitHub Actions workflow commands: one ``::warning file=…,line=…::message`` per finding."""

from __future__ import annotations

from typing import TextIO

from rolint.linter import FileResult
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


def render(results: list[FileResult], out: TextIO, color: bool = False) -> None:
    for r in results:
        path = escape_property(r.path)
        if r.error is not None:
            out.write(f"::error file={path},title=rolint::{escape_data(r.error)}\n")
            continue
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
