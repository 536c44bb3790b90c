"""Finding, compiling (once, cached) and querying the rospell Hunspell dictionary.

Where the dictionary comes from, in order:

1. an explicit path (the rule option ``dictionary`` in config, or the argument);
2. ``$ROLINT_DICTIONARY``;
3. ``ro_RO`` in each folder of ``$DICPATH`` (Hunspell's own convention);
4. the system folders Debian's ``hunspell-ro`` package installs to
   (``/usr/share/hunspell``, ``/usr/share/myspell``, ``/usr/share/myspell/dicts``) and
   the user's ``~/.local/share/hunspell``;
5. npm's ``dictionary-ro`` (``node_modules/dictionary-ro/index.{aff,dic}``) next to
   the working directory or the package.

A path may name the ``.dic``, the ``.aff`` or the common base (``/x/ro_RO``).

The compiled form (see :mod:`rolint.spelling.store`) lives in the cache folder
(``$ROLINT_CACHE_DIR``, else ``$XDG_CACHE_HOME/rolint``, else ``~/.cache/rolint``),
named by a hash of both files' path, size and mtime, so an upgraded dictionary is
recompiled automatically. Compiling takes ~20 s and ~600 MB of transient memory, so it
runs in a child process (the language server's memory stays small) and under a file
lock (two processes never compile the same dictionary at once). Loading a compiled
file is a memory map: a few milliseconds.
"""

from __future__ import annotations

import contextlib
import hashlib
import math
import os
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

from rolint.memo import remember
from rolint.places import user_dir
from rolint.romanian import TITLE, UPPER, case_of, fold_cedilla
from rolint.spelling.store import VERSION, Compiled, CompiledError, build, fold_key

SYSTEM_DIRS = (
    "/usr/share/hunspell",
    "/usr/share/myspell",
    "/usr/share/myspell/dicts",
    "/usr/local/share/hunspell",
)
NAMES = ("ro_RO", "ro")


class DictionaryNotFound(FileNotFoundError):
    """No rospell dictionary could be found; the message says how to install one."""


def _pair(path: Path) -> tuple[Path, Path] | None:
    s = str(path)
    if s.endswith((".dic", ".aff")):
        s = s[:-4]
    aff, dic = Path(s + ".aff"), Path(s + ".dic")
    if aff.is_file() and dic.is_file():
        return aff, dic
    return None


def _candidates() -> Iterator[Path]:
    env = os.environ.get("ROLINT_DICTIONARY")
    if env:
        yield Path(env)
    for d in filter(None, os.environ.get("DICPATH", "").split(os.pathsep)):
        for name in NAMES:
            yield Path(d) / name
    for d in SYSTEM_DIRS:
        for name in NAMES:
            yield Path(d) / name
    yield Path.home() / ".local/share/hunspell/ro_RO"
    roots = [Path.cwd(), *Path.cwd().parents][:4]
    here = Path(__file__).resolve()
    roots += list(here.parents)[:5]
    for root in roots:
        yield root / "node_modules/dictionary-ro/index"
        yield root / "vscode-extension/node_modules/dictionary-ro/index"


def locate(path: str | os.PathLike[str] | None = None) -> tuple[Path, Path]:
    """``(aff, dic)`` of the dictionary to use; see the module docstring for the order."""
    if path:
        found = _pair(Path(path).expanduser())
        if found is None:
            raise DictionaryNotFound(
                f"dicționarul {path} nu există (trebuie fișierele .aff și .dic)"
            )
        return found
    for cand in _candidates():
        found = _pair(cand)
        if found is not None:
            return found
    raise DictionaryNotFound(
        "nu găsesc dicționarul românesc rospell: instalați pachetul Debian hunspell-ro "
        "(apt-get install hunspell-ro) sau indicați calea în configurație "
        "(rules.spelling/unknown.dictionary) ori în $ROLINT_DICTIONARY"
    )


def cache_dir() -> Path:
    """``$ROLINT_CACHE_DIR`` or ``$XDG_CACHE_HOME/rolint`` (``~/.cache/rolint``)."""
    return user_dir("ROLINT_CACHE_DIR", "XDG_CACHE_HOME", ".cache")


def cache_path(aff: Path, dic: Path) -> Path:
    h = hashlib.sha256(f"v{VERSION}".encode())
    for p in (aff, dic):
        st = p.stat()
        h.update(f"|{p.resolve()}|{st.st_size}|{st.st_mtime_ns}".encode())
    return cache_dir() / f"spelling-{dic.stem}-{h.hexdigest()[:16]}.cdict"


