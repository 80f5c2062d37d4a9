"""A small, real OpenID Connect provider in process, standing in for Entra ID or Keycloak.

It does the authorization-code flow with PKCE (S256) and client authentication by secret, and
signs ID tokens with a key it publishes. There is no login page: `login_hint` names the user,
and /authorize redirects straight back, as a provider does for someone already signed in.
"""

import base64
import copy
import hashlib
import hmac
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Literal
from urllib.parse import unquote_plus, urlencode

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, RedirectResponse
from joserfc import jwt
from joserfc.jwk import ECKey, Key, KeySet, RSAKey

DEFAULT_USERS: dict[str, dict[str, Any]] = {
    "beheerder": {"sub": "sub-beheerder", "name": "Bea Beheer", "email": "bea@example.org",
                  "roles": ["bk-admins"]},
    "redacteur": {"sub": "sub-redacteur", "name": "Ruud Redactie",
                  "email": "ruud@example.org", "roles": ["bk-redactie"],
                  "stadsdelen": ["F", "A"]},
    "onderzoeker": {"sub": "sub-onderzoeker", "preferred_username": "onderzoeker@example.org",
                    "roles": ["bk-onderzoek"]},
    "lezer": {"sub": "sub-lezer", "name": "Lies Lezer", "roles": ["bk-lezers"]},
    "buitenstaander": {"sub": "sub-buitenstaander", "name": "Bob Buiten", "roles": ["anders"]},
}
ISSUER = "http://idp.test"
CLIENT_ID = "buurtkracht-web"
CLIENT_SECRET = "buurtkracht-test-secret"
TOKEN_SECONDS = 300
CODE_SECONDS = 60


@dataclass(frozen=True)
class Grant:
    """What /authorize promised, to be redeemed once at /token."""

    user: str
    client_id: str
    redirect_uri: str
    nonce: str | None
    code_challenge: str
    expires_at: float


@dataclass
class Provider:
    issuer: str
    client_id: str
    client_secret: str
    users: dict[str, dict[str, Any]]
    clock: Callable[[], float]
    key: Key  # the key new tokens are signed with
    published: list[Key]  # what /jwks shows: the current key and the ones before it
    grants: dict[str, Grant] = field(default_factory=dict)
    jwks_requests: int = 0
    app: FastAPI = field(default_factory=FastAPI)

    def id_token(self, user: str, nonce: str | None = None, *, signing_key: Key | None = None,
                 **overrides: Any) -> str:
        """An ID token for one of `users`; an override of None leaves that claim out."""
        now = int(self.clock())
        claims: dict[str, Any] = {"iss": self.issuer, "aud": self.client_id,
                                  "iat": now, "exp": now + TOKEN_SECONDS, **self.users[user]}
        if nonce is not None:
            claims["nonce"] = nonce
        claims.update(overrides)
        key = signing_key or self.key
        header = {"alg": signing_algorithm(key), "kid": key.kid}
        return jwt.encode(header, {k: v for k, v in claims.items() if v is not None}, key)

    def rotate_key(self, key_type: Literal["RSA", "EC"] = "RSA") -> Key:
        """A new signing key; the old one stays published, so tokens it signed still verify."""
        self.key = new_key(key_type)
        self.published.append(self.key)
        return self.key

    def jwks(self) -> dict[str, Any]:
        return dict(KeySet(self.published).as_dict(private=False))


def make_provider(issuer: str = ISSUER, client_id: str = CLIENT_ID,
                  client_secret: str = CLIENT_SECRET,
                  users: dict[str, dict[str, Any]] | None = None,
                  clock: Callable[[], float] = time.time) -> Provider:
    key = new_key("RSA")
    provider = Provider(issuer=issuer, client_id=client_id, client_secret=client_secret,
                        users=copy.deepcopy(DEFAULT_USERS if users is None else users), clock=clock,
                        key=key, published=[key])
    _add_routes(provider)
    return provider


def new_key(key_type: Literal["RSA", "EC"]) -> Key:
    key: Key = (RSAKey.generate_key(2048) if key_type == "RSA"
                else ECKey.generate_key("P-256"))
    key.ensure_kid()
    return key


def signing_algorithm(key: Key) -> str:
    return "RS256" if isinstance(key, RSAKey) else "ES256"


def s256(verifier: str) -> str:
    """The PKCE code challenge for a verifier (RFC 7636, 4.2)."""
    digest = hashlib.sha256(verifier.encode()).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")


