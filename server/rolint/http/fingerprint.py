"""Fingerprints: names for findings that survive edits elsewhere in the article.

A CMS stores the fingerprints an editor dismissed and sends them back as ``ignore``;
the finding must stay dismissed while the text around it changes. Offsets cannot be
part of the name (every edit above moves them), so a fingerprint hashes what the finding
*is*: the field, the rule, the flagged text and one word of context on each side (case
and spacing normalised, markup and entities removed), plus an occurrence index that
tells apart equal findings in one field (the second „sînt” of a paragraph).
"""

from __future__ import annotations

import hashlib
import html
import re
import unicodedata
from collections.abc import Sequence

from rolint.diagnostic import Diagnostic

_TAG = re.compile(r"<[^>]*>?")
_SPACE = re.compile(r"\s+")
_WORD = re.compile(r"\w+")
_WINDOW = 48  # source characters looked at on each side for the context word


def _plain(text: str, fmt: str) -> str:
    """``text`` without markup (HTML tags and entities), NFC, spaces collapsed."""
    if fmt == "html":
        text = html.unescape(_TAG.sub(" ", text))
    text = unicodedata.normalize("NFC", text)
    return _SPACE.sub(" ", text).strip().casefold()


def _key(source: str, fmt: str, d: Diagnostic) -> tuple[str, str, str]:
    flagged = _plain(source[d.start : d.end], fmt)
    head = source[max(0, d.start - _WINDOW) : d.start]
    if fmt == "html" and ">" in head and "<" not in head.split(">", 1)[0]:
        head = head.split(">", 1)[1]  # the window began inside a tag
    before = _WORD.findall(_plain(head, fmt))
    after = _WORD.findall(_plain(source[d.end : d.end + _WINDOW], fmt))
    return flagged, before[-1] if before else "", after[0] if after else ""


def fingerprints(field: str, source: str, fmt: str, diags: Sequence[Diagnostic]) -> list[str]:
    """One fingerprint per diagnostic of one field, in the diagnostics' order."""
    seen: dict[tuple[str, ...], int] = {}
    out = []
    for d in diags:
        key = (field, d.rule, *_key(source, fmt, d))
        index = seen.get(key, 0)
        seen[key] = index + 1
        raw = "\x1f".join((*key, str(index)))
        out.append("rl1:" + hashlib.sha256(raw.encode("utf-8")).hexdigest()[:24])
    return out
