"""The analyses of coded records (researchers and administrators): codes meet outcomes
(/codes/uitkomsten), agreement between coders (/codes/overeenstemming) and codes by group
(/codes/per-groep). Plain GET forms: the address holds every choice."""

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from web.api_client import InvalidInput, NotFound, in_language
from web.api_client import code_analysis as analysis_api
from web.api_client import effects as effects_api
from web.api_client.code_analysis import GROUP_BYS, UNITS, OutcomesReport
from web.code_readings import alpha_reading, indent, interval_line, mark_scale
from web.effect_numbers import Numbers
from web.effects import labels_of
from web.htmx import render
from web.i18n import N_, gettext_in, language_of
from web.permissions import insist
from web.sessions import SignedIn
from web.templating import api_of

router = APIRouter()
MAX_TEXT = 100
UNIT_LABELS = {"paragraph": N_("Alinea's"), "character": N_("Tekens")}
# The API's parameter that a page field stands for, where the names differ.
FIELD_OF = {"coder": "", "record": ""}


def _one(request: Request, key: str, allowed: tuple[str, ...] = (), default: str = "") -> str:
    found = request.query_params.get(key, "").strip()[:MAX_TEXT]
    if allowed and found not in allowed:
        return default
    return found or default


def problems_of(error: InvalidInput, lang: str) -> dict[str, str]:
    """The API's refusal at the page's fields; about coders or records, for the page."""
    found: dict[str, str] = {}
    for where, message in error.errors.items():
        name = where.strip("/").split("/")[0]
        found.setdefault(FIELD_OF.get(name, name), in_language(message, lang))
    return found or {"": in_language(error.detail, lang)}


def _base(request: Request) -> dict[str, Any]:
    return {"n": Numbers(language_of(request))}


async def _outcomes(request: Request, indicator: str, area: str
                    ) -> tuple[OutcomesReport | None, dict[str, str]]:
    lang = language_of(request)
    try:
        return await analysis_api.code_outcomes(api_of(request), indicator, area), {}
    except InvalidInput as error:
        return None, problems_of(error, lang)
    except NotFound as error:  # the only thing looked up: the indicator
        return None, {"indicator": in_language(error.detail, lang)}


@router.get("/codes/uitkomsten", response_class=HTMLResponse)
async def outcomes_page(request: Request, me: SignedIn) -> HTMLResponse:
    insist(me.may_read_records)
    api = api_of(request)
    indicator, area = _one(request, "indicator"), _one(request, "area")
    report, errors = await _outcomes(request, indicator, area)
    stadsdelen = sorted(((item.code, item.name) for item in await api.stadsdelen()),
                        key=lambda pair: pair[1])
    context: dict[str, Any] = {
        **_base(request), "report": report, "errors": errors,
        "chosen": {"indicator": indicator, "area": area},
        "choices": {"indicator": [(item.code, item.name)
                                  for item in await effects_api.indicators(api)],
                    "area": stadsdelen},
        "area_name": dict(stadsdelen).get(area, ""), "indent": indent,
        "line": interval_line,
        "marks": mark_scale([row.effect for row in (*report.codes, report.reference)])
        if report else None,
    }
    return await render(request, "codes/outcomes.html", context, block="results",
                        status_code=422 if errors else 200)


@router.get("/codes/overeenstemming", response_class=HTMLResponse)
async def agreement_page(request: Request, me: SignedIn) -> HTMLResponse:
    insist(me.may_read_records)
    lang = language_of(request)
    unit = _one(request, "unit", UNITS, UNITS[0])
    report, problem = None, ""
    try:
        report = await analysis_api.coding_agreement(api_of(request), unit)
    except InvalidInput as error:  # fewer than two coders: nothing to compare
        problem = " ".join(problems_of(error, lang).values())
    context: dict[str, Any] = {
        **_base(request), "report": report, "problem": problem, "unit": unit,
        "units": [(key, gettext_in(lang, label)) for key, label in UNIT_LABELS.items()],
        "reading": lambda alpha: gettext_in(lang, alpha_reading(alpha)), "indent": indent,
    }
    return await render(request, "codes/agreement.html", context, block="results")


@router.get("/codes/per-groep", response_class=HTMLResponse)
async def by_group_page(request: Request, me: SignedIn) -> HTMLResponse:
    insist(me.may_read_records)
    api, lang = api_of(request), language_of(request)
    group_by = _one(request, "groupBy", GROUP_BYS, GROUP_BYS[0])
    labels = await labels_of(api, lang)
    report = await analysis_api.codes_by_group(api, group_by)
    context: dict[str, Any] = {
        **_base(request), "report": report, "group_by": group_by, "labels": labels,
        "groupings": [(key, labels.grouping(key)) for key in GROUP_BYS], "indent": indent,
    }
    return await render(request, "codes/by_group.html", context, block="results")
