"""API tokens in the web, for administrators: a token made through the form works against
the API at once, is shown once and never again, and once revoked is refused at once; other
roles meet the 403 page on every route; the API's refusals stand at their fields."""

import html
import logging
import re
from datetime import UTC, datetime, timedelta

import pytest
from starlette.testclient import TestClient

from tests.auth_builders import bearer
from tests.web.conftest import BOOSTED, HTMX, WebFactory

HEADERS = [{}, HTMX, BOOSTED]
IDS = ["plain", "htmx", "boosted"]
LIST = "/admin/api-tokens"
SHOWN_TOKEN = re.compile(r'id="new-token" name="token" value="(bk_[^"]+)"')
NOT_ADMINS = [("editor", ("F",)), ("researcher", ()), ("viewer", ())]


def _form(**overrides: str | list[str]) -> dict[str, str | list[str]]:
    expires = (datetime.now(UTC) + timedelta(days=30)).date().isoformat()
    form: dict[str, str | list[str]] = {"name": "Kennisbank Wijkaanpak", "role": "editor",
                                        "stadsdelen": ["F"], "expiresAt": expires}
    form.update(overrides)
    return form


def _made(web: TestClient, **overrides: str | list[str]) -> str:
    """A token made through the form, as the page shows it."""
    response = web.post(LIST, data=_form(**overrides), follow_redirects=False)
    assert response.status_code == 201, response.text
    found = SHOWN_TOKEN.search(response.text)
    assert found is not None
    return found.group(1)


def _tokens(client: TestClient) -> list[dict[str, object]]:
    tokens: list[dict[str, object]] = client.get("/v1/api-tokens").json()
    return tokens


def _caller(anonymous: TestClient, token: str) -> int:
    """What the API answers a system that sends this token."""
    return anonymous.get("/v1/accounts/me", headers=bearer(token)).status_code


def test_a_token_made_through_the_form_works_against_the_api_at_once(
    web: TestClient, anonymous: TestClient, client: TestClient
) -> None:
    response = web.post(LIST, data=_form(), follow_redirects=False)
    assert response.status_code == 201
    assert response.headers["cache-control"] == "no-store"
    assert "location" not in response.headers
    assert "maar één keer" in response.text
    found = SHOWN_TOKEN.search(response.text)
    assert found is not None and " readonly " in response.text
    token = found.group(1)
    me = anonymous.get("/v1/accounts/me", headers=bearer(token)).json()
    assert (me["kind"], me["name"], me["role"], me["stadsdelen"]) == (
        "api-token", "token:Kennisbank Wijkaanpak", "editor", ["F"])
    assert anonymous.get("/v1/initiatives", headers=bearer(token)).status_code == 200
    assert [item["name"] for item in _tokens(client)] == ["Kennisbank Wijkaanpak"]


@pytest.mark.parametrize("headers", HEADERS, ids=IDS)
def test_the_list_shows_the_token_but_never_the_token_itself(
    web: TestClient, client: TestClient, headers: dict[str, str]
) -> None:
    token = _made(web, name="Kennisbank", role="researcher", stadsdelen=[])
    page = web.get(LIST, headers=headers)
    assert page.status_code == 200
    assert ("<html" not in page.text) == (headers is HTMX)
    assert token not in page.text and token[:12] not in page.text
    assert "<caption" in page.text and 'scope="col"' in page.text
    row = page.text[page.text.index(">Kennisbank<"):]
    assert "Onderzoeker" in row and "niet van toepassing" in row and "Actief" in row
    token_id = _tokens(client)[0]["id"]
    assert f'href="{LIST}/{token_id}/revoke"' in row


def test_the_new_token_is_in_no_log_line(web: TestClient, caplog: pytest.LogCaptureFixture
                                         ) -> None:
    with caplog.at_level(logging.DEBUG):
        token = _made(web)
    assert token not in caplog.text


@pytest.mark.parametrize("headers", HEADERS, ids=IDS)
def test_revoking_asks_first_and_then_the_api_refuses_the_token_at_once(
    web: TestClient, anonymous: TestClient, client: TestClient, headers: dict[str, str]
) -> None:
    token = _made(web, name="Oud koppelsysteem")
    token_id = _tokens(client)[0]["id"]
    confirm = web.get(f"{LIST}/{token_id}/revoke", headers=headers)
    assert confirm.status_code == 200 and "Oud koppelsysteem" in confirm.text
    assert f'method="post" action="{LIST}/{token_id}/revoke"' in confirm.text
    assert _caller(anonymous, token) == 200  # asking changed nothing
    done = web.post(f"{LIST}/{token_id}/revoke", headers=headers, follow_redirects=False)
    assert done.status_code == 303
    assert done.headers["location"] == f"{LIST}?revoked={token_id}"
    assert _caller(anonymous, token) == 401
    page = web.get(done.headers["location"]).text
    assert "De API-sleutel „Oud koppelsysteem” is ingetrokken." in page
    assert "Ingetrokken" in page and f"{LIST}/{token_id}/revoke" not in page
    assert "is al ingetrokken" in web.get(f"{LIST}/{token_id}/revoke").text


def test_an_unknown_token_is_the_404_page(web: TestClient) -> None:
    response = web.get(f"{LIST}/3f2b6a9e-0000-4000-8000-000000000000/revoke")
    assert response.status_code == 404


