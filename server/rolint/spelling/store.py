"""The compiled dictionary: every word form, grouped by its folded key, memory-mapped.

Hunspell's own lookup strips affixes on every query; done in Python that is ~3k
words/s. Instead the dictionary is expanded once (``affix.py``, ~2 million forms) and
written to one cache file that is memory-mapped on load (milliseconds, and pages
come into RAM only as they are touched):

* **key**: the word lower-cased with Romanian diacritics removed
  (``Țării`` → ``tarii``), so one probe answers "is this word valid in any case?"
  *and* "which valid forms differ from it only by diacritics?";
* **blob**: one line per key, ``key \\t form \\t form ...\\n`` (a form identical to its
  key is written as an empty field);
* **index**: an open-addressing hash table (linear probing, load ≤ 0.5) of two
  ``uint32`` arrays: the CRC-32 of the key's UTF-8 bytes and the blob offset + 1
  (0 = empty slot). A CRC collision only costs a string comparison: the blob holds
  the key itself, so a lookup is exact;
* **filter**: one byte per value of the top bits of the CRC (2^b bytes, about four
  per key), 1 where some key has those bits. Suggestions probe hundreds of edit keys
  of a word at once and nearly all are absent: :meth:`Compiled.present` drops ~80 %
  of them with this table in C (``map``/``itemgetter``/``compress``) before its
  Python loop walks the probe sequences of the rest (a present key is never
  dropped: its own bits were set);
* **freq**: the wordfreq Romanian list (``word \\t zipf×100``), read lazily to rank
  suggestions;
* **english**: common English words (wordfreq), read lazily to recognise English
  phrases quoted in Romanian copy;
* **hot**: the valid lower-case forms wordfreq sees often (Zipf ≥ 2.5), loaded into
  a set on open: most tokens of news text are answered there without probing.

File layout: a 128-byte header (magic, version, counts, section offsets), then the
fingerprint array, the offset array, the filter, the blob, the frequency, English and hot
sections and a JSON metadata section (source paths, the affix file's TRY/KEY/REP/MAP). Written to a
temporary file and renamed (atomic).
"""

from __future__ import annotations

import contextlib
import json
import mmap
import os
import struct
import tempfile
from array import array
from collections.abc import Iterable
from itertools import accumulate, compress, repeat
from operator import itemgetter, rshift
from pathlib import Path
from typing import Any
from zlib import crc32

from rolint.romanian import PLAIN_FOLD, fold

MAGIC = b"ROLINTSPELL\0"
VERSION = 6
_HEADER = struct.Struct("<12s18I")  # 12 + 18*4 = 84 bytes, padded to 128
HEADER_SIZE = 128
# bytes of the membership filter per key (rounded up to a power of two): ~20 % of
# absent keys pass at 4 (8 MB for rospell's 1.9 million keys), ~11 % at 8
FILTER_BYTES_PER_KEY = 4

FOLD = PLAIN_FOLD  # Romanian diacritics (both s/t forms) → base letters


def fold_key(word: str) -> str:
    """Lookup key: lower case, Romanian diacritics removed (see rolint.romanian.fold)."""
    return fold(word)


def _next_pow2(n: int) -> int:
    p = 1
    while p < n:
        p <<= 1
    return p


def filter_bits(nkeys: int) -> int:
    """log2 of the filter's size in bytes for ``nkeys`` keys (6 to 31)."""
    return min(31, max(6, (FILTER_BYTES_PER_KEY * nkeys - 1).bit_length()))


