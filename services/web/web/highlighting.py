"""Search hits in a text: a short excerpt around the first, every hit in it in a <mark>."""

import re

from markupsafe import Markup, escape

# Characters of a text a result shows, and how many of them before the first hit.
EXCERPT = 320
BEFORE = 100
ELLIPSIS = "…"


def pattern_of(query: str | None) -> re.Pattern[str] | None:
    """What the API's `q` matches (the text itself, in any case), or None without a query."""
    return re.compile(re.escape(query), re.IGNORECASE) if query else None


def _word_start(text: str, index: int) -> int:
    """`index`, moved on to the start of a word so that an excerpt does not begin mid-word."""
    if index <= 0:
        return 0
    space = text.find(" ", index)
    return index if space == -1 else space + 1


def _word_end(text: str, index: int, at_least: int) -> int:
    if index >= len(text):
        return len(text)
    space = text.rfind(" ", at_least, index)
    return index if space == -1 else space


def excerpt(text: str, pattern: re.Pattern[str] | None) -> Markup:
    """The part of `text` around its first hit (its start when there is none), escaped,
    with every hit in it marked and an ellipsis where the text was cut."""
    first = pattern.search(text) if pattern else None
    start = _word_start(text, first.start() - BEFORE) if first else 0
    if first and start > first.start():  # no space between: cut mid-word instead
        start = max(0, first.start() - BEFORE)
    hit_end = first.end() if first else 0
    end = _word_end(text, max(start + EXCERPT, hit_end), hit_end)
    shown = text[start:end]
    pieces: list[Markup | str] = [ELLIPSIS] if start > 0 else []
    place = 0
    for hit in pattern.finditer(shown) if pattern else ():
        pieces += [escape(shown[place:hit.start()]), Markup("<mark>%s</mark>") % hit.group()]
        place = hit.end()
    pieces.append(escape(shown[place:]))
    if end < len(text):
        pieces.append(ELLIPSIS)
    return Markup("").join(pieces)


def hits(text: str, pattern: re.Pattern[str] | None) -> bool:
    return pattern is not None and pattern.search(text) is not None
