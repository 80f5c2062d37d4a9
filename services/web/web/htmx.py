"""htmx: which requests get a fragment, and the one `render()` every page goes through."""

from collections.abc import Mapping
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment
from jinja2_fragments import render_block

from web.i18n import COOKIE, chosen_language, language_of, remember_language
from web.templating import layout_context

# A response differs by these request headers: caches must keep the variants apart (the
# language comes from the cookie).
VARY = "HX-Request, HX-Boosted, HX-History-Restore-Request, Cookie"
# Every successful fragment empties the alert region, so an old error does not linger.
CLEAR_ALERTS = '\n<div id="alerts" hx-swap-oob="innerHTML"></div>'


def is_htmx(request: Request) -> bool:
    return request.headers.get("hx-request") == "true"


def wants_fragment(request: Request) -> bool:
    """An htmx request that swaps part of a page. Boosted navigation and a history
    restore after a cache miss replace the whole body: they get the whole page."""
    headers = request.headers
    return (is_htmx(request) and headers.get("hx-boosted") != "true"
            and headers.get("hx-history-restore-request") != "true")


def current_url(request: Request) -> str:
    query = request.url.query
    return request.url.path + (f"?{query}" if query else "")


async def render(
    request: Request,
    template: str,
    context: Mapping[str, Any],
    *,
    block: str | None = None,
    status_code: int = 200,
    headers: Mapping[str, str] | None = None,
    reach_api: bool = True,
) -> HTMLResponse:
    """The whole page, or only `block` of it for an htmx request that swaps that block."""
    environment: Environment = request.app.state.templates
    lang = language_of(request)
    fragment = block is not None and wants_fragment(request)
    values: dict[str, Any] = {"lang": lang, "path": request.url.path,
                              "current_url": current_url(request), "fragment": fragment,
                              "me": getattr(request.state, "me", None)}
    if fragment:
        assert block is not None
        body = render_block(environment, template, block, {**values, **context})
        if status_code < 400:
            body += CLEAR_ALERTS
    else:
        values.update(await layout_context(request, reach_api))
        body = environment.get_template(template).render({**values, **context})
    response = HTMLResponse(body, status_code, headers=dict(headers or {}))
    response.headers["Vary"] = VARY
    # Pages show what a signed-in person may see: no copy kept by the browser or a proxy,
    # so Back after signing out asks the service again (and meets the login page).
    response.headers["Cache-Control"] = "no-store"
    asked = chosen_language(request.query_params.get("lang"))
    if asked and asked != request.cookies.get(COOKIE):
        remember_language(response, asked)  # ?lang=en sticks, as the switch does
    return response
