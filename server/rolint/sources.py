"""Where a door's input comes from: walking folders, and reading one input within limits.

Shared by the CLI, the language server and the HTTP door, so that every door agrees on
the file set, on the size limit (``max-file-size-mb``, checked before a byte is read
whole), on decoding (UTF-8, BOM, binary refused) and on the messages users see. No door
imports another door's private helpers.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from rolint.config import Config
from rolint.globs import Globs
from rolint.readers import InputError, decode

MB = 1024 * 1024


def walk(
    root: Path, include: tuple[str, ...], exclude: tuple[str, ...], errors: list[tuple[str, str]]
) -> Iterator[Path]:
    """Files under ``root`` matching ``include`` and not ``exclude``, in sorted order.

    Unreadable folders are appended to ``errors`` as (path, message) and skipped. Every
    door that walks a folder (CLI batch, language server workspace check) uses this, so
    they agree on the file set.
    """

    def onerror(exc: OSError) -> None:
        errors.append(
            (
                str(exc.filename or root),
                "permisiune refuzată: directorul nu poate fi citit"
                if isinstance(exc, PermissionError)
                else str(exc),
            )
        )

    included, excluded = Globs(include), Globs(exclude)
    for folder, dirs, files in os.walk(root, onerror=onerror):
        dirs.sort()
        rel_folder = Path(folder).relative_to(root)
        dirs[:] = [d for d in dirs if not excluded.match((rel_folder / d).as_posix() + "/x")]
        prefix = "" if rel_folder == Path(".") else rel_folder.as_posix() + "/"
        for name in sorted(files):
            rel = prefix + name
            if included.match(rel) and not excluded.match(rel):
                yield Path(folder) / name


# -- the size limit ----------------------------------------------------------------


def limit_bytes(cfg: Config) -> int:
    """``max-file-size-mb`` in bytes (config validation keeps it finite and positive)."""
    return int(cfg.max_file_size_mb * MB)


def size_message(size: int, cfg: Config, what: str = "fișier", at_least: bool = False) -> str:
    """Why an input of ``size`` bytes (``at_least``: or more) is refused: exact byte
    counts, so a file one byte over the limit never reads as "10.0 MB > 10 MB"."""
    amount = f"cel puțin {_count(size)}" if at_least else _count(size)
    return (
        f"{what} prea mare ({amount} octeți, peste limita de "
        f"{cfg.max_file_size_mb:g} MB = {_count(limit_bytes(cfg))} octeți); ridicați "
        "max-file-size-mb în configurație dacă e intenționat"
    )


def _count(n: int) -> str:
    """``n`` with Romanian thousands separators (10.485.761)."""
    return f"{n:,}".replace(",", ".")


def too_large(text: str, cfg: Config, what: str = "document") -> str | None:
    """Why already-decoded ``text`` is not checked, or None (same limit for every door)."""
    limit = limit_bytes(cfg)
    if len(text) * 4 <= limit:
        return None  # no UTF-8 encoding of it can be over: skip encoding it
    size = len(text.encode("utf-8", "surrogatepass"))
    return size_message(size, cfg, what) if size > limit else None


# -- reading -----------------------------------------------------------------------


def read_limited(
    stream: BinaryIO, cfg: Config, what: str = "fișier", expected: int | None = None
) -> bytes:
    """Read ``stream`` to its end, refusing (InputError) as soon as it passes the limit:
    a huge input is refused after reading one byte more than allowed, never whole.

    ``expected``: the size a file had when it was opened. Reading asks for that (and one
    byte more, to see growth) instead of the whole limit: a read of the limit allocates
    a buffer of the limit (10 MB by default) for every file of a batch.
    """
    limit = limit_bytes(cfg)
    first = limit + 1 if expected is None else min(limit, expected) + 1
    data = stream.read(first) or b""
    if len(data) == first and first <= limit:  # the file grew since it was opened
        data += stream.read(limit + 1 - first) or b""
    if len(data) > limit:
        # not read further: a stream may never end (``< /dev/zero``)
        raise InputError(size_message(len(data), cfg, what, at_least=True))
    return data


def read_bytes(path: Path, cfg: Config) -> bytes:
    """The bytes of file ``path``, within the size limit; every failure is an
    :class:`InputError` with a message for users."""
    try:
        size = path.stat().st_size
        if size > limit_bytes(cfg):
            raise InputError(size_message(size, cfg))
        with path.open("rb") as fh:
            return read_limited(fh, cfg, expected=size)
    except IsADirectoryError:
        raise InputError("este un director, nu un fișier") from None
    except FileNotFoundError:
        raise InputError("fișierul nu există") from None
    except PermissionError:
        raise InputError("permisiune refuzată la citire") from None
    except OSError as exc:
        raise InputError(f"nu pot citi fișierul: {exc.strerror or exc}") from None


def read_stdin(cfg: Config) -> bytes:
    """The bytes of standard input within the size limit; a closed or unreadable stdin
    is an :class:`InputError` (``rolint check - <&-``)."""
    import sys

    stream = getattr(sys.stdin, "buffer", None) if sys.stdin is not None else None
    if stream is None:
        raise InputError("intrarea standard este închisă; nu am ce verifica")
    try:
        return read_limited(stream, cfg, "text")
    except (OSError, ValueError) as exc:
        raise InputError(f"nu pot citi intrarea standard: {exc}") from None


def decode_checked(data: bytes, cfg: Config) -> tuple[str, bool]:
    """``data`` decoded (text, had BOM), refusing inputs over the limit first."""
    if len(data) > limit_bytes(cfg):
        raise InputError(size_message(len(data), cfg))
    return decode(data)


def read_source(path: Path, cfg: Config) -> tuple[bytes, str, bool]:
    """File ``path`` read and decoded: (bytes, text, had BOM); InputError on failure."""
    data = read_bytes(path, cfg)
    text, bom = decode(data)
    return data, text, bom
