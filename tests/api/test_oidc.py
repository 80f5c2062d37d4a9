"""Single sign-on: which ID tokens the API accepts, checked against a real provider in process."""

import base64
import hashlib
import hmac
import json
from typing import Any

import httpx2
import pytest
from fastapi import FastAPI
from joserfc.jwk import RSAKey
from pydantic import ValidationError

from api.auth.models import Role
from api.auth.oidc import (
    OidcSettings,
    OidcVerifier,
    SsoIdentity,
    SsoRefused,
    SsoUnavailable,
    mapped_role,
)
from tests.oidc_provider import CLIENT_ID, CLIENT_SECRET, ISSUER, Provider, make_provider, s256

pytestmark = pytest.mark.anyio

NOW = 1_800_000_000.0
ROLE_MAP = {"bk-admins": Role.ADMIN, "bk-redactie": Role.EDITOR,
            "bk-onderzoek": Role.RESEARCHER, "bk-lezers": Role.VIEWER}


class Clock:
    """Time that stands still until a test moves it."""

    def __init__(self) -> None:
        self.now = NOW

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def provider(clock: Clock) -> Provider:
    return make_provider(clock=clock)


def make_verifier(provider: Provider | FastAPI, clock: Clock, **settings: Any) -> OidcVerifier:
    app = provider.app if isinstance(provider, Provider) else provider
    return OidcVerifier(OidcSettings(**{"issuer": ISSUER, "audience": CLIENT_ID,
                                        "role_map": ROLE_MAP, **settings}),
                        httpx2.ASGITransport(app=app), clock=clock)


@pytest.fixture
def verifier(provider: Provider, clock: Clock) -> OidcVerifier:
    return make_verifier(provider, clock)


def b64(data: bytes) -> bytes:
    return base64.urlsafe_b64encode(data).rstrip(b"=")


def handmade_token(header: dict[str, Any], claims: dict[str, Any], secret: bytes | None) -> str:
    """A token joserfc would refuse to make: unsigned, or HMAC-signed with a given secret."""
    signing_input = b64(json.dumps(header).encode()) + b"." + b64(json.dumps(claims).encode())
    signature = hmac.new(secret, signing_input, hashlib.sha256).digest() if secret else b""
    return (signing_input + b"." + b64(signature)).decode()


def claims_of(provider: Provider, user: str) -> dict[str, Any]:
    token = provider.id_token(user)
    return dict(json.loads(base64.urlsafe_b64decode(token.split(".")[1] + "==")))


async def test_a_good_token_gives_the_person_with_the_mapped_role_and_stadsdelen(
        provider: Provider, verifier: OidcVerifier) -> None:
    identity = await verifier.verify(provider.id_token("redacteur", nonce="n-1"), nonce="n-1")
    assert identity == SsoIdentity(subject="sub-redacteur", issuer=ISSUER, name="Ruud Redactie",
                                   email="ruud@example.org", role=Role.EDITOR,
                                   stadsdelen=("A", "F"))


async def test_the_name_falls_back_to_the_username_and_then_the_subject(
        provider: Provider, verifier: OidcVerifier) -> None:
    researcher = await verifier.verify(provider.id_token("onderzoeker"))
    assert (researcher.name, researcher.email) == ("onderzoeker@example.org", None)
    nameless = await verifier.verify(provider.id_token("lezer", name=None))
    assert (nameless.name, nameless.role) == ("sub-lezer", Role.VIEWER)


async def test_only_an_editor_carries_stadsdelen(
        provider: Provider, verifier: OidcVerifier) -> None:
    token = provider.id_token("beheerder", stadsdelen=["F"])
    assert (await verifier.verify(token)).stadsdelen == ()
    token = provider.id_token("redacteur", stadsdelen=["F", "X", "F"])
    assert (await verifier.verify(token)).stadsdelen == ("F",)


async def test_a_list_of_roles_gives_the_most_privileged_one(
        provider: Provider, verifier: OidcVerifier) -> None:
    token = provider.id_token("lezer", roles=["bk-lezers", "anders", "bk-admins", "bk-redactie"])
    assert (await verifier.verify(token)).role == Role.ADMIN
    assert mapped_role("bk-onderzoek", ROLE_MAP) == Role.RESEARCHER
    assert mapped_role(["bk-lezers", 7], ROLE_MAP) == Role.VIEWER
    assert mapped_role({"bk-admins": True}, ROLE_MAP) is None


