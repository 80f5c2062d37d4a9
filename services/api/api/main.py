"""The Buurtkracht API application: `uvicorn api.main:app`."""

import gc
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from functools import partial
from typing import Any

from fastapi import Depends, FastAPI, Request
from fastapi.responses import JSONResponse
from uvicorn.middleware.proxy_headers import ProxyHeadersMiddleware

from api import API_VERSION
from api.analyses.calculators import router as calculators_router
from api.analyses.durability.routes import router as durability_router
from api.analyses.effects.routes import router as effects_router
from api.analyses.qca import router as qca_router
from api.analyses.success_factors.routes import router as success_factors_router
from api.analyses.support.routes import router as support_router
from api.areas.models import ATTRIBUTION
from api.areas.routes import router as areas_router
from api.audit.routes import router as audit_router
from api.auth.routes import router as auth_router
from api.body_limit import BodyLimit
from api.competences.routes import competency_router
from api.competences.routes import router as frameworks_router
from api.competences.routes_assessments import router as assessments_router
from api.config import get_settings
from api.errors import install_error_handlers
from api.evaluations.routes import measures_router
from api.evaluations.routes import router as evaluations_router
from api.exports.routes import router as exports_router
from api.follow_ups.routes import initiative_router as initiative_follow_ups_router
from api.follow_ups.routes import router as follow_ups_router
from api.imports.routes import ENVELOPE_BYTES
from api.imports.routes import router as imports_router
from api.indicators.routes import router as indicators_router
from api.initiatives.routes import router as initiatives_router
from api.jobs import start_workers, stop_workers
from api.limits import ServiceLimits
from api.method_book.routes import router as method_books_router
from api.openapi import BASE_PATH, build_openapi
from api.ops import OutsideLimits, close_database, install_operations
from api.professionals.routes import router as professionals_router
from api.qualitative.analysis_routes import router as coding_analysis_router
from api.qualitative.code_routes import router as codes_router
from api.qualitative.outcome_routes import router as code_outcomes_router
from api.qualitative.pseudonym_routes import router as pseudonyms_router
from api.qualitative.record_routes import body_limit as records_body_limit
from api.qualitative.record_routes import router as records_router
from api.qualitative.search_routes import router as record_search_router
from api.qualitative.segment_routes import router as segments_router
from api.support_episodes.routes import router as support_episodes_router
from api.tables import metadata  # noqa: F401  (the whole schema)
from api.vocabularies.routes import router as vocabularies_router
from api.wire import ApiModel, refuse_nul_characters

RESOURCES = ["areas", "buurt-geometries", "wijkaanpak-buurten", "initiatives", "professionals",
             "support-episodes", "indicators", "evaluations", "outcome-measures", "vocabularies",
             "sessions", "accounts", "api-tokens", "audit-events", "exports", "imports",
             "competency-frameworks", "records", "codes", "method-books"]


class Landing(ApiModel):
    name: str
    description: str
    version: str
    attribution: str
    links: dict[str, str]


@asynccontextmanager
async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
    # Everything loaded so far lives as long as the process: moved out of the collector's
    # sight, full collections stay short and stop showing up as latency spikes.
    gc.collect()
    gc.freeze()
    workers = start_workers()
    yield
    # uvicorn has finished the requests in flight (or its graceful timeout ran out).
    stop_workers(workers)
    close_database()


def create_app() -> FastAPI:
    settings = get_settings()
    app = FastAPI(
        title="Buurtkracht API", version=API_VERSION, openapi_url=None, docs_url=None,
        redoc_url=None, lifespan=lifespan, dependencies=[Depends(refuse_nul_characters)],
    )
    install_error_handlers(app)
    routers = (auth_router, areas_router, initiatives_router, professionals_router,
               support_episodes_router, indicators_router, evaluations_router, measures_router,
               vocabularies_router, audit_router, calculators_router, effects_router,
               qca_router, success_factors_router, exports_router, imports_router,
               initiative_follow_ups_router, follow_ups_router, method_books_router)
    for router in (*routers, durability_router, support_router, code_outcomes_router,
                   frameworks_router,
                   competency_router, assessments_router, record_search_router,
                   records_router, pseudonyms_router, segments_router, coding_analysis_router,
                   codes_router):  # segments first: /v1/codes/co-occurrence before /{codeId}
        app.include_router(router)

    @app.get(BASE_PATH, tags=["landing"])
    def landing() -> Landing:
        base = settings.public_url.rstrip("/") + BASE_PATH
        links = {"self": base, "openapi": f"{base}/openapi.json"}
        links.update({name: f"{base}/{name}" for name in RESOURCES})
        return Landing(
            name="Buurtkracht API",
            description="Bewonersinitiatieven, professionals, ondersteuning en evaluaties "
            "in de Amsterdamse Wijkaanpak.",
            version=API_VERSION, attribution=ATTRIBUTION, links=links,
        )

    @app.get(BASE_PATH + "/openapi.json", include_in_schema=False)
    def openapi(request: Request) -> JSONResponse:
        document: dict[str, Any] = build_openapi(app)
        return JSONResponse(document, headers={"Access-Control-Allow-Origin": "*"})

    app.add_middleware(BodyLimit, limit_for=lambda path: (
        settings.import_max_bytes + ENVELOPE_BYTES if path.startswith("/v1/imports")
        else records_body_limit(path) or settings.max_body_bytes))
    app.add_middleware(OutsideLimits, limited=partial(
        ServiceLimits, concurrency=settings.requests_at_once, backlog=settings.backlog))
    # The web service (or a reverse proxy) passes the person's address on: the login
    # throttle counts per address. Only the listed peers are believed.
    app.add_middleware(ProxyHeadersMiddleware, trusted_hosts=settings.trusted_proxies)
    install_operations(app)  # /health, /ready, /metrics; request ids, logs (outermost)
    return app


app = create_app()
