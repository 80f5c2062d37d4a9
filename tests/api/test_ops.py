"""Operations endpoints of the API: /health, /ready, /metrics, request ids and log lines."""

import io
import json
import logging
import time
from collections.abc import AsyncIterator, Iterator
from functools import partial
from pathlib import Path

import anyio
import pytest
from fastapi import FastAPI
from sqlalchemy import Engine, create_engine, text
from sqlmodel import Session
from starlette.applications import Starlette
from starlette.responses import PlainTextResponse
from starlette.routing import Route
from starlette.testclient import TestClient

from api.db import get_session
from api.limits import ServiceLimits
from api.main import create_app
from api.ops import health, ops_settings
from api.ops.logs import ACCESS_LOGGER, JsonFormatter, RequestIdFilter
from api.ops.metrics import PoolCollector
from api.ops.middleware import OutsideLimits

REQUEST_ID = "X-Request-ID"


@pytest.fixture
def at_head(engine: Engine) -> Iterator[None]:
    """The test database stamped with the newest migration (the tests build it from the
    models, without Alembic)."""
    with engine.begin() as connection:
        connection.execute(text("CREATE TABLE alembic_version (version_num VARCHAR(32) "
                                "NOT NULL PRIMARY KEY)"))
        connection.execute(text("INSERT INTO alembic_version VALUES (:head)"),
                           {"head": health.migrations_head()})
    yield
    with engine.begin() as connection:
        connection.execute(text("DROP TABLE alembic_version"))


def test_health_answers_without_the_database(anonymous: TestClient) -> None:
    response = anonymous.get("/health")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert response.headers["cache-control"] == "no-store"


@pytest.mark.usefixtures("at_head")
def test_ready_when_the_database_answers_at_the_newest_migration(anonymous: TestClient) -> None:
    response = anonymous.get("/ready")
    assert response.status_code == 200, response.text
    assert response.json() == {"status": "ok",
                               "checks": {"database": "ok", "migrations": "ok"}}


def test_not_ready_while_migrations_are_behind(anonymous: TestClient) -> None:
    response = anonymous.get("/ready")
    assert response.status_code == 503
    assert response.headers["content-type"] == "application/problem+json"
    problem = response.json()
    assert problem["type"].endswith("/not-ready")
    assert problem["checks"]["database"] == "ok"
    assert problem["checks"]["migrations"] == f"behind: at none, head {health.migrations_head()}"


def test_a_database_migrated_by_the_next_release_keeps_this_one_ready() -> None:
    ours = health.migrations()
    assert ours.head is not None
    older = sorted(ours.known - {ours.head})[0]
    assert health.migration_state((ours.head,), ours) == "ok"
    assert health.migration_state(("0099_next_release",), ours) == "ahead"
    assert health.migration_state((older,), ours) == f"behind: at {older}, head {ours.head}"
    assert health.migration_state((), ours).startswith("behind: at none")


def test_not_ready_when_the_database_cannot_be_reached(api_app: FastAPI,
                                                        tmp_path: Path) -> None:
    gone = create_engine(f"sqlite:///{tmp_path}/no/such/folder/x.db")

    async def unreachable() -> AsyncIterator[Session]:
        with Session(gone) as session:
            yield session

    api_app.dependency_overrides[get_session] = unreachable
    with TestClient(api_app) as client:
        response = client.get("/ready")
    assert response.status_code == 503
    assert response.json()["checks"] == {"database": "unreachable", "migrations": "unknown"}


