"""Output formats for `rolint check`: text, json, sarif, github.

Sinks never re-parse text: they take FileResults and convert positions through the
Document (the one place positions are computed). Each format is a *sink* fed one file
at a time, so a batch writes a file's findings as soon as it is checked and keeps none
of them: memory stays flat however many files a batch has.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol, TextIO

from rolint.linter import FileResult

FORMATS = ("text", "json", "sarif", "github")


class Sink(Protocol):
    """Where a check's results go, one file at a time."""

    def file(self, result: FileResult) -> None: ...

    def close(self) -> None: ...


def sink(fmt: str, out: TextIO, color: bool = False) -> Sink:
    """The sink for format ``fmt`` writing to ``out``."""
    if fmt == "json":
        from rolint.output.json_format import JsonSink as cls
    elif fmt == "sarif":
        from rolint.output.sarif import SarifSink as cls  # type: ignore[assignment]
    elif fmt == "github":
        from rolint.output.github import GithubSink as cls  # type: ignore[assignment]
    else:
        from rolint.output.text import TextSink as cls  # type: ignore[assignment]
    return cls(out, color)


def render(fmt: str, results: Iterable[FileResult], out: TextIO, color: bool = False) -> None:
    """Write all ``results`` in format ``fmt`` (a sink fed every result, then closed)."""
    target = sink(fmt, out, color)
    for result in results:
        target.file(result)
    target.close()


def count(n: int, one: str, many: str) -> str:
    """``n`` with the Romanian noun form it takes: 1 problemă, 2 probleme, 20 de probleme.

    Romanian puts "de" before the plural when the number's last two digits are 00 or
    20–99 (20 de, 100 de, 120 de; but 101, 119 without).
    """
    if n == 1:
        return f"1 {one}"
    rest = n % 100
    if n and (rest == 0 or rest >= 20):
        return f"{n} de {many}"
    return f"{n} {many}"
