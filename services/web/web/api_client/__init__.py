"""The only place that knows the API's URLs and JSON shapes: the client and its errors.

Pages get typed results (`results.py`) and Python exceptions (`problems.py`); nothing else
in the web service builds an API URL or reads API JSON. One `ApiClient` per app, made in
the lifespan, shared by everyone: each call carries the session token of the request it
serves (`session_token`).
"""

import hashlib
import time
from collections.abc import Awaitable, Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, TypeVar

import httpx2
from pydantic.alias_generators import to_camel
from pydantic_core import to_jsonable_python

from web.api_client.problems import (
    ApiError,
    ApiUnavailable,
    Conflict,
    Forbidden,
    InvalidInput,
    NotFound,
    Stale,
    TooManyRequests,
    Unauthorized,
    in_language,
    raise_for_problem,
    unavailable,
)
from web.api_client.results import (
    Area,
    AreaPage,
    Initiative,
    InitiativePage,
    InitiativeQuery,
    InitiativeSummary,
    Landing,
    PageLinks,
    Term,
    Vocabulary,
)
from web.config import Settings
from web.ops.context import HEADER as REQUEST_ID_HEADER
from web.ops.context import request_id

__all__ = ["ApiClient", "ApiError", "ApiUnavailable", "Area", "Conflict", "Forbidden",
           "Initiative", "InitiativePage", "InitiativeQuery", "InitiativeSummary",
           "InvalidInput", "Landing", "NotFound", "PageLinks", "Stale", "Term",
           "TooManyRequests", "Unauthorized", "Vocabulary", "acting_as", "if_match",
           "in_language", "make_http_client", "raise_for_problem", "session_token"]

T = TypeVar("T")
IDEMPOTENT = frozenset({"GET", "HEAD"})
# Connection failures worth one more try of an idempotent request: a reused keep-alive
# connection that the API was closing at that moment fails with a read or protocol error.
RETRYABLE = (httpx2.ConnectError, httpx2.ReadError, httpx2.WriteError,
             httpx2.RemoteProtocolError)
# People whose details are kept at once; beyond this the expired ones are dropped.
MAX_SESSIONS_KEPT = 10_000

# The API session token of the person whose request is being handled, sent with every call.
# A ContextVar, set per request (web.sessions): one shared client, and concurrent requests
# still never carry each other's token.
session_token: ContextVar[str | None] = ContextVar("session_token", default=None)


@contextmanager
def acting_as(token: str | None) -> Iterator[None]:
    """Calls made inside the block carry `token` (None: no Authorization at all)."""
    reset = session_token.set(token)
    try:
        yield
    finally:
        session_token.reset(reset)


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _authorized(headers: Mapping[str, str] | None) -> Mapping[str, str] | None:
    token = session_token.get()
    if token is None:
        return headers
    return {**(headers or {}), "Authorization": f"Bearer {token}"}


# --- the client -------------------------------------------------------------------------

async def _pass_request_id(request: httpx2.Request) -> None:
    """The id of the page request being served goes with each API call it makes, so that
    both services' log lines of one page carry the same id."""
    current = request_id.get()
    if current is not None:
        request.headers[REQUEST_ID_HEADER] = current


def make_http_client(settings: Settings, transport: httpx2.AsyncBaseTransport | None = None,
                     api_url: str | None = None) -> httpx2.AsyncClient:
    timeout = httpx2.Timeout(settings.api_timeout_seconds,
                             connect=settings.api_connect_timeout_seconds,
                             pool=settings.api_pool_timeout_seconds)
    limits = httpx2.Limits(max_connections=settings.api_max_connections,
                           max_keepalive_connections=settings.api_max_connections,
                           keepalive_expiry=settings.api_keepalive_seconds)
    return httpx2.AsyncClient(base_url=api_url or settings.api_url, transport=transport,
                              timeout=timeout, limits=limits,
                              headers={"Accept": "application/json"},
                              event_hooks={"request": [_pass_request_id]})


