"""Quotes: Romanian quotation marks are „…”, with «…» for a quote inside a quote.

Straight quotes ("…"), the closing mark used to open (”…”), English pairs (“…”) and the
German closing mark („…“) all come from keyboards, agency feeds and CMS editors set to
English. Each mark is classified as opening or closing from its neighbours (a mark
after a space and before a letter opens), marks are paired per paragraph with a stack,
and every mark that is not the Romanian one for its role and depth is flagged.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from rolint.document import LIST_ITEM, PARAGRAPH
from rolint.rule import Example, Finding, FixKind, Rule, RuleDoc, Scope, Severity

if TYPE_CHECKING:
    from rolint.analysis import BlockAnalysis, DocumentAnalysis

# A quotation mark, or ",," (two commas typed as „): the same matches as
# ``,,|["„“”«»]``, written to open with one character class so that ``re`` skips ahead
# to the next candidate in C instead of trying the alternation at every position.
QUOTE_MARKS = re.compile(r'[,"„“”«»](?:(?<=,),|(?<!,))')
_MARK_CHARS = '"„“”«»'  # the one-character marks of QUOTE_MARKS


def has_marks(text: str) -> bool:
    """``QUOTE_MARKS.search(text) is not None``, as substring tests: most paragraphs have
    commas but no quotation mark, and the regex stops at every comma."""
    return ",," in text or any(map(text.__contains__, _MARK_CHARS))


_OPEN_BEFORE = set(" \t\n\r\u00a0([{—–-/:") | {"„", "«", "“"}
_CLOSE_AFTER = set(" \t\n\r\u00a0.,;:!?)]}…—–-/") | {"”", "»", "“", '"'}

OPEN, CLOSE, UNKNOWN = "open", "close", "unknown"
_BODY = frozenset({PARAGRAPH, LIST_ITEM})
_CARRY_BLOCKS = 4  # a quote may run over this many paragraphs
_PAIRED = ("quotes/style", "paired")  # the key of a block's paired marks


def _shift(f: Finding, by: int) -> Finding:
    return Finding(f.start + by, f.end + by, f.message, f.replacements, f.fix)


def _unclosed(pos: int) -> Finding:
    return Finding(
        pos, pos + 1, "Ghilimele deschise, dar neînchise (nici în paragrafele următoare)"
    )


def _unopened(pos: int) -> Finding:
    return Finding(pos, pos + 1, "Ghilimele de închidere fără ghilimele de deschidere înainte")


_NAMES = {
    '"': 'drepte (")',
    "„": "„",
    "“": "“",
    "”": "”",
    "«": "«",
    "»": "»",
    ",,": "din două virgule (,,)",
}


def mark_role(text: str, i: int) -> str:
    """OPEN, CLOSE or UNKNOWN for the quotation mark at ``text[i]``, from the mark and
    its neighbours (attribution reads quote spans the same way)."""
    ch = text[i]
    if ch in "„«" or text.startswith(",,", i):
        return OPEN
    if ch == "»":
        return CLOSE
    prev = text[i - 1] if i > 0 else " "
    nxt = text[i + 1] if i + 1 < len(text) else " "
    left = prev in _OPEN_BEFORE and nxt not in " \t\n\r\u00a0"
    right = prev not in " \t\n\r\u00a0" and nxt in _CLOSE_AFTER
    if left and not right:
        return OPEN
    if right and not left:
        return CLOSE
    return UNKNOWN


def _expected(depth: int) -> tuple[str, str]:
    return ("„", "”") if depth == 0 else ("«", "»")


class QuoteStyle(Rule):
    id = "quotes/style"
    severity = Severity.WARNING
    scope = Scope.DOCUMENT
    doc = RuleDoc(
        summary="ghilimele care nu sunt cele românești „…” (sau «…» în interiorul citatului)",
        what='Semnalează ghilimelele drepte ("…"), ” folosit la deschidere, perechile '
        "englezești “…” și germane „…“, «…» folosite în afara unui citat și ghilimelele "
        "deschise dar neînchise (sau închise fără deschidere) în același paragraf.",
        why="Norma românească (DOOM) cere „…” pentru citate și «…» pentru citatul din "
        "interiorul altui citat. Ghilimelele greșite vin din tastaturi englezești și din "
        "fluxurile agențiilor; o pereche neînchisă lasă cititorul fără să știe unde se "
        "termină citatul.",
        fix_safety="Sigură când rolul semnului e limpede: ghilimelele de deschidere "
        "devin „ (sau « în citatul interior), cele de închidere ” (sau »). Ghilimelele "
        "drepte se corectează doar când fac pereche. Perechile neînchise nu au corectare "
        "automată.",
    )
    examples = (
        Example(
            'Ministrul a spus ⟦"⟧vom vedea⟦"⟧ și a plecat.',
            bad=True,
            fixed="Ministrul a spus „vom vedea” și a plecat.",
        ),
        Example(
            "Primarul a promis ⟦”⟧un parc nou” anul viitor.",
            bad=True,
            fixed="Primarul a promis „un parc nou” anul viitor.",
        ),
        Example(
            "Antrenorul a declarat: ⟦“⟧Suntem pregătiți”.",
            bad=True,
            fixed="Antrenorul a declarat: „Suntem pregătiți”.",
        ),
        Example(
            "El a scris „Am citit ⟦„⟧Ion⟦”⟧ din nou” pe blog.",
            bad=True,
            fixed="El a scris „Am citit «Ion» din nou” pe blog.",
        ),
        Example("Echipa a câștigat ⟦„⟧fără emoții.", bad=True),
        Example(
            "Partidul ⟦,,⟧Viitorul Nostru” a fost înființat.",
            bad=True,
            fixed="Partidul „Viitorul Nostru” a fost înființat.",
        ),
        Example("Ea a spus „Am citit «Ion» din nou” ieri.", bad=False),
        Example("Directorul a anunțat „o nouă etapă” pentru spital.", bad=False),
        Example(
            "Vești de la club\n\nEa a spus: „Am muncit mult.\n\nDe mâine ne odihnim.”", bad=False
        ),
    )

    def check_analysis(self, view: DocumentAnalysis) -> Iterable[Finding]:
        # Marks are paired per paragraph; an opening mark left open may be closed a few
        # paragraphs later (a quote running over several paragraphs), so unpaired marks
        # are matched across consecutive body paragraphs before being reported.
        carry: list[tuple[int, int]] = []  # (lint offset, block index) of open marks
        for index, (block, analysis) in enumerate(view.pairs()):
            found, unpaired = analysis.derive(_PAIRED, self._pair_block)
            for f in found:
                yield _shift(f, block.start)
            if block.kind not in _BODY:
                yield from (_unclosed(pos) for pos, _ in carry)
                carry = []
                yield from (
                    _unclosed(block.start + p) if role == OPEN else _unopened(block.start + p)
                    for p, role in unpaired
                )
                continue
            carry = [(p, i) for p, i in carry if index - i <= _CARRY_BLOCKS]
            for pos, role in unpaired:
                if role == OPEN:
                    carry.append((block.start + pos, index))
                elif carry:
                    carry.pop()  # closes a quote opened in an earlier paragraph
                else:
                    yield _unopened(block.start + pos)
            # Opening marks that fell out of reach are reported now.
        yield from (_unclosed(pos) for pos, _ in carry)

    def _pair_block(self, block: BlockAnalysis) -> tuple[list[Finding], list[tuple[int, str]]]:
        return self._pair(block.text)

    def _pair(self, text: str) -> tuple[list[Finding], list[tuple[int, str]]]:
        """Wrong marks and the positions/roles of marks left unpaired in ``text``."""
        found: list[Finding] = []
        unpaired: list[tuple[int, str]] = []
        if not has_marks(text):
            return found, unpaired
        marks = [(m.start(), m.group()) for m in QUOTE_MARKS.finditer(text)]
        stack: list[tuple[int, str]] = []
        roles: dict[int, tuple[str, int, bool]] = {}  # pos -> (role, depth, paired)
        for pos, ch in marks:
            role = mark_role(text, pos)
            if role == UNKNOWN:
                # A mark between two letters, or alone between spaces: it closes an
                # open quote of the same family, else it opens one.
                role = CLOSE if stack and (ch != '"' or stack[-1][1] == '"') else OPEN
            if role == OPEN:
                stack.append((pos, ch))
                roles[pos] = (OPEN, len(stack) - 1, False)
            elif stack:
                open_pos, _ = stack.pop()
                depth = len(stack)
                roles[open_pos] = (OPEN, depth, True)
                roles[pos] = (CLOSE, depth, True)
            else:
                roles[pos] = (CLOSE, 0, False)
        for pos, ch in marks:
            role, depth, paired = roles[pos]
            good_open, good_close = _expected(depth)
            good = good_open if role == OPEN else good_close
            if not paired:
                if role == OPEN and ch not in (good_open, '"'):
                    # ” or “ clearly opening: the mark is wrong whatever follows.
                    found.append(
                        self._wrong(pos, ch, good, role, depth, safe=mark_role(text, pos) == OPEN)
                    )
                else:
                    unpaired.append((pos, role))
                continue
            if ch != good:
                found.append(self._wrong(pos, ch, good, role, depth, safe=True))
        return found, unpaired

    @staticmethod
    def _wrong(pos: int, ch: str, good: str, role: str, depth: int, safe: bool) -> Finding:
        """A mark that is not the Romanian one for its role; ``ch`` may be ",," (2 chars)."""
        name = _NAMES[ch]
        if depth == 0:
            where = "Citatul se deschide cu „" if role == OPEN else "Citatul se închide cu ”"
        else:
            where = (
                "Citatul din interiorul altui citat se deschide cu «"
                if role == OPEN
                else "Citatul din interiorul altui citat se închide cu »"
            )
        return Finding(
            pos,
            pos + len(ch),
            f"{where}, nu cu ghilimele {name}",
            replacements=(good,),
            fix=FixKind.SAFE if safe else None,
        )


RULES: list[type[Rule]] = [QuoteStyle]
