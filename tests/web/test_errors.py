"""Error pages: HTML, an alert for htmx requests; never JSON, never a stack trace."""

import httpx2
import pytest
from fastapi import FastAPI
from starlette.testclient import TestClient

from tests.web.conftest import BOOSTED, HTMX
from web.security import CONTENT_SECURITY_POLICY


def _is_page(response: httpx2.Response) -> bool:
    return response.text.startswith("<!doctype html>") and '<main id="main"' in response.text


def _is_alert(response: httpx2.Response) -> bool:
    return ("<html" not in response.text and 'role="alert"' in response.text
            and response.headers["hx-retarget"] == "#alerts"
            and response.headers["hx-reswap"] == "innerHTML")


@pytest.mark.parametrize("headers", [{}, HTMX, BOOSTED], ids=["plain", "htmx", "boosted"])
def test_an_unknown_page_is_a_404_in_html(web: TestClient, headers: dict[str, str]) -> None:
    response = web.get("/bestaat-niet", headers=headers)
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("text/html")
    assert "Pagina niet gevonden" in response.text
    assert _is_alert(response) if headers is HTMX else _is_page(response)
    assert "HX-Request" in response.headers["vary"]


@pytest.mark.parametrize("headers", [{}, HTMX, BOOSTED], ids=["plain", "htmx", "boosted"])
def test_an_unreachable_api_is_a_503_in_html(
    web_without_api: TestClient, headers: dict[str, str]
) -> None:
    response = web_without_api.get("/initiatives?q=tuin", headers=headers)
    assert response.status_code == 503
    assert response.headers["content-type"].startswith("text/html")
    assert response.headers["retry-after"] == "30"
    assert "Even niet bereikbaar" in response.text
    assert "Traceback" not in response.text and "127.0.0.1:9" not in response.text
    assert _is_alert(response) if headers is HTMX else _is_page(response)
    assert response.headers["content-security-policy"] == CONTENT_SECURITY_POLICY


def test_the_503_page_speaks_the_chosen_language(web_without_api: TestClient) -> None:
    web_without_api.cookies.set("lang", "en")
    response = web_without_api.get("/initiatives")
    assert response.status_code == 503
    assert '<html lang="en">' in response.text
    assert "Temporarily unavailable" in response.text


def test_an_alert_does_not_clear_itself_but_the_next_success_does(web: TestClient) -> None:
    failed = web.get("/bestaat-niet", headers=HTMX)
    assert "hx-swap-oob" not in failed.text
    succeeded = web.get("/initiatives", headers=HTMX)
    assert '<div id="alerts" hx-swap-oob="innerHTML"></div>' in succeeded.text


@pytest.mark.parametrize("headers", [{}, HTMX], ids=["plain", "htmx"])
def test_an_unexpected_error_is_a_500_page_without_a_trace(
    web_app: FastAPI, headers: dict[str, str]
) -> None:
    async def broken() -> None:
        raise RuntimeError("secret internals")

    web_app.add_api_route("/broken", broken)
    with TestClient(web_app, raise_server_exceptions=False) as web:
        response = web.get("/broken", headers=headers)
    assert response.status_code == 500
    assert response.headers["content-type"].startswith("text/html")
    assert "Er ging iets mis" in response.text
    assert "secret internals" not in response.text and "Traceback" not in response.text
    assert response.headers["content-security-policy"] == CONTENT_SECURITY_POLICY


def test_a_method_the_page_does_not_take_is_an_html_page(web: TestClient) -> None:
    response = web.delete("/initiatives")
    assert response.status_code == 405
    assert response.headers["content-type"].startswith("text/html")
    assert "application/json" not in response.headers["content-type"]
