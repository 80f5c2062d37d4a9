"""The initiatives behind one number of "Wat vraagt ondersteuning": those pooled in an effect
group, or followed in a durability group (with how long, and whether they stopped). Each
asks the API only for that one grouping (GET /v1/analysis/effects?groupBy= or
/durability?by=), never for the whole support report again."""

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from starlette.datastructures import QueryParams

from web.api_client import ApiClient, InvalidInput, NotFound
from web.api_client import effects as effects_api
from web.api_client import support_analysis as support_api
from web.api_client.effects import EffectsQuery, IndicatorRef
from web.api_client.support_analysis import (
    CURVE_GROUPINGS,
    SUPPORT_GROUPINGS,
    SupportQuery,
    SurvivalGroup,
)
from web.support_labels import SupportLabels
from web.support_views import OVERALL

PARTS = ("effects", "durability")
MAX_TEXT = 100


@dataclass(frozen=True)
class Listed:
    """One initiative of the list; time and stopped only for durability."""

    id: str
    title: str
    time: float | None = None
    stopped: bool | None = None


async def _effects(api: ApiClient, query: SupportQuery, by: str, label: str
                   ) -> tuple[list[Listed] | None, IndicatorRef | None]:
    """The group's initiatives from GET /v1/analysis/effects?groupBy=: the same pool and
    the same groupings (api/analyses/effects/grouping.py) as the support report, without
    its models. A grouping the page never links to is no group (a 404)."""
    if by not in SUPPORT_GROUPINGS:
        return None, None
    try:
        report = await effects_api.effects(api, EffectsQuery(
            indicator=query.indicator, group_by=by, method=query.method))
    except (InvalidInput, NotFound):  # a method or an indicator the API does not know
        return None, None
    group = next((group for group in report.groups if group.label == label), None)
    listed = None if group is None else [Listed(item.id, item.title)
                                         for item in group.initiatives]
    return listed, report.indicator


def _survival_group(report: support_api.DurabilityReport, label: str) -> SurvivalGroup | None:
    if label == OVERALL:
        return report.overall
    return next((group for group in report.groups if group.label == label), None)


async def _durability(api: ApiClient, by: str, label: str, stopped_only: bool
                      ) -> list[Listed] | None:
    """The group's initiatives from GET /v1/analysis/durability?by= (no Cox model)."""
    if by not in CURVE_GROUPINGS:
        return None
    group = _survival_group(await support_api.durability(api, by), label)
    return None if group is None else [
        Listed(case.id, case.title, case.time, case.event) for case in group.initiatives
        if case.event or not stopped_only]


def back_url(query: SupportQuery) -> str:
    """The page as first opened, for the same indicator: its other choices are defaults."""
    return "/ondersteuning" + (f"?{urlencode([('indicator', query.indicator)])}"
                               if query.indicator else "")


async def initiatives_page(api: ApiClient, params: QueryParams, query: SupportQuery,
                           labels: SupportLabels) -> dict[str, Any] | None:
    """The list's context; None when the address names no such group (a 404)."""
    part, by, label = (params.get(key, "").strip()[:MAX_TEXT] for key in ("part", "by", "label"))
    stopped_only = params.get("stopped") == "ja"
    if part not in PARTS or not by or not label:
        return None
    indicator = None
    if part == "effects":
        listed, indicator = await _effects(api, query, by, label)
    else:
        listed = await _durability(api, by, label, stopped_only)
    if listed is None:
        return None
    group_name = labels.group(None if label == OVERALL else by, label)
    return {"part": part, "grouping": labels.grouping(by), "group": group_name,
            "overall": label == OVERALL, "stopped_only": stopped_only, "listed": listed,
            "indicator": indicator, "method": query.method, "back": back_url(query)}
