"""The only place that knows the API's URLs and JSON shapes: the client and its errors.

Pages get typed results (`results.py`) and Python exceptions; nothing else in the web
service builds an API URL or reads API JSON. One `ApiClient` per app, made in the lifespan.
"""

import time
from collections.abc import Awaitable, Callable, Mapping, Sequence
from typing import Any, TypeVar

import httpx2
from pydantic.alias_generators import to_camel
from pydantic_core import to_jsonable_python

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

__all__ = ["ApiClient", "ApiError", "ApiUnavailable", "Area", "Conflict", "Initiative",
           "InitiativePage", "InitiativeQuery", "InitiativeSummary", "InvalidInput", "Landing",
           "NotFound", "PageLinks", "Stale", "Term", "Vocabulary", "in_language",
           "make_http_client", "raise_for_problem"]

T = TypeVar("T")
IDEMPOTENT = frozenset({"GET", "HEAD"})
# Connection failures worth one more try of an idempotent request: a reused keep-alive
# connection that the API was closing at that moment fails with a read or protocol error.
RETRYABLE = (httpx2.ConnectError, httpx2.ReadError, httpx2.WriteError,
             httpx2.RemoteProtocolError)


# --- exceptions -------------------------------------------------------------------------

class ApiError(Exception):
    """The API refused a request in a way no page expects (a bug on one side or the other)."""

    def __init__(self, status: int, detail: str) -> None:
        super().__init__(f"{status}: {detail}")
        self.status = status
        self.detail = detail


class ApiUnavailable(ApiError):
    """The API could not be reached, timed out, or answered with a server error."""


class NotFound(ApiError):
    """404: the resource does not exist (any more)."""


class InvalidInput(ApiError):
    """400: bad input, with one message per field: pointer (/title) or parameter (q)."""

    def __init__(self, status: int, detail: str, errors: Mapping[str, str]) -> None:
        super().__init__(status, detail)
        self.errors = dict(errors)


class Conflict(ApiError):
    """409: the change clashes with other data (e.g. a professional who still has episodes)."""


class Stale(ApiError):
    """412: someone else changed the resource since it was read; nothing was written."""


def _unavailable(error: Exception) -> ApiUnavailable:
    return ApiUnavailable(503, str(error) or type(error).__name__)


def in_language(text: str, lang: str) -> str:
    """The API writes its messages as 'Nederlands / English': the half for `lang`."""
    dutch, separator, english = text.partition(" / ")
    if not separator:
        return text
    return english if lang == "en" else dutch


# --- the client -------------------------------------------------------------------------

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
                              headers={"Accept": "application/json"})


def _problem(response: httpx2.Response) -> tuple[str, dict[str, str]]:
    """Detail and field errors of an RFC 9457 problem; tolerant of other bodies."""
    try:
        body = response.json()
    except ValueError:
        return response.reason_phrase, {}
    if not isinstance(body, dict):
        return response.reason_phrase, {}
    errors: dict[str, str] = {}
    for item in body.get("errors") or []:
        location = item.get("location") or {}
        where = location.get("pointer") or location.get("name") or ""
        errors.setdefault(str(where), str(item.get("detail", "")))
    return str(body.get("detail") or response.reason_phrase), errors


def raise_for_problem(response: httpx2.Response) -> None:
    status = response.status_code
    if status < 400:
        return
    if status >= 500:
        raise ApiUnavailable(status, f"the API answered {status}")
    detail, errors = _problem(response)
    if status in (400, 422):
        raise InvalidInput(status, detail, errors)
    kinds: dict[int, type[ApiError]] = {404: NotFound, 409: Conflict, 412: Stale}
    raise kinds.get(status, ApiError)(status, detail)


class ApiClient:
    def __init__(self, http: httpx2.AsyncClient, cache_seconds: float = 300.0) -> None:
        self.http = http
        self._cache_seconds = cache_seconds
        self._cache: dict[str, tuple[float, Any]] = {}

    async def _send(self, method: str, path: str, *, params: Sequence[tuple[str, Any]] = (),
                    body: Any = None, headers: Mapping[str, str] | None = None
                    ) -> httpx2.Response:
        content = None if body is None else to_jsonable_python(body)
        attempts = 2 if method in IDEMPOTENT else 1
        for attempt in range(1, attempts + 1):
            try:
                response = await self.http.request(method, path, params=list(params),
                                                   headers=headers, json=content)
            except RETRYABLE as error:
                if attempt == attempts:
                    raise _unavailable(error) from error
            except httpx2.TransportError as error:  # timeouts: trying again only waits longer
                raise _unavailable(error) from error
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
                                    body=_wire(changes), headers=_if_match(version))
        return Initiative.model_validate_json(response.content)

    async def delete_initiative(self, initiative_id: str, version: int) -> None:
        await self._send("DELETE", f"/v1/initiatives/{initiative_id}",
                         headers=_if_match(version))


def _wire(fields: Mapping[str, object]) -> dict[str, object]:
    return {to_camel(name): value for name, value in fields.items()}


def _if_match(version: int) -> dict[str, str]:
    return {"If-Match": f'"{version}"'}
