"""The Buurtkracht web application: `uvicorn web.main:app`.

For now one honest page: the initiatives, fetched from the API over HTTP.
"""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import httpx2
from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from web import api_client

TEMPLATES = Jinja2Templates(directory=Path(__file__).parent / "templates")


def create_app(
    transport: httpx2.AsyncBaseTransport | None = None, api_url: str | None = None
) -> FastAPI:
    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        async with api_client.make_client(transport, api_url) as client:
            app.state.api = client
            yield

    app = FastAPI(title="Buurtkracht", lifespan=lifespan, docs_url=None, redoc_url=None,
                  openapi_url=None)

    @app.get("/health", include_in_schema=False)
    async def health() -> dict[str, str]:
        """Liveness for container health checks; does not call the API."""
        return {"status": "ok"}

    @app.get("/", response_class=HTMLResponse)
    async def home(request: Request, page: int = 1) -> HTMLResponse:
        client: httpx2.AsyncClient = request.app.state.api
        try:
            initiatives = await api_client.list_initiatives(client, max(page, 1))
            landing = await api_client.landing(client)
        except api_client.ApiUnavailable:
            return TEMPLATES.TemplateResponse(request, "unavailable.html", status_code=503)
        return TEMPLATES.TemplateResponse(
            request, "initiatives.html", {"initiatives": initiatives, "landing": landing}
        )

    return app


app = create_app()
