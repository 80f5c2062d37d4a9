"""Single sign-on: OpenID Connect's authorization-code flow with PKCE (S256), state and
nonce, ending in an API session exactly like the password login's.

Between leaving for the identity provider and coming back, the sign-on's state, nonce,
PKCE verifier and next page wait in the `bk_sso` cookie (HttpOnly, SameSite=Lax, ten
minutes, sent to /login/sso only), so web replicas stay stateless. It is not signed and
need not be: the web service has no secret, and a signature would add nothing. Each value
is random and only compared with what comes back to the same browser; the cookie itself
binds the sign-on to that browser, as the OAuth security BCP asks. Someone who alters
their own cookie only spoils their own sign-on (`next` is checked again), and a planted
cookie would be planted just as well with a valid signature from the planter's own browser.
"""

import base64
import hmac
import logging
import secrets
from contextlib import suppress
from dataclasses import dataclass
from typing import Annotated

import httpx2
from fastapi import APIRouter, FastAPI, Query, Request
from fastapi.responses import RedirectResponse, Response
from jinja2 import pass_context
from jinja2.runtime import Context
from starlette.datastructures import QueryParams
from starlette.exceptions import HTTPException

from web.api_client import ApiError, Forbidden, InvalidInput, Unauthorized, session_token
from web.api_client import accounts as accounts_api
from web.config import Settings, get_settings
from web.i18n import N_, gettext_in, language_of, local_path
from web.identity_provider import IdentityProvider, ProviderRefused, ProviderUnavailable
from web.login import render_login
from web.sessions import keep_session
from web.templating import api_of

logger = logging.getLogger(__name__)
router = APIRouter()
START_PATH = "/login/sso"
COOKIE = "bk_sso"
# Long enough to type a password and answer a second factor at the provider.
FLOW_SECONDS = 600
# A cookie holds about 4 KB; a next page longer than this is dropped for the start page.
MAX_NEXT_LENGTH = 2000
DEFAULT_LABEL = N_("Aanmelden met uw gemeente-account")


@dataclass(frozen=True)
class Flow:
    """One sign-on under way, as the browser keeps it in the cookie."""

    state: str
    nonce: str
    verifier: str  # PKCE: only its S256 digest went to the provider
    started: int
    back: str

    @classmethod
    def begin(cls, back: str, now: float) -> "Flow":
        return cls(state=secrets.token_urlsafe(32), nonce=secrets.token_urlsafe(32),
                   verifier=secrets.token_urlsafe(48), started=int(now),
                   back=back if len(back) <= MAX_NEXT_LENGTH else "/")

    def cookie_value(self) -> str:
        back = base64.urlsafe_b64encode(self.back.encode()).rstrip(b"=").decode("ascii")
        return ".".join((self.state, self.nonce, self.verifier, str(self.started), back))

    @classmethod
    def from_cookie(cls, value: str | None) -> "Flow | None":
        parts = (value or "").split(".")
        if len(parts) != 5 or not all(parts[:3]) or not parts[3].isdigit():
            return None
        try:
            back = base64.urlsafe_b64decode(parts[4] + "=" * (-len(parts[4]) % 4)).decode()
        except ValueError:  # not base64, or not UTF-8
            return None
        # Checked again: the cookie comes from the browser, not from us.
        return cls(state=parts[0], nonce=parts[1], verifier=parts[2], started=int(parts[3]),
                   back=local_path(back) or "/")


def install(app: FastAPI, settings: Settings,
            transport: httpx2.AsyncBaseTransport | None = None) -> None:
    """Single sign-on for this app when it is configured; the login page's button text."""
    provider = IdentityProvider(settings, transport) if settings.sso_enabled else None
    app.state.identity_provider = provider
    label = settings.oidc_label

    @pass_context
    def sso_label(context: Context) -> str | None:
        if provider is None:
            return None
        return label or gettext_in(context["lang"], DEFAULT_LABEL)

    app.state.templates.globals["sso_label"] = sso_label


def _provider(request: Request) -> IdentityProvider:
    provider: IdentityProvider | None = request.app.state.identity_provider
    if provider is None:
        raise HTTPException(404)
    return provider


