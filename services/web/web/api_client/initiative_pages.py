"""What the initiative pages and their forms read and write besides the initiative itself:
support episodes, evaluations with outcome measures, and the choices of the forms.

Form bodies go to the API in its own (camelCase) names, as the forms name their fields, so
that an error's JSON pointer leads straight back to the field.
"""

from collections.abc import Awaitable, Callable, Mapping
from datetime import date
from typing import Any, TypeVar

from pydantic import BaseModel

from web.api_client import ApiClient
from web.api_client.results import Area, Initiative, Wire
from web.api_client.support_account import Account

PAGE_SIZE = 100
# More than any district office holds; a runaway loop stops here.
MAX_PAGES = 100
ItemT = TypeVar("ItemT", bound=BaseModel)


class SupportEpisode(Account):
    id: str
    initiative_id: str
    professional_id: str
    role: str
    start_date: date
    end_date: date | None = None
    hours: float
    kinds: tuple[str, ...] = ()
    style: str | None = None


class OutcomeMeasure(Wire):
    id: str
    indicator_id: str
    kind: str
    note: str | None = ""  # personal data (free text): null for a viewer
    mean_pre: float | None = None
    sd_pre: float | None = None
    mean_post: float | None = None
    sd_post: float | None = None
    n: int | None = None
    pre_post_correlation: float | None = None
    mean_treatment: float | None = None
    sd_treatment: float | None = None
    n_treatment: int | None = None
    mean_control: float | None = None
    sd_control: float | None = None
    n_control: int | None = None
    events_treatment: int | None = None
    events_control: int | None = None
    events: int | None = None
    effect_measure: str | None = None
    effect_size: float | None = None
    sampling_variance: float | None = None
    direction: str | None = None


class Evaluation(Wire):
    id: str
    evaluated_on: date
    evaluator: str
    methods: tuple[str, ...] = ()
    design: str
    evidence_level: str
    theory_of_change: bool = False
    period_start: date | None = None
    period_end: date | None = None
    summary: str | None = ""  # personal data (free text): null for a viewer
    outcome_measures: tuple[OutcomeMeasure, ...] = ()


class Professional(Wire):
    id: str
    name: str | None  # personal data: null for a viewer
    role: str
    organisation: str


class Indicator(Wire):
    id: str
    code: str
    name: str
    scale_type: str


async def _all(api: ApiClient, path: str, params: list[tuple[str, Any]],
               item: type[ItemT]) -> tuple[ItemT, ...]:
    """Every item of a list, page by page."""
    found: list[ItemT] = []
    for number in range(1, MAX_PAGES + 1):
        paged = [*params, ("pageSize", PAGE_SIZE), ("page", number)]
        body = (await api._send("GET", path, params=paged)).json()
        found.extend(item.model_validate(entry) for entry in body["items"])
        if len(found) >= body["total"] or not body["items"]:
            break
    return tuple(found)


async def _cached(api: ApiClient, key: str,
                  load: Callable[[], Awaitable[tuple[ItemT, ...]]]) -> tuple[ItemT, ...]:
    return await api._cached(f"initiative-pages:{key}", load)


async def support_episodes(api: ApiClient, initiative_id: str) -> tuple[SupportEpisode, ...]:
    return await _all(api, "/v1/support-episodes",
                      [("initiative", initiative_id), ("sort", "startDate")], SupportEpisode)


async def evaluations(api: ApiClient, initiative_id: str) -> tuple[Evaluation, ...]:
    return await _all(api, "/v1/evaluations",
                      [("initiative", initiative_id), ("sort", "evaluatedOn")], Evaluation)


async def professionals(api: ApiClient, area: str | None = None) -> tuple[Professional, ...]:
    """Those serving `area` (or an area above or below it), by name. Not cached: a
    professional registered a minute ago must be in the select."""
    params: list[tuple[str, Any]] = [("sort", "name")] + ([("area", area)] if area else [])
    return await _all(api, "/v1/professionals", params, Professional)


async def professional(api: ApiClient, professional_id: str) -> Professional:
    response = await api._send("GET", f"/v1/professionals/{professional_id}")
    return Professional.model_validate_json(response.content)


async def indicators(api: ApiClient) -> tuple[Indicator, ...]:
    async def load() -> tuple[Indicator, ...]:
        return await _all(api, "/v1/indicators", [("sort", "name")], Indicator)
    return await _cached(api, "indicators", load)


async def buurten(api: ApiClient) -> tuple[Area, ...]:
    """The 2022 buurten by code, so that a stadsdeel's buurten come together."""
    async def load() -> tuple[Area, ...]:
        return await _all(api, "/v1/areas",
                          [("type", "buurt"), ("indeling", 2022), ("sort", "code")], Area)
    return await _cached(api, "buurten", load)


async def area(api: ApiClient, area_id: str) -> Area:
    response = await api._send("GET", f"/v1/areas/{area_id}")
    return Area.model_validate_json(response.content)


async def create_initiative(api: ApiClient, body: Mapping[str, object]) -> Initiative:
    response = await api._send("POST", "/v1/initiatives", body=dict(body))
    return Initiative.model_validate_json(response.content)


async def update_initiative(api: ApiClient, initiative_id: str, body: Mapping[str, object],
                            version: str) -> Initiative:
    response = await api._send("PATCH", f"/v1/initiatives/{initiative_id}", body=dict(body),
                               headers={"If-Match": f'"{version}"'})
    return Initiative.model_validate_json(response.content)


async def delete_initiative(api: ApiClient, initiative_id: str, version: str) -> None:
    await api._send("DELETE", f"/v1/initiatives/{initiative_id}",
                    headers={"If-Match": f'"{version}"'})


async def create_support_episode(api: ApiClient, body: Mapping[str, object]) -> None:
    await api._send("POST", "/v1/support-episodes", body=dict(body))


async def create_evaluation(api: ApiClient, body: Mapping[str, object]) -> None:
    await api._send("POST", "/v1/evaluations", body=dict(body))
