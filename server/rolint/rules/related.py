"""Related-article blocks: headlines repeated inside "Citește și" / "Recomandări" blocks.

Scrapers and CMS templates often print a related headline twice (once as text, once as
the link), cut one short (``Guvernul aprobă bugetul pe…:``) or repeat the article's own
headline. The readers already find the related blocks (rolint.readers); this rule
compares the items of each block with the same loose key the readers use (case,
diacritics, cedilla/comma, quotes and spacing ignored).
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from typing import TYPE_CHECKING

from rolint.document import PARAGRAPH, RELATED_ITEM, Block
from rolint.readers.builder import looks_like_duplicate, normalize_headline
from rolint.rule import Example, Finding, FixKind, Rule, RuleDoc, Scope, Severity

if TYPE_CHECKING:
    from rolint.document import Document, RelatedBlock


_MIN_WORDS = 3
_WINDOW = 8  # items before an item that may be its truncated copy
_LINE_MAX = 250  # a longer line is body text, never a headline
_MAX_GAP = 2  # unpaired lines allowed between two repeated pairs of one headline list


def _lines(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """(start, end) of each non-blank line of ``text[start:end]``, trimmed."""
    out = []
    pos = start
    for piece in text[start:end].split("\n"):
        left = len(piece) - len(piece.lstrip())
        right = len(piece.rstrip())
        if right > left:
            out.append((pos + left, pos + right))
        pos += len(piece) + 1
    return out


def _following_lines(doc: Document, last: Block) -> list[tuple[int, int]]:
    """Lines of the paragraph the reader started right after the item ``last`` (same
    source paragraph: one line break between them), up to the first long line."""
    i = bisect.bisect_left(doc.block_starts, last.end)
    if i == len(doc.blocks) or doc.blocks[i].kind != PARAGRAPH:
        return []
    nxt = doc.blocks[i]
    gap = doc.text[last.end : nxt.start]
    if gap.strip() or gap.count("\n") != 1:
        return []
    lines = []
    for s, e in _lines(doc.text, nxt.start, nxt.end):
        if e - s > _LINE_MAX:
            break
        lines.append((s, e))
    return lines


def extended_items(doc: Document, group: RelatedBlock) -> tuple[Block, ...]:
    """The group's items, plus the headlines the reader left out of it.

    The text reader ends a marked block at the first line that ends like a sentence
    ("… a decis." or a question), so the headline pairs after it looked like body text.
    A line repeated by its neighbour is strong evidence of a headline list (body text
    does not say the same sentence twice in a row), so the lines after the items join
    the block up to the last such pair, as long as no more than two unpaired lines
    separate one pair from the next."""
    items = group.items
    if group.marker is None:
        return items
    anchor = items[-1] if items else group.marker
    lines = [(b.start, b.end) for b in items] + _following_lines(doc, anchor)
    texts = [doc.text[s:e] for s, e in lines]
    paired: set[int] = set()
    for k in range(max(len(items) - 1, 0), len(lines) - 1):
        if _key(texts[k]) and looks_like_duplicate(texts[k], texts[k + 1]):
            paired.update((k, k + 1))
    last, gap = -1, 0
    for k in range(len(items), len(lines)):
        if k in paired:
            last, gap = k, 0
        else:
            gap += 1
            if gap > _MAX_GAP:
                break
    if last < 0:
        return items
    extra = (Block(RELATED_ITEM, s, e) for s, e in lines[len(items) : last + 1])
    return (*items, *extra)


def _key(text: str) -> str:
    key = normalize_headline(text)
    return key if len(key.split()) >= _MIN_WORDS else ""


def _removal(doc: Document, items: tuple[Block, ...], k: int) -> tuple[int, int, str]:
    """Lint edit that removes item ``k`` with its line break, leaving clean text.

    The edit never starts or ends between two items (in Markdown and HTML that is
    markup, which the lint text does not hold): to drop item ``k`` it spans from the last
    character of the previous item to the end of item ``k``; to drop the first item it
    replaces the first two items by the second one.
    """
    if items[k].unit is not None:  # the reader knows the item's whole line or element
        return items[k].start, items[k].end, ""
    text = doc.text
    if k > 0:
        # Start one character inside the previous item and write that character back:
        # an offset between two items would map to either side of the markup.
        prev_end = items[k - 1].end
        return prev_end - 1, items[k].end, text[prev_end - 1 : prev_end]
    if len(items) > 1:
        return items[0].start, items[1].end, text[items[1].start : items[1].end]
    end = items[0].end  # a lone item: remove its line
    if text.startswith("\r\n", end):
        end += 2
    elif text.startswith("\n", end):
        end += 1
    return items[0].start, end, ""


class DuplicateHeadline(Rule):
    id = "related/duplicate-headline"
    severity = Severity.WARNING
    scope = Scope.DOCUMENT
    doc = RuleDoc(
        summary="titlu repetat în blocul de articole recomandate",
        what="În blocurile „Citește și”, „Vezi și”, „Recomandări”…, semnalează un titlu "
        "care îl repetă pe altul din același bloc (identic, trunchiat — „Guvernul aprobă "
        "bugetul pe…:” înaintea titlului întreg — sau diferit doar prin ghilimele, spații ori "
        "diacritice), un titlu identic cu al articolului și aceeași legătură de două ori.",
        why="Titlul dublat arată ca o eroare de paginare și împinge cititorul să sară "
        "peste bloc; apare când șablonul CMS tipărește și textul, și legătura.",
        fix_safety="Sigură: se șterge dublura întreagă, cu tot cu rândul ei, astfel încât "
        "restul blocului rămâne curat. Din perechea trunchiat/întreg se păstrează "
        "titlul întreg.",
    )
    examples = (
        Example(
            "Ploile au inundat trei sate\n\nApele au crescut peste noapte.\n\nCitește și\n"
            "Ce trebuie să știi despre codul galben de ploi\n"
            "⟦Ce trebuie să știi despre codul galben de ploi⟧\n\nPrimăria a deschis un "
            "centru de sprijin.",
            bad=True,
            fixed="Ploile au inundat trei sate\n\nApele au crescut peste noapte.\n\n"
            "Citește și\nCe trebuie să știi despre codul galben de ploi\n\nPrimăria a "
            "deschis un centru de sprijin.",
        ),
        Example(
            "Ploile au inundat trei sate\n\nApele au crescut.\n\nVezi și\n"
            "⟦Meteorologii anunță ninsori la munte:⟧\n"
            "Meteorologii anunță ninsori la munte: „Iarna vine devreme”\n\nFinal.",
            bad=True,
            fixed="Ploile au inundat trei sate\n\nApele au crescut.\n\nVezi și\n"
            "Meteorologii anunță ninsori la munte: „Iarna vine devreme”\n\nFinal.",
        ),
        Example(
            "Ploile au inundat trei sate\n\nApele au crescut.\n\nCitește și\n"
            "⟦Ploile au inundat trei sate⟧\nAlt titlu despre vreme\n\nFinal.",
            bad=True,
            fixed="Ploile au inundat trei sate\n\nApele au crescut.\n\nCitește și\n"
            "Alt titlu despre vreme\n\nFinal.",
        ),
        Example(
            '<h1>Titlul articolului</h1><p>Text.</p><aside class="related">'
            '<a href="/a">Primul titlu recomandat</a> <a href="/a">⟦Alt text, aceeași pagină'
            "⟧</a></aside>",
            bad=True,
            fixed='<h1>Titlul articolului</h1><p>Text.</p><aside class="related">'
            '<a href="/a">Primul titlu recomandat</a> </aside>',
            fmt="html",
        ),
        Example(
            "Ploile au inundat trei sate\n\nApele au crescut.\n\nCitește și\n"
            "Meteorologii anunță ninsori la munte\nCe facem cu grădina după îngheț\n\n"
            "Final.",
            bad=False,
        ),
    )

    def check_document(self, doc: Document) -> Iterable[Finding]:
        own = doc.headline
        own_key = normalize_headline(doc.block_text(own)) if own is not None else ""
        for group in doc.related:
            items = extended_items(doc, group)
            texts = [doc.block_text(b) for b in items]
            # A headline has a few words; one- or two-word lines ("Foto", "Video") are
            # labels, not headlines, and are left alone.
            keys = [
                k if len(k.split()) >= _MIN_WORDS else "" for k in map(normalize_headline, texts)
            ]
            flagged: set[int] = set()
            exact: dict[str, int] = {}
            hrefs: set[str] = set()
            for k, item in enumerate(items):
                if not keys[k]:
                    continue
                reason = None
                if own_key and keys[k] == own_key:
                    reason = "repetă titlul articolului"
                elif keys[k] in exact:
                    reason = "repetă un titlu de mai sus din același bloc"
                else:
                    # Truncated copies sit next to their headline: compare with the few
                    # items before (linear time however long the block).
                    for j in range(max(0, k - _WINDOW), k):
                        if j in flagged or not keys[j]:
                            continue
                        if looks_like_duplicate(texts[j], texts[k]):
                            if len(keys[k]) < len(keys[j]):
                                reason = "este o variantă trunchiată a unui titlu de mai sus"
                            else:
                                # The earlier one is the truncated copy: flag that one.
                                flagged.add(j)
                                exact.pop(keys[j], None)
                                yield self._finding(
                                    doc,
                                    items,
                                    j,
                                    texts[j],
                                    "este o variantă trunchiată a titlului de dedesubt",
                                )
                            break
                    else:
                        href = item.href
                        if href and href in hrefs:
                            reason = "trimite la aceeași legătură ca un titlu de mai sus"
                if reason:
                    flagged.add(k)
                    yield self._finding(doc, items, k, texts[k], reason)
                else:
                    exact.setdefault(keys[k], k)
                    if item.href:
                        hrefs.add(item.href)

    def _finding(
        self, doc: Document, items: tuple[Block, ...], k: int, text: str, reason: str
    ) -> Finding:
        start, end, keep = _removal(doc, items, k)
        short = text if len(text) <= 60 else text[:57].rstrip() + "…"
        return Finding(
            items[k].start,
            items[k].end,
            f"Titlu recomandat dublat: „{short}” {reason}; ștergeți dublura",
            replacements=("",),
            fix=FixKind.SAFE,
            edits=((start, end, keep),),
        )


RULES: list[type[Rule]] = [DuplicateHeadline]
