"""Evaluations, outcome measures and indicators, as the comparison pages read them."""

from datetime import date

from web.api_client import ApiClient
from web.api_client.professional_pages import API_PAGE_SIZE, MAX_PAGES, Paged
from web.api_client.results import Wire


class OutcomeMeasure(Wire):
    id: str
    indicator_id: str
    kind: str
    mean_pre: float | None = None
    sd_pre: float | None = None
    mean_post: float | None = None
    sd_post: float | None = None
    n: int | None = None
    effect_measure: str | None = None
    effect_size: float | None = None
    direction: str | None = None
    events: int | None = None


class Evaluation(Wire):
    id: str
    initiative_id: str
    evaluated_on: date
    evaluator: str
    design: str
    evidence_level: str
    outcome_measures: tuple[OutcomeMeasure, ...] = ()


class Indicator(Wire):
    id: str
    code: str
    name: str
    higher_is_better: bool = True


async def evaluations_of(api: ApiClient, initiative_id: str) -> tuple[Evaluation, ...]:
    found: list[Evaluation] = []
    for number in range(1, MAX_PAGES + 1):
        params = [("initiative", initiative_id), ("sort", "evaluatedOn"), ("page", number),
                  ("pageSize", API_PAGE_SIZE)]
        response = await api._send("GET", "/v1/evaluations", params=params)
        page = Paged[Evaluation].model_validate_json(response.content)
        found.extend(page.items)
        if number >= page.pages:
            break
    return tuple(found)


async def indicator(api: ApiClient, indicator_id: str) -> Indicator:
    """Indicators change seldom; kept like reference data."""
    async def load() -> Indicator:
        response = await api._send("GET", f"/v1/indicators/{indicator_id}")
        return Indicator.model_validate_json(response.content)
    return await api._cached(f"indicator:{indicator_id}", load)
