"""rolint diagnostics and edits as LSP values (lsprotocol types, no server state).

Every position goes through :meth:`rolint.document.Document.range` /
:meth:`~rolint.document.Document.offset_at` in the encoding negotiated with the client.
"""

from __future__ import annotations

import json
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


class DiagnosticJson(dict):  # type: ignore[type-arg]
    """An LSP Diagnostic as JSON data that remembers its encoded text.

    The server reuses the items of diagnostics that did not move from one check to the
    next (``checks._reusable``), so an item is encoded once, not on every keystroke.
    Treat it as immutable once encoded.
    """

    __slots__ = ("encoded",)
    encoded: str


class EncodedList(list):  # type: ignore[type-arg]
    """A list of JSON data that also knows its whole JSON text (``encoded``).

    The huge-document worker sends a result's 150,000 diagnostics already encoded: with
    the array's text at hand a publication costs the event loop no per-item work (a
    loop over 150,000 items took 0.4–1.5 s of it). Never mutate one: the text would be
    wrong. Joining it to another list (``items + more``) gives a plain list.
    """

    __slots__ = ("encoded",)
    encoded: str


def encoded_item(text: str) -> DiagnosticJson:
    """An item known only by its JSON text (diagnostics of the huge-document worker)."""
    item = DiagnosticJson()
    item.encoded = text
    return item


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def json_text(value: Any) -> str:
    """The JSON text of ``value`` (JSON data), reusing each DiagnosticJson's encoding."""
    if isinstance(value, DiagnosticJson):
        try:
            return value.encoded
        except AttributeError:
            value.encoded = _dumps(value)
            return value.encoded
    if isinstance(value, dict):
        return "{" + ",".join(_dumps(k) + ":" + json_text(v) for k, v in value.items()) + "}"
    if isinstance(value, list):
        if isinstance(value, EncodedList):
            return value.encoded
        return "[" + ",".join(json_text(v) for v in value) + "]"
    return _dumps(value)


def message_text(message: Any) -> str | None:
    """JSON text of a JSON-RPC notification or response carrying :class:`JsonData`
    (None for any other message: pygls encodes those itself)."""
    params = getattr(message, "params", None)
    if isinstance(params, JsonData) and getattr(message, "method", None):
        head = '{"jsonrpc":"2.0","method":' + _dumps(message.method)
        return head + ',"params":' + json_text(params.value) + "}"
    result = getattr(message, "result", None)
    if isinstance(result, JsonData) and getattr(message, "error", None) is None:
        head = '{"jsonrpc":"2.0","id":' + _dumps(message.id)
        return head + ',"result":' + json_text(result.value) + "}"
    return None


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


def diagnostic_json(doc: Document, diag: Diagnostic, encoding: Encoding) -> DiagnosticJson:
    """The LSP Diagnostic as plain JSON data: what is published and pulled.

    Built without lsprotocol objects: a document has hundreds of diagnostics and every
    keystroke converts them all, so this path avoids attrs validation and cattrs.
    """
    (sl, sc), (el, ec) = doc.range(diag.start, diag.end, encoding)
    return DiagnosticJson(
        range={"start": {"line": sl, "character": sc}, "end": {"line": el, "character": ec}},
        message=diag.message,
        severity=_SEVERITY_NUMBER[diag.severity],
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
