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
from rolint.memo import BoundedCache

_TAG = re.compile(r"<[^>]*>?")
_SPACE = re.compile(r"\s+")
_FIRST_WORD = re.compile(r"\W*(\w+)")
_LAST_WORD = _FIRST_WORD  # matched on the reversed text before the finding
_WINDOW = 48  # source characters looked at on each side for the context word
MEMO_SIZE = 50_000  # findings' contexts kept by a service: a few hundred articles' worth

Memo = BoundedCache[tuple[str, str, str, str], tuple[str, str, str]]


def new_memo() -> Memo:
    """The table a service keeps for :func:`fingerprints` (one per service, not global)."""
    return BoundedCache(MEMO_SIZE)


def _plain(text: str, fmt: str) -> str:
    """``text`` without markup (HTML tags and entities), NFC, spaces collapsed."""
    if fmt == "html" and ("<" in text or "&" in text or ">" in text):
        text = html.unescape(_TAG.sub(" ", text))
    if not text.isascii():
        text = unicodedata.normalize("NFC", text)
    return _SPACE.sub(" ", text).strip().casefold()


def _compute_key(head: str, flagged: str, tail: str, fmt: str) -> tuple[str, str, str]:
    if fmt == "html" and ">" in head and "<" not in head.split(">", 1)[0]:
        head = head.split(">", 1)[1]  # the window began inside a tag
    before = _LAST_WORD.match(_plain(head, fmt)[::-1])
    after = _FIRST_WORD.match(_plain(tail, fmt))
    return (
        _plain(flagged, fmt),
        before.group(1)[::-1] if before else "",
        after.group(1) if after else "",
    )


def _key(source: str, fmt: str, d: Diagnostic, memo: Memo | None) -> tuple[str, str, str]:
    """(flagged text, word before, word after), memoised by the text around the finding:
    re-checks of an edited article ask again for every finding that did not change."""
    start, end = d.start, d.end
    head = source[max(0, start - _WINDOW) : start]
    flagged = source[start:end]
    tail = source[end : end + _WINDOW]
    if memo is None:
        return _compute_key(head, flagged, tail, fmt)
    memo_key = (fmt, head, flagged, tail)
    found = memo.get(memo_key)
    if found is None:
        found = memo.put(memo_key, _compute_key(head, flagged, tail, fmt))
    return found


def fingerprints(
    field: str, source: str, fmt: str, diags: Sequence[Diagnostic], memo: Memo | None = None
) -> list[str]:
    """One fingerprint per diagnostic of one field, in the diagnostics' order; ``memo``
    (from :func:`new_memo`) saves the work for findings whose context did not change."""
    seen: dict[tuple[str, ...], int] = {}
    out = []
    for d in diags:
        key = (field, d.rule, *_key(source, fmt, d, memo))
        index = seen.get(key, 0)
        seen[key] = index + 1
        raw = "\x1f".join((*key, str(index)))
        out.append("rl1:" + hashlib.sha256(raw.encode("utf-8")).hexdigest()[:24])
    return out
