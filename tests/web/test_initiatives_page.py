"""The first web page: initiatives fetched from the real API over HTTP (ASGI transport)."""

from collections.abc import Iterator

import httpx2
import pytest
from fastapi import FastAPI
from sqlmodel import Session
from starlette.testclient import TestClient

from tests.api.builders import make_initiative
from web.main import create_app


@pytest.fixture
def web(api_app: FastAPI) -> Iterator[TestClient]:
    transport = httpx2.ASGITransport(app=api_app)
    with TestClient(create_app(transport=transport, api_url="http://api.test")) as client:
        yield client


def test_the_home_page_lists_initiatives_from_the_api(web: TestClient, session: Session) -> None:
    make_initiative(session, title="Taalcafé <De Banne>")
    response = web.get("/")
    assert response.status_code == 200
    assert "text/html" in response.headers["content-type"]
    assert "Taalcafé &lt;De Banne&gt;" in response.text
    assert "1 initiatieven geregistreerd" in response.text
    assert "Bron: Gemeente Amsterdam" in response.text
    assert '<html lang="nl">' in response.text


def test_an_unreachable_api_gives_an_html_503_page() -> None:
    with TestClient(create_app(api_url="http://127.0.0.1:9")) as client:
        response = client.get("/")
    assert response.status_code == 503
    assert "text/html" in response.headers["content-type"]
    assert "Even niet bereikbaar" in response.text
