"""Reading a printed method book back for its layout: text that starts past the page's
margin (a table wider than the page), headings and captions left at the foot of a page
without what they introduce. Used by the API's print test and the e2e's demo PDF."""

import html as html_text
import re
from typing import Any

from pypdf import PageObject, PdfReader

POINTS_PER_CM = 72 / 2.54
SIDE_MARGIN_CM = 2.0  # book.html's @page margin, left and right
PAGE_NUMBER = re.compile(r"^\d+ / \d+$")
INTRODUCING = re.compile(r"<(h[1-6]|caption)\b[^>]*>(.*?)</\1>", re.S)


def text_starts(page: PageObject) -> list[tuple[float, str]]:
    """Where each run of text begins across the page (x in points), with its text."""
    found: list[tuple[float, str]] = []

    def visit(text: str, cm: list[float], tm: list[float], *_: object) -> None:
        if text.strip():
            found.append((tm[4] * cm[0] + tm[5] * cm[2] + cm[4], text.strip()))

    page.extract_text(visitor_text=visit)
    return found


def past_the_margin(reader: PdfReader) -> list[tuple[int, str]]:
    """(page number, text) of every run that begins right of the right margin."""
    found = []
    for number, page in enumerate(reader.pages, start=1):
        edge = float(page.mediabox.width) - SIDE_MARGIN_CM * POINTS_PER_CM
        found += [(number, text) for x, text in text_starts(page) if x > edge]
    return found


# What pypdf reads after a page's text rather than at its place: list markers.
MARKER = re.compile(r"^(•|\d+\.)$")


def _words(text: str) -> str:
    """Spaces as one; none after a QCA '*', where the text may wrap (<wbr>)."""
    return re.sub(r"\*\s+", "*", " ".join(text.split()))


def introducers(book_html: str) -> set[str]:
    """The texts of the book's headings and table captions (in its chapters, not the
    contents), tags stripped."""
    chapters = book_html.split("<main>", 1)[-1]
    return {_words(html_text.unescape(re.sub(r"<[^>]+>", "", inner)))
            for _, inner in INTRODUCING.findall(chapters)} - {""}


def _flat(outline: list[Any]) -> list[Any]:
    return [entry for item in outline
            for entry in (_flat(item) if isinstance(item, list) else [item])]


def first_chapter_page(reader: PdfReader, book_html: str) -> int:
    """The page (from 0) where the first chapter begins, after the contents: by the outline."""
    first = re.search(r"<main>.*?<h2[^>]*>(.*?)</h2>", book_html, re.S)
    assert first, "a book has chapters"
    entry = next(item for item in _flat(reader.outline) if item.title == first[1])
    return reader.get_destination_page_number(entry)


def left_at_the_foot(reader: PdfReader, book_html: str) -> list[tuple[int, str]]:
    """(page number, text) of every heading or caption that is the last thing on a page of
    the chapters (before its page number and list markers): a reader turns the page to find
    what it introduces."""
    texts = introducers(book_html)
    start = first_chapter_page(reader, book_html)
    found = []
    for number, page in list(enumerate(reader.pages, start=1))[start:-1]:
        lines = [line for line in page.extract_text().splitlines() if line.strip()
                 and not PAGE_NUMBER.match(line.strip()) and not MARKER.match(line.strip())]
        ending = ""
        for line in reversed(lines):  # a caption or heading may take several lines
            ending = _words(f"{line} {ending}")
            if ending in texts:
                found.append((number, ending))
                break
    return found
