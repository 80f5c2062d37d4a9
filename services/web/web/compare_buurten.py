"""Compare 2–4 buurten: their initiatives, themes, forms, support hours and evaluated outcomes."""

from dataclasses import dataclass

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse

from web.api_client import ApiClient, Vocabulary
from web.api_client.area_index import AreaIndex, AreaInfo, area_index
from web.api_client.compare import evaluations_of, indicator
from web.api_client.professional_pages import episodes_of_initiative, initiatives_in_area
from web.comparison import (
    MAX_CHOSEN,
    MIN_CHOSEN,
    Outcome,
    Row,
    Section,
    counted,
    mean_change,
    outcome_of,
    unique_in_order,
)
from web.htmx import render
from web.templating import api_of

router = APIRouter()
# Support and evaluations are read initiative by initiative: a buurt's statistics cover at
# most this many of its initiatives (the first by title), and the page says so.
MAX_DETAILED = 100
SEARCH_RESULTS = 15
VOCABULARIES = ("theme", "organisation-form")


@dataclass(frozen=True)
class BuurtFigures:
    buurt: AreaInfo
    total: int
    counted: int
    themes: tuple[tuple[str, int], ...]
    forms: tuple[tuple[str, int], ...]
    hours: float
    supported: int
    evaluated: int
    outcomes: tuple[Outcome, ...]


async def figures_of(api: ApiClient, buurt: AreaInfo,
                     vocabularies: dict[str, Vocabulary]) -> BuurtFigures:
    initiatives, total = await initiatives_in_area(api, buurt.code, MAX_DETAILED)
    hours: list[float] = []
    evaluated = 0
    outcomes: list[Outcome] = []
    for initiative in initiatives:
        episodes = await episodes_of_initiative(api, initiative.id)
        if episodes:
            hours.append(sum(episode.hours for episode in episodes))
        evaluations = await evaluations_of(api, initiative.id)
        evaluated += bool(evaluations)
        outcomes.extend([outcome_of(measure, await indicator(api, measure.indicator_id))
                         for evaluation in evaluations
                         for measure in evaluation.outcome_measures])
    themes = [term.code for term in vocabularies["theme"].terms]
    forms = [term.code for term in vocabularies["organisation-form"].terms]
    return BuurtFigures(
        buurt=buurt, total=total, counted=len(initiatives),
        themes=counted((code for item in initiatives for code in item.themes), themes),
        forms=counted((item.organisation_form for item in initiatives), forms),
        hours=sum(hours), supported=len(hours), evaluated=evaluated, outcomes=tuple(outcomes))


def sections_of(figures: list[BuurtFigures]) -> list[Section]:
    def row(key: str, kind: str, values: list[object], vocabulary: str | None = None) -> Row:
        return Row(key, kind, tuple(values), vocabulary)

    pre_post = [[o for o in item.outcomes if o.change is not None] for item in figures]
    return [
        Section("initiatives", (
            row("total", "number", [item.total for item in figures]),
            row("themes", "counts", [item.themes for item in figures], "theme"),
            row("forms", "counts", [item.forms for item in figures], "organisation-form"),
        )),
        Section("support", (
            row("supported", "number", [item.supported for item in figures]),
            row("hours", "number", [item.hours for item in figures]),
        )),
        Section("outcomes", (
            row("evaluated", "number", [item.evaluated for item in figures]),
            row("measures", "number", [len(item.outcomes) for item in figures]),
            row("pre_post", "number", [len(found) for found in pre_post]),
            row("mean_change", "change", [mean_change(item.outcomes) for item in figures]),
        )),
    ]


def _search(index: AreaIndex, q: str, chosen: list[str]) -> list[AreaInfo]:
    text = q.casefold()
    return [buurt for buurt in index.of_type("buurt")
            if buurt.code not in chosen and (text in buurt.name.casefold()
                                              or text == buurt.code.casefold())][:SEARCH_RESULTS]


def _chosen(index: AreaIndex, codes: list[str]) -> list[AreaInfo]:
    found = [index.find(code) for code in codes]
    if any(area is None or area.type != "buurt" for area in found):
        raise HTTPException(404)
    return [area for area in found if area is not None]


@router.get("/compare/buurten", response_class=HTMLResponse)
async def compare_buurten(request: Request) -> HTMLResponse:
    api = api_of(request)
    index = await area_index(api)
    codes = unique_in_order(code.upper() for code in request.query_params.getlist("buurt"))
    q = request.query_params.get("q", "").strip()[:100]
    exact = index.find(q) if q else None
    if exact is not None and exact.type == "buurt":  # a code typed in is added as it is
        codes, q = unique_in_order([*codes, exact.code]), ""
    if request.query_params.get("action") == "compare":
        q = ""
    # Still choosing (searching, or sent here with one to start from): no complaint yet.
    choosing = request.query_params.get("action") == "search" or bool(q)
    chosen = _chosen(index, codes[:MAX_CHOSEN * 3])
    wrong_number = bool(codes) and not MIN_CHOSEN <= len(codes) <= MAX_CHOSEN
    vocabularies = await api.vocabularies(*VOCABULARIES)
    figures = [] if wrong_number else [await figures_of(api, buurt, vocabularies)
                                       for buurt in chosen]
    context = {
        "chosen": chosen, "count": len(codes), "q": q,
        "wrong_number": wrong_number, "choosing": choosing,
        "found": _search(index, q, codes) if q else [],
        "minimum": MIN_CHOSEN, "maximum": MAX_CHOSEN, "limit": MAX_DETAILED,
        "capped": any(item.total > item.counted for item in figures),
        "headers": [(f"/areas/{buurt.code}", buurt.name) for buurt in chosen],
        "sections": sections_of(figures) if figures else [], "vocabularies": vocabularies,
    }
    return await render(request, "compare/buurten.html", context, block="comparison",
                        status_code=422 if wrong_number and not choosing else 200)
