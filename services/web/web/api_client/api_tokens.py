"""API tokens for other systems (admins only): list, make, revoke.

The plain token is in the answer to its creation only; it is kept as a `SecretStr`, so a
repr or a log line of the result shows stars, never the token.
"""

from collections.abc import Mapping
from datetime import UTC, datetime

from pydantic import SecretStr

from web.api_client import ApiClient
from web.api_client.results import Wire

PATH = "/v1/api-tokens"
ACTIVE, REVOKED, EXPIRED = "active", "revoked", "expired"


class ApiToken(Wire):
    id: str
    name: str
    role: str
    stadsdelen: tuple[str, ...] = ()
    created_by: str
    created_at: datetime
    expires_at: datetime
    revoked_at: datetime | None = None

    def state(self, now: datetime | None = None) -> str:
        """Revoked wins over expired: that was someone's deliberate act."""
        if self.revoked_at is not None:
            return REVOKED
        moment = now or datetime.now(UTC)
        expires = self.expires_at
        if expires.tzinfo is None:  # the API speaks UTC
            expires = expires.replace(tzinfo=UTC)
        return EXPIRED if expires <= moment else ACTIVE


class ApiTokenCreated(ApiToken):
    token: SecretStr


async def list_api_tokens(api: ApiClient) -> tuple[ApiToken, ...]:
    """Every token, newest first (the API keeps revoked ones, with `revokedAt`)."""
    response = await api._send("GET", PATH)
    return tuple(ApiToken.model_validate(item) for item in response.json())


async def get_api_token(api: ApiClient, token_id: str) -> ApiToken:
    return ApiToken.model_validate_json((await api._send("GET", f"{PATH}/{token_id}")).content)


async def create_api_token(api: ApiClient, body: Mapping[str, object]) -> ApiTokenCreated:
    """`body` in the API's names (`expiresAt`); the API validates it."""
    response = await api._send("POST", PATH, body=dict(body))
    return ApiTokenCreated.model_validate_json(response.content)


async def revoke_api_token(api: ApiClient, token_id: str) -> None:
    """At once; revoking a revoked token again changes nothing."""
    await api._send("DELETE", f"{PATH}/{token_id}")