async def test_a_token_expired_within_the_leeway_is_still_accepted(
        provider: Provider, verifier: OidcVerifier) -> None:
    token = provider.id_token("lezer", iat=int(NOW) - 400, exp=int(NOW) - 30)
    assert (await verifier.verify(token)).subject == "sub-lezer"


@pytest.mark.parametrize("overrides", [
    pytest.param({"iat": int(NOW) - 400, "exp": int(NOW) - 61}, id="expired"),
    pytest.param({"nbf": int(NOW) + 120}, id="not-yet-valid"),
    pytest.param({"iat": int(NOW) + 120}, id="issued-in-the-future"),
    pytest.param({"aud": "another-client"}, id="wrong-audience"),
    pytest.param({"aud": ["another-client", CLIENT_ID], "azp": "another-client"},
                 id="authorized-party-is-another-client"),
    pytest.param({"iss": "http://evil.test"}, id="wrong-issuer"),
    pytest.param({"exp": None}, id="no-expiry"),
    pytest.param({"sub": None}, id="no-subject"),
    pytest.param({"roles": ["anders"]}, id="unmapped-role"),
    pytest.param({"roles": None}, id="no-role-claim"),
])
async def test_a_token_with_a_bad_claim_is_refused(
        provider: Provider, verifier: OidcVerifier, overrides: dict[str, Any]) -> None:
    with pytest.raises(SsoRefused):
        await verifier.verify(provider.id_token("beheerder", **overrides))


async def test_a_token_for_several_audiences_including_ours_is_accepted(
        provider: Provider, verifier: OidcVerifier) -> None:
    token = provider.id_token("beheerder", aud=["other", CLIENT_ID], azp=CLIENT_ID)
    assert (await verifier.verify(token)).role == Role.ADMIN


async def test_a_nonce_must_match_when_one_is_given(
        provider: Provider, verifier: OidcVerifier) -> None:
    with pytest.raises(SsoRefused):
        await verifier.verify(provider.id_token("lezer", nonce="other"), nonce="mine")
    with pytest.raises(SsoRefused):
        await verifier.verify(provider.id_token("lezer"), nonce="mine")


async def test_a_signature_by_another_key_under_the_providers_key_id_is_refused(
        provider: Provider, verifier: OidcVerifier) -> None:
    forger = RSAKey.generate_key(2048, parameters={"kid": str(provider.key.kid)})
    with pytest.raises(SsoRefused):
        await verifier.verify(provider.id_token("beheerder", signing_key=forger))


@pytest.mark.parametrize("alg", ["none", "None", "HS256"])
async def test_unsigned_and_symmetric_tokens_are_refused(
        provider: Provider, verifier: OidcVerifier, alg: str) -> None:
    # The classic confusion: HMAC with the provider's public key, which anyone can fetch.
    assert isinstance(provider.key, RSAKey)
    secret = provider.key.as_pem(private=False) if alg == "HS256" else None
    header = {"alg": alg, "typ": "JWT", "kid": provider.key.kid}
    token = handmade_token(header, claims_of(provider, "beheerder"), secret)
    with pytest.raises(SsoRefused):
        await verifier.verify(token)


@pytest.mark.parametrize("token", ["", "not-a-jwt", "a.b.c", "e30.e30.", "ey.ey.ey.ey.ey"])
async def test_garbage_is_refused(verifier: OidcVerifier, token: str) -> None:
    with pytest.raises(SsoRefused):
        await verifier.verify(token)


async def test_without_an_issuer_single_sign_on_is_off(
        provider: Provider, clock: Clock) -> None:
    verifier = make_verifier(provider, clock, issuer=None)
    with pytest.raises(SsoRefused):
        await verifier.verify(provider.id_token("beheerder"))
    assert provider.jwks_requests == 0


async def test_a_rotated_key_is_fetched_once_and_the_old_key_still_works(
        provider: Provider, verifier: OidcVerifier, clock: Clock) -> None:
    old_token = provider.id_token("beheerder")
    await verifier.verify(old_token)
    provider.rotate_key()
    new_token = provider.id_token("beheerder")
    clock.now += 11
    assert (await verifier.verify(new_token)).role == Role.ADMIN
    await verifier.verify(old_token)
    await verifier.verify(new_token)
    assert provider.jwks_requests == 2


async def test_unknown_key_ids_do_not_make_the_api_ask_the_provider_every_time(
        provider: Provider, verifier: OidcVerifier) -> None:
    await verifier.verify(provider.id_token("beheerder"))
    provider.rotate_key()
    for _ in range(3):
        with pytest.raises(SsoRefused):
            await verifier.verify(provider.id_token("beheerder"))
    assert provider.jwks_requests == 1


