"""Error pages: HTML for people, a small alert for htmx requests; never JSON, never a trace."""

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.responses import Response

from web import api_client
from web.htmx import render, wants_fragment
from web.security import add_security_headers

logger = logging.getLogger(__name__)
TEMPLATE = "errors/error.html"
# The kinds the template has words for; any other status shows the general message.
KIND_OF_STATUS = {400: "bad-request", 403: "forbidden", 404: "not-found", 405: "not-allowed",
                  409: "conflict", 412: "stale", 503: "unavailable"}
RETRY_SECONDS = "30"


async def error_page(request: Request, status: int, *, reach_api: bool = True,
                     headers: dict[str, str] | None = None) -> HTMLResponse:
    """The error page, or for an htmx request an alert placed in the page's alert region."""
    headers = dict(headers or {})
    if wants_fragment(request):
        headers.update({"HX-Retarget": "#alerts", "HX-Reswap": "innerHTML"})
    return await render(request, TEMPLATE, {"status": status,
                                            "kind": KIND_OF_STATUS.get(status, "error")},
                        block="alert", status_code=status, headers=headers,
                        reach_api=reach_api)


async def forbidden_cross_site(request: Request) -> Response:
    """What the CSRF check answers; no API call for a request that is refused anyway."""
    return await error_page(request, 403, reach_api=False)


async def _on_api_unavailable(request: Request, error: Exception) -> Response:
    logger.warning("API unavailable for %s %s: %s", request.method, request.url.path, error)
    return await error_page(request, 503, reach_api=False, headers={"Retry-After": RETRY_SECONDS})


async def _on_api_error(request: Request, error: Exception) -> Response:
    """An API refusal the page did not handle itself."""
    assert isinstance(error, api_client.ApiError)
    if isinstance(error, api_client.NotFound):
        return await error_page(request, 404)
    if isinstance(error, api_client.InvalidInput):
        return await error_page(request, 400)
    if isinstance(error, api_client.Conflict | api_client.Stale):
        return await error_page(request, error.status)
    logger.error("unexpected API answer for %s %s: %s", request.method, request.url.path, error)
    return await error_page(request, 500, reach_api=False)


async def _on_http_error(request: Request, error: Exception) -> Response:
    assert isinstance(error, StarletteHTTPException)
    return await error_page(request, error.status_code, headers=dict(error.headers or {}))


async def _on_invalid_request(request: Request, error: Exception) -> Response:
    return await error_page(request, 400)


async def _on_unexpected_error(request: Request, error: Exception) -> Response:
    # Sent by Starlette's outermost middleware, past SecurityMiddleware: add the headers here.
    logger.exception("unhandled error on %s %s", request.method, request.url.path,
                     exc_info=error)
    try:
        response: Response = await error_page(request, 500, reach_api=False)
    except Exception:  # the error page itself failed: still no trace for the person
        logger.exception("the error page failed")
        response = HTMLResponse("<!doctype html><title>500</title><h1>500</h1>", 500)
    add_security_headers(response.headers)
    return response


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(api_client.ApiUnavailable, _on_api_unavailable)
    app.add_exception_handler(api_client.ApiError, _on_api_error)
    app.add_exception_handler(StarletteHTTPException, _on_http_error)
    app.add_exception_handler(RequestValidationError, _on_invalid_request)
    app.add_exception_handler(Exception, _on_unexpected_error)
