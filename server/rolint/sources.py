"""Where a door's input comes from: walking folders for the files to check.

Shared by the CLI and the language server (and the HTTP door), so no door imports
another door's private helpers.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

from rolint.config import matches_any


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

    for folder, dirs, files in os.walk(root, onerror=onerror):
        dirs.sort()
        rel_folder = Path(folder).relative_to(root)
        dirs[:] = [d for d in dirs if not matches_any((rel_folder / d).as_posix() + "/x", exclude)]
        for name in sorted(files):
            rel = (rel_folder / name).as_posix()
            if matches_any(rel, include) and not matches_any(rel, exclude):
                yield Path(folder) / name
