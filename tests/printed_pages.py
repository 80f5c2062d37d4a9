"""Reading a printed method book back for its layout: text that starts past the page's
margin (a table wider than the page), headings and captions left at the foot of a page
without what they introduce. Used by the API's print test and the e2e's demo PDF."""

import html as html_text
import re

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


def _words(text: str) -> str:
    return " ".join(text.split())


def introducers(book_html: str) -> set[str]:
    """The texts of the book's headings and table captions, tags stripped."""
    return {_words(html_text.unescape(re.sub(r"<[^>]+>", "", inner)))
            for _, inner in INTRODUCING.findall(book_html)} - {""}


def left_at_the_foot(reader: PdfReader, book_html: str) -> list[tuple[int, str]]:
    """(page number, text) of every heading or caption that is the last thing on a page
    (before its page number): a reader turns the page to find what it introduces."""
    texts = introducers(book_html)
    found = []
    for number, page in enumerate(reader.pages[:-1], start=1):
        lines = [line for line in page.extract_text().splitlines()
                 if line.strip() and not PAGE_NUMBER.match(line.strip())]
        ending = ""
        for line in reversed(lines):  # a caption or heading may take several lines
            ending = _words(f"{line} {ending}")
            if ending in texts:
                found.append((number, ending))
                break
    return found
