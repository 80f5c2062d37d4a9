"""The method book as PDF, read back with pypdf: a page per chapter at least, the chapters in
the outline, every font embedded, page numbers printed, the figures as vector graphics (no
images), 409 before the book is done."""

import io
import re

from pypdf import PdfReader
from pypdf.generic import DictionaryObject, IndirectObject
from sqlalchemy import Engine
from sqlmodel import Session
from starlette.testclient import TestClient

from api.method_book.models import BookStatus, MethodBook
from tests.api.test_method_book import _book, _html, _world


def _titles(outline: list[object]) -> list[str]:
    titles: list[str] = []
    for item in outline:
        if isinstance(item, list):
            titles += _titles(item)
        else:
            titles.append(str(getattr(item, "title", "")))
    return titles


def _resolved(value: object) -> object:
    return value.get_object() if isinstance(value, IndirectObject) else value


def _fonts(reader: PdfReader) -> list[DictionaryObject]:
    fonts = []
    for page in reader.pages:
        resources = _resolved(page.get("/Resources"))
        assert isinstance(resources, DictionaryObject)
        for font in (_resolved(resources.get("/Font")) or DictionaryObject()).values():
            fonts.append(_resolved(font))
    return [font for font in fonts if isinstance(font, DictionaryObject)]


def _embedded(font: DictionaryObject) -> bool:
    """A font program in the file: the font's own descriptor, or its descendant's (Type 0)."""
    for candidate in [font, *(_resolved(item) for item in font.get("/DescendantFonts", []))]:
        descriptor = _resolved(candidate.get("/FontDescriptor")) if isinstance(
            candidate, DictionaryObject) else None
        if isinstance(descriptor, DictionaryObject) and any(
                key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")):
            return True
    return False


def test_the_pdf_has_a_page_per_chapter_an_outline_embedded_fonts_and_page_numbers(
    client: TestClient,
) -> None:
    _world(client)
    book = _book(client, stadsdeel="F")
    chapters = re.findall(r'<main>.*', _html(client, book), re.S)[0]
    titles = re.findall(r'<section id="[^"]+"[^>]*>\s*<h2[^>]*>([^<]+)</h2>', chapters)
    assert len(titles) >= 4, titles
    answer = client.get(book["_links"]["pdf"])
    assert answer.status_code == 200
    assert answer.headers["content-type"] == "application/pdf"
    assert "methodiekboek-" in answer.headers["content-disposition"]
    reader = PdfReader(io.BytesIO(answer.content))
    pages = len(reader.pages)
    assert pages >= len(titles) + 1  # the contents, then each chapter on a page of its own
    outline = _titles(reader.outline)
    assert all(title.strip() in outline for title in titles), (titles, outline)
    fonts = _fonts(reader)
    assert fonts and all(_embedded(font) for font in fonts)
    # Sans-serif throughout (monospace for codes): the page numbers, in a page margin box
    # that does not inherit the body's font, too.
    assert not [font["/BaseFont"] for font in fonts if "Serif" in str(font["/BaseFont"])]
    last = reader.pages[-1].extract_text()
    assert f"{pages} / {pages}" in last
    for page in reader.pages:  # SVG is drawn as paths, not pasted as a picture
        resources = _resolved(page.get("/Resources"))
        assert isinstance(resources, DictionaryObject)
        objects = _resolved(resources.get("/XObject")) or DictionaryObject()
        assert all(_resolved(item).get("/Subtype") != "/Image"  # type: ignore[union-attr]
                   for item in objects.values())
    assert client.get(book["_links"]["pdf"]).content == answer.content  # printed again


def test_a_book_not_done_has_no_pdf_yet(client: TestClient, engine: Engine) -> None:
    with Session(engine) as session:
        queued = MethodBook(parameters={"language": "nl"}, status=BookStatus.QUEUED,
                            actor_label="test")
        session.add(queued)
        session.commit()
        book_id = queued.id
    answer = client.get(f"/v1/method-books/{book_id}/pdf")
    assert answer.status_code == 409
    assert answer.headers["content-type"] == "application/problem+json"
    assert client.get("/v1/method-books/3f2b6a9e-0000-4000-8000-000000000000/pdf"
                      ).status_code == 404
