"""Where rolint keeps per-user files: one rule for every such folder.

A folder is named by its own environment variable when that is set (tests and
packagers point it elsewhere), else it is ``rolint`` under the XDG base folder
(``$XDG_CACHE_HOME``, ``$XDG_CONFIG_HOME``), else under its usual place in the home
folder (``~/.cache``, ``~/.config``).
"""

from __future__ import annotations

import os
from pathlib import Path


def user_dir(override: str, xdg: str, fallback: str) -> Path:
    """``$override``, else ``$xdg/rolint``, else ``~/fallback/rolint``."""
    env = os.environ.get(override)
    if env:
        return Path(env)
    base = os.environ.get(xdg)
    return (Path(base) if base else Path.home() / fallback) / "rolint"
