"""Changing one's own password: a real form, messages at the fields, 303 when it is done.

The API checks the current password and the new one's length, and ends the account's other
sessions; this form adds only the repetition, which the API does not need.
"""

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from web.api_client import InvalidInput
from web.api_client import accounts as accounts_api
from web.form_values import errors_of
from web.htmx import render
from web.i18n import N_, gettext_in, language_of
from web.templating import api_of

router = APIRouter()
PATH = "/account/password"
TEMPLATE = "account/password.html"
REQUIRED = {"currentPassword": N_("Vul uw huidige wachtwoord in."),
            "newPassword": N_("Kies een nieuw wachtwoord."),
            "repeatPassword": N_("Herhaal het nieuwe wachtwoord.")}
NOT_THE_SAME = N_("Dit is niet hetzelfde als het nieuwe wachtwoord.")


async def render_form(request: Request, *, errors: dict[str, str] | None = None,
                      saved: bool = False, status_code: int = 200) -> HTMLResponse:
    """Never with the passwords typed: a refused form comes back empty."""
    return await render(request, TEMPLATE, {"errors": errors or {}, "saved": saved},
                        block="form", status_code=status_code)


@router.get(PATH, response_class=HTMLResponse)
async def password_form(request: Request) -> HTMLResponse:
    return await render_form(request, saved=request.query_params.get("saved") == "1")


def _checked(given: dict[str, str], lang: str) -> dict[str, str]:
    errors = {name: gettext_in(lang, REQUIRED[name]) for name, value in given.items()
              if not value}
    if not errors and given["repeatPassword"] != given["newPassword"]:
        errors["repeatPassword"] = gettext_in(lang, NOT_THE_SAME)
    return errors


@router.post(PATH, response_model=None)
async def change_password(request: Request) -> Response:
    form, lang = await request.form(), language_of(request)
    given = {name: str(form.get(name) or "") for name in REQUIRED}
    errors = _checked(given, lang)
    if not errors:
        try:
            await accounts_api.change_password(api_of(request), given["currentPassword"],
                                               given["newPassword"])
        except InvalidInput as error:
            errors = errors_of(error, lang)
    if errors:
        return await render_form(request, errors=errors, status_code=422)
    return RedirectResponse(f"{PATH}?saved=1", status_code=303)
