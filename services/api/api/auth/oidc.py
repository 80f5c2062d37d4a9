"""Checking an OpenID Connect ID token from the city's identity provider, for single sign-on."""

import hmac
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import httpx2
from joserfc import jws, jwt
from joserfc.errors import JoseError
from joserfc.jwk import Key, KeySet
from pydantic_settings import BaseSettings, SettingsConfigDict

from api.auth.models import STADSDEEL_CODES, Role

logger = logging.getLogger(__name__)

# Asymmetric only: with HS* the published public key would be the secret, and "none" is no
# signature at all. Both are refused before any key is looked at.
ALLOWED_ALGORITHMS = frozenset({"RS256", "ES256"})
# A token naming an unknown key makes us ask the provider again, but at most this often, so
# that a stream of made-up key ids cannot turn into a stream of requests to the provider.
REFETCH_INTERVAL_SECONDS = 10.0
# The provider should answer within seconds; a login waits at most this long for it.
HTTP_TIMEOUT = httpx2.Timeout(5.0)
ROLE_RANK = (Role.ADMIN, Role.EDITOR, Role.RESEARCHER, Role.VIEWER)


class OidcSettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="API_OIDC_", extra="ignore")

    issuer: str | None = None  # single sign-on is off without one
    audience: str | None = None  # the client id the web service logs in with
    role_claim: str = "roles"
    # Claim value (an Entra app role, a Keycloak group) → our role, as JSON in the variable.
    role_map: dict[str, Role] = {}
    stadsdelen_claim: str = "stadsdelen"
    jwks_cache_seconds: float = 300
    leeway_seconds: int = 60


@lru_cache
def get_oidc_settings() -> OidcSettings:
    return OidcSettings()


@dataclass(frozen=True)
class SsoIdentity:
    subject: str
    issuer: str
    name: str
    email: str | None
    role: Role
    stadsdelen: tuple[str, ...]  # only an editor gets any: the stadsdelen they may write in


class SsoRefused(Exception):
    """The ID token is not accepted. The message names the reason, for the log only: a
    caller answers 401 with `detail`, so a prober learns nothing about which check failed."""

    detail = "Inloggen met single sign-on is niet gelukt. / Single sign-on login failed."


class SsoUnavailable(SsoRefused):
    """The identity provider could not be asked for its keys: an outage, not a bad token."""


@dataclass
class _Keys:
    keys: KeySet | None = None
    fetched_at: float = float("-inf")