def compile_to(aff: Path, dic: Path, out: Path) -> dict[str, int]:
    """Expand ``aff``+``dic`` and write the compiled dictionary to ``out``."""
    from rolint.spelling.affix import expand

    parsed, forms = expand(aff, dic)
    freq = _wordfreq_ro()
    meta = {
        "aff": str(aff),
        "dic": str(dic),
        "try": parsed.try_chars,
        "key": parsed.key,
        "rep": parsed.rep,
        "map": parsed.maps,
    }
    return build(forms, out, freq=freq, meta=meta, english=_wordfreq_en())


def _wordfreq_en(min_zipf: float = 3.0) -> list[str]:
    """Common English words (ASCII letters), to recognise English phrases."""
    try:
        import wordfreq
    except ImportError:  # pragma: no cover
        return []
    floor = 10 ** (min_zipf - 9)
    return [
        w
        for w, f in wordfreq.get_frequency_dict("en").items()
        if f >= floor and w.isascii() and w.isalpha()
    ]


def _wordfreq_ro() -> dict[str, float]:
    """Romanian Zipf frequencies from wordfreq (empty if wordfreq is unavailable)."""
    try:
        import wordfreq
    except ImportError:  # pragma: no cover - wordfreq is a dependency
        return {}
    out: dict[str, float] = {}
    for w, f in wordfreq.get_frequency_dict("ro").items():
        w = fold_cedilla(w)  # wordfreq's words are lower case
        if f > 0:
            out[w] = max(out.get(w, 0.0), math.log10(f) + 9)
    return out


@contextlib.contextmanager
def _locked(path: Path) -> Iterator[None]:
    path.parent.mkdir(parents=True, exist_ok=True)
    lock = path.with_suffix(path.suffix + ".lock")
    with open(lock, "a+b") as fh:
        try:
            import fcntl

            fcntl.flock(fh, fcntl.LOCK_EX)
        except (ImportError, OSError):  # pragma: no cover - non-POSIX
            pass
        yield


def ensure_compiled(aff: Path, dic: Path, *, in_process: bool = False) -> Path:
    """Path of the compiled cache for this dictionary, compiling it first if needed.

    When the cache folder cannot be written (a read-only home), the system's temporary
    folder is used instead.
    """
    out = cache_path(aff, dic)
    if out.is_file():
        return out
    try:
        return _compile_locked(aff, dic, out, in_process)
    except PermissionError:
        import tempfile

        alt = Path(tempfile.gettempdir()) / f"rolint-cache-{os.getuid()}" / out.name
        if alt.is_file():
            return alt
        return _compile_locked(aff, dic, alt, in_process)


def _compile_locked(aff: Path, dic: Path, out: Path, in_process: bool) -> Path:
    with _locked(out):
        if out.is_file():  # another process compiled it while we waited
            return out
        if not in_process:
            import subprocess  # here: only a first run compiles (a check never does)

            env = dict(os.environ)
            src = str(Path(__file__).resolve().parents[2])
            env["PYTHONPATH"] = src + os.pathsep + env.get("PYTHONPATH", "")
            proc = subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "rolint.spelling",
                    "compile",
                    "--aff",
                    str(aff),
                    "--dic",
                    str(dic),
                    "--out",
                    str(out),
                ],
                env=env,
                capture_output=True,
                text=True,
                check=False,
            )
            if proc.returncode == 0 and out.is_file():
                return out
        compile_to(aff, dic, out)
    return out


def recase(form: str, like: str) -> str:
    """``form`` written in the case pattern of ``like`` (for suggestions)."""
    c = case_of(like)
    if c == UPPER:
        return form.upper()
    if c == TITLE and form[:1].islower():
        return form[:1].upper() + form[1:]
    return form


