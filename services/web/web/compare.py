"""Compare 2–4 initiatives side by side, with the rows that differ marked."""

import uuid
from dataclasses import dataclass

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse

from web.api_client import ApiClient, Initiative, InitiativeQuery, InitiativeSummary, Vocabulary
from web.api_client.compare import Evaluation, evaluations_of, indicator
from web.api_client.professional_pages import (
    Professional,
    SupportEpisode,
    episodes_of_initiative,
    get_professional,
)
from web.comparison import (
    MAX_CHOSEN,
    MIN_CHOSEN,
    Outcome,
    Row,
    Section,
    in_order,
    mean_change,
    outcome_of,
    unique_in_order,
)
from web.htmx import render
from web.templating import api_of

router = APIRouter()
SEARCH_RESULTS = 10
# More ids than this in one address are not read at all: the page only asks to choose fewer.
MAX_LISTED = 12
VOCABULARIES = ("organisation-form", "initiator-type", "participation-level", "theme",
                "initiative-status", "support-kind", "support-style", "professional-role",
                "evidence-level", "direction", "measure-kind")


@dataclass(frozen=True)
class Compared:
    initiative: Initiative
    episodes: tuple[SupportEpisode, ...]
    # (professional id, name (None for a viewer), role in the episode)
    people: tuple[tuple[str, str | None, str], ...]
    evaluations: tuple[Evaluation, ...]
    outcomes: tuple[Outcome, ...]


def is_uuid(text: str) -> bool:
    try:
        uuid.UUID(text)
    except ValueError:
        return False
    return True


async def _compared(api: ApiClient, initiative: Initiative,
                    people: dict[str, Professional]) -> Compared:
    episodes = await episodes_of_initiative(api, initiative.id)
    for episode in episodes:
        if episode.professional_id not in people:
            people[episode.professional_id] = await get_professional(api, episode.professional_id)
    evaluations = await evaluations_of(api, initiative.id)
    outcomes = [outcome_of(measure, await indicator(api, measure.indicator_id))
                for evaluation in evaluations for measure in evaluation.outcome_measures]
    who = tuple(dict.fromkeys((episode.professional_id, people[episode.professional_id].name,
                               episode.role) for episode in episodes))
    return Compared(initiative, episodes, who, evaluations, tuple(outcomes))


def _order(vocabulary: Vocabulary) -> list[str]:
    return [term.code for term in vocabulary.terms]


def sections_of(items: list[Compared], vocabularies: dict[str, Vocabulary]) -> list[Section]:
    """The comparison's rows, section by section, in the order the page shows them."""
    def row(key: str, kind: str, values: list[object], vocabulary: str | None = None) -> Row:
        return Row(key, kind, tuple(values), vocabulary)

    initiatives = [item.initiative for item in items]
    kinds, styles = _order(vocabularies["support-kind"]), _order(vocabularies["support-style"])
    return [
        Section("organisation", (
            row("organisation_form", "term", [i.organisation_form for i in initiatives],
                "organisation-form"),
            row("initiator", "initiator", [(i.initiator_type, i.initiator_name or "")
                                           for i in initiatives], "initiator-type"),
            row("participation_level", "term", [i.participation_level for i in initiatives],
                "participation-level"),
            row("themes", "terms", [in_order(i.themes, _order(vocabularies["theme"]))
                                    for i in initiatives], "theme"),
            row("status", "term", [i.status for i in initiatives], "initiative-status"),
        )),
        Section("support", (
            row("people", "people", [item.people for item in items], "professional-role"),
            row("hours", "number", [sum(e.hours for e in item.episodes) for item in items]),
            row("kinds", "terms", [in_order((k for e in item.episodes for k in e.kinds), kinds)
                                   for item in items], "support-kind"),
            row("styles", "terms", [in_order((e.style for e in item.episodes if e.style), styles)
                                    for item in items], "support-style"),
        )),
        Section("reach", tuple(row(key, "number", [getattr(i, key) for i in initiatives])
                               for key in ("participants", "volunteers", "residents_reached"))),
        Section("money", tuple(row(key, "money", [getattr(i, key) for i in initiatives])
                               for key in ("amount_requested", "amount_granted",
                                           "own_contribution"))),
        Section("evaluations", (
            row("evaluations", "evaluations", [tuple((e.evaluated_on, e.evaluator,
                                                      e.evidence_level) for e in item.evaluations)
                                               for item in items], "evidence-level"),
            row("outcomes", "outcomes", [item.outcomes for item in items]),
            row("mean_change", "change", [mean_change(item.outcomes) for item in items]),
        )),
    ]


async def _search(api: ApiClient, q: str, chosen: list[str]) -> list[InitiativeSummary]:
    page = await api.list_initiatives(InitiativeQuery(q=q, sort="title",
                                                      page_size=SEARCH_RESULTS + len(chosen)))
    return [item for item in page.items if item.id not in chosen][:SEARCH_RESULTS]


@router.get("/compare", response_class=HTMLResponse)
async def compare_initiatives(request: Request) -> HTMLResponse:
    chosen = unique_in_order(request.query_params.getlist("initiative"))
    q = request.query_params.get("q", "").strip()[:200]
    if request.query_params.get("action") == "compare" and not is_uuid(q):
        q = ""  # "Compare" pressed: a search term left in the field is not a new search
    if is_uuid(q):  # an id pasted into the search field is added as it is
        chosen, q = unique_in_order([*chosen, q]), ""
    # Still choosing (searching, or sent here with one to start from): no complaint yet.
    choosing = request.query_params.get("action") == "search" or bool(q)
    if not all(is_uuid(initiative_id) for initiative_id in chosen):
        raise HTTPException(404)
    api = api_of(request)
    initiatives = [await api.get_initiative(initiative_id) for initiative_id in chosen[:MAX_LISTED]]
    vocabularies = await api.vocabularies(*VOCABULARIES)
    wrong_number = bool(chosen) and not MIN_CHOSEN <= len(chosen) <= MAX_CHOSEN
    items: list[Compared] = []
    if chosen and not wrong_number:
        people: dict[str, Professional] = {}
        items = [await _compared(api, initiative, people) for initiative in initiatives]
    context = {
        "chosen": initiatives, "count": len(chosen), "q": q,
        "headers": [(f"/initiatives/{item.id}", item.title) for item in initiatives],
        "found": await _search(api, q, chosen) if q else [],
        "wrong_number": wrong_number, "choosing": choosing,
        "minimum": MIN_CHOSEN, "maximum": MAX_CHOSEN,
        "sections": sections_of(items, vocabularies) if items else [],
        "vocabularies": vocabularies, "buurten": await api.buurt_names(),
    }
    return await render(request, "compare/initiatives.html", context, block="comparison",
                        status_code=422 if wrong_number and not choosing else 200)
