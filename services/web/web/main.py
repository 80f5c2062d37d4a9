"""The Buurtkracht web application: `uvicorn web.main:app`.

Pages rendered from the API's data, fetched over HTTP; see STYLE.md, "The web service".
"""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import httpx2
from fastapi import FastAPI
from starlette.middleware.gzip import GZipMiddleware

from web import areas as area_pages
from web import compare as compare_pages
from web import compare_buurten as buurt_comparison
from web import (
    evaluation_forms,
    i18n,
    initiative_detail,
    initiative_forms,
    initiatives,
    professional_forms,
    support_episode_forms,
)
from web import home as home_page
from web import professionals as professional_pages
from web.api_client import ApiClient, make_http_client
from web.config import get_settings
from web.errors import forbidden_cross_site, install_error_handlers
from web.security import SecurityMiddleware
from web.templating import BRAND_ASSETS, Branding, make_environment, static_files


def create_app(
    transport: httpx2.AsyncBaseTransport | None = None,
    api_url: str | None = None,
    brand_assets: Path = BRAND_ASSETS,
) -> FastAPI:
    """The app; tests pass the API app's ASGI transport, or an address where nothing runs."""
    settings = get_settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        async with make_http_client(settings, transport, api_url) as http:
            app.state.api = ApiClient(http, settings.reference_cache_seconds)
            yield

    app = FastAPI(title="Buurtkracht", lifespan=lifespan, docs_url=None, redoc_url=None,
                  openapi_url=None)
    app.state.templates = make_environment(Branding.found_in(brand_assets))
    install_error_handlers(app)
    app.include_router(home_page.router)
    app.include_router(initiatives.router)
    app.include_router(initiative_forms.router)
    app.include_router(initiative_detail.router)
    app.include_router(support_episode_forms.router)
    app.include_router(evaluation_forms.router)
    app.include_router(professional_pages.router)
    app.include_router(professional_forms.router)
    app.include_router(area_pages.router)
    app.include_router(compare_pages.router)
    app.include_router(buurt_comparison.router)
    app.include_router(i18n.router)
    app.mount("/static", static_files(), name="static")
    # Pages are compressed too: the home page's map is 200 KB of HTML, 35 KB gzipped.
    app.add_middleware(GZipMiddleware, minimum_size=1024, compresslevel=5)
    app.add_middleware(SecurityMiddleware, refuse=forbidden_cross_site,
                       trusted_origins=settings.trusted_origins)

    @app.get("/health", include_in_schema=False)
    async def health() -> dict[str, str]:
        """Liveness for container health checks; does not call the API."""
        return {"status": "ok"}

    return app


app = create_app()
