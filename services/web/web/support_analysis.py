"""Wat vraagt ondersteuning: which kinds, styles, hours and competences of support go with
effects and with durability (the API's support and durability analyses), and the
initiatives behind each number."""

from typing import Any

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse
from starlette.datastructures import QueryParams

from web.api_client import ApiClient, InvalidInput, NotFound, in_language
from web.api_client import effects as effects_api
from web.api_client import support_analysis as support_api
from web.api_client.accounts import Me
from web.api_client.support_analysis import (
    CURVE_GROUPINGS,
    DEFAULT_COVARIATES,
    DEFAULT_CURVES,
    DEFAULT_MODERATORS,
    SUPPORT_MODERATORS,
    DurabilityReport,
    SupportQuery,
    SupportReport,
)
from web.competences import may_read_assessments
from web.effect_labels import VOCABULARIES
from web.effect_numbers import Numbers
from web.htmx import render
from web.i18n import N_, gettext_in, language_of
from web.qca_sentences import condition_label
from web.sessions import SignedIn
from web.support_labels import SupportLabels
from web.support_list import initiatives_page
from web.support_sentences import Readings
from web.support_views import (
    MONTHS_SHOWN,
    cox_readings,
    curves_of,
    durability_table,
    effects_table,
    initiatives_url,
    regression_readings,
)
from web.templating import api_of

router = APIRouter()
PAGE = "/ondersteuning"
MAX_TEXT = 100
MAX_CHOSEN = 20  # more than the page offers; the API refuses more than 8 in words
# Chosen for the success-factor link at first: the support facts the API names first.
FIRST_CONDITIONS = ("hours", "makelaarInvolved", "takenOver")
# The API's parameter that a page field stands for, where the names differ.
FIELD_OF = {"by": "curves", "groupBy": "curves"}
NOTHING_CHOSEN = N_("Geen kenmerken gekozen.")
COMPETENCE = "competence"


def query_of(params: QueryParams) -> SupportQuery:
    """The page's choices from its address; a first visit (no method) gets the defaults,
    a sent form exactly what was ticked."""
    def one(key: str, default: str = "") -> str:
        return params.get(key, "").strip()[:MAX_TEXT] or default

    sent = "method" in params

    def ticked(key: str, default: tuple[str, ...]) -> tuple[str, ...]:
        if not sent:
            return default
        found = dict.fromkeys(value.strip()[:MAX_TEXT] for value in params.getlist(key)
                              if value.strip())
        return tuple(found)[:MAX_CHOSEN]

    return SupportQuery(indicator=one("indicator"), method=one("method", "REML"),
                        moderators=ticked("moderators", DEFAULT_MODERATORS),
                        covariates=ticked("covariates", DEFAULT_COVARIATES),
                        curves=one("curves", DEFAULT_CURVES))


async def labels_of(api: ApiClient, lang: str) -> SupportLabels:
    vocabularies = await api.vocabularies(*VOCABULARIES)
    stadsdelen = {area.code: area.name for area in await api.stadsdelen()}
    return SupportLabels(lang, vocabularies, stadsdelen)


def problems_of(error: InvalidInput, lang: str) -> dict[str, str]:
    """The API's refusal at the page's fields: "moderators/2" → moderators."""
    found: dict[str, str] = {}
    for where, message in error.errors.items():
        name = where.strip("/").replace(".", "/").split("/")[0]
        found.setdefault(FIELD_OF.get(name, name), in_language(message, lang))
    return found or {"": in_language(error.detail, lang)}


async def _reports(api: ApiClient, query: SupportQuery, lang: str
                   ) -> tuple[SupportReport | None, DurabilityReport | None, dict[str, str]]:
    try:
        report = await support_api.support(api, query)
        curves = await support_api.durability(api, query.curves)
    except InvalidInput as error:
        return None, None, problems_of(error, lang)
    except NotFound as error:  # the only thing the analyses look up: the indicator
        return None, None, {"indicator": in_language(error.detail, lang)}
    return report, curves, {}


async def _choices(api: ApiClient, labels: SupportLabels, me: Me) -> dict[str, Any]:
    """Competence comes from assessments: only for those who may read them (the API refuses
    it to the others)."""
    allowed = [name for name in SUPPORT_MODERATORS
               if name != COMPETENCE or may_read_assessments(me)]
    return {
        "indicator": [(item.code, item.name) for item in await effects_api.indicators(api)],
        "moderators": [(name, labels.moderator(name)) for name in allowed],
        "covariates": [(name, labels.moderator(name)) for name in allowed
                       if name != "hoursSquared"],
        "curves": [(name, labels.grouping(name)) for name in CURVE_GROUPINGS
                   if name != COMPETENCE or may_read_assessments(me)],
    }


def _models(query: SupportQuery, report: SupportReport, lang: str) -> dict[str, Any]:
    """The two models, or why there is none. Nothing ticked: the API would fall back on
    its own defaults, which the page would then show under empty boxes."""
    effects, durability = report.effects, report.durability
    nothing = gettext_in(lang, NOTHING_CHOSEN)
    return {
        "regression": effects.regression if query.moderators else None,
        "regression_note": (in_language(effects.regression_note or "", lang)
                            if query.moderators else nothing),
        "cox": durability.cox if query.covariates else None,
        "cox_note": in_language(durability.cox_note or "", lang) if query.covariates else nothing,
    }


def _results(query: SupportQuery, report: SupportReport, curves: DurabilityReport,
             labels: SupportLabels, numbers: Numbers) -> dict[str, Any]:
    readings = Readings(labels, numbers)
    effects, durability = report.effects, report.durability
    models = _models(query, report, labels.lang)
    return {
        **models,
        "effects_tables": [effects_table(found, labels) for found in effects.groupings],
        "durability_tables": [durability_table(found, labels)
                              for found in durability.groupings],
        "regression_readings": (regression_readings(models["regression"], effects.groupings,
                                                    readings)
                                if models["regression"] else []),
        "cox_readings": cox_readings(models["cox"], readings) if models["cox"] else [],
        "curves": curves_of(query.curves, curves.groups or (curves.overall,), labels),
        "conditions": [(name, condition_label(name, labels)) for name in report.conditions],
    }


@router.get(PAGE, response_class=HTMLResponse)
async def support_page(request: Request, me: SignedIn) -> HTMLResponse:
    query = query_of(request.query_params)
    api, lang = api_of(request), language_of(request)
    labels = await labels_of(api, lang)
    report, curves, errors = await _reports(api, query, lang)
    numbers = Numbers(lang)
    context: dict[str, Any] = {
        "query": query, "errors": errors, "labels": labels, "n": numbers,
        "local": lambda text: in_language(text, lang), "report": report,
        "curves_report": curves, "months": MONTHS_SHOWN,
        "choices": await _choices(api, labels, me), "first_conditions": FIRST_CONDITIONS,
        "link": lambda part, by, label, stopped=False: initiatives_url(query, part, by, label,
                                                                        stopped),
        **(_results(query, report, curves, labels, numbers) if report and curves else {}),
    }
    return await render(request, "support/index.html", context, block="results",
                        status_code=400 if errors else 200)


@router.get("/ondersteuning/initiatieven", response_class=HTMLResponse)
async def initiatives_behind(request: Request) -> HTMLResponse:
    """The initiatives behind one number of the page."""
    params = request.query_params
    api, lang = api_of(request), language_of(request)
    context = await initiatives_page(api, params, query_of(params), await labels_of(api, lang))
    if context is None:
        raise HTTPException(404)
    return await render(request, "support/initiatives.html", {**context, "n": Numbers(lang)})
