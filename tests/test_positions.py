"""The one place positions are computed: line index and source map, property-tested.

Example counts: the property tests draw ``examples(n)``, a quarter of the full
count ``n`` (at least 100) by default and all of it with ``ROLINT_FUZZ=long``
(tests/examples.py).
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from examples import examples
from rolint.positions import ENCODINGS, LineIndex
from rolint.readers import read

# Text with what breaks naive position code: emoji (non-BMP), CR/LF/CRLF, combining
# marks, NBSP, Romanian letters in both cedilla and comma forms.
PIECES = st.sampled_from(
    [
        "a",
        "ș",
        "ş",
        "ț",
        "Ă",
        "î",
        "😀",
        "👍🏽",
        "𝕏",
        "\r\n",
        "\n",
        "\r",
        "e\u0301",
        "\u0326",
        "\xa0",
        " ",
        "„",
        "”",
        "\t",
        "<",
        "&",
    ]
)
TEXTS = st.lists(PIECES, max_size=60).map("".join)


@settings(max_examples=examples(300))
@given(TEXTS)
def test_offset_position_round_trip_in_every_encoding(text: str) -> None:
    index = LineIndex(text)
    for enc in ENCODINGS:
        for offset in range(len(text) + 1):
            line, char = index.position(offset, enc)
            if text[offset - 1 : offset + 1] == "\r\n":
                # between \r and \n is no LSP position: it clamps to before the break
                assert index.offset(line, char, enc) == offset - 1, (enc, offset)
                continue
            assert index.offset(line, char, enc) == offset, (enc, offset)


@given(TEXTS)
def test_positions_agree_with_encoded_lengths(text: str) -> None:
    index = LineIndex(text)
    for offset in range(len(text) + 1):
        line, char16 = index.position(offset, "utf-16")
        start = index.line_starts[line]
        prefix = text[start:offset]
        assert char16 == len(prefix.encode("utf-16-le")) // 2
        assert index.position(offset, "utf-8")[1] == len(prefix.encode("utf-8"))
        assert index.position(offset, "utf-32")[1] == len(prefix)


def test_emoji_before_a_finding_shifts_utf16_but_not_code_points() -> None:
    text = "Ok 😀 ţară"
    index = LineIndex(text)
    offset = text.index("ţ")
    assert offset == 5
    assert index.position(offset, "utf-16") == (0, 6)
    assert index.position(offset, "utf-8") == (0, 8)
    assert index.position(offset, "utf-32") == (0, 5)


def test_lines_break_at_cr_lf_and_crlf_only() -> None:
    text = "a\r\nb\nc\rd\u2028e"
    index = LineIndex(text)
    assert index.line_count == 4
    assert index.position(text.index("e"), "utf-32") == (3, 2)


def test_character_past_line_end_clamps_before_the_break() -> None:
    index = LineIndex("abc\r\ndef")
    # before the whole \r\n break, never between \r and \n (issue #17, item 17)
    assert index.offset(0, 99) == 3
    assert LineIndex("abc\rdef").offset(0, 99) == 3
    assert LineIndex("abc\ndef").offset(0, 99) == 3
    assert index.offset(9, 0) == len("abc\r\ndef")


@settings(max_examples=examples(150))
@given(
    st.lists(
        st.sampled_from(
            [
                "ţ",
                "a",
                " ",
                "😀",
                "&amp;",
                "&#355;",
                "<b>",
                "</b>",
                "\n",
                "<p>",
                "</p>",
                "„",
                "\r\n",
            ]
        ),
        max_size=40,
    ).map("".join)
)
def test_html_source_map_points_at_the_source_of_every_kept_character(html: str) -> None:
    doc = read(html, "html")
    for i, ch in enumerate(doc.text):
        start, end = doc.to_source(i, i + 1)
        src = doc.source[start:end]
        if src == ch:
            continue
        # collapsed whitespace, decoded entities, or inserted block separators
        assert ch.isspace() or src.startswith("&"), (ch, src)


def _reference_position(text: str, offset: int, encoding: str) -> tuple[int, int]:
    """Line and character of ``offset`` worked out the slow, obvious way."""
    index = LineIndex(text)
    line = index.line_of(offset)
    prefix = text[index.line_starts[line] : offset]
    if encoding == "utf-32":
        return line, len(prefix)
    if encoding == "utf-16":
        return line, len(prefix.encode("utf-16-le")) // 2
    return line, len(prefix.encode("utf-8"))


@settings(max_examples=200)
@given(TEXTS, st.sampled_from([1, 2, 3, 5]))
def test_checkpoints_on_long_lines_give_the_same_positions(text: str, step: int) -> None:
    """With checkpoints every ``step`` code points (the long-line path on tiny lines),
    both directions agree with the direct count, in every encoding."""
    index = LineIndex(text, step=step)
    for enc in ENCODINGS:
        for offset in range(len(text) + 1):
            line, char = index.position(offset, enc)
            assert (line, char) == _reference_position(text, offset, enc), (enc, offset)
            expected = offset - 1 if text[offset - 1 : offset + 1] == "\r\n" else offset
            assert index.offset(line, char, enc) == expected, (enc, offset)
        for line in range(index.line_count):
            for char in range(0, 3 * len(text) + 2):
                assert index.offset(line, char, enc) == LineIndex(text).offset(line, char, enc)


@settings(max_examples=150)
@given(TEXTS, st.integers(0, 60), st.integers(0, 6), TEXTS, st.sampled_from([1, 2, 4]))
def test_checkpoints_kept_across_an_edit_count_the_new_text(
    text: str, at: int, cut: int, new: str, step: int
) -> None:
    """An edited index keeps only the checkpoints before the edit: its positions equal
    those of an index built from the new text."""
    at = min(at, len(text))
    end = min(len(text), at + cut)
    index = LineIndex(text, step=step)
    for enc in ENCODINGS:  # fill every checkpoint of the old text
        index.position(len(text), enc)
    edited = index.edited(at, end, new)
    fresh = LineIndex(edited.text, step=step)
    for enc in ENCODINGS:
        for offset in range(len(edited.text) + 1):
            assert edited.position(offset, enc) == fresh.position(offset, enc), (enc, offset)


def test_positions_on_one_long_astral_line_cost_linear_work(monkeypatch) -> None:
    """Issue #17: one long line with emoji throughout. Each position used to encode the
    line up to its offset (n findings on one line: n × line characters); now the work
    is the line once plus a bounded stretch per position. Counted, not timed."""
    import rolint.positions as positions

    encoded = [0]
    real = positions._units

    def counting(text: str, encoding: positions.Encoding) -> int:
        encoded[0] += len(text)
        return real(text, encoding)

    monkeypatch.setattr(positions, "_units", counting)
    for n in (2_000, 4_000):
        text = "ţara 😀 " * n
        index = LineIndex(text)
        encoded[0] = 0
        for offset in range(0, len(text), 8):  # one finding per repetition
            index.position(offset, "utf-16")
            index.position(offset, "utf-8")
        assert encoded[0] <= 2 * len(text) + 2 * (len(text) // 8 + 1) * positions.STEP, n


def _answers(index: LineIndex) -> tuple[object, ...]:
    """Everything a LineIndex answers about its text, for every offset and line (and
    characters and lines past the ends, which clamp)."""
    text = index.text
    count = index.line_count
    return (
        count,
        list(index.line_starts),
        [index.line_start(line) for line in range(-count, count)],
        [index.line_span(line) for line in range(count)],
        [index.line_of(offset) for offset in range(-2, len(text) + 3)],
        index.bmp_only,
        [index.position(o, enc) for enc in ENCODINGS for o in range(-2, len(text) + 3)],
        [
            index.offset(line, char, enc)
            for enc in ENCODINGS
            for line in range(-1, count + 2)
            for char in range(-1, 2 * len(text) + 3)
        ],
    )


def _astral_pieces(index: LineIndex) -> int:
    """Pieces of ``index`` holding a character beyond U+FFFF, counted directly."""
    spans = zip(index._starts, index._starts[1:], strict=False)
    return sum(any(ord(c) > 0xFFFF for c in index.text[a:b]) for a, b in spans)


EDITS = st.lists(
    st.tuples(st.integers(0, 200), st.integers(0, 8), TEXTS.map(lambda t: t[:12])),
    max_size=8,
)


@settings(max_examples=examples(300), deadline=None)
@given(TEXTS, EDITS, st.sampled_from([1, 2, 3, 7]), st.sampled_from([1, 2, 3, 5, 8]))
def test_a_chain_of_edits_answers_like_an_index_built_on_the_final_text(
    text: str, edits: list[tuple[int, int, str]], step: int, chunk: int
) -> None:
    """Random incremental edits on an index cut into tiny pieces (every edit splits,
    joins or rescans pieces, \\r\\n breaks join and split at their edges): after each
    edit, every answer equals that of an index built from scratch on the new text (in
    one piece, as for a short text), and the indexes before it still answer for their
    own texts (pieces are shared, never changed)."""
    index = LineIndex(text, step=step, chunk=chunk)
    kept = [(index, _answers(LineIndex(text)))]
    for at, cut, new in edits:
        if index.position(len(index.text), "utf-8") and at % 3 == 0:
            index.position(len(index.text) // 2, "utf-16")  # fill some counts first
        start = at % (len(index.text) + 1)
        end = min(len(index.text), start + cut)
        index = index.edited(start, end, new)
        expected = _answers(LineIndex(index.text))
        assert _answers(index) == expected
        assert index._astral == _astral_pieces(index)  # what later edits count from
        kept.append((index, expected))
    for old, answers in kept:
        assert _answers(old) == answers


def test_an_edit_in_a_long_document_rescans_only_the_pieces_around_it(monkeypatch) -> None:
    """Counted, not timed: a keystroke in a document of 20,000 lines scans a few pieces
    for line breaks and shares the others with the old index."""
    import rolint.positions as positions

    text = "Linia cu şcoala 😀 are text.\r\n" * 20_000
    index = LineIndex(text)
    index.position(len(text) - 3, "utf-8")
    assert not index.bmp_only  # counted before the edit
    scanned: list[int] = []
    real = positions._LINE_BREAK

    class Counting:
        def finditer(self, s: str, lo: int = 0, hi: int = 1 << 62):
            scanned.append(min(hi, len(s)) - lo)
            return real.finditer(s, lo, hi)

    monkeypatch.setattr(positions, "_LINE_BREAK", Counting())
    edited = index.edited(300_000, 300_001, "\r\nx")
    assert sum(scanned) <= 5 * positions.CHUNK
    shared = {id(p) for p in index._pieces} & {id(p) for p in edited._pieces}
    assert len(shared) >= len(index._pieces) - 4
    assert edited.position(len(edited.text) - 3, "utf-8") == LineIndex(edited.text).position(
        len(edited.text) - 3, "utf-8"
    )
    assert not edited.bmp_only and edited._astral is not None
