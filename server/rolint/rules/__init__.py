"""Rule modules, one per family. Each module exposes ``RULES``: a list of Rule classes.

Adding a rule family: write ``rolint/rules/<family>.py`` with its Rule subclasses
(docs and examples included) and add the module name here. Nothing else changes.
"""

MODULES: tuple[str, ...] = (
    "diacritics",
    "orthography",
    "quotes",
    "typos",
    "related",
    "typography",
    "attribution",
    "grammar",
    "spelling",
)
