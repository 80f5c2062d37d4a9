"""Operations endpoints of the web service, and the request id it passes on to the API."""

from collections.abc import Iterator

import httpx2
import pytest
from fastapi import FastAPI
from sqlalchemy import Engine, text
from starlette.testclient import TestClient
from starlette.types import Receive, Scope, Send

from api.ops.health import migrations_head
from tests.web.conftest import CLOSED_PORT, signed_in
from web.main import create_app

REQUEST_ID = "X-Request-ID"


@pytest.fixture
def api_at_head(engine: Engine) -> Iterator[None]:
    """The API's test database stamped with the newest migration (built without Alembic)."""
    with engine.begin() as connection:
        connection.execute(text("CREATE TABLE alembic_version (version_num VARCHAR(32) "
                                "NOT NULL PRIMARY KEY)"))
        connection.execute(text("INSERT INTO alembic_version VALUES (:head)"),
                           {"head": migrations_head()})
    yield
    with engine.begin() as connection:
        connection.execute(text("DROP TABLE alembic_version"))


@pytest.fixture
def seen_by_the_api(api_app: FastAPI, admin_token: str
                    ) -> Iterator[tuple[TestClient, list[str | None]]]:
    """The web app as an administrator, with the request id of every API call written down."""
    ids: list[str | None] = []

    async def listening(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            headers = dict(scope["headers"])
            ids.append(headers[b"x-request-id"].decode() if b"x-request-id" in headers
                       else None)
        await api_app(scope, receive, send)

    app = create_app(transport=httpx2.ASGITransport(app=listening), api_url="http://api.test")
    with TestClient(app) as client:
        yield signed_in(client, admin_token), ids


def test_health_does_not_ask_the_api() -> None:
    with TestClient(create_app(api_url=CLOSED_PORT)) as client:
        response = client.get("/health")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


@pytest.mark.usefixtures("api_at_head")
def test_ready_when_the_api_is_ready(anonymous_web: TestClient) -> None:
    response = anonymous_web.get("/ready")
    assert response.status_code == 200, response.text
    assert response.json() == {"status": "ok", "checks": {"api": "ok"}}


def test_not_ready_while_the_api_is_not(anonymous_web: TestClient) -> None:
    response = anonymous_web.get("/ready")
    assert response.status_code == 503
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["checks"] == {"api": "not ready (503)"}


def test_not_ready_without_the_api() -> None:
    with TestClient(create_app(api_url=CLOSED_PORT)) as client:
        response = client.get("/ready")
    assert response.status_code == 503
    assert response.json()["checks"] == {"api": "unreachable"}


@pytest.mark.parametrize("path", ["/health", "/ready", "/metrics"])
def test_the_operations_endpoints_need_no_session(anonymous_web: TestClient,
                                                  path: str) -> None:
    response = anonymous_web.get(path, follow_redirects=False)
    assert response.status_code in (200, 503)
    assert "location" not in response.headers


def test_the_request_id_goes_with_every_api_call_of_a_page(
    seen_by_the_api: tuple[TestClient, list[str | None]],
) -> None:
    web, ids = seen_by_the_api
    response = web.get("/initiatives", headers={REQUEST_ID: "lb-7f3a.2"})
    assert response.status_code == 200
    assert response.headers[REQUEST_ID] == "lb-7f3a.2"
    assert ids
    assert set(ids) == {"lb-7f3a.2"}


def test_a_request_id_made_by_the_web_goes_to_the_api_too(
    seen_by_the_api: tuple[TestClient, list[str | None]],
) -> None:
    web, ids = seen_by_the_api
    made = web.get("/initiatives", headers={REQUEST_ID: "not valid!"}).headers[REQUEST_ID]
    assert len(made) == 32
    assert set(ids) == {made}


def test_metrics_count_pages_by_route_template(anonymous_web: TestClient) -> None:
    anonymous_web.get("/login")
    anonymous_web.get("/static/app.css")
    anonymous_web.get("/initiatives/3f2b6a9e-0000-4000-8000-000000000001",
                      follow_redirects=False)
    lines = anonymous_web.get("/metrics").text.splitlines()
    assert 'web_http_requests_total{method="GET",route="/login",status="200"} 1.0' in lines
    assert ('web_http_requests_total{method="GET",route="/static/{path}",status="200"} 1.0'
            in lines)
    assert ('web_http_requests_total{method="GET",route="/initiatives/{initiative_id}",'
            'status="303"} 1.0') in lines
