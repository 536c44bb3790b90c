"""The server's commands and the fix-all resolution behind code actions.

* ``rolint.fixAll`` (uri): every safe fix, sent as ``workspace/applyEdit``;
* ``rolint.addToVocabulary`` (uri, word): writes the project's accept vocabulary
  (see ``settings.vocabulary_file``) and re-checks at once;
* ``rolint.checkWorkspace``: checks every file ``rolint check FOLDER`` would, on the
  bulk lane, and publishes what it finds.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from lsprotocol import types
from pygls.exceptions import JsonRpcInvalidParams

from rolint.lsp import actions, checks
from rolint.lsp import settings as settings_mod
from rolint.lsp.documents import path_to_uri, uri_to_path

if TYPE_CHECKING:
    from rolint.lsp.server import RolintServer

FIX_ALL = "rolint.fixAll"
ADD_WORD = actions.ADD_WORD_COMMAND
CHECK_WORKSPACE = "rolint.checkWorkspace"


def arg_str(args: tuple[Any, ...], index: int, name: str) -> str:
    if len(args) <= index or not isinstance(args[index], str) or not args[index]:
        raise JsonRpcInvalidParams(
            message=f"argumentul {index + 1} ({name}) lipsește sau nu este un șir"
        )
    return str(args[index])


def edit_style(ls: RolintServer) -> bool:
    """True when the client takes versioned ``documentChanges`` edits."""
    return bool(ls.cap("workspace.workspace_edit.document_changes"))


async def resolve(ls: RolintServer, action: types.CodeAction) -> None:
    """Fill in the edit of a lazily resolved fix-all code action."""
    data = action.data if isinstance(action.data, dict) else {}
    st = ls.scheduler.docs.get(str(data.get("uri", "")))
    if st is None:
        return
    res = await ls.scheduler.fresh(st)
    lanes = ls.scheduler.lanes
    edits = await lanes.run(res.bulk, checks.fix_edits, res, data.get("rule"))
    action.edit = actions.workspace_edit(res, st.doc.uri, st.doc.version, edits, edit_style(ls))


async def apply_fix_all(ls: RolintServer, uri: str) -> dict[str, Any]:
    st = ls.scheduler.require(uri)
    res = await ls.scheduler.fresh(st)
    edits = await ls.scheduler.lanes.run(res.bulk, checks.fix_edits, res, None)
    if not edits:
        return {"applied": True, "edits": 0}
    edit = actions.workspace_edit(res, uri, st.doc.version, edits, edit_style(ls))
    answer = await ls.workspace_apply_edit_async(
        types.ApplyWorkspaceEditParams(edit=edit, label="rolint: corecturi sigure")
    )
    applied = bool(getattr(answer, "applied", False))
    if not applied:
        ls.log_client(
            "warning",
            f"clientul a refuzat corecturile: {getattr(answer, 'failure_reason', None)}",
        )
    return {"applied": applied, "edits": len(edits)}


async def add_to_vocabulary(ls: RolintServer, uri: str, word: str) -> dict[str, Any]:
    from rolint.vocabulary import VocabularyError, add_word

    st = ls.scheduler.docs.get(uri)
    path = st.doc.path if st is not None else uri_to_path(uri)
    folder = ls.project.folder_for(path)
    settings = ls.project.settings_for(folder)

    def work() -> tuple[Path, bool, bool]:
        messages: list[tuple[str, str]] = []
        base = checks.base_config(path, folder, messages)
        target = settings_mod.vocabulary_file(base, settings, folder)
        named = bool(settings.vocabulary) or target in base.accept_files
        return target, add_word(target, word), named

    try:
        target, added, named = await ls.scheduler.lanes.run_io(work)
    except VocabularyError as exc:
        ls.show_once("error", f"nu am adăugat cuvântul: {exc}")
        return {"added": False, "error": str(exc)}
    if added and not named:
        ls.show_once(
            "info",
            f"Am creat vocabularul {target}. Ca `rolint check` să-l "
            "folosească, adăugați în rolint.toml: [vocabulary] accept = "
            f'["{_relative(target, folder)}"]',
        )
    ls.log_client("info", f"„{word}” {'adăugat în' if added else 'era deja în'} {target}")
    await ls.project.poll()  # records the new stamp ...
    ls.project.invalidate(f"vocabular: {target}")  # ... and re-checks now, not at the next poll
    return {"added": added, "file": str(target)}


async def check_workspace(ls: RolintServer) -> dict[str, Any]:
    total_files = total_diags = 0
    scheduler = ls.scheduler
    for folder in ls.project.folders():
        files = await scheduler.lanes.run_io(_list_files, folder)
        settings = ls.project.settings_for(folder)
        for path in files:
            uri = path_to_uri(path)
            st = scheduler.docs.get(uri)
            if st is not None:
                res = await scheduler.fresh(st)
                if not ls.pull_mode:
                    scheduler.publish(st, res)
            else:
                fmt = settings_mod.format_for(settings, None, str(path)) or "text"
                res = await scheduler.lanes.check_file(path, fmt, folder, settings, ls.encoding)
                for level, text in res.messages:
                    ls.log_client(level, text)
                ls.workspace_published.add(uri)
                scheduler.send(uri, res.items)
            total_files += 1
            total_diags += len(res.items)
    ls.log_client("info", f"rolint: {total_diags} probleme în {total_files} fișiere")
    return {"files": total_files, "diagnostics": total_diags}


def _list_files(folder: Path) -> list[Path]:
    return list(checks.workspace_files(folder))


def _relative(path: Path, folder: Path | None) -> str:
    if folder is not None:
        try:
            return path.relative_to(folder).as_posix()
        except ValueError:
            pass
    return str(path)
