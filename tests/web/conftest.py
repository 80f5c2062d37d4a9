"""The web app against the real API app, in-process over an ASGI transport: no mocks."""

from collections.abc import Iterator

import httpx2
import pytest
from fastapi import FastAPI
from starlette.testclient import TestClient

from web.main import create_app

HTMX = {"HX-Request": "true"}
BOOSTED = {"HX-Request": "true", "HX-Boosted": "true"}
# Where nothing listens: the API is down.
CLOSED_PORT = "http://127.0.0.1:9"


@pytest.fixture
def web_app(api_app: FastAPI) -> FastAPI:
    return create_app(transport=httpx2.ASGITransport(app=api_app), api_url="http://api.test")


@pytest.fixture
def web(web_app: FastAPI) -> Iterator[TestClient]:
    with TestClient(web_app) as client:
        yield client


@pytest.fixture
def web_without_api() -> Iterator[TestClient]:
    with TestClient(create_app(api_url=CLOSED_PORT)) as client:
        yield client
