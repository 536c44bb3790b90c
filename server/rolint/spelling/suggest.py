"""Suggestions for an unknown word: a fast candidate generator, ranked.

Hunspell's own suggest takes 0.12–0.17 s a word; this takes well under a millisecond
for most words, because the compiled dictionary is keyed by the *folded* word
(lower case, no diacritics): every single edit of the folded word (omission,
extra letter, transposition, replacement, a hyphen or a space inserted) is one
hash probe, and the probe returns every valid form with those letters, whatever
their diacritics. So a typo *and* missing diacritics (``sedinta`` → ``ședința``,
``nostrii`` → ``noștri``) are found in the same pass.

Each candidate gets a cost from how it was made (a doubled letter is cheaper than
another extra letter, a keyboard neighbour cheaper than another letter, a missing
diacritic cheapest of all) plus the diacritic differences between the word and the
form, minus a bonus for frequency (wordfreq's Romanian Zipf values). Lowest first.
Hunspell (the compiled expansion of its dictionary) stays the authority on
validity: every suggestion is a valid form or an accepted vocabulary word.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass

from rolint.memo import remember
from rolint.romanian import TITLE, UPPER, case_of
from rolint.spelling.dictionary import Dictionary, recase
from rolint.spelling.store import FOLD, fold_key

ALPHABET = "abcdefghijklmnopqrstuvwxyz"
# Words longer than this get no suggestions: the edit keys of a word grow with its
# length (a run of 64 K letters would build millions of them, gigabytes), and no
# Romanian word is half as long (the longest in rospell has 30 letters or so).
MAX_SUGGEST_LEN = 48

# QWERTY rows (the Romanian standard layout adds ă î after p and ș ț after l).
_ROWS = ("qwertyuiopăî", "asdfghjklșț", "zxcvbnm")
_OFFSETS = (0.0, 0.3, 0.8)
_BEST_MAX = 100_000  # split halves memoised (see Suggester.bound_memos)
_HALVES_PER_WORD = 4  # about how many a misspelt word gives (3.8 measured over typed typos)


def _neighbours() -> dict[str, frozenset[str]]:
    pos = {}
    for r, row in enumerate(_ROWS):
        for c, ch in enumerate(row):
            pos[ch] = (r, c + _OFFSETS[r])
    out: dict[str, frozenset[str]] = {}
    for ch, (r, x) in pos.items():
        near = {
            o for o, (r2, x2) in pos.items() if o != ch and abs(r - r2) <= 1 and abs(x - x2) <= 1.0
        }
        near = {n.translate(FOLD) for n in near}
        out[ch.translate(FOLD)] = frozenset(out.get(ch.translate(FOLD), frozenset()) | near)
    return out


NEIGHBOURS = _neighbours()
VOWELS = frozenset("aeiou")
# letters that sound alike or are confused in Romanian spelling
SOUND_ALIKE = {
    frozenset(p)
    for p in ("cg", "sz", "iy", "kc", "xs", "wv", "fv", "bp", "dt", "ea", "ie", "ou", "mn")
}
# multi-letter confusions (Hunspell REP plus Romanian classics), both directions
REPLACEMENTS = (
    ("ce", "che"),
    ("ci", "chi"),
    ("ge", "ghe"),
    ("gi", "ghi"),
    ("x", "cs"),
    ("x", "gz"),
    ("x", "ks"),
    ("ea", "ia"),
    ("ie", "e"),
    ("ii", "i"),
    ("iii", "ii"),
    ("ee", "e"),
)

COST_DIACRITIC_MISSING = 0.15
COST_DIACRITIC_WRONG = 0.2
COST_DIACRITIC_EXTRA = 0.5
COST_CASE = 0.1
COST_TRANSPOSE = 0.55
COST_DOUBLED = 0.45
COST_DELETE = 0.8
COST_INSERT = 0.6
COST_INSERT_DOUBLE = 0.5
COST_NEIGHBOUR = 0.6
COST_SOUND = 0.7
COST_VOWEL = 0.8
COST_REPLACE = 1.0
COST_HYPHEN = 0.55
COST_SPACE = 0.5
COST_REP = 0.6
COST_FIRST_LETTER = 0.25
FREQ_WEIGHT = 0.1
# A missing space is suggested only after one of these (de acord, pe care, în loc).
FUNCTION_WORDS = frozenset(
    [
        "de",
        "în",
        "pe",
        "la",
        "cu",
        "să",
        "nu",
        "ca",
        "că",
        "din",
        "și",
        "o",
        "un",
        "a",
        "al",
        "ce",
        "se",
        "mai",
        "prin",
        "fără",
        "după",
        "până",
        "spre",
        "dar",
        "tot",
        "așa",
        "foarte",
        "cel",
        "cea",
        "cei",
        "cele",
        "ne",
        "vă",
        "îi",
        "își",
        "ori",
        "sau",
        "nici",
        "când",
        "cum",
        "unde",
        "cât",
        "care",
        "pentru",
        "despre",
        "între",
        "asupra",
        "printre",
        "dintre",
    ]
)
SPLIT_MIN_ZIPF = 4.0
# A missing hyphen is suggested for clitic pairs: s-a, n-am, mi-au, dintr-odată, dându-le.
CLITIC_LEFT = frozenset(["s", "n", "l", "m", "v", "i", "mi", "ți", "și", "ne", "te", "le", "c"])
AUX_RIGHT = frozenset(["a", "am", "ai", "au", "ați", "ar", "aș", "o"])
PREP_LEFT = frozenset(("dintr", "într", "printr"))
PRONOUN_RIGHT = frozenset(["le", "ne", "mi", "ți", "și", "i", "l", "o", "vă"])


# The folded keys of the left halves a split can begin with (see Suggester._splits).
_LEFT_KEYS = frozenset(w.translate(FOLD) for w in FUNCTION_WORDS | CLITIC_LEFT | PREP_LEFT)


def _clitic_pair(left: str, right: str) -> bool:
    if left in CLITIC_LEFT and right in AUX_RIGHT:
        return True
    if left in PREP_LEFT and right[:1] in "aeiouăâî":
        return True
    return len(left) > 3 and left.endswith("u") and right in PRONOUN_RIGHT


COMPOUND_FREQ_DROP = 1.0  # a hyphenated compound is rarer than its rarest part
UNKNOWN_FREQ_PENALTY = 0.15  # forms wordfreq never saw are mostly rare inflections

_BASE = {"ă": "a", "â": "a", "î": "i", "ș": "s", "ț": "t"}


def _diacritic_cost(word: str, form: str) -> float:
    """Cost of the differences between two same-length strings of equal fold."""
    if word == form:
        return 0.0
    cost = 0.0
    for a, b in zip(word, form, strict=False):
        if a == b:
            continue
        la, lb = a.lower(), b.lower()
        if la == lb:
            cost += COST_CASE
        elif la in _BASE and lb in _BASE:
            cost += COST_DIACRITIC_WRONG
        elif lb in _BASE:
            cost += COST_DIACRITIC_MISSING
        else:
            cost += COST_DIACRITIC_EXTRA
    return cost


def _char_cost(old: str, new: str) -> float:
    """Cost of writing ``old`` where the form has ``new`` (real letters, lower case)."""
    if old == new:
        return 0.0
    fo, fn = _BASE.get(old, old), _BASE.get(new, new)
    if fo == fn:
        return _diacritic_cost(old, new)
    if {old, new} == {"â", "î"}:
        return COST_DIACRITIC_WRONG
    return _replace_cost(fo, fn)


def _replace_cost(old: str, new: str) -> float:
    if new in NEIGHBOURS.get(old, ()):
        return COST_NEIGHBOUR
    if frozenset((old, new)) in SOUND_ALIKE:
        return COST_SOUND
    if old in VOWELS and new in VOWELS:
        return COST_VOWEL
    return COST_REPLACE


def _prefix_len(a: str, b: str) -> int:
    n = min(len(a), len(b))
    i = 0
    while i < n and a[i] == b[i]:
        i += 1
    return i


def edits(
    key: str, only: Collection[str] | None = None
) -> Iterator[tuple[str, float, int, int, int]]:
    """Single edits of a folded key: ``(new_key, cost, pos, removed, added)``.

    ``pos``/``removed``/``added`` let the caller align the new key with the word
    (characters ``[pos, pos+removed)`` of the word became ``added`` characters).
    ``only``: yield just the edits whose new key is in it (in the same order), and
    compute the costs of those alone.
    """
    n = len(key)
    rep_pos: set[int] | None = None
    ins_pos: set[int] | None = None
    # lengths of the new keys wanted: the loops that cannot make one are skipped
    lengths = {n - 1, n, n + 1} if only is None else {len(h) for h in only}
    if only is not None:
        # the positions where a wrong or a missing letter can give a key of ``only``
        # (a wrong letter differs at one place; a missing letter at i keeps the prefix
        # key[:i] and the suffix key[i:]), so the 26 letters are tried there alone
        rep_pos, ins_pos = set(), set()
        for h in only:
            if len(h) == n:
                p = _prefix_len(h, key)
                if p < n and h[p + 1 :] == key[p + 1 :]:
                    rep_pos.add(p)
            elif len(h) == n + 1:
                p = _prefix_len(h, key)
                q = _prefix_len(h[::-1], key[::-1])
                ins_pos.update(range(n - q, p + 1))
    for i in range(n if n - 1 in lengths else 0):  # extra letter in the word
        new = key[:i] + key[i + 1 :]
        if only is None or new in only:
            c = key[i]
            doubled = (i > 0 and key[i - 1] == c) or (i + 1 < n and key[i + 1] == c)
            yield new, COST_DOUBLED if doubled else COST_DELETE, i, 1, 0
    for i in range(n - 1 if n in lengths else 0):  # two letters swapped
        if key[i] != key[i + 1]:
            new = key[:i] + key[i + 1] + key[i] + key[i + 2 :]
            if only is None or new in only:
                yield new, COST_TRANSPOSE, i, 2, 2
    for i in range(n):  # wrong letter
        if rep_pos is not None and i not in rep_pos:
            continue
        old = key[i]
        head, tail = key[:i], key[i + 1 :]
        for c in ALPHABET:
            if c != old:
                new = head + c + tail
                if only is None or new in only:
                    yield new, _replace_cost(old, c), i, 1, 1
    for i in range(n + 1):  # missing letter
        if ins_pos is not None and i not in ins_pos:
            continue
        head, tail = key[:i], key[i:]
        for c in ALPHABET:
            new = head + c + tail
            if only is None or new in only:
                near = (i > 0 and key[i - 1] == c) or (i < n and key[i] == c)
                yield new, COST_INSERT_DOUBLE if near else COST_INSERT, i, 0, 1
    for i in range(1, n if n + 1 in lengths else 1):  # missing hyphen (mass-media, mi-au)
        new = key[:i] + "-" + key[i:]
        if only is None or new in only:
            yield new, COST_HYPHEN, i, 0, 1
    for a, b in REPLACEMENTS:
        for src, dst in ((a, b), (b, a)):
            start = key.find(src)
            while start >= 0:
                new = key[:start] + dst + key[start + len(src) :]
                if only is None or new in only:
                    yield new, COST_REP, start, len(src), len(dst)
                start = key.find(src, start + 1)


# each letter of ALPHABET: the other letters (see edit_key_list)
_OTHER_LETTERS = {c: ALPHABET.replace(c, "") for c in ALPHABET}


def edit_keys(key: str) -> set[str]:
    """Every new key :func:`edits` yields."""
    out = set(edit_key_list(key))
    out.discard(key)
    return out


def edit_key_list(key: str) -> list[str]:
    """The keys of :func:`edit_keys` with a few repeats (the same key made by two
    edits): what suggestions probe the table with, as it is built (dropping the
    repeats costs more than probing them again).

    Nine keys in ten are a letter put in or replaced; those are built per position,
    not per letter: ``head + (tail + "\\n" + head).join(letters) + tail`` is every
    ``head + c + tail`` joined by line breaks, and one ``split`` at the end cuts them.
    The letter at a position is neither put in before itself (the same key as after
    it) nor put in its own place (``key`` again).
    """
    n = len(key)
    if "\n" in key:  # the split below would cut the key itself
        return list(_edit_keys_plain(key))
    runs = []
    for i in range(n + 1):
        letters = _OTHER_LETTERS.get(key[i], ALPHABET) if i < n else ALPHABET
        head, tail = key[:i], key[i:]
        runs.append(head + (tail + "\n" + head).join(letters) + tail)  # missing letter
        if i < n:
            tail = key[i + 1 :]
            runs.append(head + (tail + "\n" + head).join(letters) + tail)  # wrong letter
    out = "\n".join(runs).split("\n")
    out += [key[:i] + key[i + 1 :] for i in range(n)]
    out += [
        key[:i] + key[i + 1] + key[i] + key[i + 2 :] for i in range(n - 1) if key[i] != key[i + 1]
    ]
    out += [key[:i] + "-" + key[i:] for i in range(1, n)]
    out += rep_keys(key)
    return out


def _edit_keys_plain(key: str) -> set[str]:
    """:func:`edit_keys` one string at a time (for a key holding a line break)."""
    n = len(key)
    out = [key[:i] + key[i + 1 :] for i in range(n)]
    out += [key[:i] + key[i + 1] + key[i] + key[i + 2 :] for i in range(n - 1)]
    for i in range(n):
        head, tail = key[:i], key[i + 1 :]
        out += [head + c + tail for c in ALPHABET]
    for i in range(n + 1):
        head, tail = key[:i], key[i:]
        out += [head + c + tail for c in ALPHABET]
    out += [key[:i] + "-" + key[i:] for i in range(1, n)]
    out += rep_keys(key)
    return set(out)


def rep_keys(key: str) -> list[str]:
    """The keys of :data:`REPLACEMENTS` applied once, anywhere in ``key``."""
    out = []
    for a, b in REPLACEMENTS:
        for src, dst in ((a, b), (b, a)):
            start = key.find(src)
            while start >= 0:
                out.append(key[:start] + dst + key[start + len(src) :])
                start = key.find(src, start + 1)
    return out


@dataclass(frozen=True)
class Candidate:
    text: str  # the suggestion, in the word's case pattern
    form: str  # the valid form as stored (dictionary or word list)
    cost: float  # how far from the word (see the COST_* constants)
    zipf: float  # wordfreq Romanian frequency of the form (0 if unseen)
    score: float  # cost minus the frequency bonus: lower is better


Extra = Callable[[str], Iterable[str]]


class KeyedForms:
    """Extra known forms by folded key (an :data:`Extra`): the forms of each mapping,
    in order, without repeats. Unlike a plain function, it can also say which of many
    keys have forms at all, without a call per key."""

    __slots__ = ("maps",)

    def __init__(self, *maps: Mapping[str, Sequence[str]]) -> None:
        self.maps = [m for m in maps if m]

    def __call__(self, key: str) -> Sequence[str]:
        out: list[str] = []
        for m in self.maps:
            for f in m.get(key, ()):
                if f not in out:
                    out.append(f)
        return out

    def keys_among(self, keys: Iterable[str]) -> set[str]:
        """Which of ``keys`` have forms."""
        keys = list(keys)
        out: set[str] = set()
        for m in self.maps:
            out.update(filter(m.__contains__, keys))
        return out


class Suggester:
    """Ranked suggestions from a :class:`Dictionary` plus extra known words."""

    def __init__(
        self,
        dictionary: Dictionary,
        rejected: Callable[[str], bool] | None = None,
    ) -> None:
        self.dict = dictionary
        self.rejected = rejected
        self._frequent: tuple[float, frozenset[str]] | None = None
        self._best_memo: dict[str, str | None] = {}
        self._best_limit = _BEST_MAX  # entries (see bound_memos)

    def _forms(self, key: str, extra: Extra | None) -> list[str]:
        forms = self.dict.compiled.group(key) or []
        if extra is not None:
            more = [f for f in extra(key) if f not in forms]
            if more:
                forms = forms + more
        return forms

    def candidates(
        self, word: str, extra: Extra | None = None, max_cost: float = 1.3
    ) -> dict[str, float]:
        """``{form: cost}`` of every candidate (forms as stored); none for a word longer
        than MAX_SUGGEST_LEN."""
        if len(word) > MAX_SUGGEST_LEN:
            return {}
        low = word.lower()
        key = low.translate(FOLD)
        out: dict[str, float] = {}
        rejected = self.rejected

        def add(form: str, cost: float) -> None:
            if rejected is not None and rejected(form):
                return
            if form != form.lower():  # a name: allowed, a little further away
                cost += COST_CASE
            prev = out.get(form)
            if prev is None or cost < prev:
                out[form] = cost

        if "î" in low[1:-1]:  # pre-1993 spelling: cînd → când
            modern = low[0] + low[1:-1].replace("î", "â") + low[-1]
            for form in self._forms(modern.translate(FOLD), extra):
                add(form, COST_DIACRITIC_WRONG + _diacritic_cost(modern, form.lower()))
        for form in self._forms(key, extra):
            fl = form.lower()
            if fl != low:
                add(form, _diacritic_cost(low, fl))
            elif form != word:
                add(form, 0.0)
        # probe every edit's key at once; only the keys holding forms go further
        probe = edit_key_list(key)
        hits = self.dict.compiled.present(probe)
        if extra is not None:
            if isinstance(extra, KeyedForms):
                hits.update(extra.keys_among(probe))
            else:
                hits.update(k for k in probe if extra(k))
        for new, cost, pos, removed, added in edits(key, hits):
            forms = self._forms(new, extra)
            if not forms:
                continue
            if pos == 0:
                cost += COST_FIRST_LETTER
            w_head, w_tail = low[:pos], low[pos + removed :]
            for form in forms:
                fl = form.lower()
                c = cost
                if removed == 1 and added == 1 and len(fl) == len(low):
                    c += _char_cost(low[pos], fl[pos]) - _replace_cost(key[pos], new[pos])
                d = _diacritic_cost(w_head, fl[:pos])
                if w_tail:
                    d += _diacritic_cost(w_tail, fl[len(fl) - len(w_tail) :])
                if c + d <= max_cost:
                    add(form, c + d)
        for form, cost in self._splits(low, key):
            add(form, cost)
        return out

    def _splits(self, low: str, key: str) -> Iterable[tuple[str, float]]:
        """A missing space (``deacord`` → ``de acord``) or hyphen (``sa`` → ``s-a``).

        A left half is a form of key ``key[:i]``, so of ``i`` letters, ending in "u"
        when the key does (no other letter folds to u): it can begin a suggestion only
        if that key is one of _LEFT_KEYS, or is longer than three letters and ends in
        "u" (_clitic_pair). The other halves are not looked up at all.
        """
        if len(key) >= 4 and "-" not in key and " " not in key:
            for i in range(1, len(key) - 1):
                if key[:i] not in _LEFT_KEYS and not (i > 3 and key[i - 1] == "u"):
                    continue
                left = self._best(low[:i])
                if left is None:
                    continue
                right = self._best(low[i:])
                if right is None:
                    continue
                if (
                    left in FUNCTION_WORDS
                    and len(left) >= 2
                    and len(right) >= 3
                    and self.dict.zipf(right) >= SPLIT_MIN_ZIPF
                ):
                    yield f"{left} {right}", COST_SPACE
                if _clitic_pair(left, right):
                    yield f"{left}-{right}", COST_HYPHEN

    def may_have_frequent(self, word: str, min_zipf: float, extra: Extra | None = None) -> bool:
        """Could :meth:`candidates` hold a lower-case form without a space whose
        :meth:`zipf` is at least ``min_zipf``? False means surely not; True means maybe.

        Costs one set intersection instead of the table probes of the full generator:
        the folded keys of frequent words are kept in memory, and only the keys with a
        hyphen (whose frequency comes from their parts) are probed.
        """
        keys = self.probe_keys(word)
        if not keys:
            return False  # (a word over MAX_SUGGEST_LEN) no candidates at all
        if not self._frequent_keys(min_zipf).isdisjoint(keys):
            return True
        hyphenated = [k for k in keys if "-" in k]
        if self.dict.compiled.present(hyphenated):
            return True
        if extra is not None and any(extra(k) for k in hyphenated):
            return True
        low = word.lower()
        return any("-" in form for form, _ in self._splits(low, low.translate(FOLD)))

    def warm_up(self, min_zipf: float) -> None:
        """Build the in-memory keys :meth:`may_have_frequent` uses for ``min_zipf``."""
        self._frequent_keys(min_zipf)

    def _frequent_keys(self, min_zipf: float) -> frozenset[str]:
        """Folded keys of the lower-case words (no space or hyphen) of Zipf ≥ min_zipf."""
        cached = self._frequent
        if cached is None or cached[0] != min_zipf:
            keys = frozenset(
                fold_key(w)
                for w, z in self.dict.freq.items()
                if z >= min_zipf and w == w.lower() and " " not in w and "-" not in w
            )
            cached = self._frequent = (min_zipf, keys)
        return cached[1]

    def bound_memos(self, max_words: int) -> None:
        """Keep the split halves of about ``max_words`` words (a word gives about four,
        measured) from now on; the fixed cap stays the ceiling."""
        self._best_limit = min(_BEST_MAX, _HALVES_PER_WORD * max_words)
        if len(self._best_memo) > self._best_limit:
            self._best_memo.clear()

    def memo_size(self) -> int:
        return len(self._best_memo)

    def _best(self, part: str) -> str | None:
        """The most frequent lower-case valid form of a split half (None if none)."""
        memo = self._best_memo
        if part in memo:
            return memo[part]
        return remember(memo, part, self._best_uncached(part), self._best_limit)

    def _best_uncached(self, part: str) -> str | None:
        forms = [f for f in self.dict.compiled.group(part.translate(FOLD)) or () if f == f.lower()]
        if not forms:
            return None
        if part in forms:
            return part
        return max(forms, key=lambda f: (self.dict.zipf(f), -_diacritic_cost(part, f)))

    def zipf(self, form: str) -> float:
        """Frequency of a form; a phrase or hyphenated compound counts as its rarest part."""
        if " " in form or "-" in form:
            parts = [p for p in form.replace("-", " ").split() if p]
            z = min((self.dict.zipf(p) for p in parts), default=0.0)
            return max(0.0, z - COMPOUND_FREQ_DROP) if "-" in form else z
        return self.dict.zipf(form)

    def probe_keys(self, word: str) -> set[str]:
        """Every key :meth:`candidates` may ask ``extra`` about for ``word``."""
        if len(word) > MAX_SUGGEST_LEN:
            return set()  # candidates() asks nothing
        low = word.lower()
        key = low.translate(FOLD)
        keys = edit_keys(key)
        keys.add(key)
        if "î" in low[1:-1]:
            keys.add((low[0] + low[1:-1].replace("î", "â") + low[-1]).translate(FOLD))
        return keys

    def ranked(self, word: str, extra: Extra | None = None) -> list[Candidate]:
        """Every candidate for ``word``, best first, written in its case pattern."""
        cands = self.candidates(word, extra)
        casing = case_of(word)
        scored = []
        for form, cost in cands.items():
            z = self.zipf(form)
            score = cost - FREQ_WEIGHT * z + (UNKNOWN_FREQ_PENALTY if z == 0 else 0.0)
            scored.append((score, form, cost, z))
        scored.sort()
        out: list[Candidate] = []
        seen = {word}
        for score, form, cost, z in scored:
            text = recase(form, word) if casing in (TITLE, UPPER) else form
            if text in seen:
                continue
            seen.add(text)
            out.append(Candidate(text, form, cost, z, score))
        return out

    def suggest(self, word: str, limit: int = 5, extra: Extra | None = None) -> list[str]:
        """At most ``limit`` suggestions for ``word``, best first, in its case pattern."""
        return [c.text for c in self.ranked(word, extra)[:limit]]
