"""The method book as PDF: WeasyPrint prints the stored HTML — the reproducible record — with
the book's print styles (A4, a page number on every page, each chapter on a new page). The
headings become the PDF's outline and its table of contents links; SVG figures stay vector
graphics. A PDF carries its creation time, so it is not byte-identical from one print to the
next; the HTML is."""

from typing import Any, NoReturn

from weasyprint import HTML


def _nothing_external(url: str, *args: Any, **kwargs: Any) -> NoReturn:
    # The book is one self-contained document: it never needs a file or a network address,
    # and a text in it must not make the server fetch one.
    raise ValueError(f"the method book loads nothing from outside ({url[:80]})")


def pdf_of(html: str) -> bytes:
    document: bytes = HTML(string=html, url_fetcher=_nothing_external).write_pdf()
    return document
