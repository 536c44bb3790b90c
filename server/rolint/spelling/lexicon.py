"""Word lists besides the dictionary: names, vocabularies, and the small data lists.

Case rules, the same for the shipped names list (``rules/names.txt``), the project's
accept vocabularies and the user's:

* an entry written all in lower case (``blockchain``) accepts the word in lower
  case, Title case and UPPER CASE;
* an entry with capitals (``TikTok``, ``Phenian``) accepts exactly that form and its
  UPPER CASE; a lower-case ``tiktok`` is *not* accepted (it is flagged, with
  ``TikTok`` as the suggestion). Romanian case endings after a name are accepted
  (``Phenianului``, ``Moscovei`` from ``Moscova``);
* a reject entry flags the word in any case, even when the dictionary knows it
  (``vroiam``), and is never suggested.

Cedilla letters in entries are folded to comma-below, like the text.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import cache
from pathlib import Path

from rolint.places import user_dir
from rolint.spelling.store import fold_key
from rolint.spelling.tokens import normalise

# Romanian endings a proper name takes (Kievului, Trumpului, Moscovei, Phenianul).
NAME_ENDINGS = ("ului", "ul", "ei", "lui", "ii", "ilor", "i", "a", "ă")
# the same, by length, in lower and upper case (a word's last 1–4 letters are looked up)
_ENDINGS_BY_LEN = tuple(
    (n, frozenset(v for e in NAME_ENDINGS if len(e) == n for v in (e, e.upper())))
    for n in sorted({len(e) for e in NAME_ENDINGS})
)


class WordList:
    """Words with the case rules above; also indexed by folded key for suggestions."""

    def __init__(self, entries: Iterable[str] = (), endings: bool = False) -> None:
        self.any_case: set[str] = set()  # lower-case entries
        self.exact: set[str] = set()  # entries with capitals, as written
        self.upper: set[str] = set()  # UPPER forms of the exact entries
        self.by_key: dict[str, list[str]] = {}
        self.hyphenated = False  # a key with a hyphen in by_key (kept by add)
        self.endings = endings
        for e in entries:
            self.add(e)

    def add(self, entry: str) -> None:
        entry = normalise(entry.strip())
        if not entry:
            return
        if entry == entry.lower():
            self.any_case.add(entry)
        else:
            self.exact.add(entry)
            self.upper.add(entry.upper())
        key = fold_key(entry)
        self.hyphenated = self.hyphenated or "-" in key
        forms = self.by_key.setdefault(key, [])
        if entry not in forms:
            forms.append(entry)

    def __len__(self) -> int:
        return len(self.any_case) + len(self.exact)

    def accepts(self, word: str) -> bool:
        if word in self.exact or word.lower() in self.any_case:
            return True
        if word in self.upper:
            return True
        for stem in self._stems(word):
            low = stem.lower()
            for cand in (stem, stem + "a", stem + "ă"):
                if cand in self.exact or cand in self.upper:
                    return True
            for cand in (low, low + "a", low + "ă"):
                if cand in self.any_case:
                    return True
        return False

    def lookups(self, word: str) -> set[str]:
        """Every string :meth:`accepts` looks up for ``word``: an entry ``e`` can make
        ``accepts(word)`` true only if ``e`` or ``e.upper()`` is among them."""
        out = {word, word.lower()}
        if self.endings and len(word) > 4:  # _stems() written out (no generator)
            size = len(word)
            for n, ends in _ENDINGS_BY_LEN:
                if size - n >= 3 and word[-n:] in ends:
                    stem = word[:-n]
                    low = stem.lower()
                    out.update((stem, stem + "a", stem + "ă", low, low + "a", low + "ă"))
        return out

    def _stems(self, word: str) -> Iterator[str]:
        """What is left of ``word`` without each inflection ending it has (at least
        three letters), for lists that accept inflected forms of their entries."""
        if self.endings and len(word) > 4:
            for n, ends in _ENDINGS_BY_LEN:
                if word[-n:] in ends and len(word) - n >= 3:
                    yield word[:-n]

    def rejects(self, word: str) -> bool:
        """For reject lists: every entry matches in any case."""
        low = word.lower()
        return low in self.any_case or any(
            e.lower() == low for e in self.by_key.get(fold_key(word), ())
        )

    def forms(self, key: str) -> list[str]:
        return self.by_key.get(key, [])


def read_words(path: str | Path) -> list[str]:
    """Entries of a word file: ``#`` starts a comment; a line may hold several words."""
    out = []
    text = Path(path).read_text(encoding="utf-8-sig")
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            out.extend(line.split())
    return out


def _packs_dir() -> Path:
    from rolint.rulepacks import packs_dir

    return packs_dir()


@cache
def names() -> WordList:
    """The shipped list of news names (``rules/names.txt``)."""
    path = _packs_dir() / "names.txt"
    try:
        entries = read_words(path)
    except OSError:
        entries = []
    return WordList(entries, endings=True)


@cache
def data() -> dict[str, frozenset[str]]:
    """The lists of ``rules/spelling.yaml`` (clitics, prefixes, abbreviations, units…)."""
    from rolint.rulepacks import PackError, load_pack

    try:
        raw = load_pack("spelling")
    except PackError:
        raw = {}
    out: dict[str, frozenset[str]] = {}
    for key in ("clitics", "prefixes", "abbreviations", "units", "accept", "compound_prefixes"):
        values = raw.get(key, []) if isinstance(raw, dict) else []
        if not isinstance(values, list):
            raise ValueError(f"rules/spelling.yaml: {key} trebuie să fie o listă")
        out[key] = frozenset(normalise(str(v)).lower() for v in values)
    return out


@cache
def typo_words() -> frozenset[str]:
    """Single-word wrong forms of ``rules/typos.yaml`` (spelling/typo reports them, with
    the newsroom's own fix, so spelling/unknown does not report them a second time)."""
    import itertools
    import re

    from rolint.rulepacks import load_pack

    try:
        entries = load_pack("typos").get("typos", [])
    except Exception:  # no pack, or a malformed one (spelling/typo reports that)
        return frozenset()
    out: set[str] = set()
    for e in entries:
        wrong = e.get("wrong") if isinstance(e, dict) else None
        if not isinstance(wrong, str) or " " in wrong.strip():
            continue
        parts = re.split(r"\{([^}]*)\}", normalise(wrong.strip().lower()))
        choices = [[p] if i % 2 == 0 else p.split(",") for i, p in enumerate(parts)]
        out.update("".join(c) for c in itertools.product(*choices))
    return frozenset(out)


def user_vocabulary_dir() -> Path:
    """``$ROLINT_USER_VOCABULARY`` or ``$XDG_CONFIG_HOME/rolint`` (``~/.config/rolint``)."""
    return user_dir("ROLINT_USER_VOCABULARY", "XDG_CONFIG_HOME", ".config")


def user_vocabulary() -> tuple[list[str], list[str]]:
    """The user's own ``accept.txt`` and ``reject.txt`` (missing files are empty)."""
    d = user_vocabulary_dir()
    out: list[list[str]] = []
    for name in ("accept.txt", "reject.txt"):
        try:
            out.append(read_words(d / name))
        except (OSError, UnicodeDecodeError):
            out.append([])
    return out[0], out[1]
