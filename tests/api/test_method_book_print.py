"""The printed method book of the demo data keeps to its pages: no table runs past the right
margin, and no heading or table caption is left at the foot of a page without what it
introduces. Books of 700 demo initiatives (as `make run` has): a stadsdeel's research book
in Dutch and the city's book for everyone in English, whose tables are longest."""

import io
from collections.abc import Iterator

import pytest
from pypdf import PdfReader
from sqlalchemy import create_engine
from sqlalchemy.pool import StaticPool
from sqlmodel import Session

from api.areas.seed import seed_areas
from api.demo import generate_demo
from api.method_book.book import write_book
from api.method_book.parameters import BookParameters
from api.method_book.pdf import pdf_of
from api.tables import metadata
from tests.printed_pages import introducers, left_at_the_foot, past_the_margin

BOOKS = {"nieuw-west": {"stadsdeel": "F"},
         "city-english": {"language": "en", "audience": "everyone"}}


@pytest.fixture(scope="module")
def printed() -> Iterator[dict[str, tuple[str, PdfReader]]]:
    """Each book's HTML and its PDF, read back — from an SQLite of the module's own, also
    when the suite runs on PostgreSQL: the layout does not depend on the database."""
    engine = create_engine("sqlite://", poolclass=StaticPool,
                           connect_args={"check_same_thread": False})
    metadata.create_all(engine)
    books = {}
    with Session(engine) as session:
        seed_areas(session)
        generate_demo(session, initiatives=700)
        for name, parameters in BOOKS.items():
            html = write_book(session, BookParameters.model_validate(parameters)).html
            books[name] = (html, PdfReader(io.BytesIO(pdf_of(html))))
    yield books
    engine.dispose()


@pytest.mark.parametrize("name", BOOKS)
def test_no_table_runs_past_the_right_margin(
        printed: dict[str, tuple[str, PdfReader]], name: str) -> None:
    _, reader = printed[name]
    assert len(reader.pages) > 10
    assert past_the_margin(reader) == []


@pytest.mark.parametrize("name", BOOKS)
def test_no_heading_or_caption_is_left_at_the_foot_of_a_page(
        printed: dict[str, tuple[str, PdfReader]], name: str) -> None:
    html, reader = printed[name]
    assert len(introducers(html)) >= 30  # the check reads the book's own headings
    assert left_at_the_foot(reader, html) == []
