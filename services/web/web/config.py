"""Settings of the web service, read from WEB_* environment variables."""

from functools import lru_cache

from pydantic import Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="WEB_", extra="ignore")

    api_url: str = "http://127.0.0.1:8000"
    # Waiting for an answer: the slowest list on 100,000 initiatives takes well under a
    # second; ten means something is wrong, and the person gets the 503 page.
    api_timeout_seconds: float = Field(default=10.0, gt=0)
    # Connecting on a local network is a millisecond: two seconds is a refused or lost host.
    api_connect_timeout_seconds: float = Field(default=2.0, gt=0)
    # Waiting for a free pooled connection when all of them are busy.
    api_pool_timeout_seconds: float = Field(default=5.0, gt=0)
    # Connections to the API at once. All of them are kept alive: under load a pool that
    # keeps fewer opens and closes connections all the time.
    api_max_connections: int = Field(default=64, ge=1, le=1024)
    # Below uvicorn's keep-alive timeout (5 s), so the web service drops an idle connection
    # before the API does and rarely reuses one that the API is closing.
    api_keepalive_seconds: float = Field(default=4.0, ge=0)
    # The largest file the import page passes on: keep it equal to API_IMPORT_MAX_BYTES.
    # The API judges every file, but over a real connection its early 413 to a larger one
    # is lost when it closes while the file is still being sent (a 503 page instead).
    import_max_bytes: int = Field(default=20 * 1024 * 1024, ge=1024)
    # Vocabularies, areas and the landing resource change only with a new API release.
    reference_cache_seconds: float = Field(default=300.0, ge=0)
    # Origins besides the service's own address allowed to post forms (e.g. the public
    # address when a proxy rewrites the Host header). JSON list in the environment.
    trusted_origins: list[str] = Field(default_factory=list)
    # The session cookie is Secure when the request came over HTTPS; behind a proxy that
    # ends TLS and speaks plain HTTP to this service, say so here.
    cookie_secure: bool = False
    # Single sign-on with OpenID Connect (web/sso.py): off while there is no issuer. The
    # issuer is the provider's address as its discovery document names it.
    oidc_issuer: str | None = None
    oidc_client_id: str | None = None
    # None for a public client, which PKCE alone protects.
    oidc_client_secret: SecretStr | None = None
    oidc_scopes: str = "openid profile email"
    # The sign-on button's text; unset: "Aanmelden met uw gemeente-account", translated.
    oidc_label: str | None = None

    @field_validator("oidc_issuer", "oidc_client_id", "oidc_client_secret", "oidc_label",
                     mode="before")
    @classmethod
    def _empty_is_unset(cls, value: object) -> object:
        """docker compose passes an unset variable on as an empty string."""
        return None if value == "" else value

    @model_validator(mode="after")
    def _sso_needs_a_client(self) -> "Settings":
        if self.oidc_issuer and not self.oidc_client_id:
            raise ValueError("WEB_OIDC_ISSUER is set, WEB_OIDC_CLIENT_ID is missing")
        if self.oidc_issuer and "openid" not in self.oidc_scopes.split():
            raise ValueError("WEB_OIDC_SCOPES must include openid")
        return self

    @property
    def sso_enabled(self) -> bool:
        return self.oidc_issuer is not None


@lru_cache
def get_settings() -> Settings:
    return Settings()
