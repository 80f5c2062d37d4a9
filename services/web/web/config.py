"""Settings of the web service, read from WEB_* environment variables."""

from functools import lru_cache

from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="WEB_", extra="ignore")

    api_url: str = "http://127.0.0.1:8000"
    api_timeout_seconds: float = 10.0


@lru_cache
def get_settings() -> Settings:
    return Settings()
