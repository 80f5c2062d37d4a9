"""Changing one's own password through the real form: messages at the fields, 303 when done,
and the account's other sessions ended by the API."""

import re

import httpx2
import pytest
from sqlalchemy import Engine
from sqlmodel import Session
from starlette.testclient import TestClient

from tests.auth_builders import bearer, make_account, make_session_token
from tests.web.conftest import BOOSTED, HTMX, signed_in

HEADERS = [{}, HTMX, BOOSTED]
IDS = ["plain", "htmx", "boosted"]
PASSWORD = "een-lang-geheim-wachtwoord"
NEW_PASSWORD = "nog-een-veel-langer-wachtwoord"


@pytest.fixture
def tokens(engine: Engine) -> tuple[str, str]:
    """Two sessions of one account with a password: this browser's and another one's."""
    with Session(engine) as session:
        account = make_account(session, "researcher", username="bram", password=PASSWORD)
        return make_session_token(session, account), make_session_token(session, account)


@pytest.fixture
def bram(anonymous_web: TestClient, tokens: tuple[str, str]) -> TestClient:
    return signed_in(anonymous_web, tokens[0])


def _change(web: TestClient, current: str, new: str, repeat: str | None = None,
            headers: dict[str, str] | None = None) -> httpx2.Response:
    return web.post("/account/password",
                    data={"currentPassword": current, "newPassword": new,
                          "repeatPassword": new if repeat is None else repeat},
                    headers=headers or {}, follow_redirects=False)


def _field(html: str, name: str) -> str:
    found = re.search(rf'<input[^>]*id="f-{name}"[^>]*>', html)
    assert found is not None, name
    return found.group(0)


@pytest.mark.parametrize("headers", HEADERS, ids=IDS)
def test_the_form_asks_current_new_and_repeated(bram: TestClient,
                                                headers: dict[str, str]) -> None:
    response = bram.get("/account/password", headers=headers)
    assert response.status_code == 200
    html = response.text
    assert html.lstrip().startswith('<form id="password-form"') == (headers is HTMX)
    assert 'autocomplete="current-password"' in _field(html, "currentPassword")
    assert 'autocomplete="new-password"' in _field(html, "newPassword")
    assert 'aria-describedby="f-newPassword-hint"' in _field(html, "newPassword")
    assert 'autocomplete="new-password"' in _field(html, "repeatPassword")


@pytest.mark.parametrize("headers", HEADERS, ids=IDS)
def test_a_wrong_current_password_is_named_at_its_field(
    bram: TestClient, headers: dict[str, str]
) -> None:
    response = _change(bram, "niet-het-huidige-wachtwoord", NEW_PASSWORD, headers=headers)
    assert response.status_code == 422
    html = response.text
    assert 'aria-invalid="true"' in _field(html, "currentPassword")
    assert 'href="#f-currentPassword"' in html
    assert "Het huidige wachtwoord klopt niet." in html
    assert 'value=""' in _field(html, "currentPassword")  # typed passwords never come back


def test_a_short_new_password_is_named_at_its_field(bram: TestClient) -> None:
    response = _change(bram, PASSWORD, "kort-ww")
    assert response.status_code == 422
    html = response.text
    assert 'aria-invalid="true"' in _field(html, "newPassword")
    assert 'href="#f-newPassword"' in html
    assert 'aria-describedby="f-newPassword-hint f-newPassword-error"' in html


def test_a_different_repetition_is_named_and_nothing_is_sent(bram: TestClient) -> None:
    response = _change(bram, PASSWORD, NEW_PASSWORD, repeat=NEW_PASSWORD + "!")
    assert response.status_code == 422
    html = response.text
    assert 'aria-invalid="true"' in _field(html, "repeatPassword")
    assert "Dit is niet hetzelfde als het nieuwe wachtwoord." in html
    english = bram.post("/account/password?lang=en",
                        data={"currentPassword": "", "newPassword": "", "repeatPassword": ""})
    assert "Enter your current password." in english.text


@pytest.mark.parametrize("headers", HEADERS, ids=IDS)
def test_a_changed_password_is_a_303_and_ends_the_other_sessions(
    bram: TestClient, anonymous: TestClient, tokens: tuple[str, str],
    headers: dict[str, str]
) -> None:
    mine, elsewhere = tokens
    response = _change(bram, PASSWORD, NEW_PASSWORD, headers=headers)
    assert response.status_code == 303
    assert response.headers["location"] == "/account/password?saved=1"
    assert "Uw wachtwoord is gewijzigd" in bram.get("/account/password?saved=1").text
    assert anonymous.get("/v1/accounts/me", headers=bearer(mine)).status_code == 200
    assert anonymous.get("/v1/accounts/me", headers=bearer(elsewhere)).status_code == 401
    bram.cookies.clear()  # signed out here: the new password signs in
    login = bram.post("/login", data={"username": "bram", "password": NEW_PASSWORD},
                               follow_redirects=False)
    assert login.status_code == 303
