"""The identity provider as single sign-on uses it: its discovery document, the address a
sign-on starts at, and its token endpoint (OpenID Connect Core 3.1, RFC 6749, RFC 7636).

The ID token it gives is not checked here: the web passes it on to the API, which checks
signature, issuer, audience, expiry and nonce, and decides the role (api/auth/oidc.py).
"""

import base64
import hashlib
import logging
import time
from collections.abc import Callable
from urllib.parse import quote_plus, urlencode

import httpx2
from pydantic import BaseModel, ValidationError

from web.config import Settings

logger = logging.getLogger(__name__)
# The provider answers within seconds; a sign-on waits at most this long for it.
HTTP_TIMEOUT = httpx2.Timeout(5.0)
# Endpoints change when the provider is reconfigured, not between two sign-ons.
DISCOVERY_SECONDS = 3600.0


class ProviderUnavailable(Exception):
    """The provider could not be reached, or answered with something that is not OIDC."""


class ProviderRefused(Exception):
    """The token endpoint refused the code: used before, expired, or a wrong PKCE verifier."""


class Discovery(BaseModel):
    issuer: str
    authorization_endpoint: str
    token_endpoint: str
    # OpenID Connect Discovery 1.0, section 3: client_secret_basic when the provider is silent.
    token_endpoint_auth_methods_supported: list[str] = ["client_secret_basic"]


def code_challenge(verifier: str) -> str:
    """PKCE's S256 challenge of a verifier (RFC 7636, 4.2)."""
    digest = hashlib.sha256(verifier.encode("ascii")).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")


def client_authentication(client_id: str, secret: str | None,
                          methods: list[str]) -> tuple[dict[str, str], dict[str, str]]:
    """Form fields and headers that authenticate the client at the token endpoint."""
    if secret is None:  # a public client: PKCE alone ties the code to this sign-on
        return {"client_id": client_id}, {}
    if "client_secret_basic" in methods or "client_secret_post" not in methods:
        # RFC 6749 2.3.1: both halves are form-encoded before they are joined and encoded.
        pair = f"{quote_plus(client_id)}:{quote_plus(secret)}".encode()
        return {}, {"Authorization": "Basic " + base64.b64encode(pair).decode("ascii")}
    return {"client_id": client_id, "client_secret": secret}, {}


class IdentityProvider:
    """One per app: it keeps the discovery document between sign-ons. `clock` is wall time;
    the sign-on flow's expiry is measured with it too."""

    def __init__(self, settings: Settings, transport: httpx2.AsyncBaseTransport | None = None,
                 clock: Callable[[], float] = time.time) -> None:
        if settings.oidc_issuer is None or settings.oidc_client_id is None:
            raise ValueError("single sign-on needs WEB_OIDC_ISSUER and WEB_OIDC_CLIENT_ID")
        self.issuer = settings.oidc_issuer
        self.client_id = settings.oidc_client_id
        secret = settings.oidc_client_secret
        self._secret = secret.get_secret_value() if secret is not None else None
        self._scopes = settings.oidc_scopes
        self._transport = transport
        self.clock = clock
        self._discovery: tuple[float, Discovery] | None = None

    def _http(self) -> httpx2.AsyncClient:
        # A client per sign-on: they are rare, and the API client's pool is the API's alone.
        return httpx2.AsyncClient(transport=self._transport, timeout=HTTP_TIMEOUT,
                                  headers={"Accept": "application/json"})

    async def discovery(self) -> Discovery:
        now = self.clock()
        if self._discovery is not None and self._discovery[0] > now:
            return self._discovery[1]
        try:
            async with self._http() as http:
                response = await http.get(
                    self.issuer.rstrip("/") + "/.well-known/openid-configuration")
            response.raise_for_status()
            found = Discovery.model_validate_json(response.content)
        except (httpx2.HTTPError, ValidationError) as error:
            raise ProviderUnavailable(f"discovery failed: {error}") from error
        # OpenID Connect Discovery 4.3: a document naming another issuer must not be used.
        if found.issuer != self.issuer:
            raise ProviderUnavailable(f"discovery names issuer {found.issuer!r}")
        self._discovery = (now + DISCOVERY_SECONDS, found)
        return found

    async def authorization_url(self, *, redirect_uri: str, state: str, nonce: str,
                                verifier: str, lang: str) -> str:
        """Where the browser goes to sign on; the provider sends it back to `redirect_uri`."""
        endpoint = (await self.discovery()).authorization_endpoint
        params = {"response_type": "code", "client_id": self.client_id,
                  "redirect_uri": redirect_uri, "scope": self._scopes, "state": state,
                  "nonce": nonce, "code_challenge": code_challenge(verifier),
                  "code_challenge_method": "S256", "ui_locales": lang}
        return endpoint + ("&" if "?" in endpoint else "?") + urlencode(params)

    async def id_token(self, *, code: str, verifier: str, redirect_uri: str) -> str:
        """The ID token for an authorization code, redeemed with the sign-on's verifier."""
        discovery = await self.discovery()
        form, headers = client_authentication(
            self.client_id, self._secret, discovery.token_endpoint_auth_methods_supported)
        form.update({"grant_type": "authorization_code", "code": code,
                     "redirect_uri": redirect_uri, "code_verifier": verifier})
        try:
            async with self._http() as http:
                response = await http.post(discovery.token_endpoint, data=form,
                                           headers=headers)
        except httpx2.HTTPError as error:
            raise ProviderUnavailable(f"token endpoint: {error}") from error
        if response.status_code in (400, 401):  # RFC 6749 5.2: the error is in the body
            raise ProviderRefused(_error_code(response))
        token = _json_field(response, "id_token") if response.status_code == 200 else None
        if token is None:
            raise ProviderUnavailable(f"token endpoint answered {response.status_code} "
                                      "without an ID token")
        return token


def _json_field(response: httpx2.Response, name: str) -> str | None:
    try:
        body = response.json()
    except ValueError:
        return None
    value = body.get(name) if isinstance(body, dict) else None
    return value if isinstance(value, str) else None


def _error_code(response: httpx2.Response) -> str:
    """The OAuth error code, for the log: never the description, which may echo input."""
    return _json_field(response, "error") or f"status {response.status_code}"