class Dictionary:
    """Validity, diacritic variants and frequencies over a compiled rospell dictionary.

    Case follows Hunspell: a lower-case entry accepts ``casă``, ``Casă`` and ``CASĂ``;
    an entry with capitals (``România``, ``iPhone``) accepts itself and its upper-case
    form, never the lower-case one (so a lower-case use of a name is an error).
    """

    _MEMO_MAX = 200_000

    def __init__(self, compiled: Compiled) -> None:
        self.compiled = compiled
        self._memo: dict[str, bool] = {}
        self._memo_limit = self._MEMO_MAX  # see bound_memos
        self._hot = compiled.hot()
        self._freq: dict[str, float] | None = None
        self._english: frozenset[str] | None = None
        self._lock = threading.Lock()

    @classmethod
    def open(cls, path: str | os.PathLike[str] | None = None) -> Dictionary:
        aff, dic = locate(path)
        out = ensure_compiled(aff, dic)
        try:
            return cls(Compiled(out))
        except CompiledError:
            out.unlink(missing_ok=True)
            return cls(Compiled(ensure_compiled(aff, dic)))

    @property
    def hot(self) -> frozenset[str]:
        """Frequent valid lower-case forms (answered without probing the table)."""
        return self._hot

    # -- validity -------------------------------------------------------------------
    def forms(self, word: str) -> list[str]:
        """Valid forms with the same folded key (same letters, any diacritics/case)."""
        return self.compiled.group(fold_key(word)) or []

    def check(self, word: str) -> bool:
        """Is ``word`` (comma-below diacritics) a valid form, Hunspell case rules?"""
        r = self._memo.get(word)
        if r is None:
            r = remember(self._memo, word, self._check(word), self._memo_limit)
        return r

    __contains__ = check

    def bound_memos(self, max_words: int) -> None:
        """Keep about ``max_words`` answers of :meth:`check` from now on (the fixed cap
        stays the ceiling; the dictionary is shared, the last bound holds)."""
        self._memo_limit = min(self._MEMO_MAX, max_words)
        if len(self._memo) > self._memo_limit:
            self._memo.clear()

    def memo_size(self) -> int:
        return len(self._memo)

    def _check(self, word: str) -> bool:
        hot = self._hot
        if word in hot:
            return True
        low = word.lower()
        if low in hot and (word[:1] + low[1:] == word or word.isupper()):
            return True
        key = fold_key(low)
        fields = self.compiled.fields(key.encode("utf-8"))
        if fields is None:
            return False
        # a form equal to the key is an empty field
        fields += b"\t"  # \t form \t ... \t
        if word == key:
            return b"\t\t" in fields
        if b"\t" + word.encode("utf-8") + b"\t" in fields:
            return True
        if word == low:
            return False
        # Title or UPPER case of a lower-case entry
        if (word[:1] + low[1:] == word or word.isupper()) and (
            b"\t\t" in fields if low == key else b"\t" + low.encode("utf-8") + b"\t" in fields
        ):
            return True
        if word.isupper():  # UPPER case of an entry with capitals (BUCUREȘTI)
            return any(
                (p.decode("utf-8") if p else key).upper() == word for p in fields.split(b"\t")[1:-1]
            )
        return False

    def variants(self, word: str) -> list[str]:
        """Valid forms differing from ``word`` only by diacritics, in its case, by frequency."""
        out = []
        for f in self.forms(word):
            if f == word:
                continue
            cand = _adapt(f, word)
            if cand is not None and cand != word and cand not in out:
                out.append(cand)
        out.sort(key=lambda w: -self.zipf(w))
        return out

    # -- frequencies ----------------------------------------------------------------
    @property
    def freq(self) -> dict[str, float]:
        if self._freq is None:
            with self._lock:
                if self._freq is None:
                    self._freq = self.compiled.frequencies()
        return self._freq

    @property
    def english(self) -> frozenset[str]:
        if self._english is None:
            self._english = self.compiled.english()
        return self._english

    def zipf(self, word: str) -> float:
        """Zipf frequency of ``word`` (else of its lower case; 0 if unknown). From the
        whole table once something has loaded it (:attr:`freq`), else looked up in the
        compiled file: a single check asks about a few words only."""
        f = self._freq
        if f is None:
            look = self.compiled.zipf
            z = look(word)
            if z is None:
                z = look(word.lower()) if word != word.lower() else None
            return 0.0 if z is None else z
        z = f.get(word)
        if z is None:
            z = f.get(word.lower(), 0.0)
        return z


def _case_ok(form: str, word: str) -> bool:
    """May dictionary entry ``form`` be written as ``word`` (same letters)?"""
    if form.lower() == form:
        return word == form or word == form[:1].upper() + form[1:] or word == form.upper()
    return word == form.upper()


def _adapt(form: str, like: str) -> str | None:
    """``form`` recased to ``like`` if Hunspell's case rules allow it, else None."""
    c = case_of(like)
    if form.lower() == form:
        return recase(form, like) if c in (0, 1, 2) else None
    # an entry with capitals keeps them; only UPPER is allowed besides itself
    if c == UPPER:
        return form.upper()
    if c == TITLE and form[:1].upper() + form[1:].lower() == form:
        return form
    if c == 3 and form == like:
        return form
    return None