async def test_an_elliptic_curve_key_signs_with_es256(
        provider: Provider, verifier: OidcVerifier) -> None:
    provider.rotate_key("EC")
    assert (await verifier.verify(provider.id_token("onderzoeker"))).role == Role.RESEARCHER


async def test_the_keys_are_cached_and_refreshed_after_the_cache_time(
        provider: Provider, verifier: OidcVerifier, clock: Clock) -> None:
    await verifier.verify(provider.id_token("lezer"))
    clock.now += 299
    await verifier.verify(provider.id_token("lezer"))
    assert provider.jwks_requests == 1
    clock.now += 2
    await verifier.verify(provider.id_token("lezer"))
    assert provider.jwks_requests == 2


async def test_an_unreachable_provider_is_unavailable_not_a_bad_token(clock: Clock) -> None:
    verifier = make_verifier(FastAPI(), clock)
    with pytest.raises(SsoUnavailable):
        await verifier.verify(make_provider(clock=clock).id_token("lezer"))


async def test_a_discovery_document_of_another_issuer_is_not_used(clock: Clock) -> None:
    impostor = make_provider(issuer="http://impostor.test", clock=clock)
    with pytest.raises(SsoUnavailable):
        await make_verifier(impostor, clock).verify(impostor.id_token("lezer", iss=ISSUER))


def test_the_role_map_comes_from_json_and_only_names_our_roles(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("API_OIDC_ROLE_MAP", '{"bk-admins": "admin", "bk-redactie": "editor"}')
    assert OidcSettings().role_map == {"bk-admins": Role.ADMIN, "bk-redactie": Role.EDITOR}
    monkeypatch.setenv("API_OIDC_ROLE_MAP", '{"bk-admins": "superuser"}')
    with pytest.raises(ValidationError):
        OidcSettings()


async def test_the_code_flow_gives_an_id_token_the_api_accepts(
        provider: Provider, verifier: OidcVerifier) -> None:
    callback = "http://web.test/auth/callback"
    transport = httpx2.ASGITransport(app=provider.app)
    async with httpx2.AsyncClient(transport=transport, base_url=ISSUER) as idp:
        redirect = await idp.get("/authorize", params={
            "response_type": "code", "client_id": CLIENT_ID, "redirect_uri": callback,
            "scope": "openid profile email", "state": "s-1", "nonce": "n-1",
            "code_challenge": s256("verifier-1"), "code_challenge_method": "S256",
            "login_hint": "redacteur"})
        assert redirect.status_code == 302
        query = httpx2.URL(redirect.headers["location"]).params
        assert query["state"] == "s-1"
        form = {"grant_type": "authorization_code", "code": query["code"],
                "redirect_uri": callback, "code_verifier": "verifier-1"}
        tokens = await idp.post("/token", data=form, auth=(CLIENT_ID, CLIENT_SECRET))
        assert tokens.status_code == 200
        assert tokens.json()["token_type"] == "Bearer"
        identity = await verifier.verify(tokens.json()["id_token"], nonce="n-1")
        assert identity.role == Role.EDITOR
        again = await idp.post("/token", data=form, auth=(CLIENT_ID, CLIENT_SECRET))
        assert again.json() == {"error": "invalid_grant"}


async def test_the_token_endpoint_checks_the_client_and_the_code_verifier(
        provider: Provider) -> None:
    async with httpx2.AsyncClient(transport=httpx2.ASGITransport(app=provider.app),
                                  base_url=ISSUER) as idp:
        redirect = await idp.get("/authorize", params={
            "response_type": "code", "client_id": CLIENT_ID, "redirect_uri": "http://web.test/cb",
            "scope": "openid", "code_challenge": s256("right"), "code_challenge_method": "S256",
            "login_hint": "lezer"})
        code = httpx2.URL(redirect.headers["location"]).params["code"]
        form = {"grant_type": "authorization_code", "code": code,
                "redirect_uri": "http://web.test/cb", "client_id": CLIENT_ID}
        wrong_secret = await idp.post("/token", data={**form, "client_secret": "guess"})
        assert (wrong_secret.status_code, wrong_secret.json()) == (400, {"error": "invalid_client"})
        wrong_verifier = await idp.post("/token", data={**form, "client_secret": CLIENT_SECRET,
                                                        "code_verifier": "wrong"})
        assert wrong_verifier.json() == {"error": "invalid_grant"}
