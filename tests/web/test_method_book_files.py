"""A done method book's files through the web: its PDF and its numbers as JSON and CSV,
passed on from the API with their names; asked for before the book is done, its page."""

import pytest
from starlette.testclient import TestClient

from tests.web.test_method_book_pages import ask
from web.api_client import Conflict, method_books


def test_a_done_book_links_its_pdf_and_numbers(web: TestClient) -> None:
    address = ask(web)
    html = web.get(address).text
    for path in ("boek.pdf", "getallen.json", "getallen.csv"):
        assert f'href="{address}/{path}" download hx-boost="false"' in html
    numbers = web.get(f"{address}/getallen.json")
    assert numbers.status_code == 200
    assert numbers.headers["content-type"].startswith("application/json")
    assert numbers.headers["cache-control"] == "no-store"
    assert "attachment" in numbers.headers["content-disposition"]
    assert set(numbers.json()) >= {"parameters", "dataHash", "chapters"}
    assert web.get(f"{address}/getallen.xml").status_code == 404


def test_the_pdf_is_the_apis_with_its_name(web: TestClient) -> None:
    address = ask(web)
    response = web.get(f"{address}/boek.pdf")
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/pdf"
    book_id = address.rsplit("/", 1)[1]
    assert response.headers["content-disposition"] == (
        f'attachment; filename="methodiekboek-{book_id}.pdf"')
    assert response.content.startswith(b"%PDF-")


def test_files_of_a_book_not_yet_done_lead_to_its_page(
        web: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    address = ask(web)
    monkeypatch.setattr(method_books, "download", conflict)
    for path in ("/boek.pdf", "/getallen.json"):
        response = web.get(address + path, follow_redirects=False)
        assert response.status_code == 303 and response.headers["location"] == address


async def conflict(*args: object, **kwargs: object) -> None:
    raise Conflict(409, "Het boek is nog niet klaar.")


def test_the_numbers_as_csv(web: TestClient) -> None:
    address = ask(web)
    response = web.get(f"{address}/getallen.csv")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    assert response.headers["content-disposition"] == (  # the API's name, passed on
        f'attachment; filename="methodiekboek-{address.rsplit("/", 1)[1]}-getallen.csv"')
    assert "initiatives" in response.text and "/total" in response.text
