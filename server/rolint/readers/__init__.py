"""Readers turn a source (bytes or text) into a Document; they never lint."""

from __future__ import annotations

import os.path
from collections.abc import Mapping
from types import MappingProxyType

from rolint.document import Document
from rolint.readers.builder import Hints, default_hints

FORMATS = ("text", "markdown", "html")
#: file extension → format: what detect_format and the language server's default
#: ``extensions`` setting read
EXTENSIONS: Mapping[str, str] = MappingProxyType(
    {
        ".md": "markdown",
        ".markdown": "markdown",
        ".mdx": "markdown",
        ".html": "html",
        ".htm": "html",
        ".xhtml": "html",
    }
)


class InputError(ValueError):
    """The input cannot be checked (not UTF-8, binary, too large…); message is for users."""


def detect_format(path: str | None, default: str = "text") -> str:
    """Format from the file extension; anything unknown is plain text."""
    if not path:
        return default
    return EXTENSIONS.get(os.path.splitext(path)[1].lower(), default)


def decode(data: bytes) -> tuple[str, bool]:
    """Decode file bytes as UTF-8; return (text without BOM, had_bom).

    Binary files (NUL bytes) and invalid UTF-8 are refused with a message saying where.
    """
    if b"\x00" in data[:65536] or b"\x00" in data:
        raise InputError("fișier binar (conține octeți NUL), nu text")
    bom = data.startswith(b"\xef\xbb\xbf")
    try:
        text = data.decode("utf-8-sig" if bom else "utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError(
            f"nu este UTF-8 valid (octetul 0x{data[exc.start]:02x} la poziția {exc.start}, "
            f"linia {line}); salvați fișierul ca UTF-8"
        ) from None
    return text, bom


def read(
    source: str,
    fmt: str = "text",
    path: str | None = None,
    bom: bool = False,
    hints: Hints | None = None,
) -> Document:
    """Build the Document for ``source`` in format ``fmt``."""
    hints = hints or default_hints()
    if fmt == "html":
        from rolint.readers.html import read_html

        return read_html(source, path, hints, bom)
    if fmt == "markdown":
        from rolint.readers.markdown import read_markdown

        return read_markdown(source, path, hints, bom)
    from rolint.readers.text import read_text

    return read_text(source, path, hints, bom)
