"""Liveness (/health: the process answers, the API is not asked) and readiness (/ready: the
API's own /ready answers 200 within READY_SECONDS; without the API no page can be shown)."""

import httpx2
import orjson
from fastapi import APIRouter, Request, Response

READY_SECONDS = 2.0
OK = "ok"
# The web's own problem type base: these answers are for machines, so JSON, not a page.
ERROR_TYPE_BASE = "https://buurtkracht.nl/problems/"

router = APIRouter(include_in_schema=False)


async def check_api(http: httpx2.AsyncClient) -> dict[str, str]:
    try:
        response = await http.get("/ready", timeout=READY_SECONDS)
    except httpx2.TimeoutException:
        return {"api": "timeout"}
    except httpx2.HTTPError:
        return {"api": "unreachable"}
    return {"api": OK if response.status_code == 200 else f"not ready ({response.status_code})"}


def status_response(checks: dict[str, str], instance: str) -> Response:
    """200 with the checks, or a 503 problem that names the ones that failed."""
    if all(value == OK for value in checks.values()):
        return Response(orjson.dumps({"status": OK, "checks": checks}),
                        media_type="application/json", headers={"Cache-Control": "no-store"})
    failed = ", ".join(f"{name}: {value}" for name, value in checks.items() if value != OK)
    problem = {"type": ERROR_TYPE_BASE + "not-ready", "title": "Service Unavailable",
               "status": 503, "detail": f"Niet gereed / Not ready ({failed}).",
               "instance": instance, "checks": checks}
    return Response(orjson.dumps(problem), 503, media_type="application/problem+json",
                    headers={"Cache-Control": "no-store", "Retry-After": "5"})


@router.get("/health")
async def health() -> Response:
    """Liveness for container health checks; does not call the API."""
    return Response(orjson.dumps({"status": OK}), media_type="application/json",
                    headers={"Cache-Control": "no-store"})


@router.get("/ready")
async def ready(request: Request) -> Response:
    return status_response(await check_api(request.app.state.api.http), "/ready")