@pytest.mark.parametrize(("role", "stadsdelen"), NOT_ADMINS, ids=[r for r, _ in NOT_ADMINS])
@pytest.mark.parametrize("headers", HEADERS, ids=IDS)
def test_other_roles_get_the_403_page_on_every_route(
    web: TestClient, web_as: WebFactory, anonymous: TestClient, client: TestClient,
    role: str, stadsdelen: tuple[str, ...], headers: dict[str, str]
) -> None:
    token = _made(web)
    token_id = _tokens(client)[0]["id"]
    other = web_as(role, stadsdelen)
    assert 'href="/admin/api-tokens"' not in other.get("/initiatives").text
    for path in (LIST, f"{LIST}/new", f"{LIST}/{token_id}/revoke"):
        page = other.get(path, headers=headers)
        assert page.status_code == 403, path
        assert "Geen toestemming" in page.text
    for path, data in ((LIST, _form(name="Van een ander")), (f"{LIST}/{token_id}/revoke", {})):
        posted = other.post(path, data=data, headers=headers, follow_redirects=False)
        assert posted.status_code == 403, path
        assert posted.headers["content-type"].startswith("text/html")
    assert [item["name"] for item in _tokens(client)] == ["Kennisbank Wijkaanpak"]
    assert _caller(anonymous, token) == 200


def test_only_administrators_see_the_way_to_the_tokens(web: TestClient) -> None:
    nav = web.get("/initiatives").text
    assert '<a class="ams-link bk-nav__link" href="/admin/api-tokens">API-sleutels</a>' in nav
    current = web.get(LIST).text
    assert 'href="/admin/api-tokens" aria-current="page">API-sleutels</a>' in current


def test_the_form_offers_the_roles_and_the_stadsdelen_and_ends_in_90_days(
    web: TestClient
) -> None:
    page = web.get(f"{LIST}/new")
    assert page.status_code == 200
    for label in ("Beheerder", "Redacteur", "Onderzoeker", "Kijker", "Nieuw-West", "Centrum"):
        assert label in page.text
    expires = (datetime.now(UTC) + timedelta(days=90)).date().isoformat()
    assert f'name="expiresAt" value="{expires}"' in page.text
    assert 'for="f-stadsdelen-F"' in page.text and '<legend' in page.text


@pytest.mark.parametrize(("overrides", "field", "message"), [
    ({"stadsdelen": []}, "stadsdelen", "Een redacteur hoort bij minstens één stadsdeel."),
    ({"role": "viewer"}, "stadsdelen", "Alleen een redacteur hoort bij stadsdelen."),
    ({"name": ""}, "name", "Dit veld is verplicht."),
    ({"name": "ab"}, "name", "Te kort: minstens 3 teken(s)."),
    ({"role": ""}, "role", "Dit veld is verplicht."),
    ({"expiresAt": "2020-01-01"}, "expiresAt", "De vervaldatum ligt in het verleden."),
    ({"expiresAt": ""}, "expiresAt", "Dit veld is verplicht."),
], ids=["editor-without-stadsdeel", "viewer-with-stadsdeel", "empty-name", "short-name",
        "no-role", "expired", "no-expiry"])
@pytest.mark.parametrize("headers", HEADERS, ids=IDS)
def test_refused_input_is_shown_at_its_field_and_nothing_is_made(
    web: TestClient, client: TestClient, overrides: dict[str, str | list[str]], field: str,
    message: str, headers: dict[str, str]
) -> None:
    form = _form(**overrides)
    response = web.post(LIST, data=form, headers=headers)
    assert response.status_code == 422
    assert ("<html" not in response.text) == (headers is HTMX)
    error = re.search(rf'id="f-{field}-error">(.*?)</p>', response.text, re.S)
    assert error is not None and message in error.group(1)
    assert f'href="#f-{field}"' in response.text  # the summary links to it
    assert f'value="{form["name"]}"' in response.text  # what was typed is kept
    assert SHOWN_TOKEN.search(response.text) is None
    assert _tokens(client) == []


def test_a_name_with_markup_is_shown_as_text(web: TestClient) -> None:
    name = '<script>alert("sleutel")</script><img src=x onerror=alert(1)>'
    created = web.post(LIST, data=_form(name=name))
    assert created.status_code == 201
    listed = web.get(LIST).text
    for page in (created.text, listed):
        assert "<script>alert" not in page and "<img src=x" not in page
        assert html.escape(name, quote=False).replace('"', "&#34;") in page


@pytest.mark.parametrize("cross_site", [{"Origin": "https://evil.example"},
                                        {"Sec-Fetch-Site": "cross-site"}],
                         ids=["origin", "sec-fetch-site"])
def test_another_site_can_neither_make_nor_revoke_a_token(
    web: TestClient, anonymous: TestClient, client: TestClient, cross_site: dict[str, str]
) -> None:
    made = web.post(LIST, data=_form(name="Van elders"), headers=cross_site)
    assert made.status_code == 403 and "Verzoek geweigerd" in made.text
    assert SHOWN_TOKEN.search(made.text) is None
    token = _made(web)
    token_id = _tokens(client)[0]["id"]
    revoked = web.post(f"{LIST}/{token_id}/revoke", headers=cross_site)
    assert revoked.status_code == 403
    assert [item["name"] for item in _tokens(client)] == ["Kennisbank Wijkaanpak"]
    assert _caller(anonymous, token) == 200


def test_the_summary_lists_the_problems_in_the_order_of_the_form(web: TestClient) -> None:
    response = web.post(LIST, data=_form(name="", role=""))
    assert response.status_code == 422
    assert response.text.index('href="#f-name"') < response.text.index('href="#f-role"')
