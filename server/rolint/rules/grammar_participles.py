"""Romanian past participles (masculine singular, the form of the compound past), derived
from the rospell dictionary.

rospell lists participles as adjective entries (``dus``, ``văzut``) and verbs by their
infinitive (``duce``, ``vedea``) without marking either as such, so the link is derived
here: a word form of the dictionary is a participle when the infinitive it comes from by the regular
Romanian endings (lucr-at ← lucr-a, ven-it ← ven-i, hotăr-ât ← hotăr-î, făc-ut ← fac-e,
put-ut ← put-ea, du-s ← du-ce, rup-t ← rup-e) is in the dictionary and is a verb, which
its first person plural present or its gerund (lucrăm, venim, hotărâm, facem,
întâmplând) shows. A few
irregular participles (fost, avut, văzut, rămas…) are listed by hand.

The list is built once per dictionary and kept in the rolint cache folder
(``participles-<hash>.txt``); the grammar rule reads it from there afterwards.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from rolint.spelling.dictionary import Dictionary, cache_dir, locate

VERSION = 4

# Participles that the endings below cannot reach from their infinitive.
IRREGULAR = frozenset(
    [
        "fost",
        "avut",
        "vrut",
        "văzut",
        "căzut",
        "șezut",
        "băut",
        "rămas",
        "copt",
        "fript",
        "supt",
        "frânt",
        "înfrânt",
        "cerut",
        "crezut",
        "pierdut",
        "născut",
        "cunoscut",
        "crescut",
        "recunoscut",
        "renăscut",
        "ținut",
        "mers",
        "zis",
        "stat",
        "dat",
        "luat",
        "fugit",
        "vândut",
        "întors",
        "cusut",
    ]
)

# Words the endings reach that are no participles (or almost never one).
NOT_PARTICIPLES = frozenset(
    [
        "sunt",
        "mult",
        "alt",
        "art",
        "pas",
        "minus",
        "minut",
        "furt",
        "bas",
        "șes",
        "cocos",
        "acces",
        "proces",
        "bit",
        "mat",
        "cat",
        "lat",
        "sat",
        "tot",
        "text",
        "gust",
        "vis",
        "vers",
        "post",
        "rest",
        "test",
        "fast",
        "sos",
        "cost",
        "audit",
    ]
)

# (participle ending, infinitive endings, first person plural endings); the stem is what
# precedes the participle ending, with the consonant changes listed in _STEM_CHANGES.
_ENDINGS: tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...] = (
    ("at", ("a",), ("ăm", "em", "ând", "ind")),
    ("it", ("i",), ("im", "ind")),
    ("ât", ("î",), ("âm", "ând")),
    ("ut", ("ea", "e"), ("em", "ând")),
    ("s", ("ce", "ne", "ge", "de", "te", "e"), ("cem", "nem", "gem", "dem", "tem", "em")),
    ("s", ("ce", "ne", "ge", "de", "te", "e"), ("când", "nând", "gând", "zând", "țând", "ind")),
    ("t", ("e",), ("em",)),
)
_STEM_CHANGES = (("sc", "șt"), ("z", "d"), ("ăc", "ac"), ("or", "oar"), ("os", "oas"))


def _infinitives(word: str) -> Iterator[tuple[str, str]]:
    """(infinitive, verb form) pairs the participle ``word`` may come from."""
    for ending, infs, plurals in _ENDINGS:
        if not word.endswith(ending) or len(word) - len(ending) < 2:
            continue
        stem = word[: -len(ending)]
        stems = [stem] + [stem[: -len(a)] + b for a, b in _STEM_CHANGES if stem.endswith(a)]
        if ending == "t" and not stem.endswith("p"):
            continue  # rup-t ← rup-e; "cert" is no participle of "cere"
        for s in stems:
            if ending == "s":  # du-s ← du-ce / du-cem: the consonant goes with the ending
                yield from ((s + i, s + p) for i, p in zip(infs, plurals, strict=True))
            else:
                yield from ((s + i, s + p) for i in infs for p in plurals)
                if s.endswith("i"):  # tăi-at ← tăi-a, gerund tă-ind
                    yield from ((s + i, s[:-1] + "ind") for i in infs)


def is_participle(word: str, known: Callable[[str], bool]) -> bool:
    """``word`` is the past participle of a verb that ``known`` (a dictionary) holds."""
    if word in IRREGULAR:
        return True
    if word in NOT_PARTICIPLES:
        return False
    return any(known(inf) and known(pl) for inf, pl in _infinitives(word))


def derive(forms: Iterable[str], known: Callable[[str], bool]) -> set[str]:
    """Every participle among the dictionary's word ``forms`` (all expanded forms: rospell
    lists most verbs by their first person with an affix class that yields the
    participle, "sun/K" → sunat, so the entries alone would miss them)."""
    found = set(IRREGULAR)
    for word in forms:
        if (
            word.endswith(("t", "s"))
            and len(word) >= 3
            and word not in found
            and word.islower()
            and word.isalpha()
            and is_participle(word, known)
        ):
            found.add(word)
    return found


def _cache_file(dic: Path) -> Path:
    st = dic.stat()
    key = f"v{VERSION}|{dic.resolve()}|{st.st_size}|{st.st_mtime_ns}"
    return cache_dir() / f"participles-{hashlib.sha256(key.encode()).hexdigest()[:16]}.txt"


def load(path: str | os.PathLike[str] | None = None) -> frozenset[str]:
    """The participles of the rospell dictionary (built at first use, then cached)."""
    aff, dic = locate(path)
    cached = _cache_file(dic)
    if cached.is_file():
        return frozenset(cached.read_text(encoding="utf-8").split())
    from rolint.spelling.affix import expand  # only to build the list (a check reads it)

    dictionary = Dictionary.open(path)
    _parsed, forms = expand(aff, dic)  # ~10 s once; the list is cached afterwards
    words = derive(forms, dictionary.check)
    cached.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=cached.parent, prefix=".participles-")
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write("\n".join(sorted(words)) + "\n")
    os.replace(tmp, cached)  # atomic: a reader never sees half a list
    return frozenset(words)
