"""The API client: typed results from the real API, API problems as Python exceptions."""

from collections.abc import AsyncIterator, Callable

import httpx2
import pytest
from fastapi import FastAPI
from sqlmodel import Session

from tests.api.builders import initiative_payload, make_initiative
from tests.web.conftest import CLOSED_PORT
from web import api_client
from web.api_client import ApiClient, InitiativeQuery, accounts, acting_as
from web.config import Settings

pytestmark = pytest.mark.anyio


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


@pytest.fixture
async def api(api_app: FastAPI, admin_token: str) -> AsyncIterator[ApiClient]:
    """A client of an administrator's session (a default header here: the web sets the
    token per request, as the tests at the end show)."""
    transport = httpx2.ASGITransport(app=api_app)
    async with api_client.make_http_client(Settings(), transport, "http://api.test") as http:
        http.headers["Authorization"] = f"Bearer {admin_token}"
        yield ApiClient(http)


def _python_fields(**overrides: object) -> dict[str, object]:
    """A new initiative in Python names, as a page would hand it to the client."""
    wire = initiative_payload(**overrides)
    return {"".join("_" + c.lower() if c.isupper() else c for c in key): value
            for key, value in wire.items()}


async def test_reference_data_comes_typed_and_cached(api: ApiClient) -> None:
    landing = await api.landing()
    assert landing.attribution == "Bron: Gemeente Amsterdam (gebiedsindeling, open geodata)."
    assert api.landing_if_known() is landing
    status = await api.vocabulary("initiative-status")
    assert status.label("en") == "Status"
    assert status.term_label("afgerond", "nl") == "Afgerond"
    assert status.term_label("afgerond", "en") == "Completed"
    assert status.term_label("uit-de-toekomst", "nl") == "uit-de-toekomst"
    assert ("idee", "Idea") in status.choices("en")
    assert await api.vocabulary("initiative-status") is status
    stadsdelen = await api.stadsdelen()
    assert "Nieuw-West" in [area.name for area in stadsdelen]
    assert len(await api.buurt_names()) > 400


async def test_lists_and_single_initiatives_come_typed(api: ApiClient, session: Session) -> None:
    made = make_initiative(session, title="Buurtmoestuin")
    page = await api.list_initiatives(InitiativeQuery(q="moestuin", page_size=10))
    assert (page.total, page.pages) == (1, 1)
    assert [item.title for item in page.items] == ["Buurtmoestuin"]
    initiative = await api.get_initiative(str(made.id))
    assert initiative.title == "Buurtmoestuin"
    assert initiative.version == made.version
    assert initiative.themes == ("groen", "ontmoeting")


async def test_an_unknown_initiative_is_not_found(api: ApiClient) -> None:
    with pytest.raises(api_client.NotFound):
        await api.get_initiative("6a1f4a55-3d0e-4a59-9d77-6a0b2c1d0e00")


async def test_invalid_input_carries_a_message_per_field(api: ApiClient) -> None:
    with pytest.raises(api_client.InvalidInput) as raised:
        await api.create_initiative(_python_fields(title="x", status="bestaat-niet"))
    assert set(raised.value.errors) == {"/title", "/status"}
    with pytest.raises(api_client.InvalidInput) as raised:
        await api.list_initiatives(InitiativeQuery(status=("bestaat-niet",)))
    assert "status" in raised.value.errors


async def test_a_change_to_an_old_version_is_stale_and_writes_nothing(api: ApiClient) -> None:
    created = await api.create_initiative(_python_fields(title="Repair café"))
    await api.update_initiative(created.id, {"title": "Repair café Noord"}, created.version)
    with pytest.raises(api_client.Stale):
        await api.update_initiative(created.id, {"title": "Kapot"}, created.version)
    with pytest.raises(api_client.Stale):
        await api.delete_initiative(created.id, created.version)
    assert (await api.get_initiative(created.id)).title == "Repair café Noord"


def _scripted(*steps: Callable[[httpx2.Request], httpx2.Response]) -> tuple[ApiClient, list[str]]:
    """A client whose connection does what the steps say, one step per attempt."""
    seen: list[str] = []

    def handle(request: httpx2.Request) -> httpx2.Response:
        seen.append(request.method)
        return steps[len(seen) - 1](request)

    transport = httpx2.MockTransport(handle)
    return ApiClient(httpx2.AsyncClient(base_url="http://api.test", transport=transport)), seen


def _read_error(request: httpx2.Request) -> httpx2.Response:
    raise httpx2.ReadError("connection reset by peer", request=request)


def _landing(request: httpx2.Request) -> httpx2.Response:
    return httpx2.Response(200, json={"name": "n", "version": "1", "attribution": "Bron: x"})


def _problem(status: int) -> Callable[[httpx2.Request], httpx2.Response]:
    def answer(request: httpx2.Request) -> httpx2.Response:
        return httpx2.Response(status, json={"type": "t", "title": "t", "status": status,
                                             "detail": "Bezet. / Taken.", "instance": "/"})
    return answer


