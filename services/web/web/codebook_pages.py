"""The codebook page (/codes): the tree of codes for everyone signed in; for those who keep
it (researchers, administrators) the links to add, edit and delete codes, and the REFI-QDA
codebook file to download and to import (merged by guid, all or nothing)."""

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from web.api_client import Conflict, InvalidInput, in_language
from web.api_client import codes as codes_api
from web.api_client.accounts import Me
from web.code_tree import nested
from web.form_values import chosen_file, errors_of, whole_number
from web.htmx import render
from web.i18n import N_, gettext_in, language_of
from web.permissions import insist
from web.sessions import SignedIn
from web.templating import api_of

router = APIRouter()
PAGE = "/codes"
EXPORT = "/codes/exporteren"
IMPORT = "/codes/importeren"
# Far above any codebook file (5,000 codes of 200-character names and two 4,000-character
# texts would be some 40 MB, but real ones are kilobytes); the API judges the content.
MAX_UPLOAD_BYTES = 5 * 1024 * 1024
NO_FILE = N_("Kies een codeboekbestand (.qdc).")
TOO_LARGE = N_("Het bestand is groter dan 5 MB; een codeboek is veel kleiner.")
IMPORT_COUNTS = ("nieuw", "bijgewerkt", "ongewijzigd")


def _imported(request: Request) -> dict[str, int] | None:
    """The counts of an import just done, from the address the import redirected to."""
    counts = {key: whole_number(request.query_params.get(key, ""), max_digits=6)
              for key in IMPORT_COUNTS}
    if any(count is None for count in counts.values()):
        return None
    return {key: min(count or 0, 100_000) for key, count in counts.items()}


async def render_codebook(request: Request, me: Me, *, errors: dict[str, str] | None = None,
                          status_code: int = 200) -> HTMLResponse:
    context = {"tree": nested(await codes_api.list_codes(api_of(request))),
               "may_write": me.may_write_codes, "errors": errors or {},
               "imported": _imported(request),
               "deleted": request.query_params.get("verwijderd", "") == "1"}
    return await render(request, "codes/index.html", context, block="codebook",
                        status_code=status_code)


@router.get(PAGE, response_class=HTMLResponse)
async def codebook_page(request: Request, me: SignedIn) -> HTMLResponse:
    return await render_codebook(request, me)


@router.get(EXPORT)
async def export_codebook(request: Request) -> Response:
    """The API's .qdc file, passed on as it made it (its name included)."""
    found = await codes_api.export_codebook(api_of(request))
    return Response(found.content, headers={**found.headers, "Cache-Control": "no-store"})


def _refusal(error: InvalidInput | Conflict, lang: str) -> dict[str, str]:
    """A broken file: the API's reason (what and where) at the file field, after its
    general message that nothing was changed."""
    if isinstance(error, Conflict):
        return {"file": in_language(error.detail, lang)}
    found = errors_of(error, lang)
    reason = found.get("file") or found.get("", "")
    general = in_language(error.detail, lang)
    return {"file": f"{general} {reason}".strip() if reason != general else general}


@router.post(IMPORT, response_model=None)
async def import_codebook(request: Request, me: SignedIn) -> Response:
    insist(me.may_write_codes)
    lang = language_of(request)
    async with request.form() as form:
        upload = chosen_file(form)
        if upload is None:
            errors = {"file": gettext_in(lang, NO_FILE)}
        elif upload.size is not None and upload.size > MAX_UPLOAD_BYTES:
            errors = {"file": gettext_in(lang, TOO_LARGE)}
        else:
            try:
                done = await codes_api.import_codebook(api_of(request), upload.filename or "",
                                                       upload.file)
            except (InvalidInput, Conflict) as error:
                errors = _refusal(error, lang)
            else:
                counts = f"nieuw={done.created}&bijgewerkt={done.updated}" \
                         f"&ongewijzigd={done.unchanged}"
                return RedirectResponse(f"{PAGE}?{counts}#import", status_code=303)
    return await render_codebook(request, me, errors=errors, status_code=422)
