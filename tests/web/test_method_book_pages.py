"""The method book pages: the list page by page for everyone, the form for researchers and
administrators (the API's 400 at its field, the audience as a radio group), a book's state
polled with htmx until done, rewriting (and a rewrite refused), the book itself passed on as
the API's whole document; a research book refused to a viewer. Its files:
test_method_book_files.py."""

import re
import uuid
from html.parser import HTMLParser
from typing import Any

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, select
from starlette.testclient import TestClient

from api.method_book.models import MethodBook
from tests.web.conftest import HTMX, WebFactory
from web.api_client import method_books

BOOK = {"stadsdeel": "F", "theme": "", "periodFrom": "2020-01-01", "periodTo": "",
        "language": "nl", "audience": "everyone"}


def ask(web: TestClient, **fields: str) -> str:
    """A new book through the form; its page's address."""
    response = web.post("/methodiekboek", data={**BOOK, **fields}, follow_redirects=False)
    assert response.status_code == 303, response.text
    location = response.headers["location"]
    assert re.fullmatch(r"/methodiekboek/[0-9a-f-]{36}", location)
    return str(location)


def pretend(monkeypatch: pytest.MonkeyPatch, **state: Any) -> None:
    """Books read from the API from now on are in this state (the tests' jobs finish
    inside the request, so a book still running or failed is made up here)."""
    real = method_books.MethodBook.model_validate_json

    def changed(data: str | bytes) -> method_books.MethodBook:
        return real(data).model_copy(update={"data_hash": None, **state})

    monkeypatch.setattr(method_books.MethodBook, "model_validate_json", changed)


def test_asking_for_a_book_leads_to_its_page_with_the_link(web: TestClient) -> None:
    page = web.get(ask(web))
    assert page.status_code == 200
    html = page.text
    assert "Klaar" in html and 'role="status"' in html
    # Not boosted: the book is a document of its own, under its own policy, not a body to swap.
    book = re.search(r'href="(/methodiekboek/[0-9a-f-]{36}/boek)" hx-boost="false">Open het boek<',
                     html)
    assert book is not None
    assert re.search(r"<code>[0-9a-f]{16}(<wbr>[0-9a-f]{16}){3}</code>", html)  # the hash
    assert "Nieuw-West" in html and "Nederlands" in html and "Iedereen" in html
    assert 'hx-trigger="every 2s"' not in html  # done: no more polling
    assert "Opnieuw schrijven" in html


def test_the_list_shows_the_books_newest_first_with_the_form(web: TestClient) -> None:
    first, second = ask(web), ask(web, stadsdeel="", language="en")
    html = web.get("/methodiekboek").text
    assert html.index(f'href="{second}"') < html.index(f'href="{first}"')
    assert f'href="{first}/boek" hx-boost="false"' in html
    assert "Heel de stad" in html and "Engels" in html
    assert 'action="/methodiekboek"' in html and 'id="f-theme"' in html


def test_bad_input_is_shown_at_its_field(web: TestClient) -> None:
    response = web.post("/methodiekboek", data={**BOOK, "periodFrom": "2024-01-01",
                                                 "periodTo": "2023-01-01"})
    assert response.status_code == 422
    html = response.text
    assert 'id="f-periodFrom-error"' in html
    assert re.search(r'id="f-periodFrom"[^>]*aria-invalid="true"', html)
    assert 'value="2023-01-01"' in html  # the input is kept
    assert web.post("/methodiekboek", data={**BOOK, "theme": "geen-thema"}).status_code == 422


@pytest.mark.parametrize("role", ["viewer", "editor"])
def test_readers_see_books_for_everyone_but_no_form(web: TestClient, web_as: WebFactory,
                                       role: str) -> None:
    address = ask(web)
    reader = web_as(role, ("F",) if role == "editor" else ())
    html = reader.get("/methodiekboek").text
    assert f'href="{address}"' in html and 'action="/methodiekboek"' not in html
    assert 'href="/methodiekboek"' in html  # the nav
    page = reader.get(address).text
    assert "Open het boek" in page and "Opnieuw schrijven" not in page
    assert reader.post("/methodiekboek", data=BOOK).status_code == 403
    assert reader.post(f"{address}/opnieuw").status_code == 403
    assert reader.get(f"{address}/boek").status_code == 200


