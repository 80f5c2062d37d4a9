"""The book's numbers as CSV: one row per number (chapter, JSON pointer, value) that gives
back every leaf of the JSON numbers in their order; formulas neutralised as in the other CSV
downloads; 400 for an unknown format; 409 until the book is done."""

import csv
import io
from typing import Any

from sqlalchemy import Engine
from sqlmodel import Session
from starlette.testclient import TestClient

from api.method_book.models import BookStatus, MethodBook
from api.method_book.numbers_csv import numbers_csv
from tests.api.test_method_book import _book, _world


def _read(content: bytes) -> list[list[str]]:
    assert content.startswith(b"\xef\xbb\xbf")  # UTF-8 with the byte order mark Excel needs
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"), newline="")))


def _resolved(document: Any, pointer: str) -> Any:
    """RFC 6901: each reference token unescaped (~1 to /, then ~0 to ~), a list by index."""
    for token in pointer.split("/")[1:]:
        key = token.replace("~1", "/").replace("~0", "~")
        document = document[int(key)] if isinstance(document, list) else document[key]
    return document


def _as_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _leaf_count(value: Any) -> int:
    if isinstance(value, dict):
        return sum(_leaf_count(item) for item in value.values())
    if isinstance(value, list):
        return sum(_leaf_count(item) for item in value)
    return 1


def test_the_csv_gives_back_every_number_of_the_json(client: TestClient) -> None:
    _world(client)
    book = _book(client, stadsdeel="F")
    numbers = client.get(book["_links"]["numbers"]).json()
    answer = client.get(book["_links"]["numbers"], params={"format": "csv"})
    assert answer.status_code == 200
    assert answer.headers["content-type"] == "text/csv; charset=utf-8"
    assert answer.headers["content-disposition"] == (
        f'attachment; filename="methodiekboek-{book["id"]}-getallen.csv"')
    header, *rows = _read(answer.content)
    assert header == ["chapter", "pointer", "value"]
    chapters = numbers["chapters"]
    assert [row[0] for row in rows] == sorted(
        (row[0] for row in rows), key=list(chapters).index)  # chapters in the book's order
    assert len(rows) == sum(_leaf_count(value) for value in chapters.values())
    for chapter, pointer, text in rows:
        value = _resolved(chapters[chapter], pointer)
        assert not isinstance(value, dict | list), pointer
        if isinstance(value, float):
            assert float(text) == value, pointer
        else:
            assert text == _as_text(value), pointer
    assert ["initiatives", "/total", "2"] in rows
    assert ["initiatives", "/byBuurt/FD03", "2"] in rows
    again = client.get(book["_links"]["numbers"], params={"format": "csv"})
    assert again.content == answer.content
    assert client.get(book["_links"]["numbers"], params={"format": "json"}).json() == numbers


def test_text_that_a_spreadsheet_reads_as_a_formula_is_neutralised(
        client: TestClient, engine: Engine) -> None:
    stored = {"chapters": {"stemmen": {
        "quote": "=HYPERLINK(\"http://example.org\")", "sum": "+1+1", "at": "@SUM(A1)",
        "dash": "-2+3", "negative": -1.5, "small": 1e-07, "none": None, "yes": True,
        "empty": [], "odd keys": {"a/b~c": "gewoon"}}}}
    with Session(engine) as session:
        book = MethodBook(status=BookStatus.DONE, parameters={"language": "nl"},
                          audience="everyone", numbers=stored, html="", data_hash="0" * 64,
                          actor_label="test")
        session.add(book)
        session.commit()
        book_id = book.id
    answer = client.get(f"/v1/method-books/{book_id}/numbers?format=csv")
    assert answer.status_code == 200, answer.text
    assert _read(answer.content)[1:] == [
        ["stemmen", "/quote", "'=HYPERLINK(\"http://example.org\")"],
        ["stemmen", "/sum", "'+1+1"], ["stemmen", "/at", "'@SUM(A1)"],
        ["stemmen", "/dash", "'-2+3"], ["stemmen", "/negative", "-1.5"],
        ["stemmen", "/small", "0.0000001"], ["stemmen", "/none", ""],
        ["stemmen", "/yes", "true"], ["stemmen", "/odd keys/a~1b~0c", "gewoon"]]
    assert numbers_csv(stored) == answer.content


def test_an_unknown_format_is_400_and_a_book_not_done_409(client: TestClient,
                                                        engine: Engine) -> None:
    with Session(engine) as session:
        queued = MethodBook(status=BookStatus.QUEUED, parameters={"language": "nl"},
                            actor_label="test")
        session.add(queued)
        session.commit()
        book_id = queued.id
    refused = client.get(f"/v1/method-books/{book_id}/numbers?format=xml")
    assert refused.status_code == 400
    assert "format" in refused.text
    waiting = client.get(f"/v1/method-books/{book_id}/numbers?format=csv")
    assert waiting.status_code == 409
    assert "niet klaar" in waiting.json()["detail"]
