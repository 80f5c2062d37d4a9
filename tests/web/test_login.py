"""Signing in and out through the real forms, against the real API: a new session cookie at
every login, no open redirects, one answer for every wrong login, the API's throttle shown
as a wait, and a logout that ends the session at the API itself."""

import re

import httpx2
import pytest
from fastapi import FastAPI
from sqlalchemy import Engine
from sqlmodel import Session
from starlette.testclient import TestClient

from tests.auth_builders import bearer, make_account
from tests.web.conftest import BOOSTED, HTMX, new_web_app, session_for, signed_in
from web.sessions import COOKIE

HEADERS = [{}, HTMX, BOOSTED]
IDS = ["plain", "htmx", "boosted"]
PASSWORD = "een-lang-geheim-wachtwoord"
SESSION_SECONDS = 8 * 3600  # the API's default session length


@pytest.fixture
def anna(engine: Engine) -> str:
    """An editor of Nieuw-West with a password (hashed with Argon2: only in these tests)."""
    with Session(engine) as session:
        make_account(session, "editor", stadsdelen=("F",), username="anna", password=PASSWORD)
    return "anna"


def _log_in(web: TestClient, username: str, password: str, next_path: str = "/",
            headers: dict[str, str] | None = None) -> httpx2.Response:
    return web.post("/login", data={"username": username, "password": password,
                                    "next": next_path},
                    headers=headers or {}, follow_redirects=False)


def _session_cookie(response: httpx2.Response) -> str:
    found = [value for value in response.headers.get_list("set-cookie")
             if value.startswith(f"{COOKIE}=")]
    assert len(found) == 1, response.headers.get_list("set-cookie")
    return found[0]


def _alert(html: str) -> str:
    """The refusal at the top of the login form, up to the fields."""
    return html[html.index('<div class="ams-alert'):html.index('<input type="hidden"')]


@pytest.mark.parametrize("headers", HEADERS, ids=IDS)
def test_the_login_form_names_its_fields_for_the_browser(
    anonymous_web: TestClient, headers: dict[str, str]
) -> None:
    response = anonymous_web.get("/login?next=/initiatives", headers=headers)
    assert response.status_code == 200
    html = response.text
    assert html.lstrip().startswith('<form id="login-form"') == (headers is HTMX)
    assert 'method="post" action="/login"' in html
    assert re.search(r'<label class="ams-label" for="f-username">Gebruikersnaam', html)
    assert 'id="f-username" name="username" value="" autocomplete="username"' in html
    assert 'type="password" id="f-password" name="password" value="" ' \
           'autocomplete="current-password"' in html
    assert '<input type="hidden" name="next" value="/initiatives">' in html
    assert response.headers["cache-control"] == "no-store"


@pytest.mark.parametrize("headers", HEADERS, ids=IDS)
def test_a_login_sets_a_new_session_cookie_and_goes_to_next(
    anonymous_web: TestClient, anna: str, headers: dict[str, str]
) -> None:
    response = _log_in(anonymous_web, anna, PASSWORD, "/initiatives?q=tuin", headers)
    assert response.status_code == 303
    assert response.headers["location"] == "/initiatives?q=tuin"
    cookie = _session_cookie(response)
    for attribute in ("HttpOnly", "Path=/", "SameSite=lax"):
        assert attribute in cookie
    assert "Secure" not in cookie  # plain HTTP here; see the next test
    max_age = int(re.search(r"Max-Age=(\d+)", cookie).group(1))  # type: ignore[union-attr]
    assert SESSION_SECONDS - 60 < max_age <= SESSION_SECONDS
    page = anonymous_web.get("/initiatives?q=tuin")
    assert page.status_code == 200
    assert "Test editor" in page.text  # the header names who is signed in


def test_over_https_the_cookie_is_secure(api_app: FastAPI, anna: str) -> None:
    with TestClient(new_web_app(api_app), base_url="https://testserver") as web:
        response = _log_in(web, anna, PASSWORD)
    assert response.status_code == 303
    assert "Secure" in _session_cookie(response)


@pytest.mark.parametrize("next_path", [
    "https://evil.example/", "//evil.example/", "/\\evil.example", "/\t/evil.example",
    "\\\\evil.example", "javascript:alert(1)", "evil.example", "http:/evil.example",
])
def test_a_next_that_leaves_the_service_is_ignored(
    anonymous_web: TestClient, anna: str, next_path: str
) -> None:
    response = _log_in(anonymous_web, anna, PASSWORD, next_path)
    assert response.status_code == 303
    assert response.headers["location"] == "/"
    form = anonymous_web.get("/login", params={"next": next_path})
    assert '<input type="hidden" name="next" value="/">' in form.text


