"""Every page needs a session: without one, or with one the API no longer accepts, the way
leads to the login page (HX-Redirect for htmx); every form refuses another site's post.
The routes are read from the app itself, so that a new page or form cannot be forgotten."""

import re
from datetime import timedelta

import pytest
from fastapi.routing import iter_route_contexts
from sqlalchemy import Engine
from sqlmodel import Session, col, update
from starlette.testclient import TestClient

from api.auth.models import Credential
from api.auth.secrets import token_hash
from api.db import utc_now
from tests.auth_builders import make_account, make_session_token
from tests.web.conftest import BOOSTED, HTMX, signed_in
from web.main import create_app
from web.sessions import COOKIE

# Routes anyone may use; every other one needs a session.
PUBLIC = {("GET", "/login"), ("POST", "/login"), ("POST", "/logout"), ("POST", "/language"),
          ("GET", "/health"), ("GET", "/ready"), ("GET", "/metrics"),
          ("GET", "/login/sso"), ("GET", "/login/sso/callback")}
SOME_ID = "3f2b6a9e-0000-4000-8000-000000000001"
CROSS_SITE = {"Sec-Fetch-Site": "cross-site", "Origin": "https://evil.example"}


def routes(method: str) -> list[str]:
    """The app's routes for `method`, with an id wherever the path takes one."""
    app = create_app(api_url="http://api.test")
    return sorted(re.sub(r"\{[^}]+\}", SOME_ID, route.path)
                  for route in iter_route_contexts(app.routes)
                  if route.path and method in (route.methods or ()))


def _private(method: str) -> list[str]:
    return [path for path in routes(method) if (method, path) not in PUBLIC]


def test_the_route_lists_hold_the_pages_and_forms() -> None:
    assert {"/", "/initiatives", f"/initiatives/{SOME_ID}/edit", "/account/password",
            "/professionals/new"} <= set(_private("GET"))
    assert {"/initiatives/new", f"/professionals/{SOME_ID}/delete", "/login", "/logout",
            "/language", "/account/password"} <= set(routes("POST"))


@pytest.mark.parametrize("path", _private("GET"))
def test_a_page_without_a_session_leads_to_the_login_page(
    anonymous_web: TestClient, path: str
) -> None:
    response = anonymous_web.get(path, follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == "/login?next=" + path.replace("/", "%2F")


@pytest.mark.parametrize("path", _private("POST"))
def test_a_form_without_a_session_leads_to_the_login_page(
    anonymous_web: TestClient, path: str
) -> None:
    response = anonymous_web.post(path, data={"version": "1"}, follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"].startswith("/login?next=")


@pytest.mark.parametrize("headers", [HTMX, BOOSTED], ids=["htmx", "boosted"])
def test_htmx_is_told_to_go_to_the_login_page(
    anonymous_web: TestClient, headers: dict[str, str]
) -> None:
    response = anonymous_web.get(
        "/initiatives?q=tuin",
        headers={**headers, "HX-Current-URL": "http://testserver/initiatives?q=tu"},
        follow_redirects=False)
    assert response.status_code == 401
    assert response.headers["hx-redirect"] == "/login?next=%2Finitiatives%3Fq%3Dtu"
    assert "location" not in response.headers  # htmx would follow it inside the request


@pytest.mark.parametrize("path", sorted({"/login", "/health", "/static/app.css"}))
def test_the_login_page_and_the_files_need_no_session(
    anonymous_web: TestClient, path: str
) -> None:
    assert anonymous_web.get(path, follow_redirects=False).status_code == 200


def test_the_language_switch_needs_no_session(anonymous_web: TestClient) -> None:
    response = anonymous_web.post("/language", data={"lang": "en", "next": "/login"},
                                  follow_redirects=False)
    assert (response.status_code, response.headers["location"]) == (303, "/login")


@pytest.mark.parametrize("state", ["expired", "revoked", "unknown"])
def test_a_session_the_api_refuses_leads_to_the_login_page_and_is_forgotten(
    anonymous_web: TestClient, engine: Engine, state: str
) -> None:
    with Session(engine) as session:
        account = make_account(session, "viewer")
        token = make_session_token(session, account, revoked=state == "revoked",
                                   expires_at=utc_now() - timedelta(minutes=1)
                                   if state == "expired" else None)
    signed_in(anonymous_web, "bk_unknown" if state == "unknown" else token)
    response = anonymous_web.get("/initiatives", follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == "/login?next=%2Finitiatives"
    assert any(value.startswith(f'{COOKIE}="";') and "Max-Age=0" in value
               for value in response.headers.get_list("set-cookie"))


def test_a_session_revoked_meanwhile_is_refused_at_the_next_call(
    web: TestClient, engine: Engine, admin_token: str
) -> None:
    assert web.get("/initiatives").status_code == 200  # who this is, now kept a minute
    with Session(engine) as session:
        session.exec(update(Credential).where(col(Credential.token_hash) == token_hash(admin_token))
                     .values(revoked_at=utc_now()))
        session.commit()
    response = web.get("/initiatives?page=2", follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"].startswith("/login?next=")


@pytest.mark.parametrize("path", routes("POST"))
def test_every_form_refuses_a_post_from_another_site(web: TestClient, path: str) -> None:
    response = web.post(path, data={"username": "x", "password": "y", "version": "1"},
                        headers=CROSS_SITE, follow_redirects=False)
    assert response.status_code == 403
    assert "Verzoek geweigerd" in response.text
    assert "set-cookie" not in response.headers


def test_a_cross_site_login_sets_no_cookie_even_with_the_right_password(
    anonymous_web: TestClient,
) -> None:
    response = anonymous_web.post("/login", data={"username": "x", "password": "y"},
                                  headers={"Sec-Fetch-Site": "cross-site"})
    assert response.status_code == 403
    assert COOKIE not in anonymous_web.cookies


def test_without_the_api_a_signed_in_person_gets_the_503_page(
    web_without_api: TestClient,
) -> None:
    assert web_without_api.get("/initiatives").status_code == 503
    assert web_without_api.post("/logout", follow_redirects=False).status_code == 503


def test_without_the_api_the_login_page_still_shows_and_a_login_is_a_503(
    web_without_api: TestClient,
) -> None:
    web_without_api.cookies.clear()
    page = web_without_api.get("/initiatives", follow_redirects=False)
    assert page.headers["location"] == "/login?next=%2Finitiatives"
    assert web_without_api.get("/login").status_code == 200
    login = web_without_api.post("/login", data={"username": "x", "password": "y"})
    assert login.status_code == 503
    assert "Even niet bereikbaar" in login.text


def test_pages_are_never_kept_by_the_browser(web: TestClient) -> None:
    assert web.get("/initiatives").headers["cache-control"] == "no-store"
