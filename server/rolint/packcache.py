"""The parsed YAML rule packs, kept as JSON in rolint's cache folder.

Parsing the packs was the largest single cost of a cold `rolint check` before any
text was read: importing PyYAML and building the packs' objects in Python (its C
loader still constructs every node in Python), 25-50 ms here against well under a
millisecond for the same data read as JSON. So the run that parses a pack also writes
its data as JSON beside the compiled dictionary (``$ROLINT_CACHE_DIR``, else
``~/.cache/rolint``), and later runs read that instead.

The YAML stays the truth. A cache file is named by the SHA-256 of the pack's bytes
and used only when its header repeats that digest and the digest of the data below it
still matches: an edited pack, a torn or corrupt file, an old format, or a folder that
cannot be written all fall back to parsing the YAML (an error in it is reported as
before, since only data that parsed is ever cached). Data that JSON would not give
back exactly (dates, keys that are not text) is not cached. JSON, never pickle:
reading a cache file cannot run code; and it is the same folder, with the same trust,
as the compiled dictionary.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from pathlib import Path
from typing import Any

FORMAT = 1
KEEP = 8  # cache files kept per pack name (other checkouts, earlier edits)


class Missing:
    """No usable cache file (see :func:`read`)."""


MISSING = Missing()


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def cache_file(path: Path, raw: bytes) -> Path:
    """Where the data of pack ``path`` holding bytes ``raw`` is cached."""
    from rolint.spelling.dictionary import cache_dir

    return cache_dir() / f"pack-{path.stem}-{_digest(raw)[:24]}.json"


def read(path: Path, raw: bytes) -> Any:
    """The cached data of pack ``path`` whose bytes are ``raw``, or :data:`MISSING`."""
    try:
        blob = cache_file(path, raw).read_bytes()
    except OSError:
        return MISSING
    head, _, body = blob.partition(b"\n")
    try:
        header = json.loads(head)
        if not isinstance(header, dict) or header != _header(raw, body):
            return MISSING
        return json.loads(body)
    except ValueError:  # not JSON, not UTF-8
        return MISSING


def _header(raw: bytes, body: bytes) -> dict[str, object]:
    return {"format": FORMAT, "pack": _digest(raw), "data": _digest(body)}


def write(path: Path, raw: bytes, data: Any) -> None:
    """Cache ``data``, parsed from pack ``path`` holding ``raw``, when JSON gives it back
    exactly. Written to a temporary file and renamed: a reader never sees half of
    one. A folder that cannot be written only costs the next run a parse."""
    try:
        body = json.dumps(data, ensure_ascii=False, allow_nan=False).encode("utf-8")
    except (TypeError, ValueError):  # dates, bytes, sets, NaN: not JSON data
        return
    if not same(json.loads(body), data):
        return  # e.g. a key that is a number: JSON would give it back as text
    import tempfile

    target = cache_file(path, raw)
    blob = json.dumps(_header(raw, body)).encode() + b"\n" + body
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".pack-")
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(blob)
            os.replace(tmp, target)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise
        _prune(target.parent, path.stem)
    except OSError:
        return


def _prune(folder: Path, stem: str) -> None:
    """Keep the :data:`KEEP` newest cache files of pack ``stem``."""
    files = []
    for f in folder.glob(f"pack-{stem}-*.json"):
        with contextlib.suppress(OSError):
            files.append((f.stat().st_mtime_ns, f))
    for _, f in sorted(files, reverse=True)[KEEP:]:
        with contextlib.suppress(OSError):
            f.unlink()


def same(a: Any, b: Any) -> bool:
    """``a`` and ``b`` are equal and of the same types all the way down (True == 1 and
    {1: x} == {"1": x} must not pass), dictionaries in the same order."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return list(a) == list(b) and all(type(k) is str and same(v, b[k]) for k, v in a.items())
    if isinstance(a, list):
        return len(a) == len(b) and all(map(same, a, b))
    return bool(a == b)
