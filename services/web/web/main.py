"""The Buurtkracht web application: `uvicorn web.main:app`.

Pages rendered from the API's data, fetched over HTTP; see STYLE.md, "The web service".
"""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import httpx2
from fastapi import Depends, FastAPI
from starlette.middleware.gzip import GZipMiddleware

from web import (
    api_tokens,
    assessment_form,
    code_analysis_pages,
    code_detail,
    code_forms,
    codebook_pages,
    coding,
    competence_forms,
    competence_profile,
    competences,
    evaluation_forms,
    exports,
    follow_up_forms,
    handelingen,
    i18n,
    imports,
    initiative_detail,
    initiative_forms,
    initiative_history,
    initiatives,
    login,
    method_book_pages,
    password,
    professional_forms,
    pseudonymise_page,
    record_detail,
    record_forms,
    records,
    sso,
    support_analysis,
    support_episode_forms,
    team_view,
)
from web import areas as area_pages
from web import compare as compare_pages
from web import compare_buurten as buurt_comparison
from web import effects as effect_pages
from web import home as home_page
from web import professionals as professional_pages
from web import success_factors as success_factor_pages
from web.api_client import ApiClient, make_http_client
from web.config import get_settings
from web.errors import forbidden_cross_site, install_error_handlers
from web.ops import install_operations
from web.security import SecurityMiddleware
from web.sessions import SessionMiddleware, signed_in
from web.templating import BRAND_ASSETS, Branding, make_environment, static_files

# Every page shows data of the API, which answers only people who are signed in.
SIGNED_IN_ONLY = (home_page.router, initiatives.router, initiative_forms.router,
                  initiative_detail.router, support_episode_forms.router,
                  evaluation_forms.router, professional_pages.router, professional_forms.router,
                  area_pages.router, compare_pages.router, buurt_comparison.router,
                  password.router, api_tokens.router, initiative_history.router,
                  effect_pages.router, success_factor_pages.router, imports.router,
                  exports.router, follow_up_forms.router, handelingen.router,
                  competences.router, competence_forms.router, assessment_form.router,
                  competence_profile.router, team_view.router,
                  support_analysis.router, codebook_pages.router, code_forms.router,
                  code_detail.router, code_analysis_pages.router, records.router,
                  record_forms.router, record_detail.router, coding.router,
                  pseudonymise_page.router, method_book_pages.router)


def create_app(
    transport: httpx2.AsyncBaseTransport | None = None,
    api_url: str | None = None,
    brand_assets: Path = BRAND_ASSETS,
    oidc_transport: httpx2.AsyncBaseTransport | None = None,
) -> FastAPI:
    """The app; tests pass the API app's ASGI transport, or an address where nothing runs,
    and for single sign-on the identity provider's transport."""
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
    for router in SIGNED_IN_ONLY:
        app.include_router(router, dependencies=[Depends(signed_in)])
    # For everyone: signing in and out, the language switch and static files (and, from
    # install_operations, /health, /ready and /metrics).
    app.include_router(login.router)
    app.include_router(sso.router)
    sso.install(app, settings, oidc_transport)
    app.include_router(i18n.router)
    app.mount("/static", static_files(), name="static")
    # Pages are compressed too: the home page's map is 200 KB of HTML, 35 KB gzipped.
    app.add_middleware(GZipMiddleware, minimum_size=1024, compresslevel=5)
    app.add_middleware(SessionMiddleware)
    app.add_middleware(SecurityMiddleware, refuse=forbidden_cross_site,
                       trusted_origins=settings.trusted_origins)
    install_operations(app)  # /health, /ready, /metrics; request ids, logs (outermost)

    return app


app = create_app()
