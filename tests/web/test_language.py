"""Dutch first; English through the language switch (a cookie) or `?lang=en`."""

import pytest
from sqlmodel import Session
from starlette.testclient import TestClient

from tests.api.builders import make_initiative
from tests.web.conftest import BOOSTED, HTMX


def test_dutch_is_the_default(web: TestClient) -> None:
    response = web.get("/initiatives")
    assert '<html lang="nl">' in response.text
    assert "Direct naar de inhoud" in response.text
    assert '<button class="ams-button ams-button--tertiary" type="submit" name="lang" ' \
           'value="en" lang="en">English</button>' in response.text


@pytest.mark.parametrize("headers", [{}, HTMX, BOOSTED], ids=["plain", "htmx", "boosted"])
def test_the_switch_sets_a_cookie_and_goes_back_to_the_same_page(
    web: TestClient, headers: dict[str, str]
) -> None:
    response = web.post("/language", data={"lang": "en", "next": "/initiatives?q=tuin&lang=nl"},
                        headers=headers, follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == "/initiatives?q=tuin"
    cookie = response.headers["set-cookie"]
    assert cookie.startswith("lang=en;")
    assert "samesite=lax" in cookie.lower() and "httponly" in cookie.lower()


def test_after_the_switch_the_pages_are_english(web: TestClient, session: Session) -> None:
    make_initiative(session, status="idee")
    response = web.post("/language", data={"lang": "en", "next": "/initiatives"})
    assert response.status_code == 200
    assert '<html lang="en">' in response.text
    assert "Skip to content" in response.text and "Initiatives" in response.text
    assert "Idea" in response.text
    assert 'value="nl" lang="nl">Nederlands</button>' in response.text
    back = web.post("/language", data={"lang": "nl", "next": "/initiatives"})
    assert '<html lang="nl">' in back.text


def test_the_switch_returns_to_the_page_in_the_referer(web: TestClient) -> None:
    response = web.post("/language", data={"lang": "en", "next": "/initiatives"},
                        headers={"Referer": "http://testserver/initiatives?status=idee&page=2"},
                        follow_redirects=False)
    assert response.headers["location"] == "/initiatives?status=idee&page=2"


@pytest.mark.parametrize("target", ["//evil.example/x", "https://evil.example/", "javascript:x",
                                    "/\\evil.example"])
def test_the_switch_never_sends_anyone_elsewhere(web: TestClient, target: str) -> None:
    response = web.post("/language", data={"lang": "en", "next": target},
                        headers={"Referer": "https://evil.example/page"},
                        follow_redirects=False)
    assert response.headers["location"] == "/"


def test_an_unknown_language_is_dutch(web: TestClient) -> None:
    response = web.post("/language", data={"lang": "xx"}, follow_redirects=False)
    assert response.headers["set-cookie"].startswith("lang=nl;")
    assert '<html lang="nl">' in web.get("/initiatives?lang=xx").text


def test_lang_in_the_address_works_and_sticks(web: TestClient) -> None:
    response = web.get("/initiatives?lang=en")
    assert '<html lang="en">' in response.text
    assert response.headers["set-cookie"].startswith("lang=en;")
    assert '<html lang="en">' in web.get("/initiatives").text
