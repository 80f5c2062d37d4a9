"""Operations: /health and /ready, request ids and JSON logs, Prometheus metrics at /metrics.

See docs/operations.md. None of it is in the OpenAPI document, and none of it asks who calls:
load balancers and Prometheus do, and carry no session.
"""

import hmac
from functools import lru_cache

from fastapi import FastAPI, Request, Response
from pydantic import SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from web.ops.context import request_id as current_request_id
from web.ops.health import router as health_router
from web.ops.logs import LogFormat, configure_logging
from web.ops.metrics import RequestMetrics
from web.ops.middleware import RequestContext

__all__ = ["OpsSettings", "current_request_id", "install_operations", "ops_settings"]


class OpsSettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="WEB_", extra="ignore",
                                      hide_input_in_errors=True)

    # `json` in the image (one object per line, for a log collector); `text` for a console.
    log_format: LogFormat = "text"
    # Unset: /metrics is open on the service's port, which is kept off the public side of
    # the load balancer. Set: Prometheus sends `Authorization: Bearer <token>`.
    metrics_token: SecretStr | None = None

    @field_validator("metrics_token", mode="before")
    @classmethod
    def _empty_is_unset(cls, value: object) -> object:
        """docker compose passes an unset variable on as an empty string."""
        return None if value == "" else value


@lru_cache
def ops_settings() -> OpsSettings:
    return OpsSettings()


def _metrics_route(app: FastAPI, metrics: RequestMetrics, token: SecretStr | None) -> None:
    expected = f"Bearer {token.get_secret_value()}".encode() if token else None

    @app.get("/metrics", include_in_schema=False)
    async def scrape(request: Request) -> Response:
        given = request.headers.get("authorization", "").encode()
        if expected is not None and not hmac.compare_digest(given, expected):
            return Response(status_code=401, headers={"WWW-Authenticate": "Bearer"})
        body, content_type = metrics.exposition()
        return Response(body, media_type=content_type)


def install_operations(app: FastAPI) -> None:
    """The routes, and the request layer as the outermost middleware: call it after every
    other add_middleware."""
    settings = ops_settings()
    configure_logging("web", settings.log_format)
    metrics = RequestMetrics("web")
    app.include_router(health_router)
    _metrics_route(app, metrics, settings.metrics_token)
    app.add_middleware(RequestContext, metrics=metrics)

