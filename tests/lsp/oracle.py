"""What the language server must publish for a text: `rolint check` of the same text.

The LSP property tests and the fuzz suite compare the server's diagnostics with this.
"""

from __future__ import annotations

import contextlib
import io
import json
import sys
from pathlib import Path
from typing import Any

from rolint.cli import main as rolint_main

SEVERITY = {"error": 1, "warning": 2, "info": 3, "hint": 4}  # LSP DiagnosticSeverity


def rolint_check(text: str, path: Path) -> list[tuple[Any, ...]]:
    """`rolint check --format json` of ``text`` (stdin, named ``path``), in process, as
    sorted (rule, LSP severity, message, start line, start char, end line, end char)."""

    class Stdin:
        buffer = io.BytesIO(text.encode("utf-8"))

    out = io.StringIO()
    saved = sys.stdin
    sys.stdin = Stdin()  # type: ignore[assignment]
    try:
        with contextlib.redirect_stdout(out):
            rolint_main(["check", "--format", "json", "--stdin-filename", str(path), "-"])
    finally:
        sys.stdin = saved
    found = json.loads(out.getvalue())["files"][0]["diagnostics"]
    return sorted(
        (d["rule"], SEVERITY[d["severity"]], d["message"], *flat_range(d["range"])) for d in found
    )


def flat_range(rng: dict[str, Any]) -> tuple[int, int, int, int]:
    s, e = rng["start"], rng["end"]
    return s["line"], s["character"], e["line"], e["character"]
