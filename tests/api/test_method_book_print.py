"""The printed method book of the demo data keeps to its pages: no table runs past the right
margin, and no heading or table caption is left at the foot of a page without what it
introduces. Books of 700 demo initiatives (as `make run` has): a stadsdeel's research book
in Dutch and the city's book for everyone in English, whose tables are longest."""

import io
from collections.abc import Iterator

import pytest
from pypdf import PdfReader
from sqlalchemy import Engine
from sqlmodel import Session

from api.method_book.book import write_book
from api.method_book.parameters import BookParameters
from api.method_book.pdf import pdf_of
from api.vocabularies.models import OrganisationForm, SupportStyle
from tests.api.conftest import demo_engine
from tests.printed_pages import introducers, left_at_the_foot, past_the_margin

BOOKS = {"nieuw-west": {"stadsdeel": "F"},
         "city-english": {"language": "en", "audience": "everyone"}}


@pytest.fixture(scope="module")
def demo() -> Iterator[Engine]:
    engine = demo_engine(700)
    yield engine
    engine.dispose()


def _html(engine: Engine, parameters: dict[str, str]) -> str:
    with Session(engine) as session:
        return write_book(session, BookParameters.model_validate(parameters)).html


@pytest.fixture(scope="module")
def printed(demo: Engine) -> dict[str, tuple[str, PdfReader]]:
    """Each book's HTML and its PDF, read back."""
    books = {}
    for name, parameters in BOOKS.items():
        html = _html(demo, parameters)
        books[name] = (html, PdfReader(io.BytesIO(pdf_of(html))))
    return books


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


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_statistics_notes_speak_the_books_language_and_name_groups_by_label(
        demo: Engine, language: str) -> None:
    """Zuid (K) in the demo: too few initiatives for some subgroup tests, groups of one
    ('geen-ondersteuning', 'right-to-challenge'), so the statistics package's notes."""
    html = _html(demo, {"stadsdeel": "K", "language": language, "audience": "everyone"})
    assert "tau²" in html  # the notes are there
    codes = [code.value for vocabulary in (OrganisationForm, SupportStyle)
             for code in vocabulary if "-" in code.value]
    assert [code for code in codes if f"{code}: " in html] == []
    english = ("cannot", "studies", "No test", "metafor stops", "(Engels)")
    assert language == "en" or [phrase for phrase in english if phrase in html] == []