async def test_a_get_that_loses_its_connection_is_tried_once_more() -> None:
    api, seen = _scripted(_read_error, _landing)
    assert (await api.landing()).attribution == "Bron: x"
    assert seen == ["GET", "GET"]


async def test_a_get_that_fails_twice_is_unavailable() -> None:
    api, seen = _scripted(_read_error, _read_error)
    with pytest.raises(api_client.ApiUnavailable):
        await api.landing()
    assert seen == ["GET", "GET"]


async def test_a_write_is_never_sent_twice() -> None:
    api, seen = _scripted(_read_error, _landing)
    with pytest.raises(api_client.ApiUnavailable):
        await api.delete_initiative("some-id", 1)
    assert seen == ["DELETE"]


@pytest.mark.parametrize(("status", "error"), [(401, api_client.Unauthorized),
                                               (403, api_client.Forbidden),
                                               (409, api_client.Conflict),
                                               (500, api_client.ApiUnavailable),
                                               (503, api_client.ApiUnavailable),
                                               (418, api_client.ApiError)])
async def test_api_answers_become_exceptions(status: int, error: type[Exception]) -> None:
    api, _ = _scripted(_problem(status))
    with pytest.raises(error) as raised:
        await api.delete_initiative("some-id", 1)
    assert type(raised.value) is error


async def test_a_closed_port_is_unavailable() -> None:
    async with api_client.make_http_client(Settings(), api_url=CLOSED_PORT) as http:
        with pytest.raises(api_client.ApiUnavailable):
            await ApiClient(http).landing()


def test_bilingual_api_messages_are_shown_in_the_chosen_language() -> None:
    assert api_client.in_language("Bezet. / Taken.", "nl") == "Bezet."
    assert api_client.in_language("Bezet. / Taken.", "en") == "Taken."
    assert api_client.in_language("Field required", "nl") == "Field required"


async def test_a_refused_sign_in_says_how_long_to_wait() -> None:
    def throttled(request: httpx2.Request) -> httpx2.Response:
        return httpx2.Response(429, headers={"Retry-After": "125"},
                               json={"status": 429, "detail": "Te veel. / Too many."})

    api, _ = _scripted(throttled)
    with pytest.raises(api_client.TooManyRequests) as raised:
        await accounts.sign_in(api, "iemand", "geheim", "192.0.2.1")
    assert raised.value.retry_after == 125


def _recording(seen: list[httpx2.Request]) -> ApiClient:
    def handle(request: httpx2.Request) -> httpx2.Response:
        seen.append(request)
        return httpx2.Response(200, json={"id": None, "kind": "session", "name": "Anna",
                                          "role": "viewer", "stadsdelen": []})
    return ApiClient(httpx2.AsyncClient(base_url="http://api.test",
                                        transport=httpx2.MockTransport(handle)))


async def test_every_call_carries_the_token_of_the_request_it_serves() -> None:
    seen: list[httpx2.Request] = []
    api = _recording(seen)
    with acting_as("token-van-anna"):
        await api._send("GET", "/v1/initiatives")
    with acting_as("token-van-bram"):
        await api._send("GET", "/v1/initiatives")
    await api._send("GET", "/v1")
    assert [request.headers.get("authorization") for request in seen] == [
        "Bearer token-van-anna", "Bearer token-van-bram", None]


async def test_who_is_signed_in_is_kept_per_session_and_forgotten_at_sign_out() -> None:
    seen: list[httpx2.Request] = []
    api = _recording(seen)
    with acting_as("token-van-anna"):
        assert (await accounts.me(api)).name == "Anna"
        await accounts.me(api)
    with acting_as("token-van-bram"):
        await accounts.me(api)
    assert len(seen) == 2  # once per session
    with acting_as("token-van-anna"):
        await accounts.sign_out(api)
        await accounts.me(api)
    assert [request.url.path for request in seen[2:]] == ["/v1/sessions/current",
                                                          "/v1/accounts/me"]


async def test_signing_in_never_sends_an_earlier_token_and_passes_the_address() -> None:
    seen: list[httpx2.Request] = []

    def handle(request: httpx2.Request) -> httpx2.Response:
        seen.append(request)
        return httpx2.Response(201, json={"token": "nieuw", "expiresAt": "2030-01-01T00:00:00Z",
                                          "account": {}})

    api = ApiClient(httpx2.AsyncClient(base_url="http://api.test",
                                       transport=httpx2.MockTransport(handle)))
    with acting_as("oud-token"):
        created = await accounts.sign_in(api, "anna", "een-lang-wachtwoord", "192.0.2.7")
    assert created.token == "nieuw"
    assert "authorization" not in seen[0].headers
    assert seen[0].headers["x-forwarded-for"] == "192.0.2.7"
