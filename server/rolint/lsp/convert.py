"""rolint diagnostics and edits as LSP values (lsprotocol types, no server state).

Every position goes through :meth:`rolint.document.Document.range` /
:meth:`~rolint.document.Document.offset_at` in the encoding negotiated with the client.
"""

from __future__ import annotations

from typing import Any

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


class JsonData:
    """JSON-ready data that pygls' converter passes through untouched.

    cattrs would otherwise walk every nested dict of a large payload in Python; with
    this wrapper ``json.dumps`` serializes it in C (see :func:`converter_factory`).
    """

    __slots__ = ("value",)

    def __init__(self, value: Any) -> None:
        self.value = value


def converter_factory() -> Any:
    """pygls' default converter plus the pass-through for :class:`JsonData`."""
    from pygls.protocol import default_converter

    converter = default_converter()
    converter.register_unstructure_hook(JsonData, lambda data: data.value)
    return converter


_SEVERITY_NUMBER = {level: int(kind.value) for level, kind in SEVERITY.items()}


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


def diagnostic_json(doc: Document, diag: Diagnostic, encoding: Encoding) -> dict[str, Any]:
    """The LSP Diagnostic as plain JSON data: what is published and pulled.

    Built without lsprotocol objects: a document has hundreds of diagnostics and every
    keystroke converts them all, so this path avoids attrs validation and cattrs.
    """
    (sl, sc), (el, ec) = doc.range(diag.start, diag.end, encoding)
    return {
        "range": {"start": {"line": sl, "character": sc}, "end": {"line": el, "character": ec}},
        "message": diag.message,
        "severity": _SEVERITY_NUMBER[diag.severity],
        "code": diag.rule,
        "source": SOURCE,
    }


def text_edits(
    doc: Document, edits: list[Edit] | tuple[Edit, ...], encoding: Encoding
) -> list[types.TextEdit]:
    return [
        types.TextEdit(range=lsp_range(doc, e.start, e.end, encoding), new_text=e.text)
        for e in sorted(edits, key=lambda e: (e.start, e.end))
    ]


def offset_at(doc: Document, position: types.Position, encoding: Encoding) -> int:
    return doc.offset_at(position.line, position.character, encoding)
