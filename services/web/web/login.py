"""Signing in and out: the login form, and the logout button in the page header.

The password goes from the form to the API and nowhere else: it is never shown again,
logged or kept. Wrong name and wrong password get the same answer, as the API gives.
"""

import math
from contextlib import suppress
from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from web.api_client import ApiError, TooManyRequests, Unauthorized, session_token
from web.api_client import accounts as accounts_api
from web.htmx import render
from web.i18n import N_, gettext_in, language_of, local_path
from web.sessions import LOGIN_PATH, end_session, keep_session
from web.templating import api_of

router = APIRouter()
TEMPLATE = "account/login.html"
REQUIRED = {"username": N_("Vul uw gebruikersnaam in."),
            "password": N_("Vul uw wachtwoord in.")}


def _back_to(value: object) -> str:
    """Where to go after signing in: only a path of this service (no open redirect)."""
    return local_path(str(value or "")) or "/"


def _address(request: Request) -> str:
    """The person's address, for the API's count of failed sign-ins per address."""
    return request.client.host if request.client else "unknown"


async def render_login(request: Request, *, username: str = "", back: str = "/",
                       errors: dict[str, str] | None = None, problem: str | None = None,
                       retry_minutes: int = 0, status_code: int = 200,
                       headers: dict[str, str] | None = None) -> HTMLResponse:
    context = {"username": username, "next": back, "errors": errors or {}, "problem": problem,
               "retry_minutes": retry_minutes}
    return await render(request, TEMPLATE, context, block="form", status_code=status_code,
                        headers=headers)


@router.get(LOGIN_PATH, response_class=HTMLResponse)
async def login_page(request: Request,
                     back: Annotated[str | None, Query(alias="next")] = None) -> HTMLResponse:
    return await render_login(request, back=_back_to(back))


@router.post(LOGIN_PATH, response_model=None)
async def log_in(request: Request) -> Response:
    form = await request.form()
    username = str(form.get("username") or "").strip()
    password = str(form.get("password") or "")
    back, lang = _back_to(form.get("next")), language_of(request)
    given = {"username": username, "password": password}
    missing = {name: gettext_in(lang, REQUIRED[name]) for name, value in given.items()
               if not value}
    if missing:
        return await render_login(request, username=username, back=back, errors=missing,
                                  status_code=422)
    api = api_of(request)
    try:
        created = await accounts_api.sign_in(api, username, password, _address(request))
    except Unauthorized:
        return await render_login(request, username=username, back=back, problem="wrong",
                                  status_code=401)
    except TooManyRequests as refusal:
        return await render_login(request, username=username, back=back, problem="throttled",
                                  retry_minutes=max(1, math.ceil(refusal.retry_after / 60)),
                                  status_code=429,
                                  headers={"Retry-After": str(refusal.retry_after)})
    if session_token.get() is not None:  # signed in before, perhaps as someone else
        with suppress(ApiError):
            await accounts_api.sign_out(api)
    response = RedirectResponse(back, status_code=303)
    keep_session(response, request, created)  # always the new token: no session fixation
    return response


@router.post("/logout", response_model=None)
async def log_out(request: Request) -> Response:
    """Revokes the session at the API, then forgets the cookie. An already expired session
    is simply forgotten; an API that cannot be reached shows the 503 page, cookie kept, so
    that the person knows to try again."""
    if session_token.get() is not None:
        with suppress(Unauthorized):
            await accounts_api.sign_out(api_of(request))
    response = RedirectResponse(LOGIN_PATH, status_code=303)
    end_session(response, request)
    return response
