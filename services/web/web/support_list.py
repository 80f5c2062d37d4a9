"""The initiatives behind one number of "Wat vraagt ondersteuning": those pooled in an effect
group, or followed in a durability group (with how long, and whether they stopped)."""

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from starlette.datastructures import QueryParams

from web.api_client import ApiClient
from web.api_client import support_analysis as support_api
from web.api_client.support_analysis import SupportQuery, SurvivalGroup
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


def _effects(report: support_api.SupportReport, by: str, label: str) -> list[Listed] | None:
    for grouping in report.effects.groupings:
        if grouping.by != by:
            continue
        for group in grouping.groups:
            if group.label == label:
                return [Listed(item.id, item.title) for item in group.initiatives]
    return None


def _survival_group(report: support_api.DurabilityReport, label: str) -> SurvivalGroup | None:
    if label == OVERALL:
        return report.overall
    return next((group for group in report.groups if group.label == label), None)


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
        report = await support_api.support(api, query)
        listed = _effects(report, by, label)
        indicator = report.effects.indicator
    else:
        group = _survival_group(await support_api.durability(api, by), label)
        listed = None if group is None else [
            Listed(case.id, case.title, case.time, case.event) for case in group.initiatives
            if case.event or not stopped_only]
    if listed is None:
        return None
    group_name = labels.group(None if label == OVERALL else by, label)
    return {"part": part, "grouping": labels.grouping(by), "group": group_name,
            "overall": label == OVERALL, "stopped_only": stopped_only, "listed": listed,
            "indicator": indicator, "method": query.method, "back": back_url(query)}
