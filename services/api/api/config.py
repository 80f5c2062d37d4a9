"""Settings of the API service, read from API_* environment variables."""

from functools import lru_cache

from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="API_", extra="ignore")

    # Relative to the working directory: `make run` starts from the repository root.
    database_url: str = "sqlite:///var/buurtkracht.db"
    public_url: str = "http://127.0.0.1:8000"
    # Requests handled at once. The worker thread pool and the database pool are both
    # sized to it, so a thread never waits for a connection held by a request that in
    # turn waits for a thread (the FastAPI sync-dependency deadlock).
    concurrency: int = 16
    # Requests allowed to wait for a free slot; beyond this the API answers 503 at once.
    backlog: int = 256
    pool_timeout_seconds: float = 10.0
    log_sql: bool = False


@lru_cache
def get_settings() -> Settings:
    return Settings()
