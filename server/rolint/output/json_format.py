"""The JSON contract of DESIGN.md: ``{"version": 1, "files": [...]}``.

Each diagnostic: rule, severity, message, range (0-based line/character, character in
UTF-16 code units), offset/length (code points of the decoded text), replacements,
plus fix (edits with the same position fields, and safe) when the rule offers one.
"""

from __future__ import annotations

import json
from json.encoder import encode_basestring
from typing import Any, TextIO

from rolint.diagnostic import Diagnostic
from rolint.document import Document
from rolint.linter import FileResult, SourcePositions
from rolint.output import Rendered

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


def _range_text(doc: Document | SourcePositions, start: int, end: int) -> str:
    (sl, sc), (el, ec) = doc.range(start, end, "utf-16")
    return (
        f'{{"start": {{"line": {sl}, "character": {sc}}}, '
        f'"end": {{"line": {el}, "character": {ec}}}}}'
    )


def diagnostic_text(doc: Document | SourcePositions, d: Diagnostic) -> str:
    """``json.dumps(diagnostic_json(doc, d), ensure_ascii=False)``, written directly:
    building the dicts and encoding them was most of the time of a check with many
    findings (ţara × 256 K: 2.7 of 5 s). Strings go through the encoder's own
    ``encode_basestring``; the test compares the two on random diagnostics."""
    q = encode_basestring
    span = _range_text(doc, d.start, d.end)
    head = (
        f'{{"rule": {q(d.rule)}, "severity": {q(d.severity.label)}, '
        f'"message": {q(d.message)}, "range": {span}, "offset": {d.start}, '
        f'"length": {d.end - d.start}, "replacements": [{", ".join(map(q, d.replacements))}]'
    )
    if d.fix is None:
        return head + "}"
    same = (d.start, d.end)
    edits = ", ".join(
        f'{{"range": {span if (e.start, e.end) == same else _range_text(doc, e.start, e.end)}, '
        f'"offset": {e.start}, "length": {e.end - e.start}, "text": {q(e.text)}}}'
        for e in d.fix.edits
    )
    return f'{head}, "fix": {{"safe": {"true" if d.fix.safe else "false"}, "edits": [{edits}]}}}}'


def file_json(result: FileResult) -> dict[str, Any]:
    entry: dict[str, Any] = {"path": result.path, "diagnostics": []}
    if result.error is not None:
        entry["error"] = result.error
    elif result.doc is not None:
        entry["diagnostics"] = [diagnostic_json(result.doc, d) for d in result.diagnostics]
    if result.rule_errors:
        entry["rule_errors"] = list(result.rule_errors)
    return entry


_CHUNK = 512  # diagnostics encoded per write
#: one encoder for every call (``json.dumps`` with an option builds a new one each time)
_ENCODER = json.JSONEncoder(ensure_ascii=False)
_dumps = _ENCODER.encode


def write_file(out: TextIO, result: FileResult, color: bool = False) -> None:
    """``json.dumps(file_json(result))``, written a few hundred diagnostics at a time:
    a file with a million findings never holds all their dicts and encoder chunks at
    once (the whole entry of ``ţara`` × 64 K took about 3 KB per finding). ``color``:
    unused (a terminal gets the indented form, which the sink builds whole)."""
    out.write(_dumps({"path": result.path})[:-1] + ', "diagnostics": [')
    if result.error is None and result.doc is not None:
        doc, diags = result.doc, result.diagnostics
        for i in range(0, len(diags), _CHUNK):
            items = ", ".join([diagnostic_text(doc, d) for d in diags[i : i + _CHUNK]])
            out.write((", " if i else "") + items)
    out.write("]")
    if result.error is not None:
        out.write(', "error": ' + _dumps(result.error))
    if result.rule_errors:
        out.write(', "rule_errors": ' + _dumps(list(result.rule_errors)))
    out.write("}")


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
        if self.indent is not None:
            self.entries.append(file_json(result))
            return
        self._next()
        write_file(self.out, result)

    def rendered(self, result: Rendered) -> None:
        assert self.indent is None  # prerender() leaves the indented form to the sink
        self._next()
        self.out.write(result.text)

    def _next(self) -> None:
        """What comes before the next file's entry: the payload's head, or a comma."""
        self.out.write(f'{{"version": {VERSION}, "files": [' if self.count == 0 else ", ")
        self.count += 1

    def close(self) -> None:
        if self.indent is not None:
            payload = {"version": VERSION, "files": self.entries}
            self.out.write(json.dumps(payload, ensure_ascii=False, indent=self.indent) + "\n")
        elif self.count == 0:
            self.out.write(f'{{"version": {VERSION}, "files": []}}\n')
        else:
            self.out.write("]}\n")
