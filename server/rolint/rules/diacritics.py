"""Diacritics: the Romanian letters ș and ț written with a cedilla (ş, ţ).

Romanian uses the comma-below letters ș ț Ș Ț (U+0219, U+021B, U+0218, U+021A). The
cedilla forms ş ţ Ş Ţ (U+015F, U+0163, U+015E, U+0162) come from old Turkish-based
keyboard layouts and agency feeds; they render differently, break search and spell
checking, and mixing both in one article shows copy pasted from elsewhere.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from rolint.rule import Example, Finding, Rule, RuleDoc, Severity

CEDILLA_TO_COMMA = {"ş": "ș", "ţ": "ț", "Ş": "Ș", "Ţ": "Ț"}
_CEDILLA = re.compile("[şţŞŢ]")


class Cedilla(Rule):
    id = "diacritics/cedilla"
    severity = Severity.WARNING
    doc = RuleDoc(
        summary="ş/ţ cu sedilă în loc de ș/ț cu virgulă",
        what="Semnalează literele ş ţ Ş Ţ (cu sedilă) și propune ș ț Ș Ț (cu virgulă dedesubt).",
        why="Norma românească folosește virgula dedesubt. Literele cu sedilă vin din "
        "tastaturi vechi și din fluxuri de agenții: arată altfel, strică "
        "căutarea și corectorul ortografic.",
        fix_safety="Sigură: litera este înlocuită cu perechea ei cu virgulă; nimic altceva "
        "nu se schimbă.",
    )
    examples = (
        Example("Guvernul a anunţat măsuri.", bad=True, fixed="Guvernul a anunțat măsuri."),
        Example("Ştirea a apărut în presă.", bad=True, fixed="Știrea a apărut în presă."),
        Example("Guvernul a anunțat măsuri în țară.", bad=False),
    )

    def check_block(self, text: str, kind: str, context: object) -> Iterable[Finding]:
        for m in _CEDILLA.finditer(text):
            good = CEDILLA_TO_COMMA[m.group()]
            yield Finding(
                m.start(),
                m.end(),
                f"„{m.group()}” cu sedilă: scrieți „{good}” (cu virgulă dedesubt)",
                replacements=(good,),
                fix="safe",
            )


RULES: list[type[Rule]] = [Cedilla]