def _add_routes(provider: Provider) -> None:
    app = provider.app

    @app.get("/.well-known/openid-configuration")
    def discovery() -> dict[str, Any]:
        return {
            "issuer": provider.issuer,
            "authorization_endpoint": f"{provider.issuer}/authorize",
            "token_endpoint": f"{provider.issuer}/token",
            "jwks_uri": f"{provider.issuer}/jwks",
            "response_types_supported": ["code"],
            "subject_types_supported": ["public"],
            "id_token_signing_alg_values_supported": ["RS256", "ES256"],
            "scopes_supported": ["openid", "profile", "email"],
            "token_endpoint_auth_methods_supported": ["client_secret_basic",
                                                      "client_secret_post"],
            "code_challenge_methods_supported": ["S256"],
        }

    @app.get("/jwks")
    def jwks() -> dict[str, Any]:
        provider.jwks_requests += 1
        return provider.jwks()

    @app.get("/authorize", response_model=None)
    def authorize(request: Request) -> RedirectResponse | JSONResponse:
        return _authorize(provider, dict(request.query_params))

    @app.post("/token", response_model=None)
    async def token(request: Request) -> JSONResponse:
        form = {key: value for key, value in (await request.form()).items()
                if isinstance(value, str)}
        return _token(provider, form, request.headers.get("authorization"))


def _authorize(provider: Provider, params: dict[str, str]) -> RedirectResponse | JSONResponse:
    redirect_uri = params.get("redirect_uri", "")
    # Never redirect for an unknown client: that would make this an open redirector.
    if params.get("client_id") != provider.client_id or not redirect_uri:
        return _error("invalid_request", 400)
    problem = None
    if params.get("response_type") != "code":
        problem = "unsupported_response_type"
    elif "openid" not in params.get("scope", "").split():
        problem = "invalid_scope"
    elif params.get("code_challenge_method") != "S256" or not params.get("code_challenge"):
        problem = "invalid_request"
    elif params.get("login_hint") not in provider.users:
        problem = "access_denied"
    answer = {"error": problem} if problem else {"code": _grant(provider, params, redirect_uri)}
    if "state" in params:
        answer["state"] = params["state"]
    separator = "&" if "?" in redirect_uri else "?"
    return RedirectResponse(redirect_uri + separator + urlencode(answer), status_code=302)


def _grant(provider: Provider, params: dict[str, str], redirect_uri: str) -> str:
    code = secrets.token_urlsafe(24)
    provider.grants[code] = Grant(
        user=params["login_hint"], client_id=params["client_id"], redirect_uri=redirect_uri,
        nonce=params.get("nonce"), code_challenge=params["code_challenge"],
        expires_at=provider.clock() + CODE_SECONDS)
    return code


def _token(provider: Provider, form: dict[str, str], authorization: str | None) -> JSONResponse:
    client_id, client_secret = _client_credentials(form, authorization)
    if client_id != provider.client_id or not hmac.compare_digest(
            client_secret.encode(), provider.client_secret.encode()):
        # RFC 6749 5.2: 401 when the client tried HTTP Basic, 400 otherwise.
        return _error("invalid_client", 401 if authorization else 400)
    if form.get("grant_type") != "authorization_code":
        return _error("unsupported_grant_type", 400)
    grant = provider.grants.pop(form.get("code", ""), None)  # a code works once
    if (grant is None or grant.client_id != client_id
            or grant.redirect_uri != form.get("redirect_uri")
            or grant.expires_at < provider.clock()
            or not hmac.compare_digest(s256(form.get("code_verifier", "")).encode(),
                                       grant.code_challenge.encode())):
        return _error("invalid_grant", 400)
    return JSONResponse(
        {"access_token": secrets.token_urlsafe(32), "token_type": "Bearer",
         "id_token": provider.id_token(grant.user, grant.nonce), "expires_in": TOKEN_SECONDS},
        headers={"Cache-Control": "no-store"})


def _client_credentials(form: dict[str, str], authorization: str | None) -> tuple[str, str]:
    """From HTTP Basic (form-encoded inside, RFC 6749 2.3.1) or else from the form."""
    if authorization and authorization.lower().startswith("basic "):
        try:
            decoded = base64.b64decode(authorization[6:], validate=True).decode()
        except ValueError:
            return "", ""
        client_id, _, client_secret = decoded.partition(":")
        return unquote_plus(client_id), unquote_plus(client_secret)
    return form.get("client_id", ""), form.get("client_secret", "")


def _error(code: str, status: int) -> JSONResponse:
    return JSONResponse({"error": code}, status_code=status, headers={"Cache-Control": "no-store"})
