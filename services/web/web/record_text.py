"""A record's text as the coding page shows it: its paragraphs at their exact offsets, each cut
into pieces where coded passages begin and end; and offsets from the browser mapped back
to the stored text.

Offsets are Python string indices (code points), as the API counts them. A <textarea>'s
value has every line break as \\n, so a text stored with \\r\\n is counted differently in
the browser: `stored_offset` counts it back.
"""

import re
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

from web.api_client.segments import Segment

# A blank line (only white space on it), or several: what separates two paragraphs.
BLANK_LINES = re.compile(r"\n[^\S\n]*(?:\n[^\S\n]*)+")


@dataclass(frozen=True)
class Piece:
    """A stretch of a paragraph covered by the same codings (their numbers in the list)."""

    text: str
    coded: tuple[int, ...]
    opens: tuple[int, ...]  # codings that begin here
    closes: tuple[int, ...]  # codings that end with this piece


@dataclass(frozen=True)
class Paragraph:
    number: int  # from 1
    start: int
    end: int
    pieces: tuple[Piece, ...]


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """[start, end) of each block between blank lines, without white space at its ends.

    The same unit as the API's inter-coder agreement by paragraph
    (services/api/api/qualitative/agreement.py, `paragraphs`): a paragraph ticked here is
    one unit there. A change to what counts as a paragraph belongs in both places."""
    spans, position = [], 0
    for separator in BLANK_LINES.finditer(text):
        spans.append((position, separator.start()))
        position = separator.end()
    spans.append((position, len(text)))
    trimmed = []
    for start, end in spans:
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start:
            trimmed.append((start, end))
    return trimmed


def stored_offset(text: str, offset: int) -> int:
    """The offset in the stored text of `offset` in the text as a textarea holds it (every
    \\r\\n and lone \\r a single \\n). Past the end stays past the end, for the API to refuse."""
    if "\r" not in text:
        return offset
    counted, index = 0, 0
    while counted < offset and index < len(text):
        index += 2 if text.startswith("\r\n", index) else 1
        counted += 1
    return index + (offset - counted)


def _spread(segments: Sequence[Segment], spans: list[tuple[int, int]]
            ) -> dict[int, list[int]]:
    """Per coding (its number from 1), the paragraphs (indices) it overlaps."""
    found: dict[int, list[int]] = {}
    for number, segment in enumerate(segments, start=1):
        found[number] = [index for index, (start, end) in enumerate(spans)
                         if segment.start < end and segment.end > start]
    return found


def _pieces(text: str, span: tuple[int, int], index: int, segments: Sequence[Segment],
            spread: dict[int, list[int]]) -> tuple[Piece, ...]:
    start, end = span
    present = [(number, max(segment.start, start), min(segment.end, end))
               for number, segment in enumerate(segments, start=1) if index in spread[number]]
    cuts = sorted({start, end, *(edge for _n, low, high in present for edge in (low, high))})
    pieces = []
    for low, high in pairwise(cuts):
        coded = tuple(number for number, a, b in present if a < high and b > low)
        opens = tuple(number for number, a, _b in present
                      if a == low and spread[number][0] == index)
        closes = tuple(number for number, _a, b in present
                       if b == high and spread[number][-1] == index)
        pieces.append(Piece(text[low:high], coded, opens, closes))
    return tuple(pieces)


def paragraphs(text: str, segments: Sequence[Segment]) -> list[Paragraph]:
    """The text's paragraphs with the codings shown: each marked where it begins and ends
    (the first and last paragraph it reaches), and the text it covers marked."""
    spans = paragraph_spans(text)
    spread = _spread(segments, spans)
    return [Paragraph(index + 1, start, end, _pieces(text, (start, end), index, segments,
                                                     spread))
            for index, (start, end) in enumerate(spans)]
