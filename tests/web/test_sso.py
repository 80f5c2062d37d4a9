"""Single sign-on through the browser's whole way: the web app, a real OpenID Connect
provider (tests/oidc_provider.py) and the real API, all in process. The test plays the
browser: it follows the redirects from the web to the provider and back itself."""

from collections.abc import Iterator
from urllib.parse import urlencode, urlsplit

import httpx2
import pytest
from fastapi import FastAPI
from sqlalchemy import Engine
from starlette.testclient import TestClient

from api.auth.models import Role
from api.auth.oidc import OidcSettings, OidcVerifier, get_oidc_verifier
from tests.oidc_provider import CLIENT_ID, CLIENT_SECRET, ISSUER, Provider, make_provider, s256
from tests.web.conftest import HOST, HTMX, new_web_app, session_for, signed_in
from web import sso
from web.config import get_settings
from web.main import create_app
from web.sessions import COOKIE

ROLE_MAP = {"bk-admins": Role.ADMIN, "bk-redactie": Role.EDITOR,
            "bk-onderzoek": Role.RESEARCHER, "bk-lezers": Role.VIEWER}
CALLBACK = "http://testserver/login/sso/callback"


@pytest.fixture
def provider() -> Provider:
    return make_provider()


@pytest.fixture
def sso_configured(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    for name, value in (("ISSUER", ISSUER), ("CLIENT_ID", CLIENT_ID),
                        ("CLIENT_SECRET", CLIENT_SECRET)):
        monkeypatch.setenv(f"WEB_OIDC_{name}", value)
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


@pytest.fixture
def web_app(api_app: FastAPI, provider: Provider, sso_configured: None) -> FastAPI:
    """The web app with single sign-on at the provider; the API trusts the same provider."""
    verifier = OidcVerifier(OidcSettings(issuer=ISSUER, audience=CLIENT_ID, role_map=ROLE_MAP),
                            httpx2.ASGITransport(app=provider.app))
    api_app.dependency_overrides[get_oidc_verifier] = lambda: verifier
    return create_app(transport=httpx2.ASGITransport(app=api_app), api_url="http://api.test",
                      oidc_transport=httpx2.ASGITransport(app=provider.app))


@pytest.fixture
def browser(web_app: FastAPI) -> Iterator[TestClient]:
    with TestClient(web_app) as client:
        yield client


@pytest.fixture
def idp(provider: Provider) -> Iterator[TestClient]:
    """The provider as the browser reaches it, with someone signed in there already."""
    with TestClient(provider.app, base_url=ISSUER) as client:
        yield client


def start(browser: TestClient, next_path: str = "/initiatives") -> str:
    """The way to the provider that /login/sso answers with."""
    response = browser.get("/login/sso", params={"next": next_path}, follow_redirects=False)
    assert response.status_code == 303, response.text
    return response.headers["location"]


def at_provider(idp: TestClient, authorize: str, user: str) -> str:
    """The way back from the provider for `user`: the callback with a code and the state."""
    response = idp.get(authorize + "&" + urlencode({"login_hint": user}),
                       follow_redirects=False)
    assert response.status_code == 302
    callback = urlsplit(response.headers["location"])
    assert f"{callback.scheme}://{callback.netloc}{callback.path}" == CALLBACK
    return f"{callback.path}?{callback.query}"


def back_at_web(browser: TestClient, callback: str) -> httpx2.Response:
    return browser.get(callback, follow_redirects=False)  # as the provider's 302 leads


def sign_on(browser: TestClient, idp: TestClient, user: str,
            next_path: str = "/initiatives") -> httpx2.Response:
    return back_at_web(browser, at_provider(idp, start(browser, next_path), user))


def set_cookies(response: httpx2.Response, name: str) -> list[str]:
    return [value for value in response.headers.get_list("set-cookie")
            if value.startswith(f"{name}=")]


def assert_refused(response: httpx2.Response, status: int, message: str) -> None:
    """The login page with the message; no session, and the sign-on's cookie cleared."""
    assert response.status_code == status
    assert message in response.text
    assert 'role="alert"' in response.text
    assert set_cookies(response, COOKIE) == []
    (cleared,) = set_cookies(response, sso.COOKIE)
    assert "Max-Age=0" in cleared


def with_sso_cookie(browser: TestClient, value: str) -> None:
    browser.cookies.delete(sso.COOKIE)
    browser.cookies.set(sso.COOKIE, value, domain=HOST, path="/login/sso")


def me_at_the_api(api_app: FastAPI, token: str) -> dict[str, object]:
    with TestClient(api_app) as api:
        response = api.get("/v1/accounts/me", headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 200
    return dict(response.json())


def test_signing_on_lands_on_the_next_page_signed_in_with_the_mapped_role(
        browser: TestClient, idp: TestClient, api_app: FastAPI) -> None:
    response = sign_on(browser, idp, "redacteur", "/initiatives?q=tuin")
    assert response.status_code == 303
    assert response.headers["location"] == "/initiatives?q=tuin"
    (session_cookie,) = set_cookies(response, COOKIE)
    for attribute in ("HttpOnly", "Path=/", "SameSite=lax"):
        assert attribute in session_cookie
    page = browser.get("/initiatives?q=tuin")
    assert page.status_code == 200
    assert "Ruud Redactie" in page.text
    me = me_at_the_api(api_app, str(browser.cookies.get(COOKIE)))
    assert (me["role"], me["stadsdelen"]) == ("editor", ["A", "F"])


def test_the_provider_is_asked_for_a_code_with_pkce_state_and_nonce(
        browser: TestClient) -> None:
    response = browser.get("/login/sso", follow_redirects=False)
    authorize = httpx2.URL(response.headers["location"])
    assert str(authorize.copy_with(query=None)) == f"{ISSUER}/authorize"
    flow = sso.Flow.from_cookie(browser.cookies.get(sso.COOKIE))
    assert flow is not None
    assert dict(authorize.params) == {
        "response_type": "code", "client_id": CLIENT_ID, "redirect_uri": CALLBACK,
        "scope": "openid profile email", "state": flow.state, "nonce": flow.nonce,
        "code_challenge": s256(flow.verifier), "code_challenge_method": "S256",
        "ui_locales": "nl"}
    assert len({flow.state, flow.nonce, flow.verifier}) == 3
    assert len(flow.verifier) >= 43  # RFC 7636: 43 to 128 characters
    (cookie,) = set_cookies(response, sso.COOKIE)
    for attribute in ("HttpOnly", "Path=/login/sso", "SameSite=lax", "Max-Age=600"):
        assert attribute in cookie
    assert response.headers["cache-control"] == "no-store"


def test_a_tampered_state_is_refused(browser: TestClient, idp: TestClient) -> None:
    callback = at_provider(idp, start(browser), "beheerder")
    tampered = callback.replace("state=", "state=x")
    assert_refused(back_at_web(browser, tampered), 400, "is verlopen of in een andere browser")


def test_a_state_used_once_is_refused_the_second_time(
        browser: TestClient, idp: TestClient) -> None:
    authorize = start(browser)
    kept = str(browser.cookies.get(sso.COOKIE))
    callback = at_provider(idp, authorize, "beheerder")
    assert back_at_web(browser, callback).status_code == 303
    # The browser forgot the sign-on: the same return again is refused by the web ...
    assert_refused(back_at_web(browser, callback), 400, "is verlopen")
    # ... and with the old cookie put back, by the provider: a code works once.
    with_sso_cookie(browser, kept)
    assert_refused(back_at_web(browser, callback), 400, "is niet gelukt. Begin opnieuw.")


def test_a_return_to_a_browser_that_did_not_start_the_sign_on_is_refused(
        web_app: FastAPI, browser: TestClient, idp: TestClient) -> None:
    """Login CSRF: an attacker's own code and state, sent to someone else's browser."""
    callback = at_provider(idp, start(browser), "buitenstaander")
    with TestClient(web_app) as victim:
        assert_refused(back_at_web(victim, callback), 400, "is verlopen")


def test_a_wrong_code_verifier_is_refused_by_the_provider(
        browser: TestClient, idp: TestClient) -> None:
    callback = at_provider(idp, start(browser), "beheerder")
    flow = sso.Flow.from_cookie(browser.cookies.get(sso.COOKIE))
    assert flow is not None
    wrong = sso.Flow(flow.state, flow.nonce, "a-verifier-that-is-not-the-one-in-the-challenge",
                     flow.started, flow.back)
    with_sso_cookie(browser, wrong.cookie_value())
    assert_refused(back_at_web(browser, callback), 400, "is niet gelukt. Begin opnieuw.")


def test_the_provider_refuses_a_code_without_its_verifier(idp: TestClient) -> None:
    redirect = idp.get("/authorize", follow_redirects=False, params={
        "response_type": "code", "client_id": CLIENT_ID, "redirect_uri": CALLBACK,
        "scope": "openid", "code_challenge": s256("the-verifier"),
        "code_challenge_method": "S256", "login_hint": "lezer"})
    code = httpx2.URL(redirect.headers["location"]).params["code"]
    answer = idp.post("/token", auth=(CLIENT_ID, CLIENT_SECRET), data={
        "grant_type": "authorization_code", "code": code, "redirect_uri": CALLBACK})
    assert (answer.status_code, answer.json()) == (400, {"error": "invalid_grant"})


def test_access_denied_by_the_provider_is_shown(browser: TestClient, idp: TestClient) -> None:
    response = sign_on(browser, idp, "someone-the-provider-does-not-know")
    assert_refused(response, 401, "is afgebroken of geweigerd")


def test_an_account_whose_groups_map_to_no_role_is_refused_with_a_message(
        browser: TestClient, idp: TestClient) -> None:
    response = sign_on(browser, idp, "buitenstaander")
    assert_refused(response, 401, "Uw account geeft geen toegang tot Buurtkracht.")
    assert browser.get("/initiatives", follow_redirects=False).status_code == 303


@pytest.mark.parametrize("next_path", [
    "https://evil.example/", "//evil.example/", "/\\evil.example", "javascript:alert(1)",
])
def test_a_next_that_leaves_the_service_is_ignored(
        browser: TestClient, idp: TestClient, next_path: str) -> None:
    response = sign_on(browser, idp, "lezer", next_path)
    assert response.status_code == 303
    assert response.headers["location"] == "/"


def test_a_next_planted_in_the_cookie_is_checked_again(
        browser: TestClient, idp: TestClient) -> None:
    callback = at_provider(idp, start(browser), "lezer")
    flow = sso.Flow.from_cookie(browser.cookies.get(sso.COOKIE))
    assert flow is not None
    planted = sso.Flow(flow.state, flow.nonce, flow.verifier, flow.started, "//evil.example/")
    with_sso_cookie(browser, planted.cookie_value())
    assert back_at_web(browser, callback).headers["location"] == "/"


def test_a_sign_on_older_than_ten_minutes_must_begin_again(
        web_app: FastAPI, browser: TestClient, idp: TestClient) -> None:
    callback = at_provider(idp, start(browser), "beheerder")
    started = web_app.state.identity_provider.clock()
    web_app.state.identity_provider.clock = lambda: started + sso.FLOW_SECONDS + 1
    assert_refused(back_at_web(browser, callback), 400, "is verlopen")


def test_signing_on_ends_the_session_the_browser_had(
        browser: TestClient, idp: TestClient, api_app: FastAPI, engine: Engine) -> None:
    old = session_for(engine, "viewer")
    signed_in(browser, old)
    assert sign_on(browser, idp, "beheerder").status_code == 303
    assert browser.cookies.get(COOKIE) != old
    with TestClient(api_app) as api:
        assert api.get("/v1/accounts/me",
                       headers={"Authorization": f"Bearer {old}"}).status_code == 401


def test_an_unreachable_provider_is_shown_and_nothing_is_kept(
        api_app: FastAPI, sso_configured: None) -> None:
    app = create_app(transport=httpx2.ASGITransport(app=api_app), api_url="http://api.test",
                     oidc_transport=httpx2.ASGITransport(app=FastAPI()))
    with TestClient(app) as browser:
        response = browser.get("/login/sso?next=/initiatives", follow_redirects=False)
    assert_refused(response, 503, "de identiteitsprovider is niet bereikbaar")
    assert '<input type="hidden" name="next" value="/initiatives">' in response.text


def test_the_login_page_offers_the_sign_on_with_next_when_configured(
        browser: TestClient) -> None:
    html = browser.get("/login?next=/initiatives").text
    assert ('<a class="ams-button ams-button--secondary" id="sso-link" '
            'href="/login/sso?next=%2Finitiatives" hx-boost="false">'
            'Aanmelden met uw gemeente-account</a>') in html
    assert "sso-link" not in browser.get("/login", headers=HTMX).text  # only the form block


def test_the_button_takes_the_configured_label(
        api_app: FastAPI, sso_configured: None, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WEB_OIDC_LABEL", "Inloggen met Entra <ID>")
    get_settings.cache_clear()
    with TestClient(new_web_app(api_app)) as browser:
        assert "Inloggen met Entra &lt;ID&gt;</a>" in browser.get("/login").text


def test_without_an_issuer_there_is_no_button_and_no_sign_on(api_app: FastAPI) -> None:
    with TestClient(new_web_app(api_app)) as browser:
        assert "sso-link" not in browser.get("/login").text
        assert browser.get("/login/sso", follow_redirects=False).status_code == 404
        assert browser.get("/login/sso/callback?code=c&state=s",
                           follow_redirects=False).status_code == 404
