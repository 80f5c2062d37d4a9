"""The person's session: the API's session token, kept in their cookie and carried by every
API call made for their request; and the dependency that pages use to require it.

The cookie holds the API's own token, so the API decides everything (expiry, revocation,
role) and the web keeps no session store. It is HttpOnly (no script reads it), SameSite=Lax
(not sent with another site's posts; security.py refuses those anyway) and Secure over HTTPS.
"""

from datetime import UTC, datetime
from typing import Annotated
from urllib.parse import urlencode

from fastapi import Depends, Request, Response
from starlette.types import ASGIApp, Receive, Scope, Send

from web.api_client import Unauthorized, acting_as, session_token
from web.api_client import accounts as accounts_api
from web.api_client.accounts import Me, SessionCreated
from web.config import get_settings
from web.templating import api_of

COOKIE = "bk_session"
# The API's tokens are a few dozen characters: a longer cookie is not one, and is not sent.
MAX_TOKEN_LENGTH = 256
LOGIN_PATH = "/login"


def token_in(cookie: str | None) -> str | None:
    if not cookie or len(cookie) > MAX_TOKEN_LENGTH:
        return None
    return cookie


class SessionMiddleware:
    """Sets the request's session token for the API client (pure ASGI: no extra task)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        with acting_as(token_in(Request(scope).cookies.get(COOKIE))):
            await self.app(scope, receive, send)


async def signed_in(request: Request) -> Me:
    """Who is signed in. Without a session this is a 401, which errors.py turns into the
    way to the login page; so does the API's 401 for an expired or revoked one."""
    if session_token.get() is None:
        raise Unauthorized(401, "no session cookie")
    found = await accounts_api.me(api_of(request))
    request.state.me = found
    return found


SignedIn = Annotated[Me, Depends(signed_in)]


def login_url(back_to: str) -> str:
    return f"{LOGIN_PATH}?{urlencode({'next': back_to})}"


def _secure(request: Request) -> bool:
    return get_settings().cookie_secure or request.url.scheme == "https"


def keep_session(response: Response, request: Request, created: SessionCreated) -> None:
    """The new session's cookie, replacing whatever cookie the browser had (fixation)."""
    expires = created.expires_at
    if expires.tzinfo is None:  # the API speaks UTC
        expires = expires.replace(tzinfo=UTC)
    seconds = max(0, int((expires - datetime.now(UTC)).total_seconds()))
    response.set_cookie(COOKIE, created.token, max_age=seconds, path="/",
                        secure=_secure(request), httponly=True, samesite="lax")


def end_session(response: Response, request: Request) -> None:
    response.delete_cookie(COOKIE, path="/", secure=_secure(request), httponly=True,
                           samesite="lax")
