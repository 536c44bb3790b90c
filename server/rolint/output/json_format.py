"""The JSON contract of DESIGN.md: ``{"version": 1, "files": [...]}``.

Each diagnostic: rule, severity, message, range (0-based line/character, character in
UTF-16 code units), offset/length (code points of the decoded text), replacements,
plus fix (edits with the same position fields, and safe) when the rule offers one.
"""

from __future__ import annotations

import json
from typing import Any, TextIO

from rolint.diagnostic import Diagnostic
from rolint.document import Document
from rolint.linter import FileResult, SourcePositions

VERSION = 1


def _range(doc: Document | SourcePositions, start: int, end: int) -> dict[str, Any]:
    (sl, sc), (el, ec) = doc.range(start, end, "utf-16")
    return {"start": {"line": sl, "character": sc}, "end": {"line": el, "character": ec}}


def diagnostic_json(doc: Document | SourcePositions, d: Diagnostic) -> dict[str, Any]:
    span = _range(doc, d.start, d.end)
    out: dict[str, Any] = {
        "rule": d.rule,
        "severity": d.severity.label,
        "message": d.message,
        "range": span,
        "offset": d.start,
        "length": d.length,
        "replacements": list(d.replacements),
    }
    if d.fix is not None:
        out["fix"] = {
            "safe": d.fix.safe,
            "edits": [
                {
                    "range": span
                    if (e.start, e.end) == (d.start, d.end)
                    else _range(doc, e.start, e.end),
                    "offset": e.start,
                    "length": e.end - e.start,
                    "text": e.text,
                }
                for e in d.fix.edits
            ],
        }
    return out


def file_json(result: FileResult) -> dict[str, Any]:
    entry: dict[str, Any] = {"path": result.path, "diagnostics": []}
    if result.error is not None:
        entry["error"] = result.error
    elif result.doc is not None:
        entry["diagnostics"] = [diagnostic_json(result.doc, d) for d in result.diagnostics]
    if result.rule_errors:
        entry["rule_errors"] = list(result.rule_errors)
    return entry


class JsonSink:
    """``{"version": 1, "files": [...]}`` written one file entry at a time (the bytes
    equal ``json.dumps`` of the whole payload); indented output (a terminal) is built
    whole, since only a person reads it."""

    def __init__(self, out: TextIO, color: bool = False) -> None:
        self.out = out
        self.indent = 2 if color else None
        self.entries: list[dict[str, Any]] = []
        self.count = 0

    def file(self, result: FileResult) -> None:
        entry = file_json(result)
        if self.indent is not None:
            self.entries.append(entry)
            return
        head = f'{{"version": {VERSION}, "files": [' if self.count == 0 else ", "
        self.out.write(head + json.dumps(entry, ensure_ascii=False))
        self.count += 1

    def close(self) -> None:
        if self.indent is not None:
            payload = {"version": VERSION, "files": self.entries}
            self.out.write(json.dumps(payload, ensure_ascii=False, indent=self.indent) + "\n")
        elif self.count == 0:
            self.out.write(f'{{"version": {VERSION}, "files": []}}\n')
        else:
            self.out.write("]}\n")