class OidcVerifier:
    """Holds the provider's keys between logins: make one per app, not one per request."""

    def __init__(self, settings: OidcSettings,
                 transport: httpx2.AsyncBaseTransport | None = None,
                 clock: Callable[[], float] = time.time) -> None:
        self._settings = settings
        self._transport = transport
        self._clock = clock
        self._cache = _Keys()

    async def verify(self, id_token: str, nonce: str | None = None) -> SsoIdentity:
        """The person the token is about; SsoRefused for any token we do not accept."""
        try:
            return await self._verified(id_token, nonce)
        except SsoRefused as error:
            # The reason only, never the token: it is a credential while it lives.
            logger.info("Single sign-on refused: %s", error)
            raise

    async def _verified(self, id_token: str, nonce: str | None) -> SsoIdentity:
        issuer, audience = self._settings.issuer, self._settings.audience
        if issuer is None or audience is None:
            raise SsoRefused("Single sign-on staat uit. / Single sign-on is not configured.")
        header = _header(id_token)
        key = await self._key_for(header)
        try:
            claims = jwt.decode(id_token, key, algorithms=[header["alg"]]).claims
        except (JoseError, ValueError, TypeError) as error:
            raise SsoRefused("Ongeldige handtekening. / Bad signature.") from error
        self._check_claims(claims, issuer, audience, nonce)
        return self._identity(claims, issuer)

    async def _key_for(self, header: dict[str, Any]) -> Key:
        fresh = self._clock() - self._cache.fetched_at < self._settings.jwks_cache_seconds
        keys = self._cache.keys if fresh else await self._refresh()
        key = _signing_key(keys, header)
        recent = self._clock() - self._cache.fetched_at < REFETCH_INTERVAL_SECONDS
        if key is None and not recent:
            # The provider may have rotated its keys since we last asked.
            key = _signing_key(await self._refresh(), header)
        if key is None:
            raise SsoRefused("Onbekende sleutel. / Unknown signing key.")
        return key

    async def _refresh(self) -> KeySet | None:
        """The provider's current keys; the old ones if it cannot be reached, as they are
        still the best we know and an outage should not end every login at once."""
        try:
            keys = await self._fetch_keys()
        except (httpx2.HTTPError, JoseError, ValueError, KeyError, TypeError) as error:
            logger.warning("Could not fetch the identity provider's keys: %s", error)
            if self._cache.keys is None:
                raise SsoUnavailable("De identiteitsprovider is niet bereikbaar. / "
                                     "The identity provider is unavailable.") from error
            keys = self._cache.keys
        self._cache = _Keys(keys, self._clock())
        return keys

    async def _fetch_keys(self) -> KeySet:
        issuer = str(self._settings.issuer)
        async with httpx2.AsyncClient(transport=self._transport, timeout=HTTP_TIMEOUT) as http:
            response = await http.get(issuer.rstrip("/") + "/.well-known/openid-configuration")
            response.raise_for_status()
            discovery = response.json()
            # OpenID Connect Discovery 4.3: a document for another issuer must not be used.
            if discovery["issuer"] != issuer:
                raise ValueError(f"discovery names issuer {discovery['issuer']!r}")
            response = await http.get(discovery["jwks_uri"])
            response.raise_for_status()
            return KeySet.import_key_set(response.json())

    def _check_claims(self, claims: dict[str, Any], issuer: str, audience: str,
                      nonce: str | None) -> None:
        registry = jwt.JWTClaimsRegistry(
            now=lambda: int(self._clock()), leeway=self._settings.leeway_seconds,
            iss={"essential": True, "value": issuer},
            aud={"essential": True, "value": audience},
            sub={"essential": True}, exp={"essential": True}, iat={"essential": True})
        try:
            registry.validate(claims)
        except JoseError as error:
            raise SsoRefused(f"Claim afgewezen. / Claim refused: {error}") from error
        # OpenID Connect Core 3.1.3.7: a token for several clients names the one it was for.
        if claims.get("azp", audience) != audience:
            raise SsoRefused("Token voor een andere client. / Token for another client.")
        given = claims.get("nonce")
        if nonce is not None and not (
                isinstance(given, str) and hmac.compare_digest(given.encode(), nonce.encode())):
            raise SsoRefused("Nonce klopt niet. / Nonce mismatch.")

    def _identity(self, claims: dict[str, Any], issuer: str) -> SsoIdentity:
        role = mapped_role(claims.get(self._settings.role_claim), self._settings.role_map)
        if role is None:
            raise SsoRefused("Geen rol voor deze gebruiker. / No role for this user.")
        subject = str(claims["sub"])
        name = claims.get("name") or claims.get("preferred_username") or subject
        email = claims.get("email")
        stadsdelen = claims.get(self._settings.stadsdelen_claim) if role is Role.EDITOR else None
        return SsoIdentity(subject=subject, issuer=issuer, name=str(name),
                           email=email if isinstance(email, str) else None, role=role,
                           stadsdelen=_known_stadsdelen(stadsdelen))


def mapped_role(claim: object, role_map: dict[str, Role]) -> Role | None:
    """The most privileged role any of the claim's values maps to, so that someone in both
    the editors' and the admins' group is an admin."""
    values = [claim] if isinstance(claim, str) else claim if isinstance(claim, list) else []
    roles = {role_map[value] for value in values if isinstance(value, str) and value in role_map}
    return next((role for role in ROLE_RANK if role in roles), None)


def _known_stadsdelen(claim: object) -> tuple[str, ...]:
    """Codes we know, sorted; anything else in the claim is ignored rather than refused, so a
    stray group at the provider does not lock an editor out."""
    values = [claim] if isinstance(claim, str) else claim if isinstance(claim, list) else []
    return tuple(sorted({value for value in values if value in STADSDEEL_CODES}))


def _header(id_token: str) -> dict[str, Any]:
    try:
        header = jws.extract_compact(id_token.encode()).headers()
    except (JoseError, ValueError, TypeError) as error:
        raise SsoRefused("Geen geldig JWT. / Not a valid JWT.") from error
    if header.get("alg") not in ALLOWED_ALGORITHMS:
        raise SsoRefused("Algoritme niet toegestaan. / Algorithm not allowed.")
    return dict(header)


def _signing_key(keys: KeySet | None, header: dict[str, Any]) -> Key | None:
    """The published key the header names; without a kid only a sole signing key will do."""
    if keys is None:
        return None
    candidates = [key for key in keys
                  if key.get("use") in (None, "sig") and key.alg in (None, header["alg"])]
    kid = header.get("kid")
    if kid is None:
        return candidates[0] if len(candidates) == 1 else None
    return next((key for key in candidates if key.kid == kid), None)


@lru_cache
def get_oidc_verifier() -> OidcVerifier:
    """One per process: it keeps the provider's keys between sign-ons."""
    return OidcVerifier(get_oidc_settings())
