"""CSRF: unsafe methods from another site are refused; security headers on every answer."""

import httpx2
import pytest
from fastapi import FastAPI
from sqlmodel import Session, func, select
from starlette.testclient import TestClient

from api.audit.models import AuditEvent
from tests.web.conftest import BOOSTED, HTMX
from tests.web.test_sessions import routes
from web.main import create_app
from web.security import CONTENT_SECURITY_POLICY

OWN = "http://testserver"


def _switch(web: TestClient, headers: dict[str, str]) -> httpx2.Response:
    return web.post("/language", data={"lang": "en", "next": "/initiatives"}, headers=headers,
                    follow_redirects=False)


@pytest.mark.parametrize("headers", [
    {"Sec-Fetch-Site": "cross-site"},
    {"Sec-Fetch-Site": "same-site"},
    {"Sec-Fetch-Site": "cross-site", "Origin": "https://evil.example"},
    {"Origin": "https://evil.example"},
    {"Origin": "null"},
    {"Origin": "https://testserver"},  # another scheme is another origin
    {"Sec-Fetch-Site": "same-origin", "Origin": "https://evil.example"},
], ids=["cross-site", "same-site", "both", "origin", "null-origin", "scheme", "mixed"])
def test_a_cross_site_post_is_refused_with_an_html_403(
    web: TestClient, headers: dict[str, str]
) -> None:
    response = _switch(web, headers)
    assert response.status_code == 403
    assert response.headers["content-type"].startswith("text/html")
    assert "Verzoek geweigerd" in response.text
    assert "set-cookie" not in response.headers  # the switch did not run
    assert response.headers["content-security-policy"] == CONTENT_SECURITY_POLICY


def test_a_cross_site_htmx_post_gets_an_alert(web: TestClient) -> None:
    response = _switch(web, {**HTMX, "Sec-Fetch-Site": "cross-site"})
    assert response.status_code == 403
    assert response.headers["hx-retarget"] == "#alerts"
    assert "<html" not in response.text and 'role="alert"' in response.text


@pytest.mark.parametrize("headers", [
    {},  # curl, tests: nothing to steal
    {"Sec-Fetch-Site": "same-origin", "Origin": OWN},
    {"Sec-Fetch-Site": "none"},  # typed or bookmarked by the person
    {"Origin": OWN},
    {**BOOSTED, "Sec-Fetch-Site": "same-origin", "Origin": OWN},
], ids=["no-headers", "same-origin", "user-initiated", "own-origin", "boosted"])
def test_a_post_from_the_service_itself_goes_through(
    web: TestClient, headers: dict[str, str]
) -> None:
    response = _switch(web, headers)
    assert response.status_code == 303


def test_reading_is_allowed_from_anywhere(web: TestClient) -> None:
    response = web.get("/initiatives", headers={"Sec-Fetch-Site": "cross-site",
                                                "Origin": "https://evil.example"})
    assert response.status_code == 200


def test_a_trusted_origin_may_post(api_app: FastAPI, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WEB_TRUSTED_ORIGINS", '["https://buurtkracht.example"]')
    from web.config import get_settings

    get_settings.cache_clear()
    try:
        app = create_app(transport=httpx2.ASGITransport(app=api_app), api_url="http://api.test")
    finally:
        get_settings.cache_clear()
    with TestClient(app) as web:
        response = _switch(web, {"Origin": "https://buurtkracht.example",
                                 "Sec-Fetch-Site": "cross-site"})
    assert response.status_code == 303


@pytest.mark.parametrize("path", ["/initiatives", "/bestaat-niet", "/health",
                                  "/static/app.css", "/static/vendor/htmx/htmx.min.js"])
def test_every_answer_carries_the_security_headers(web: TestClient, path: str) -> None:
    response = web.get(path)
    assert response.headers["content-security-policy"] == CONTENT_SECURITY_POLICY
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["referrer-policy"] == "same-origin"


def test_the_policy_allows_only_the_service_itself() -> None:
    for directive in ("default-src 'self'", "script-src 'self'", "style-src 'self'",
                      "img-src 'self' data:", "frame-ancestors 'none'", "base-uri 'self'",
                      "form-action 'self'"):
        assert directive in CONTENT_SECURITY_POLICY
    assert "unsafe" not in CONTENT_SECURITY_POLICY



@pytest.mark.parametrize("path", routes("POST"))  # the app's own list: none is forgotten
def test_every_form_refuses_a_cross_site_post_and_changes_nothing(
    web: TestClient, session: Session, path: str,
) -> None:
    """Signed in as an administrator, who may send every form: the refusal is the check's,
    not a missing right, and nothing reaches the API's audit trail."""
    written = select(func.count()).select_from(AuditEvent)
    before = session.exec(written).one()
    response = web.post(path, data={"title": "Van een andere site", "lang": "en"},
                        headers={"Origin": "https://evil.example",
                                 "Sec-Fetch-Site": "cross-site"}, follow_redirects=False)
    assert response.status_code == 403, path
    assert "Verzoek geweigerd" in response.text
    assert "set-cookie" not in response.headers
    assert session.exec(written).one() == before
