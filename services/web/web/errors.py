"""Error pages: HTML for people, a small alert for htmx requests; never JSON, never a trace."""

import logging
from urllib.parse import urlsplit

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, RedirectResponse
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.responses import Response

from web import api_client
from web.htmx import VARY, current_url, is_htmx, render, wants_fragment
from web.i18n import local_path
from web.security import add_security_headers
from web.sessions import COOKIE, end_session, login_url
from web.templating import api_of

logger = logging.getLogger(__name__)
TEMPLATE = "errors/error.html"
# The kinds the template has words for; any other status shows the general message.
KIND_OF_STATUS = {400: "bad-request", 403: "forbidden", 404: "not-found", 405: "not-allowed",
                  409: "conflict", 412: "stale", 503: "unavailable"}
RETRY_SECONDS = "30"


async def error_page(request: Request, status: int, *, reach_api: bool = True,
                     headers: dict[str, str] | None = None,
                     kind: str | None = None) -> HTMLResponse:
    """The error page, or for an htmx request an alert placed in the page's alert region."""
    headers = dict(headers or {})
    if wants_fragment(request):
        headers.update({"HX-Retarget": "#alerts", "HX-Reswap": "innerHTML"})
    return await render(request, TEMPLATE,
                        {"status": status, "kind": kind or KIND_OF_STATUS.get(status, "error")},
                        block="alert", status_code=status, headers=headers,
                        reach_api=reach_api)


async def forbidden_cross_site(request: Request) -> Response:
    """What the CSRF check answers; no API call for a request that is refused anyway."""
    return await error_page(request, 403, reach_api=False, kind="cross-site")


def _back_after_login(request: Request) -> str:
    """Where the login page sends the person afterwards: for htmx the page they are on
    (not the fragment's address), otherwise this address."""
    on_page = request.headers.get("hx-current-url")
    if on_page and is_htmx(request):
        return local_path(urlsplit(on_page)._replace(scheme="", netloc="").geturl()) or "/"
    return current_url(request)


async def _on_signed_out(request: Request, error: Exception) -> Response:
    """No session, or one the API no longer accepts: to the login page. htmx follows a
    redirect inside its request, so it is told to navigate instead (HX-Redirect)."""
    api_of(request).forget_session()
    target = login_url(_back_after_login(request))
    response: Response
    if is_htmx(request):
        response = Response(status_code=401, headers={"HX-Redirect": target, "Vary": VARY})
    else:
        response = RedirectResponse(target, status_code=303, headers={"Vary": VARY})
    if request.cookies.get(COOKIE) is not None:
        end_session(response, request)
    return response


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
    if isinstance(error, api_client.Forbidden):  # pages hide such actions; an old form may not
        return await error_page(request, 403)
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
    app.add_exception_handler(api_client.Unauthorized, _on_signed_out)
    app.add_exception_handler(api_client.ApiError, _on_api_error)
    app.add_exception_handler(StarletteHTTPException, _on_http_error)
    app.add_exception_handler(RequestValidationError, _on_invalid_request)
    app.add_exception_handler(Exception, _on_unexpected_error)
