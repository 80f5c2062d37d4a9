"""The method book as PDF: WeasyPrint prints the stored HTML — the reproducible record — with
the book's print styles (A4, a page number on every page, each chapter on a new page). The
headings become the PDF's outline and its table of contents links; SVG figures stay vector
graphics. WeasyPrint writes no creation date unless the HTML names one (the book does not), so
the same HTML printed on the same installation gives the same bytes."""

from typing import Any, NoReturn

from weasyprint import HTML


def _nothing_external(url: str, *args: Any, **kwargs: Any) -> NoReturn:
    # The book is one self-contained document: it never needs a file or a network address,
    # and a text in it must not make the server fetch one.
    raise ValueError(f"the method book loads nothing from outside ({url[:80]})")


def pdf_of(html: str) -> bytes:
    document: bytes = HTML(string=html, url_fetcher=_nothing_external).write_pdf()
    return document