def test_rewriting_makes_a_new_book_from_the_old(web: TestClient) -> None:
    address = ask(web)
    again = web.post(f"{address}/opnieuw", follow_redirects=False)
    assert again.status_code == 303 and again.headers["location"] != address
    html = web.get(again.headers["location"]).text
    assert f'href="{address}"' in html  # "opnieuw geschreven van"
    # Outside the part that is swapped while the book is written: a focused link stays.
    block = web.get(again.headers["location"], headers=HTMX).text
    assert f'href="{address}"' not in block


def test_the_book_is_the_apis_document_with_its_own_style(web: TestClient) -> None:
    response = web.get(f"{ask(web)}/boek")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert response.text.startswith("<!DOCTYPE html>") and "<style>" in response.text
    assert 'id="toc-title"' in response.text and "bk-nav" not in response.text
    policy = response.headers["content-security-policy"]
    assert "style-src 'unsafe-inline'" in policy and "default-src 'none'" in policy
    assert "script-src" not in policy  # default-src 'none': no script at all
    # Every other page keeps the strict policy.
    assert "unsafe" not in web.get("/methodiekboek").headers["content-security-policy"]


def test_htmx_gets_only_the_status_block(web: TestClient) -> None:
    response = web.get(ask(web), headers=HTMX)
    assert response.status_code == 200
    html = response.text
    # The state's sentence, out of band into the live region that stays; then the block.
    assert re.match(r'\s*<p id="book-status-sentence" hx-swap-oob="innerHTML"><strong>'
                    r'Stand: Klaar</strong></p>\s*<div id="book-status"', html)
    assert "<h1" not in html and "Open het boek" in html
    assert "Gevraagd op" not in html  # the parameters stay put, outside the block


def test_only_the_state_sentence_is_live(web: TestClient) -> None:
    """A screen reader hears the new state, not the links and buttons every two seconds."""
    html = web.get(ask(web)).text
    live = re.findall(r'<(\w+)[^>]*role="status"[^>]*>(.*?)</\1>', html, re.S)
    assert live == [("p", "<strong>Stand: Klaar</strong>")]


def test_a_book_still_being_written_polls_and_its_book_waits(
        web: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    address = ask(web)
    pretend(monkeypatch, status="running")
    html = web.get(address, headers=HTMX).text
    assert f'hx-get="{address}" hx-trigger="every 2s" hx-swap="outerHTML"' in html
    assert "Wordt geschreven" in html and "Open het boek" not in html
    # Without JavaScript nothing polls: a link asks for the page again.
    assert f'id="book-refresh" href="{address}">Vernieuwen</a>' in web.get(address).text


def test_unknown_books_are_not_found(web: TestClient) -> None:
    missing = "/methodiekboek/3f2b6a9e-0000-4000-8000-000000000000"
    assert web.get(missing).status_code == 404
    assert web.get(f"{missing}/boek").status_code == 404


def test_a_failed_book_says_why_in_the_pages_language(
        web: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    address = ask(web)
    pretend(monkeypatch, status="failed", error="Mislukt hier. / Failed here.")
    html = web.get(address).text
    assert "Mislukt hier." in html and "Failed here" not in html
    assert 'hx-trigger="every 2s"' not in html and "Opnieuw schrijven" in html


def test_the_audience_is_a_radio_group_research_first(web: TestClient) -> None:
    html = web.get("/methodiekboek").text
    group = re.search(r'<fieldset[^>]*id="f-audience".*?</fieldset>', html, re.S)
    assert group is not None
    assert "<legend" in group[0] and "Voor wie" in group[0]
    assert re.search(r'type="radio" id="f-audience-research" name="audience" '
                     r'value="research" checked', group[0])
    assert 'value="everyone">' in group[0] and "gepseudonimiseerde citaten" in group[0]
    address = ask(web, audience="")  # none chosen: the API's default
    assert "Onderzoek" in web.get(address).text


def test_a_bad_audience_is_shown_at_its_group(web: TestClient) -> None:
    response = web.post("/methodiekboek", data={**BOOK, "audience": "iedereen"})
    assert response.status_code == 422
    html = response.text
    assert 'id="f-audience-error"' in html and 'href="#f-audience"' in html
    assert re.search(r'<fieldset[^>]*id="f-audience" aria-describedby="f-audience-error"', html)
    assert 'aria-invalid="true"' in html


def test_a_viewer_opening_a_research_book_gets_the_forbidden_page(
        web: TestClient, web_as: WebFactory) -> None:
    address = ask(web, audience="research")
    viewer = web_as("viewer")
    assert f'href="{address}"' not in viewer.get("/methodiekboek").text
    for path in ("", "/boek", "/boek.pdf", "/getallen.json", "/getallen.csv"):
        response = viewer.get(address + path)
        assert response.status_code == 403, path
        assert "Geen toestemming" in response.text
    assert web_as("researcher").get(address).status_code == 200


VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
                  "source", "track", "wbr"})  # no end tag: not an element around a link


