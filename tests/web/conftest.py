"""The web app against the real API app, in-process over an ASGI transport: no mocks.

`web` is signed in as an administrator, with a session made straight in the test database
(tests/auth_builders.py); `web_as(role, stadsdelen)` signs in with any role;
`anonymous_web` carries no session at all; `recorded` is `web` with the calls it makes to
the API written down (path and query), for pages that must not ask too much.
"""

from collections.abc import Callable, Iterator
from urllib.parse import parse_qs

import httpx2
import pytest
from fastapi import FastAPI
from sqlalchemy import Engine
from sqlmodel import Session
from starlette.testclient import TestClient
from starlette.types import Receive, Scope, Send

from tests.auth_builders import make_account, make_session_token
from web.main import create_app
from web.sessions import COOKIE

HTMX = {"HX-Request": "true"}
BOOSTED = {"HX-Request": "true", "HX-Boosted": "true"}
# Where nothing listens: the API is down.
CLOSED_PORT = "http://127.0.0.1:9"
# The host TestClient addresses; a cookie set for it is the one the browser would keep.
HOST = "testserver.local"

WebFactory = Callable[..., TestClient]


def new_web_app(api_app: FastAPI) -> FastAPI:
    return create_app(transport=httpx2.ASGITransport(app=api_app), api_url="http://api.test")


def session_for(engine: Engine, role: str = "admin", stadsdelen: tuple[str, ...] = ()) -> str:
    """A session token of a new account with this role, as a login would give."""
    with Session(engine) as session:
        account = make_account(session, role, stadsdelen=stadsdelen)
        return make_session_token(session, account)


def signed_in(client: TestClient, token: str) -> TestClient:
    client.cookies.set(COOKIE, token, domain=HOST)
    return client


@pytest.fixture
def web_app(api_app: FastAPI) -> FastAPI:
    return new_web_app(api_app)


@pytest.fixture
def admin_token(engine: Engine) -> str:
    return session_for(engine, "admin")


@pytest.fixture
def web(web_app: FastAPI, admin_token: str) -> Iterator[TestClient]:
    """The web app as an administrator, who may do everything."""
    with TestClient(web_app) as client:
        yield signed_in(client, admin_token)


@pytest.fixture
def web_as(api_app: FastAPI, engine: Engine) -> Iterator[WebFactory]:
    """Clients signed in with a role (and stadsdelen), each on an app of its own."""
    opened: list[TestClient] = []

    def make(role: str = "admin", stadsdelen: tuple[str, ...] = ()) -> TestClient:
        client = TestClient(new_web_app(api_app))
        client.__enter__()
        opened.append(client)
        return signed_in(client, session_for(engine, role, stadsdelen))

    yield make
    for client in opened:
        client.__exit__(None, None, None)


@pytest.fixture
def anonymous_web(web_app: FastAPI) -> Iterator[TestClient]:
    """The web app as someone who has not signed in."""
    with TestClient(web_app) as client:
        yield client


@pytest.fixture
def web_without_api() -> Iterator[TestClient]:
    """Signed in (with a token no API can check): the pages then show the 503 page, not the
    way to the login page, since it is the API that is missing, not the session."""
    with TestClient(create_app(api_url=CLOSED_PORT)) as client:
        yield signed_in(client, "a-session-token-the-api-cannot-check")


Calls = list[tuple[str, dict[str, list[str]]]]


@pytest.fixture
def recorded(api_app: FastAPI, admin_token: str) -> Iterator[tuple[TestClient, Calls]]:
    """The web app as an administrator, with every call it makes to the API written down."""
    calls: Calls = []

    async def recording(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            calls.append((scope["path"], parse_qs(scope["query_string"].decode())))
        await api_app(scope, receive, send)

    app = create_app(transport=httpx2.ASGITransport(app=recording), api_url="http://api.test")
    with TestClient(app) as client:
        yield signed_in(client, admin_token), calls