@pytest.mark.parametrize("headers", HEADERS, ids=IDS)
def test_a_wrong_password_and_an_unknown_name_get_the_same_401(
    anonymous_web: TestClient, anna: str, headers: dict[str, str]
) -> None:
    wrong_password = _log_in(anonymous_web, anna, "niet-het-goede-wachtwoord", headers=headers)
    unknown_name = _log_in(anonymous_web, "niemand", PASSWORD, headers=headers)
    for response in (wrong_password, unknown_name):
        assert response.status_code == 401
        assert "set-cookie" not in response.headers
        assert "De gebruikersnaam of het wachtwoord klopt niet." in response.text
    assert _alert(wrong_password.text) == _alert(unknown_name.text)
    assert 'value="niemand"' in unknown_name.text  # the name typed stays, the password not


def test_empty_fields_are_named_at_the_fields(anonymous_web: TestClient) -> None:
    response = anonymous_web.post("/login", data={"username": "", "password": ""})
    assert response.status_code == 422
    for field in ("username", "password"):
        assert f'href="#f-{field}"' in response.text
        assert f'id="f-{field}-error"' in response.text


@pytest.mark.parametrize(("lang", "words"), [("nl", "Probeer het over 5 minuten opnieuw."),
                                             ("en", "Try again in 5 minutes.")])
def test_too_many_failures_say_how_long_to_wait(
    anonymous_web: TestClient, anna: str, lang: str, words: str
) -> None:
    for _ in range(5):  # the API's limit per account
        assert _log_in(anonymous_web, anna, "fout-fout-fout").status_code == 401
    response = anonymous_web.post(f"/login?lang={lang}",
                                  data={"username": anna, "password": PASSWORD})
    assert response.status_code == 429
    assert words in response.text
    assert 0 < int(response.headers["retry-after"]) <= 300
    assert COOKIE not in anonymous_web.cookies


def test_the_cookie_sent_before_login_is_never_the_one_after(
    anonymous_web: TestClient, anonymous: TestClient, engine: Engine, anna: str
) -> None:
    planted = session_for(engine, "viewer")  # someone else's live session, planted
    signed_in(anonymous_web, planted)
    response = _log_in(anonymous_web, anna, PASSWORD)
    assert response.status_code == 303
    assert anonymous_web.cookies.get(COOKIE) not in (None, planted)
    assert planted not in _session_cookie(response)
    assert anonymous.get("/v1/accounts/me", headers=bearer(planted)).status_code == 401


@pytest.mark.parametrize("headers", HEADERS, ids=IDS)
def test_logout_ends_the_session_at_the_api_and_clears_the_cookie(
    web: TestClient, anonymous: TestClient, admin_token: str, headers: dict[str, str]
) -> None:
    assert anonymous.get("/v1/accounts/me", headers=bearer(admin_token)).status_code == 200
    response = web.post("/logout", headers=headers, follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == "/login"
    cleared = _session_cookie(response)
    assert cleared.startswith(f'{COOKIE}="";') and "Max-Age=0" in cleared
    assert COOKIE not in web.cookies
    assert anonymous.get("/v1/accounts/me", headers=bearer(admin_token)).status_code == 401
    signed_in(web, admin_token)  # the old cookie, kept by someone: it opens nothing
    again = web.get("/initiatives", follow_redirects=False)
    assert again.status_code == 303
    assert again.headers["location"].startswith("/login")


def test_logout_without_a_session_just_goes_to_the_login_page(
    anonymous_web: TestClient,
) -> None:
    response = anonymous_web.post("/logout", follow_redirects=False)
    assert (response.status_code, response.headers["location"]) == (303, "/login")


def test_the_header_names_the_person_and_offers_password_and_logout(web: TestClient) -> None:
    html = web.get("/initiatives").text
    header = html[html.index("<header"):html.index("</header>")]
    assert "Aangemeld als </span>Test admin" in header
    assert 'href="/account/password"' in header
    assert '<form class="bk-account__logout" method="post" action="/logout"' in header
    assert '<button class="ams-button ams-button--tertiary" type="submit">Afmelden' in header


def test_the_login_page_has_no_personal_header(anonymous_web: TestClient) -> None:
    html = anonymous_web.get("/login").text
    assert 'action="/logout"' not in html and "Aangemeld als" not in html


def test_no_answer_ever_carries_a_password(
    anonymous_web: TestClient, anna: str
) -> None:
    wrong = "een-ander-fout-wachtwoord"
    responses = [
        _log_in(anonymous_web, anna, wrong),
        _log_in(anonymous_web, anna, wrong, headers=HTMX),
        _log_in(anonymous_web, anna, PASSWORD),
        anonymous_web.get("/account/password"),
        anonymous_web.post("/account/password",
                           data={"currentPassword": wrong, "newPassword": "kort-ww",
                                 "repeatPassword": "kort-ww"}),
        anonymous_web.post("/account/password",
                           data={"currentPassword": wrong, "newPassword": PASSWORD + "-2",
                                 "repeatPassword": PASSWORD + "-2"}),
    ]
    for response in responses:
        assert response.status_code in (200, 303, 401, 422)
        for secret in (PASSWORD, wrong, "kort-ww"):
            assert secret not in response.text
            assert all(secret not in value for value in response.headers.values())