def test_not_ready_when_the_database_answers_too_late(
    anonymous: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    def hanging(*_: object) -> dict[str, str]:
        time.sleep(3)
        return {}

    monkeypatch.setattr(health, "READY_SECONDS", 0.2)
    monkeypatch.setattr(health, "check_database", hanging)
    started = time.monotonic()
    response = anonymous.get("/ready")
    assert time.monotonic() - started < 2.5
    assert response.status_code == 503
    assert response.json()["checks"]["database"] == "timeout"


def test_the_operations_endpoints_are_not_in_the_openapi_document(
    anonymous: TestClient,
) -> None:
    paths = anonymous.get("/v1/openapi.json").json()["paths"]
    assert not {"/health", "/ready", "/metrics"} & set(paths)


@pytest.mark.parametrize("given", ["web-1234.abc_DEF", "a" * 64])
def test_a_valid_request_id_is_kept(anonymous: TestClient, given: str) -> None:
    assert anonymous.get("/health", headers={REQUEST_ID: given}).headers[REQUEST_ID] == given


@pytest.mark.parametrize("given", ["a" * 65, "two words", "a/b", "x;drop", ""])
def test_an_invalid_request_id_is_replaced(anonymous: TestClient, given: str) -> None:
    made = anonymous.get("/health", headers={REQUEST_ID: given}).headers[REQUEST_ID]
    assert made != given
    assert len(made) == 32
    int(made, 16)


def test_each_request_gets_an_id_of_its_own(anonymous: TestClient) -> None:
    ids = {anonymous.get("/v1").headers[REQUEST_ID] for _ in range(3)}
    assert len(ids) == 3


@pytest.fixture
def json_lines() -> Iterator[io.StringIO]:
    """What the access logger writes, formatted as in the container."""
    written = io.StringIO()
    handler = logging.StreamHandler(written)
    handler.addFilter(RequestIdFilter("api"))
    handler.setFormatter(JsonFormatter())
    logger = logging.getLogger(ACCESS_LOGGER)
    logger.addHandler(handler)
    level = logger.level
    logger.setLevel(logging.INFO)
    yield written
    logger.removeHandler(handler)
    logger.setLevel(level)


def test_every_request_leaves_one_json_access_line(anonymous: TestClient,
                                                   json_lines: io.StringIO) -> None:
    anonymous.get("/v1/initiatives/3f2b6a9e-0000-4000-8000-000000000001?q=Jansen",
                  headers={REQUEST_ID: "from-the-web"})
    (line,) = [json.loads(line) for line in json_lines.getvalue().splitlines()]
    assert line["request_id"] == "from-the-web"
    assert line["service"] == "api"
    assert line["level"] == "info"
    assert line["method"] == "GET"
    assert line["path"] == "/v1/initiatives/{initiativeId}"  # no id, no query
    assert line["status"] == 401
    assert line["duration_ms"] >= 0
    assert line["timestamp"].endswith("+00:00")
    assert "Jansen" not in json_lines.getvalue()


@pytest.fixture
def own_app(api_app: FastAPI) -> Iterator[TestClient]:
    """An app of its own, its counters at zero (the shared one counts every test's requests),
    bound to this test's database."""
    app = create_app()
    app.dependency_overrides = api_app.dependency_overrides
    with TestClient(app, raise_server_exceptions=False) as client:
        yield client


def _metrics(client: TestClient) -> list[str]:
    response = client.get("/metrics")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/plain")
    return response.text.splitlines()


def test_metrics_count_requests_by_route_template_and_status(own_app: TestClient) -> None:
    own_app.get("/v1/initiatives/3f2b6a9e-0000-4000-8000-000000000001")
    own_app.get("/no/such/page?name=Jansen")
    lines = _metrics(own_app)
    assert ('api_http_requests_total{method="GET",route="/v1/initiatives/{initiativeId}",'
            'status="401"} 1.0') in lines
    assert 'api_http_requests_total{method="GET",route="<unmatched>",status="404"} 1.0' in lines
    assert any(line.startswith("api_http_request_duration_seconds_bucket{") for line in lines)
    assert not any("Jansen" in line for line in lines)


def test_server_errors_are_counted(api_app: FastAPI, own_app: TestClient) -> None:
    def broken() -> Iterator[Session]:
        raise RuntimeError("the database driver broke")

    api_app.dependency_overrides[get_session] = broken
    assert own_app.get("/v1/areas").status_code == 500
    lines = _metrics(own_app)
    assert 'api_http_server_errors_total{method="GET",route="/v1/areas"} 1.0' in lines


def test_each_app_counts_only_its_own_requests() -> None:
    with TestClient(create_app()) as first, TestClient(create_app()) as second:
        first.get("/health")
        assert 'api_http_requests_total{method="GET",route="/health",status="200"} 1.0' \
            in _metrics(first)
        assert not any('route="/health"' in line for line in _metrics(second))


def test_the_pool_is_read_when_scraped(tmp_path: Path) -> None:
    engine = create_engine(f"sqlite:///{tmp_path}/pool.db", pool_size=3, max_overflow=0)
    collector = PoolCollector(lambda: engine)
    with engine.connect():
        readings = {metric.name: metric.samples[0].value for metric in collector.collect()}
    assert readings == {"api_db_pool_size": 3, "api_db_pool_checked_out": 1,
                        "api_db_pool_checked_in": 0, "api_db_pool_overflow": 0}
    assert list(PoolCollector(lambda: None).collect()) == []
    engine.dispose()


def test_a_metrics_token_keeps_others_out(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("API_METRICS_TOKEN", "s3cret-scraper-token")
    ops_settings.cache_clear()
    try:
        app = create_app()
    finally:
        ops_settings.cache_clear()
    with TestClient(app) as client:
        assert client.get("/metrics").status_code == 401
        assert client.get("/metrics", headers={"Authorization": "Bearer wrong"}
                          ).status_code == 401
        assert client.get("/metrics", headers={
            "Authorization": "Bearer s3cret-scraper-token"}).status_code == 200


def test_probes_pass_a_full_request_queue() -> None:
    async def busy(_request: object) -> PlainTextResponse:
        return PlainTextResponse("served")

    inner = Starlette(routes=[Route(path, busy) for path in ("/health", "/v1")])
    app = OutsideLimits(inner, partial(ServiceLimits, concurrency=1, backlog=0))
    limits = app.limited
    assert isinstance(limits, ServiceLimits)
    limits.slots = anyio.Semaphore(0)  # every slot taken, no room to wait
    with TestClient(app) as client:
        assert client.get("/v1").status_code == 503
        assert client.get("/health").status_code == 200
