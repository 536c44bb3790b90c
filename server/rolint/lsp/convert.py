"""rolint diagnostics and edits as LSP values (lsprotocol types, no server state).

Every position goes through :meth:`rolint.document.Document.range` /
:meth:`~rolint.document.Document.offset_at` in the encoding negotiated with the client.
"""

from __future__ import annotations

from lsprotocol import types

from rolint.diagnostic import Diagnostic, Edit
from rolint.document import Document
from rolint.positions import Encoding
from rolint.rule import Severity

SOURCE = "rolint"

SEVERITY = {
    Severity.ERROR: types.DiagnosticSeverity.Error,
    Severity.WARNING: types.DiagnosticSeverity.Warning,
    Severity.INFO: types.DiagnosticSeverity.Information,
    Severity.HINT: types.DiagnosticSeverity.Hint,
}


def encoding_of(kind: object) -> Encoding:
    """Our encoding name for an LSP PositionEncodingKind (UTF-16 when unknown)."""
    value = getattr(kind, "value", kind)
    if value == "utf-8":
        return "utf-8"
    if value == "utf-32":
        return "utf-32"
    return "utf-16"


def lsp_range(doc: Document, start: int, end: int, encoding: Encoding) -> types.Range:
    (sl, sc), (el, ec) = doc.range(start, end, encoding)
    return types.Range(
        start=types.Position(line=sl, character=sc), end=types.Position(line=el, character=ec)
    )


def lsp_diagnostic(doc: Document, diag: Diagnostic, encoding: Encoding) -> types.Diagnostic:
    return types.Diagnostic(
        range=lsp_range(doc, diag.start, diag.end, encoding),
        message=diag.message,
        severity=SEVERITY[diag.severity],
        code=diag.rule,
        source=SOURCE,
    )


def text_edits(
    doc: Document, edits: list[Edit] | tuple[Edit, ...], encoding: Encoding
) -> list[types.TextEdit]:
    return [
        types.TextEdit(range=lsp_range(doc, e.start, e.end, encoding), new_text=e.text)
        for e in sorted(edits, key=lambda e: (e.start, e.end))
    ]


def offset_at(doc: Document, position: types.Position, encoding: Encoding) -> int:
    return doc.offset_at(position.line, position.character, encoding)
