"""What works ("Wat werkt"): pooled effects per group, the subgroup test, the funnel plot and a
meta-regression, as pictures, tables, sentences and CSV files (docs/effects.md)."""

import math
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse, Response
from starlette.datastructures import QueryParams

from web import effect_csv
from web.api_client import ApiClient, InvalidInput, NotFound, in_language
from web.api_client import effects as effects_api
from web.api_client.effects import (
    DEFAULT_METHOD,
    DEFAULT_TEST,
    MODERATORS,
    EffectsQuery,
    EffectsReport,
    Group,
    ModeratorReport,
)
from web.effect_labels import VOCABULARIES, Labels
from web.effect_numbers import Numbers
from web.effect_plots import ForestInput, forest_plot, funnel_plot
from web.htmx import render
from web.i18n import language_of
from web.templating import api_of

router = APIRouter()
PAGE = "/effects"
# Groupings whose groups overlap (an initiative with two themes counts in both): no test.
OVERLAPPING = frozenset({"theme", "supportKind"})
MAX_TEXT = 100


def query_of(params: QueryParams) -> EffectsQuery:
    """The page's choices from its address; what the API does not know, it refuses."""
    def one(key: str, default: str = "") -> str:
        return params.get(key, "").strip()[:MAX_TEXT] or default

    chosen = dict.fromkeys(name.strip()[:MAX_TEXT] for name in params.getlist("moderators")
                           if name.strip())
    return EffectsQuery(indicator=one("indicator"), group_by=one("groupBy"), area=one("area"),
                        theme=one("theme"), method=one("method", DEFAULT_METHOD),
                        test=one("test", DEFAULT_TEST),
                        moderators=tuple(chosen)[:len(MODERATORS)])


def csv_url(query: EffectsQuery, part: str) -> str:
    return f"{PAGE}.csv?" + urlencode([("part", part), *query.params()])


def _problems(error: InvalidInput, lang: str) -> dict[str, str]:
    found = {field: in_language(message, lang) for field, message in error.errors.items()}
    return found or {"": in_language(error.detail, lang)}


async def labels_of(api: ApiClient, lang: str) -> Labels:
    vocabularies = await api.vocabularies(*VOCABULARIES)
    stadsdelen = {area.code: area.name for area in await api.stadsdelen()}
    return Labels(lang, vocabularies, stadsdelen)


async def _report(api: ApiClient, query: EffectsQuery, lang: str
                  ) -> tuple[EffectsReport | None, dict[str, str]]:
    try:
        return await effects_api.effects(api, query), {}
    except InvalidInput as error:
        return None, _problems(error, lang)
    except NotFound as error:  # the only thing the analysis looks up: the indicator
        return None, {"indicator": in_language(error.detail, lang)}


async def _regression(api: ApiClient, query: EffectsQuery, lang: str
                      ) -> tuple[ModeratorReport | None, str | None]:
    """The meta-regression, or why it cannot be made (the API's 422 or 400, in words)."""
    if not query.moderators:
        return None, None
    try:
        return await effects_api.moderators(api, query), None
    except InvalidInput as error:
        return None, " ".join(_problems(error, lang).values())


@dataclass(frozen=True)
class Shown:
    """A group as the page shows it: its name and its pooled numbers."""

    name: str
    group: Group
    overall: bool = False


def shown_groups(report: EffectsReport, labels: Labels) -> list[Shown]:
    """The groups in their natural order, then every initiative together."""
    grouping = report.group_by
    groups = sorted(report.groups, key=lambda group: labels.group_order(grouping, group.label))
    return [*(Shown(labels.group(grouping, group.label), group) for group in groups),
            Shown(labels.group(None, report.overall.label), report.overall, overall=True)]


def _forest_input(shown: Shown) -> ForestInput:
    model = shown.group.model
    if model is None:
        return ForestInput(shown.name, shown.group.k, None, None, None, overall=shown.overall)
    return ForestInput(shown.name, shown.group.k, model.estimate, model.ci_lb, model.ci_ub,
                       model.pi_lb, model.pi_ub, overall=shown.overall)


def extremes(shown: list[Shown]) -> tuple[Shown, Shown] | None:
    """The groups with the largest and the smallest pooled effect, for the plot's summary."""
    pooled = [item for item in shown if not item.overall and item.group.model is not None
              and item.group.model.estimate is not None]
    if len(pooled) < 2:
        return None
    def estimate(item: Shown) -> float:
        assert item.group.model is not None and item.group.model.estimate is not None
        return item.group.model.estimate
    return max(pooled, key=estimate), min(pooled, key=estimate)


def _plots(report: EffectsReport, shown: list[Shown]) -> dict[str, Any]:
    model = report.overall.model
    points = [(effect.yi, math.sqrt(effect.vi)) for effect in report.overall.initiatives]
    return {"forest": forest_plot([_forest_input(item) for item in shown]),
            "funnel": funnel_plot(points, model.estimate if model else None),
            "extremes": extremes(shown)}


async def _choices(api: ApiClient, labels: Labels) -> dict[str, Any]:
    lang = labels.lang
    return {
        "indicator": [(item.code, item.name) for item in await effects_api.indicators(api)],
        "groupBy": [(name, labels.grouping(name)) for name in effects_api.GROUPINGS],
        "area": sorted(labels.stadsdelen.items(), key=lambda item: item[1]),
        "theme": labels.vocabularies["theme"].choices(lang),
        "moderators": [(name, labels.moderator(name)) for name in MODERATORS],
    }


@router.get(PAGE, response_class=HTMLResponse)
async def effects_page(request: Request) -> HTMLResponse:
    query = query_of(request.query_params)
    api, lang = api_of(request), language_of(request)
    labels = await labels_of(api, lang)
    report, errors = await _report(api, query, lang)
    regression, regression_problem = (None, None)
    if report is not None:
        regression, regression_problem = await _regression(api, query, lang)
    shown = shown_groups(report, labels) if report else []
    context: dict[str, Any] = {
        "query": query, "report": report, "errors": errors, "labels": labels,
        "local": lambda text: in_language(text, lang),
        "n": Numbers(lang), "choices": await _choices(api, labels), "shown": shown,
        "overlapping": query.group_by in OVERLAPPING,
        "regression": regression, "regression_problem": regression_problem,
        "csv": {part: csv_url(query, part) for part in effect_csv.PARTS},
        **(_plots(report, shown) if report and report.overall.k else {}),
    }
    return await render(request, "effects/index.html", context, block="results",
                        status_code=400 if errors else 200)


@router.get(f"{PAGE}.csv")
async def effects_csv(request: Request) -> Response:
    """One table of the page as a CSV file; a refused choice is the 400 page."""
    part = request.query_params.get("part", "groups")
    if part not in effect_csv.PARTS:
        raise HTTPException(404)
    query = query_of(request.query_params)
    api = api_of(request)
    labels = await labels_of(api, language_of(request))
    if part == "regression":
        regression = await effects_api.moderators(api, query) if query.moderators else None
        return effect_csv.csv_response(effect_csv.regression_csv(regression, labels),
                                       "wat-werkt-meta-regressie")
    report = await effects_api.effects(api, query)
    texts = {"groups": lambda: effect_csv.groups_csv(report, labels),
             "initiatives": lambda: effect_csv.initiatives_csv(report, labels),
             "subgroup-test": lambda: effect_csv.subgroup_csv(report),
             "counts": lambda: effect_csv.counts_csv(report, labels)}
    return effect_csv.csv_response(texts[part](), f"wat-werkt-{part}")
