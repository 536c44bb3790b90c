"""Output formats for `rolint check`: text, json, sarif, github.

Sinks never re-parse text: they take FileResults and convert positions through the
Document (the one place positions are computed).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TextIO

from rolint.linter import FileResult

FORMATS = ("text", "json", "sarif", "github")


def renderer(fmt: str) -> Callable[[list[FileResult], TextIO, bool], None]:
    """The render function for ``fmt``: ``render(results, stream, color)``."""
    if fmt == "json":
        from rolint.output.json_format import render
    elif fmt == "sarif":
        from rolint.output.sarif import render
    elif fmt == "github":
        from rolint.output.github import render
    else:
        from rolint.output.text import render
    return render
