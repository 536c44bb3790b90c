"""Output formats for `rolint check`: text, json, sarif, github.

Sinks never re-parse text: they take FileResults and convert positions through the
Document (the one place positions are computed). Each format is a *sink* fed one file
at a time, so a batch writes a file's findings as soon as it is checked and keeps none
of them: memory stays flat however many files a batch has.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Protocol, TextIO

from rolint.linter import FileResult
from rolint.rule import Severity

FORMATS = ("text", "json", "sarif", "github")


@dataclass(frozen=True)
class Rendered:
    """One file's part of the output, written where the file was checked (a batch
    worker), with what the summary and the exit code need of its findings: the parent
    then only writes ``text``. Sending it costs less than sending the diagnostics, and
    the parent, which shares the cores with the workers, no longer formats them."""

    path: str
    text: str
    error: str | None
    rule_errors: tuple[str, ...]
    counts: tuple[int, ...]  # findings per severity: counts[int(severity) - 1]


class Sink(Protocol):
    """Where a check's results go, one file at a time."""

    def file(self, result: FileResult) -> None: ...

    def rendered(self, result: Rendered) -> None:
        """Write a file that :func:`prerender` wrote for this sink's format."""

    def close(self) -> None: ...


def severity_counts(result: FileResult | Rendered) -> tuple[int, ...]:
    """How many findings of each severity ``result`` has (see :attr:`Rendered.counts`)."""
    if isinstance(result, Rendered):
        return result.counts
    counts = [0] * len(Severity)
    for d in result.diagnostics:
        counts[d.severity - 1] += 1
    return tuple(counts)


def prerender(result: FileResult, fmt: str, color: bool = False) -> Rendered | None:
    """``result`` as the sink of ``fmt`` writes it, or None where that depends on the
    other files: SARIF's rule table, JSON indented for a terminal (built whole)."""
    if fmt == "sarif" or (fmt == "json" and color):
        return None
    write: Callable[[TextIO, FileResult, bool], None]
    if fmt == "json":
        from rolint.output.json_format import write_file as write
    elif fmt == "github":
        from rolint.output.github import write_file as write
    else:
        from rolint.output.text import write_file as write
    buf = io.StringIO()
    write(buf, result, color)
    counts = severity_counts(result)
    return Rendered(result.path, buf.getvalue(), result.error, result.rule_errors, counts)


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