def build(
    forms: Iterable[str],
    out_path: str | Path,
    freq: dict[str, float] | None = None,
    meta: dict[str, Any] | None = None,
    english: Iterable[str] = (),
    hot_zipf: float = 2.5,
) -> dict[str, int]:
    """Write the compiled dictionary for ``forms`` to ``out_path`` (atomically)."""
    forms = [f for f in dict.fromkeys(forms) if f and "\n" not in f and "\t" not in f]
    # fold in bulk: lower() and replace() over the joined text run at C speed
    folded = fold("\n".join(forms)).split("\n")
    if len(folded) != len(forms):  # pragma: no cover - a form whose lower() adds a line
        folded = [fold_key(f) for f in forms]
    groups: dict[str, list[str]] = {}
    for k, f in zip(folded, forms, strict=True):
        g = groups.get(k)
        if g is None:
            groups[k] = [f]
        else:
            g.append(f)
    keys = list(groups)
    lines = [k + "\t" + "\t".join(["" if f == k else f for f in g]) for k, g in groups.items()]
    del groups, folded
    nforms = len(forms)
    nkeys = len(keys)
    nslots = _next_pow2(max(16, nkeys * 2))
    mask = nslots - 1
    fps = array("I", bytes(4 * nslots))
    offs = array("I", bytes(4 * nslots))
    fbits = filter_bits(nkeys)
    fshift = 32 - fbits
    filt = bytearray(1 << fbits)
    blob = ("\n".join(lines) + "\n").encode("utf-8")
    del lines
    starts = [0, *accumulate(len(b) + 1 for b in blob.split(b"\n")[:-1])]
    hashes = map(crc32, "\n".join(keys).encode("utf-8").split(b"\n"))
    for h, pos in zip(hashes, starts, strict=False):
        i = h & mask
        while offs[i]:
            i = (i + 1) & mask
        fps[i] = h
        offs[i] = pos + 1
        filt[h >> fshift] = 1
    if len(blob) >= 2**32 - 1:  # pragma: no cover - rospell is ~30 MB
        raise ValueError("dicționar prea mare pentru formatul compilat")
    freq_blob = b""
    if freq:
        freq_blob = "".join(
            f"{w}\t{round(z * 100)}\n" for w, z in sorted(freq.items()) if z > 0
        ).encode("utf-8")
    en_blob = "\n".join(sorted(set(english))).encode("utf-8")
    # hot words: frequent valid lower-case forms, answered from a set before the table
    hot_blob = b""
    if freq:
        valid = set(forms)
        hot_blob = "\n".join(
            sorted(w for w, z in freq.items() if z >= hot_zipf and w in valid)
        ).encode("utf-8")
    meta_blob = json.dumps(meta or {}, ensure_ascii=False).encode("utf-8")

    fps_off = HEADER_SIZE
    offs_off = fps_off + 4 * nslots
    filt_off = offs_off + 4 * nslots
    blob_off = filt_off + len(filt)
    freq_off = blob_off + len(blob)
    en_off = freq_off + len(freq_blob)
    hot_off = en_off + len(en_blob)
    meta_off = hot_off + len(hot_blob)
    header = _HEADER.pack(
        MAGIC,
        VERSION,
        nslots,
        nkeys,
        nforms,
        fps_off,
        offs_off,
        blob_off,
        len(blob),
        freq_off,
        len(freq_blob),
        meta_off,
        len(meta_blob),
        en_off,
        len(en_blob),
        hot_off,
        len(hot_blob),
        filt_off,
        fbits,
    ).ljust(HEADER_SIZE, b"\0")

    out_path = Path(out_path)
    out_path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=out_path.name + ".", dir=out_path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(header)
            fh.write(fps.tobytes())
            fh.write(offs.tobytes())
            fh.write(filt)
            fh.write(blob)
            fh.write(freq_blob)
            fh.write(en_blob)
            fh.write(hot_blob)
            fh.write(meta_blob)
            os.fchmod(fh.fileno(), 0o644)
        os.replace(tmp, out_path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    return {"keys": nkeys, "forms": nforms, "slots": nslots, "bytes": meta_off + len(meta_blob)}


class CompiledError(ValueError):
    """The cache file is missing, truncated or of another version."""


class Compiled:
    """Read-only view of a compiled dictionary file (memory-mapped)."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        with open(self.path, "rb") as fh:
            try:
                self._mm = mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ)
            except ValueError as exc:  # empty file
                raise CompiledError(f"{path}: fișier gol") from exc
        mm = self._mm
        if len(mm) < HEADER_SIZE:
            raise CompiledError(f"{path}: antet trunchiat")
        fields = _HEADER.unpack(mm[: _HEADER.size])
        (
            magic,
            version,
            nslots,
            nkeys,
            nforms,
            fps_off,
            offs_off,
            blob_off,
            blob_len,
            freq_off,
            freq_len,
            meta_off,
            meta_len,
            en_off,
            en_len,
            hot_off,
            hot_len,
            filt_off,
            fbits,
        ) = fields
        if magic != MAGIC or version != VERSION:
            raise CompiledError(f"{path}: format necunoscut")
        if len(mm) != meta_off + meta_len:
            raise CompiledError(f"{path}: fișier trunchiat")
        if not 6 <= fbits <= 31 or nslots < 16 or nslots & (nslots - 1):
            raise CompiledError(f"{path}: antet stricat")
        # the sections follow one another in the order build() writes them
        ends = (
            (fps_off, HEADER_SIZE),
            (offs_off, fps_off + 4 * nslots),
            (filt_off, offs_off + 4 * nslots),
            (blob_off, filt_off + (1 << fbits)),
            (freq_off, blob_off + blob_len),
            (en_off, freq_off + freq_len),
            (hot_off, en_off + en_len),
            (meta_off, hot_off + hot_len),
        )
        if any(start != end for start, end in ends):
            raise CompiledError(f"{path}: antet stricat")
        view = memoryview(mm)
        self._fps = view[fps_off : fps_off + 4 * nslots].cast("I")
        self._offs = view[offs_off : offs_off + 4 * nslots].cast("I")
        self._filter = view[filt_off : filt_off + (1 << fbits)]
        self._filter_shift = 32 - fbits
        self._mask = nslots - 1
        self._blob_off = blob_off
        self._blob_len = blob_len
        self.nkeys = nkeys
        self.nforms = nforms
        self._freq_span = (freq_off, freq_len)
        self._en_span = (en_off, en_len)
        self._hot_span = (hot_off, hot_len)
        self.meta: dict[str, Any] = json.loads(bytes(mm[meta_off : meta_off + meta_len]))

    def group(self, key: str) -> list[str] | None:
        """All valid forms whose :func:`fold_key` is ``key`` (None if there are none)."""
        f = self.fields(key.encode("utf-8"))
        if f is None:
            return None
        return [key if not p else p.decode("utf-8") for p in f[1:].split(b"\t")]

    def line(self, kb: bytes) -> bytes | None:
        """The raw blob line of a key (UTF-8 bytes): ``key \\t form \\t form``."""
        h = crc32(kb)
        mask = self._mask
        fps = self._fps
        offs = self._offs
        i = h & mask
        o = offs[i]
        n = len(kb)
        while o:
            if fps[i] == h:
                mm = self._mm
                start = self._blob_off + o - 1
                end = mm.find(b"\n", start)
                line = mm[start:end]
                if line[n : n + 1] in (b"\t", b"") and line[:n] == kb:
                    return line
            i = (i + 1) & mask
            o = offs[i]
        return None

    def fields(self, kb: bytes) -> bytes | None:
        """The forms of a key as ``\\t form \\t form`` (UTF-8), or None: the hot path."""
        h = crc32(kb)
        mask = self._mask
        fps = self._fps
        offs = self._offs
        mm = self._mm
        base = self._blob_off - 1 + len(kb)
        i = h & mask
        o = offs[i]
        while o:
            if fps[i] == h:
                end = base + o  # just after the key
                if mm[end] == 9 and mm[end - len(kb) : end] == kb:  # 9 = "\t"
                    return mm[end : mm.find(b"\n", end)]
            i = (i + 1) & mask
            o = offs[i]
        return None

    def present(self, keys: Iterable[str]) -> set[str]:
        """Which of ``keys`` have valid forms: many probes, with no decoding.

        Suggestions probe hundreds of edits of a word at once, nearly all absent: the
        filter drops ~80 % of them in C (one ``encode`` and ``split`` for all keys,
        ``map``, ``itemgetter``, ``compress``) before the loop walks the probe
        sequences of the others.
        """
        out: set[str] = set()
        keys = list(keys)
        if not keys:
            return out
        encoded = "\n".join(keys).encode("utf-8").split(b"\n")
        if len(encoded) != len(keys):  # a key with a line break (never stored)
            encoded = [k.encode("utf-8") for k in keys]
        hashes = list(map(crc32, encoded))
        mask = self._mask
        fps = self._fps
        offs = self._offs
        mm = self._mm
        base = self._blob_off - 1
        for j in compress(range(len(keys)), self._filtered(hashes)):
            h = hashes[j]
            i = h & mask
            o = offs[i]
            while o:
                if fps[i] == h:
                    kb = encoded[j]
                    n = len(kb)
                    end = base + n + o  # just after the key
                    if mm[end] == 9 and mm[end - n : end] == kb:
                        out.add(keys[j])
                        break
                i = (i + 1) & mask
                o = offs[i]
        return out

    def _filtered(self, hashes: list[int]) -> Iterable[int]:
        """The filter's byte for each CRC (0: surely absent), looked up in C."""
        filt = self._filter
        shift = self._filter_shift
        if len(hashes) == 1:  # itemgetter of one index gives the item, not a tuple
            return (filt[hashes[0] >> shift],)
        return itemgetter(*map(rshift, hashes, repeat(shift)))(filt)

    def has_key(self, key: str) -> bool:
        """Is there any valid form with this folded key? (no decoding)"""
        kb = key.encode("utf-8")
        h = crc32(kb)
        mask = self._mask
        fps = self._fps
        offs = self._offs
        i = h & mask
        o = offs[i]
        while o:
            if fps[i] == h:
                start = self._blob_off + o - 1
                n = len(kb)
                if self._mm[start : start + n + 1] in (kb + b"\t", kb + b"\n"):
                    return True
            i = (i + 1) & mask
            o = offs[i]
        return False

    def zipf(self, word: str) -> float | None:
        """The stored Zipf value of one word (None if it has none), by binary search in
        the sorted frequency lines: a cold check ranks a few suggestions, and reading
        all of :meth:`frequencies` into a dict cost it ~50 ms."""
        off, n = self._freq_span
        kb = word.encode("utf-8")
        mm = self._mm
        lo, hi = off, off + n  # both at the start of a line (or the section's end)
        while lo < hi:
            cut = mm.rfind(b"\n", lo, (lo + hi) // 2)
            start = lo if cut < 0 else cut + 1  # the line holding the middle byte
            end = mm.find(b"\n", start, hi)
            tab = mm.find(b"\t", start, end)
            key = mm[start:tab]
            if key == kb:
                return int(mm[tab + 1 : end]) / 100
            if key < kb:
                lo = end + 1
            else:
                hi = start
        return None

    def frequencies(self) -> dict[str, float]:
        """wordfreq's Romanian Zipf values stored at compile time."""
        off, n = self._freq_span
        out: dict[str, float] = {}
        if not n:
            return out
        for line in bytes(self._mm[off : off + n]).decode("utf-8").splitlines():
            w, _, z = line.partition("\t")
            out[w] = int(z) / 100
        return out

    def hot(self) -> frozenset[str]:
        """Frequent valid lower-case forms (a fast path in front of the table)."""
        off, n = self._hot_span
        if not n:
            return frozenset()
        return frozenset(bytes(self._mm[off : off + n]).decode("utf-8").split("\n"))

    def english(self) -> frozenset[str]:
        """Common English words (wordfreq), to recognise English phrases in the text."""
        off, n = self._en_span
        if not n:
            return frozenset()
        return frozenset(bytes(self._mm[off : off + n]).decode("utf-8").split("\n"))

    def iter_groups(self) -> Iterable[tuple[str, list[str]]]:
        """Every (key, forms) pair (for tools and tests, not hot paths)."""
        mm = self._mm
        pos = self._blob_off
        end_all = pos + self._blob_len
        while pos < end_all:
            end = mm.find(b"\n", pos)
            parts = bytes(mm[pos:end]).decode("utf-8").split("\t")
            yield parts[0], [p if p else parts[0] for p in parts[1:]]
            pos = end + 1