class ApiClient:
    def __init__(self, http: httpx2.AsyncClient, cache_seconds: float = 300.0) -> None:
        self.http = http
        self._cache_seconds = cache_seconds
        self._cache: dict[str, tuple[float, Any]] = {}
        # One person's own data (who they are), by a digest of their session token.
        self._per_session: dict[str, tuple[float, Any]] = {}

    async def _send(self, method: str, path: str, *, params: Sequence[tuple[str, Any]] = (),
                    body: Any = None, headers: Mapping[str, str] | None = None
                    ) -> httpx2.Response:
        content = None if body is None else to_jsonable_python(body)
        attempts = 2 if method in IDEMPOTENT else 1
        for attempt in range(1, attempts + 1):
            try:
                response = await self.http.request(method, path, params=list(params),
                                                   headers=_authorized(headers), json=content)
            except RETRYABLE as error:
                if attempt == attempts:
                    raise unavailable(error) from error
            except httpx2.TransportError as error:  # timeouts: trying again only waits longer
                raise unavailable(error) from error
            else:
                raise_for_problem(response)
                return response
        raise AssertionError("unreachable")  # pragma: no cover

    async def _cached(self, key: str, load: Callable[[], Awaitable[T]]) -> T:
        """Reference data, kept for `cache_seconds`; concurrent misses simply both load."""
        now = time.monotonic()
        hit = self._cache.get(key)
        if hit is not None and hit[0] > now:
            value: T = hit[1]
            return value
        loaded = await load()
        self._cache[key] = (now + self._cache_seconds, loaded)
        return loaded

    async def _kept_for_session(self, key: str, seconds: float,
                                load: Callable[[], Awaitable[T]]) -> T:
        """Data of the signed-in person, kept `seconds` under a digest of their token (so
        the cache never holds a token that would work); nothing kept without a session."""
        token = session_token.get()
        if token is None:
            return await load()
        slot = f"{_digest(token)}:{key}"
        now = time.monotonic()
        hit = self._per_session.get(slot)
        if hit is not None and hit[0] > now:
            value: T = hit[1]
            return value
        loaded = await load()
        if len(self._per_session) >= MAX_SESSIONS_KEPT:
            self._per_session = {k: v for k, v in self._per_session.items() if v[0] > now}
        self._per_session[slot] = (now + seconds, loaded)
        return loaded

    def forget_session(self) -> None:
        """Drop what is kept for the current session: it was signed out or refused."""
        token = session_token.get()
        if token is not None:
            prefix = _digest(token) + ":"
            for slot in [slot for slot in self._per_session if slot.startswith(prefix)]:
                del self._per_session[slot]

    # --- reference data -----------------------------------------------------------------

    async def landing(self) -> Landing:
        async def load() -> Landing:
            return Landing.model_validate_json((await self._send("GET", "/v1")).content)
        return await self._cached("landing", load)

    def landing_if_known(self) -> Landing | None:
        """The landing resource if it was read before, without asking the API."""
        hit = self._cache.get("landing")
        return hit[1] if hit is not None else None

    async def vocabulary(self, name: str) -> Vocabulary:
        async def load() -> Vocabulary:
            response = await self._send("GET", f"/v1/vocabularies/{name}")
            return Vocabulary.model_validate_json(response.content)
        return await self._cached(f"vocabulary:{name}", load)

    async def vocabularies(self, *names: str) -> dict[str, Vocabulary]:
        # One after the other: cached after the first time, and a SQLite API serves two
        # requests at once anyway.
        return {name: await self.vocabulary(name) for name in names}

    async def stadsdelen(self) -> tuple[Area, ...]:
        async def load() -> tuple[Area, ...]:
            params = [("type", "stadsdeel"), ("sort", "name"), ("pageSize", 100)]
            response = await self._send("GET", "/v1/areas", params=params)
            return AreaPage.model_validate_json(response.content).items
        return await self._cached("stadsdelen", load)

    async def buurt_names(self) -> dict[str, str]:
        """Names of the 2022 buurten by id: what a list shows for `currentBuurtId`."""
        async def page(number: int) -> AreaPage:
            params = [("type", "buurt"), ("indeling", 2022), ("pageSize", 100),
                      ("page", number)]
            response = await self._send("GET", "/v1/areas", params=params)
            return AreaPage.model_validate_json(response.content)

        async def load() -> dict[str, str]:
            names: dict[str, str] = {}
            number, total = 1, 1
            while len(names) < total:
                found = await page(number)
                names.update((area.id, area.name) for area in found.items)
                number, total = number + 1, found.total
                if not found.items:
                    break
            return names
        return await self._cached("buurt-names", load)

    # --- initiatives --------------------------------------------------------------------

    async def list_initiatives(self, query: InitiativeQuery) -> InitiativePage:
        response = await self._send("GET", "/v1/initiatives", params=query.params())
        return InitiativePage.model_validate_json(response.content)

    async def get_initiative(self, initiative_id: str) -> Initiative:
        response = await self._send("GET", f"/v1/initiatives/{initiative_id}")
        return Initiative.model_validate_json(response.content)

    async def create_initiative(self, fields: Mapping[str, object]) -> Initiative:
        """Fields in Python names (`organisation_form`); the API validates them."""
        response = await self._send("POST", "/v1/initiatives", body=_wire(fields))
        return Initiative.model_validate_json(response.content)

    async def update_initiative(self, initiative_id: str, changes: Mapping[str, object],
                                version: int) -> Initiative:
        response = await self._send("PATCH", f"/v1/initiatives/{initiative_id}",
                                    body=_wire(changes), headers=if_match(version))
        return Initiative.model_validate_json(response.content)

    async def delete_initiative(self, initiative_id: str, version: int) -> None:
        await self._send("DELETE", f"/v1/initiatives/{initiative_id}",
                         headers=if_match(version))


def _wire(fields: Mapping[str, object]) -> dict[str, object]:
    return {to_camel(name): value for name, value in fields.items()}


def if_match(version: int | str) -> dict[str, str]:
    """The header that makes a change conditional on the version read (412 when stale)."""
    return {"If-Match": f'"{version}"'}