class _TargetedLinks(HTMLParser):
    """The links to a book, each with whether an element around it carries hx-target
    (a boosted link inherits it: the book's whole page would land in that element)."""

    def __init__(self) -> None:
        super().__init__()
        self.open: list[bool] = []
        self.links: dict[str, bool] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        names = dict(attrs)
        href = names.get("href") or ""
        if tag == "a" and re.fullmatch(r"/methodiekboek/[0-9a-f-]{36}", href):
            self.links[href] = any(self.open)
        if tag not in VOID:
            self.open.append("hx-target" in names)

    def handle_endtag(self, tag: str) -> None:
        if tag not in VOID and self.open:
            self.open.pop()


def targeted_links(html: str) -> dict[str, bool]:
    parser = _TargetedLinks()
    parser.feed(html)
    return parser.links


def test_the_books_links_open_the_whole_book_page_not_inside_the_list(
        web: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(method_books, "PAGE_SIZE", 1)
    first, second = ask(web), ask(web)
    html = web.get("/methodiekboek").text
    assert targeted_links(html) == {second: False}
    # The page links do swap only the books, and keep the address.
    pages = re.search(r'<div hx-target="#books" hx-push-url="true">\s*<nav[^>]*'
                      r'aria-label="Paginanummers"', html)
    assert pages is not None
    assert targeted_links(web.get("/methodiekboek?page=2", headers=HTMX).text) == {
        first: False}


def test_the_list_is_paged_and_bad_pages_are_the_first(
        web: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(method_books, "PAGE_SIZE", 1)
    first, second = ask(web), ask(web, stadsdeel="")
    html = web.get("/methodiekboek").text
    assert f'href="{second}"' in html and f'href="{first}"' not in html
    assert 'aria-label="Paginanummers"' in html and "pagina 1 van 2" in html
    assert 'href="/methodiekboek?page=2"' in html
    turned = web.get("/methodiekboek?page=2", headers=HTMX)
    assert turned.text.lstrip().startswith('<div id="books"')
    assert f'href="{first}"' in turned.text and "<h1" not in turned.text
    for bad in ("abc", "-1", "0", "²", "1.5", "99999999999999"):
        assert web.get(f"/methodiekboek?page={bad}").status_code == 200, bad
    assert "Deze pagina is leeg" in web.get("/methodiekboek?page=9").text


def test_a_book_whose_parameters_no_longer_hold_says_so_when_rewritten(
        web: TestClient, engine: Engine) -> None:
    """The API's 409 (a stadsdeel gone since): the book's page with the reason, no new book."""
    address = ask(web)
    with Session(engine) as session:
        book = session.get(MethodBook, uuid.UUID(address.rsplit("/", 1)[1]))
        assert book is not None
        book.parameters = {**book.parameters, "stadsdeel": "Z"}
        session.add(book)
        session.commit()
    refused = web.post(f"{address}/opnieuw", follow_redirects=False)
    assert refused.status_code == 409
    assert 'role="alert">De parameters van dit methodiekboek gelden niet meer' in refused.text
    assert "Opnieuw schrijven" in refused.text
    with Session(engine) as session:
        assert len(session.exec(select(MethodBook)).all()) == 1
