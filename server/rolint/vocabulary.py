"""Project vocabularies on disk: adding a word to an accept-vocabulary file.

A vocabulary file holds one word per line; ``#`` starts a comment and blank lines are
skipped (see :func:`rolint.config.read_vocabulary`). Adding a word keeps every existing
line and byte as it was, appends the word once (never a duplicate) in the file's own
line-ending style, and replaces the file atomically, so an editor, the language server
and ``rolint check`` never see a half-written list. Writers that use this module are
serialized (a lock in the process, ``flock`` on the folder across processes), and a
change made by anyone else between our read and our write makes us read again.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from rolint.fixes import ChangedOnDisk, write_atomic

_RETRIES = 20
_LOCK = threading.Lock()


@contextmanager
def _locked(folder: Path) -> Iterator[None]:
    """Exclusive access to the vocabulary files of ``folder`` among rolint writers."""
    with _LOCK:
        try:
            import fcntl

            fd = os.open(folder, os.O_RDONLY)
        except (ImportError, OSError):  # no flock here: the in-process lock still holds
            yield
            return
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            yield
        finally:
            os.close(fd)  # releases the lock


class VocabularyError(ValueError):
    """The word cannot be added (empty, several words, unreadable file…); message for users."""


def words_in(text: str) -> set[str]:
    """The words a vocabulary file's text declares (same reading as config.read_vocabulary)."""
    words = set()
    for line in text.splitlines():
        word = line.split("#", 1)[0].strip()
        if word:
            words.add(word)
    return words


def check_word(word: str) -> str:
    """The word as it will be written, or :class:`VocabularyError` when it cannot be one."""
    word = word.strip()
    if not word:
        raise VocabularyError("cuvântul este gol")
    if any(ch.isspace() for ch in word) or "#" in word:
        raise VocabularyError(f"„{word}” nu este un singur cuvânt (fără spații sau #)")
    return word


def _newline(text: str) -> str:
    if "\r\n" in text:
        return "\r\n"
    if "\r" in text and "\n" not in text:
        return "\r"
    return "\n"


def add_word(path: Path, word: str) -> bool:
    """Add ``word`` to the vocabulary file ``path`` (created with its folders if missing).

    Returns False when the file already lists the word (nothing is written). Raises
    :class:`VocabularyError` for a word that cannot be a vocabulary entry or a file
    that cannot be read or written.
    """
    word = check_word(word)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise VocabularyError(f"{path.parent}: nu pot crea dosarul: {exc.strerror}") from exc
    with _locked(path.parent):
        for _ in range(_RETRIES):
            added = _try_add(path, word)
            if added is not None:
                return added
    raise VocabularyError(f"{path}: fișierul se schimbă continuu; încercați din nou")


def _try_add(path: Path, word: str) -> bool | None:
    """One read-modify-write; None when the file changed under us (try again)."""
    try:
        old: bytes | None = path.read_bytes()
    except FileNotFoundError:
        old = None
    except OSError as exc:
        raise VocabularyError(f"{path}: nu pot citi vocabularul: {exc.strerror}") from exc
    try:
        text = old.decode("utf-8-sig") if old is not None else ""
    except UnicodeDecodeError as exc:
        raise VocabularyError(f"{path}: vocabularul nu este UTF-8 valid") from exc
    if word in words_in(text):
        return False
    data = old or b""
    newline = _newline(text)
    if data and not text.endswith(("\n", "\r")):
        data += newline.encode()
    data += (word + newline).encode("utf-8")
    try:
        if old is None and path.exists():
            return None  # created meanwhile: read it again
        write_atomic(path, data, expected=old)
    except (ChangedOnDisk, FileNotFoundError):
        return None  # written or removed between our read and our write
    except OSError as exc:
        raise VocabularyError(f"{path}: nu pot scrie vocabularul: {exc.strerror}") from exc
    return True
