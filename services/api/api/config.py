"""Settings of the API service, read from API_* environment variables."""

import logging
from functools import lru_cache

from pydantic import Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

BOOTSTRAP_TOKEN_MINIMUM = 32
DEVELOPMENT_PSEUDONYM_KEY = "buurtkracht-development-pseudonym-key"
logger = logging.getLogger(__name__)


class Settings(BaseSettings):
    # Inputs stay out of error messages: a refused secret must not end up in a log.
    model_config = SettingsConfigDict(env_prefix="API_", extra="ignore",
                                      hide_input_in_errors=True)

    # Relative to the working directory: `make run` starts from the repository root.
    database_url: str = "sqlite:///var/buurtkracht.db"
    public_url: str = "http://127.0.0.1:8000"
    # Requests handled at once (empty: see requests_at_once). The database pool holds as
    # many connections, so a running request never waits for one; the others wait in a
    # bounded queue in the event loop, where waiting costs no thread and no connection.
    concurrency: int | None = Field(default=None, ge=1, le=512)
    # Requests allowed to wait for a free slot; beyond this the API answers 503 at once.
    backlog: int = 256
    pool_timeout_seconds: float = 10.0
    log_sql: bool = False
    # List totals are cached until the next write through the API. Switch off when other
    # programs write to the database directly.
    cache_totals: bool = True
    # For automation (deploy scripts, monitoring): accepted as an admin API token. Never
    # logged; refused at start when shorter than BOOTSTRAP_TOKEN_MINIMUM characters.
    bootstrap_admin_token: SecretStr | None = None
    # Larger request bodies are refused with 413 before they are read.
    max_body_bytes: int = Field(default=1_048_576, ge=1024)
    # Imported files larger than this are refused with 413 (the limit is stated).
    import_max_bytes: int = Field(default=20 * 1024 * 1024, ge=1024)
    # Background jobs (api.jobs): empty keeps the queue in `jobs_file` (SQLite, no server);
    # "redis://host:6379/0" shares it between API replicas; "immediate" runs each job inside
    # the request that sends it.
    jobs_url: str = ""
    jobs_file: str = "var/jobs.db"
    session_hours: float = Field(default=8.0, gt=0, le=24 * 14)
    # Failed logins allowed per account, and per client address, in the window.
    login_attempts: int = Field(default=5, ge=1)
    login_attempts_per_address: int = Field(default=20, ge=1)
    login_window_seconds: int = Field(default=300, ge=1)
    # Addresses whose X-Forwarded-For is believed (the web service, a reverse proxy).
    trusted_proxies: str = "127.0.0.1"
    # Audit events older than this many days are purged by `python -m api.manage
    # purge-audit`; empty keeps everything.
    audit_retention_days: int | None = Field(default=None, ge=1)
    # Key of the HMAC that turns a name into its code when a record is pseudonymised (the
    # same name, the same code in every record). Set your own in production: whoever knows
    # the key can check whether a code stands for a name they guess. A new key gives new
    # codes to names pseudonymised from then on.
    # The default is public (it is in this file): start-up logs a warning while it is used.
    pseudonym_key: SecretStr = SecretStr(DEVELOPMENT_PSEUDONYM_KEY)

    @field_validator("bootstrap_admin_token")
    @classmethod
    def _long_enough(cls, token: SecretStr | None) -> SecretStr | None:
        if token is not None and not token.get_secret_value():
            return None
        if token is not None and len(token.get_secret_value()) < BOOTSTRAP_TOKEN_MINIMUM:
            raise ValueError(f"API_BOOTSTRAP_ADMIN_TOKEN must be at least "
                             f"{BOOTSTRAP_TOKEN_MINIMUM} characters long")
        return token

    @model_validator(mode="after")
    def _warn_about_the_public_pseudonym_key(self) -> "Settings":
        """There is no development or production mode to refuse the key in, so say it where
        operators look: whoever knows the key can test a guessed name against a code."""
        if self.pseudonym_key.get_secret_value() == DEVELOPMENT_PSEUDONYM_KEY:
            logger.warning("API_PSEUDONYM_KEY is not set: pseudonymised records use the "
                           "public development key, so their codes can be traced back to "
                           "guessed names. Set API_PSEUDONYM_KEY in production.")
        return self

    @property
    def requests_at_once(self) -> int:
        """SQLite works in this process under the GIL: more threads only take turns, so
        two at once serve the most. PostgreSQL waits on the network: sixteen."""
        if self.concurrency is not None:
            return self.concurrency
        return 2 if self.database_url.startswith("sqlite") else 16


@lru_cache
def get_settings() -> Settings:
    return Settings()
