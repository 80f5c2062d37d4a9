"""API tokens for other systems, for administrators: the list, a form to make one, the
page that shows the new token once, and revoking with a confirmation step.

The plain token lives only in the answer to the POST that made it: never in a URL, a
redirect, a log line or a page that can be opened again. Every page is `no-store`
(web/htmx.py), so the browser keeps no copy of that answer either.
"""

import uuid
from datetime import UTC, date, datetime, timedelta
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from web.api_client import InvalidInput, in_language
from web.api_client import api_tokens as tokens_api
from web.api_client.api_tokens import ApiToken
from web.form_values import Values, body_of, field_of, read_values
from web.htmx import render
from web.i18n import N_, gettext_in, language_of
from web.permissions import insist
from web.sessions import SignedIn
from web.templating import api_of

router = APIRouter()
LIST_PATH = "/admin/api-tokens"
SCALARS = ("name", "role", "expiresAt")
LISTS = ("stadsdelen",)
# The error summary lists problems as the form shows its fields, not as the API checked them.
FIELD_ORDER = ("", "name", "role", "stadsdelen", "expiresAt")
# A token that ends by itself limits the harm of one that leaks; the API requires an end.
DEFAULT_DAYS = 90
# Pydantic wraps a rule over several fields in this; the API's own words follow it.
VALUE_ERROR = "Value error, "
ROLE_LABELS = {"admin": N_("Beheerder"), "editor": N_("Redacteur"),
               "researcher": N_("Onderzoeker"), "viewer": N_("Kijker")}
STATE_LABELS = {tokens_api.ACTIVE: N_("Actief"), tokens_api.REVOKED: N_("Ingetrokken"),
                tokens_api.EXPIRED: N_("Verlopen")}


def _today() -> date:
    return datetime.now(UTC).date()


def _labels(lang: str) -> dict[str, Any]:
    return {"roles": {code: gettext_in(lang, label) for code, label in ROLE_LABELS.items()},
            "states": {code: gettext_in(lang, label) for code, label in STATE_LABELS.items()}}


async def _stadsdelen(request: Request) -> list[tuple[str, str]]:
    return [(area.code, area.name) for area in await api_of(request).stadsdelen()]


def blank_values() -> Values:
    expires = _today() + timedelta(days=DEFAULT_DAYS)
    return {"name": "", "role": "", "expiresAt": expires.isoformat(), "stadsdelen": []}


def end_of_day(text: str) -> str | None:
    """A chosen date as the last second of that day (UTC): the token works through that
    day. Anything that is not a date goes as typed, for the API to judge and name."""
    if not text:
        return None
    try:
        return f"{date.fromisoformat(text).isoformat()}T23:59:59Z"
    except ValueError:
        return text


def token_body(values: Values) -> dict[str, object]:
    body = body_of(values)
    body["expiresAt"] = end_of_day(str(values["expiresAt"]))
    return {name: value for name, value in body.items() if value is not None}


def errors_at_fields(error: InvalidInput, lang: str) -> dict[str, str]:
    """The API's messages at their fields. Its one rule over two fields (an editor needs
    stadsdelen, the other roles have none) has no pointer: it belongs to the stadsdelen."""
    found: dict[str, str] = {}
    for pointer, message in error.errors.items():
        _, wrapped, own_words = message.partition(VALUE_ERROR)
        field = field_of(pointer) or "stadsdelen"
        found.setdefault(field, in_language(own_words if wrapped else message, lang))
    if not found:
        found[""] = in_language(error.detail, lang)
    known = [field for field in FIELD_ORDER if field in found]
    others = [field for field in found if field not in known]
    return {field: found[field] for field in (*known, *others)}


async def render_form(request: Request, values: Values, *, errors: dict[str, str] | None = None,
                      status_code: int = 200) -> HTMLResponse:
    lang = language_of(request)
    labels = _labels(lang)
    context = {"values": values, "errors": errors or {}, "roles": list(labels["roles"].items()),
               "stadsdelen": await _stadsdelen(request)}
    return await render(request, "admin/api_token_form.html", context, block="form",
                        status_code=status_code)


@router.get(LIST_PATH, response_class=HTMLResponse)
async def list_tokens(request: Request, me: SignedIn) -> HTMLResponse:
    insist(me.is_admin)
    tokens = await tokens_api.list_api_tokens(api_of(request))
    revoked_id = request.query_params.get("revoked")
    revoked = next((token for token in tokens if token.id == revoked_id), None)
    now = datetime.now(UTC)
    context = {"tokens": [(token, token.state(now)) for token in tokens], "revoked": revoked,
               "stadsdeel_names": dict(await _stadsdelen(request)),
               **_labels(language_of(request))}
    return await render(request, "admin/api_tokens.html", context, block="tokens")


@router.get(f"{LIST_PATH}/new", response_class=HTMLResponse)
async def new_token(request: Request, me: SignedIn) -> HTMLResponse:
    insist(me.is_admin)
    return await render_form(request, blank_values())


@router.post(LIST_PATH, response_model=None)
async def create_token(request: Request, me: SignedIn) -> Response:
    """The new token is answered here, once; no redirect, so no address carries it."""
    insist(me.is_admin)
    values = read_values(await request.form(), SCALARS, LISTS)
    try:
        created = await tokens_api.create_api_token(api_of(request), token_body(values))
    except InvalidInput as error:
        return await render_form(request, values, status_code=422,
                                 errors=errors_at_fields(error, language_of(request)))
    context = {"token": created, "stadsdeel_names": dict(await _stadsdelen(request)),
               **_labels(language_of(request))}
    return await render(request, "admin/api_token_created.html", context, block="created",
                        status_code=201)


def _revoke_path(token_id: object) -> str:
    return f"{LIST_PATH}/{token_id}/revoke"


async def _confirm(request: Request, token: ApiToken) -> HTMLResponse:
    context = {"token": token, "state": token.state(), "action": _revoke_path(token.id),
               **_labels(language_of(request))}
    return await render(request, "admin/api_token_revoke.html", context, block="confirm")


@router.get(f"{LIST_PATH}/{{token_id:uuid}}/revoke", response_class=HTMLResponse)
async def confirm_revoke(request: Request, token_id: uuid.UUID, me: SignedIn) -> HTMLResponse:
    insist(me.is_admin)
    return await _confirm(request, await tokens_api.get_api_token(api_of(request),
                                                                  str(token_id)))


@router.post(f"{LIST_PATH}/{{token_id:uuid}}/revoke", response_model=None)
async def revoke_token(request: Request, token_id: uuid.UUID, me: SignedIn) -> Response:
    insist(me.is_admin)
    await tokens_api.revoke_api_token(api_of(request), str(token_id))
    return RedirectResponse(f"{LIST_PATH}?revoked={token_id}", status_code=303)
