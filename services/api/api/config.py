"""Settings of the API service, read from API_* environment variables."""

from functools import lru_cache

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="API_", extra="ignore")

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
