"""What the server knows of the workspace: its folders, the editor settings per folder,
and the project files (rolint.toml, vocabularies) whose changes re-check documents.

Settings arrive as ``initializationOptions``, as answers to ``workspace/configuration``
(global and per folder) and inside ``workspace/didChangeConfiguration``; their parsing
is :mod:`rolint.lsp.settings` (plain data). Project files are polled every
``POLL_SECONDS`` (and on save and on ``didChangeWatchedFiles``); any change moves the
``generation`` on, which outdates every result.
"""

from __future__ import annotations

import asyncio
import logging
from pathlib import Path
from typing import TYPE_CHECKING

from lsprotocol import types

from rolint.lsp import checks
from rolint.lsp import settings as settings_mod
from rolint.lsp.documents import uri_to_path
from rolint.lsp.settings import Settings

if TYPE_CHECKING:
    from rolint.lsp.server import RolintServer

log = logging.getLogger("rolint.lsp")

POLL_SECONDS = 2.0
CONFIG_TIMEOUT = 5.0


class Project:
    def __init__(self, ls: RolintServer) -> None:
        self.ls = ls
        self.initial_settings = Settings()
        self.global_settings = Settings()
        self.folder_settings: dict[Path, Settings] = {}
        self.generation = 0
        self.stamps: dict[str, tuple[int, int]] = {}
        self.poll_task: asyncio.Task[None] | None = None

    # -- folders & settings ---------------------------------------------------------------
    def folders(self) -> list[Path]:
        out = []
        for folder in self.ls.workspace.folders.values():
            path = uri_to_path(folder.uri)
            if path is not None:
                out.append(path)
        root = self.ls.workspace.root_path
        if not out and root:
            out.append(Path(root))
        return out

    def folder_for(self, path: Path | None) -> Path | None:
        folders = self.folders()
        if path is not None:
            found = checks.folder_of(path, folders)
            if found is not None:
                return found
        return folders[0] if len(folders) == 1 and path is None else None

    def settings_for(self, folder: Path | None) -> Settings:
        if folder is not None and folder in self.folder_settings:
            return self.folder_settings[folder]
        return self.global_settings

    def set_global(self, raw: object, where: str) -> None:
        self.global_settings = settings_mod.parse(raw)
        self.warn(self.global_settings, where)

    def warn(self, settings: Settings, where: str) -> None:
        for w in settings.warnings:
            self.ls.log_client("warning", f"setări rolint ({where}): {w}")

    async def pull_settings(self) -> None:
        """Ask the client for section ``rolint`` (global and per workspace folder)."""
        if not self.ls.cap("workspace.configuration"):
            return
        folders = [
            (f, w.uri)
            for w in self.ls.workspace.folders.values()
            if (f := uri_to_path(w.uri)) is not None
        ]
        items = [types.ConfigurationItem(section=settings_mod.SECTION)]
        items += [
            types.ConfigurationItem(scope_uri=uri, section=settings_mod.SECTION)
            for _, uri in folders
        ]
        try:
            values = await asyncio.wait_for(
                self.ls.workspace_configuration_async(types.ConfigurationParams(items=items)),
                CONFIG_TIMEOUT,
            )
        except (TimeoutError, Exception) as exc:
            self.ls.log_client("warning", f"nu am putut citi setările clientului: {exc!r}")
            return
        values = list(values or [])
        if values and isinstance(values[0], dict):
            self.set_global(values[0], "global")
        per_folder = {}
        for (folder, _), value in zip(folders, values[1:], strict=False):
            if isinstance(value, dict):
                per_folder[folder] = settings_mod.parse(value)
                self.warn(per_folder[folder], str(folder))
        self.folder_settings = per_folder

    def invalidate(self, why: str) -> None:
        """Settings or project files changed: every result is out of date."""
        self.generation += 1
        log.info("re-checking open documents: %s", why)
        if self.ls.pull_mode:
            for st in self.ls.scheduler.docs.values():
                st.fmt = None
            if self.ls.cap("workspace.diagnostics.refresh_support"):
                self.ls.protocol.send_request("workspace/diagnostic/refresh", None)
            return
        self.ls.scheduler.schedule_all()

    # -- project files ----------------------------------------------------------------------
    def _places(self) -> list[tuple[Path, Path | None, Settings]]:
        places: dict[Path, tuple[Path, Path | None, Settings]] = {}
        for st in self.ls.scheduler.docs.values():
            if st.doc.path is not None:
                folder = self.folder_for(st.doc.path)
                places[st.doc.path.parent] = (st.doc.path.parent, folder, self.settings_for(folder))
        for folder in self.folders():
            places.setdefault(folder, (folder, folder, self.settings_for(folder)))
        return list(places.values())

    async def poll(self) -> None:
        places = self._places()
        try:
            stamps = await self.ls.scheduler.lanes.run_io(checks.config_stamps, places)
        except RuntimeError:  # pool shut down
            return
        changed = [k for k in stamps.keys() & self.stamps.keys() if stamps[k] != self.stamps[k]]
        self.stamps.update(stamps)
        if changed:
            self.invalidate("fișiere de proiect schimbate: " + ", ".join(sorted(changed)))

    async def still_valid(self, stamps: dict[str, tuple[int, int]]) -> bool:
        """Whether a check that read files with these ``stamps`` is still current: a
        project file that changed around the check outdates it (all files are read
        again then, which invalidates every result if they did change)."""
        if all(self.stamps.setdefault(k, v) == v for k, v in stamps.items()):
            return True
        await self.poll()
        return all(self.stamps.get(k) == v for k, v in stamps.items())

    def start_polling(self) -> None:
        self.poll_task = asyncio.ensure_future(self._poll_forever())

    async def _poll_forever(self) -> None:
        while True:
            await asyncio.sleep(POLL_SECONDS)
            try:
                await self.poll()
            except asyncio.CancelledError:
                raise
            except Exception:
                log.exception("polling project files failed")

    def stop(self) -> None:
        if self.poll_task is not None:
            self.poll_task.cancel()