def _redirect_uri(request: Request) -> str:
    """The callback's address as the browser sees it; register it at the provider."""
    return str(request.url_for("sso_callback"))


def _secure(request: Request) -> bool:
    return get_settings().cookie_secure or request.url.scheme == "https"


def _keep_flow(response: Response, request: Request, flow: Flow) -> None:
    response.set_cookie(COOKIE, flow.cookie_value(), max_age=FLOW_SECONDS, path=START_PATH,
                        secure=_secure(request), httponly=True, samesite="lax")


def _forget_flow(response: Response, request: Request) -> None:
    response.delete_cookie(COOKIE, path=START_PATH, secure=_secure(request), httponly=True,
                           samesite="lax")


async def _refused(request: Request, back: str, problem: str, status_code: int) -> Response:
    """The login page with what went wrong; the sign-on is over, whatever the reason."""
    response = await render_login(request, back=back, problem=problem, status_code=status_code)
    _forget_flow(response, request)
    return response


@router.get(START_PATH, response_model=None)
async def start_sign_on(request: Request,
                        back: Annotated[str | None, Query(alias="next")] = None) -> Response:
    provider = _provider(request)
    flow = Flow.begin(local_path(back) or "/", provider.clock())
    try:
        url = await provider.authorization_url(
            redirect_uri=_redirect_uri(request), state=flow.state, nonce=flow.nonce,
            verifier=flow.verifier, lang=language_of(request))
    except ProviderUnavailable as error:
        logger.warning("Single sign-on cannot start: %s", error)
        return await _refused(request, flow.back, "sso-unavailable", 503)
    response = RedirectResponse(url, status_code=303, headers={"Cache-Control": "no-store"})
    _keep_flow(response, request, flow)  # a sign-on begun before in this browser is replaced
    return response


def _callback_problem(params: QueryParams, flow: Flow | None,
                      now: float) -> tuple[str, int] | None:
    """Why this return from the provider cannot finish the sign-on, if it cannot."""
    if flow is None or now - flow.started > FLOW_SECONDS:
        return "sso-restart", 400
    state = params.get("state", "")
    if not hmac.compare_digest(state.encode(), flow.state.encode()):
        return "sso-restart", 400  # another browser's sign-on, or a forged return
    error = params.get("error")
    if error is not None:
        logger.info("Single sign-on: the provider answered %r", error[:40])
        return ("sso-denied", 401) if error == "access_denied" else ("sso-failed", 400)
    if not params.get("code"):
        return "sso-failed", 400
    return None


@router.get(START_PATH + "/callback", name="sso_callback", response_model=None)
async def finish_sign_on(request: Request) -> Response:
    provider = _provider(request)
    flow = Flow.from_cookie(request.cookies.get(COOKIE))
    problem = _callback_problem(request.query_params, flow, provider.clock())
    if problem is not None:
        return await _refused(request, flow.back if flow else "/", *problem)
    assert flow is not None  # _callback_problem refuses a missing flow
    api = api_of(request)
    try:
        id_token = await provider.id_token(code=request.query_params["code"],
                                           verifier=flow.verifier,
                                           redirect_uri=_redirect_uri(request))
        created = await accounts_api.sign_in_sso(api, id_token, flow.nonce)
    except ProviderRefused as refusal:
        logger.info("Single sign-on: the token endpoint refused the code: %s", refusal)
        return await _refused(request, flow.back, "sso-failed", 400)
    except ProviderUnavailable as error:
        logger.warning("Single sign-on: the provider failed: %s", error)
        return await _refused(request, flow.back, "sso-unavailable", 503)
    except (Unauthorized, Forbidden):  # the API logged why: no role, a bad token, …
        return await _refused(request, flow.back, "sso-refused", 401)
    except InvalidInput:  # e.g. a token longer than the API takes
        return await _refused(request, flow.back, "sso-failed", 400)
    if session_token.get() is not None:  # signed in before, perhaps as someone else
        with suppress(ApiError):
            await accounts_api.sign_out(api)
    response = RedirectResponse(flow.back, status_code=303, headers={"Cache-Control": "no-store"})
    keep_session(response, request, created)  # always the new token: no session fixation
    _forget_flow(response, request)
    return response
