"""One initiative: every field in words, its buurt, its support episodes and its evaluations
with their outcome measures."""

import uuid

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from web.api_client import NotFound
from web.api_client import initiative_pages as pages
from web.api_client.follow_ups import follow_ups
from web.htmx import render
from web.initiative_forms import VOCABULARY_OF
from web.permissions import stadsdeel_of
from web.templating import api_of

router = APIRouter()
# Besides the initiative's own: those of its episodes, evaluations and measures.
VOCABULARIES = (*VOCABULARY_OF.values(), "professional-role", "support-kind", "support-style",
                "evaluation-design", "evaluation-method", "evidence-level", "measure-kind",
                "direction", "effect-measure")
# The statistics a measure of each kind reports, in the order a paper gives them.
STATISTICS = {
    "pre-post": ("meanPre", "sdPre", "meanPost", "sdPost", "n", "prePostCorrelation"),
    "two-group": ("meanTreatment", "sdTreatment", "nTreatment", "meanControl", "sdControl",
                  "nControl"),
    "counts": ("eventsTreatment", "nTreatment", "eventsControl", "nControl"),
    "proportion": ("events", "n"),
    "effect-size": ("effectMeasure", "effectSize", "samplingVariance"),
    "direction": ("direction",),
}


async def professional_names(request: Request,
                             episodes: tuple[pages.SupportEpisode, ...]
                             ) -> dict[str, str | None]:
    """Names of the few professionals these episodes name (one of them may be gone; a
    viewer gets None for each)."""
    api = api_of(request)
    names: dict[str, str | None] = {}
    for professional_id in dict.fromkeys(episode.professional_id for episode in episodes):
        try:
            names[professional_id] = (await pages.professional(api, professional_id)).name
        except NotFound:
            continue
    return names


@router.get("/initiatives/{initiative_id:uuid}", response_class=HTMLResponse)
async def show_initiative(request: Request, initiative_id: uuid.UUID) -> HTMLResponse:
    api = api_of(request)
    initiative = await api.get_initiative(str(initiative_id))
    episodes = await pages.support_episodes(api, initiative.id)
    evaluations = await pages.evaluations(api, initiative.id)
    indicators = {indicator.id: indicator for indicator in await pages.indicators(api)}
    context = {
        "initiative": initiative, "episodes": episodes, "evaluations": evaluations,
        "vocabularies": await api.vocabularies(*VOCABULARIES),
        "buurten": await api.buurt_names(), "indicators": indicators,
        "professionals": await professional_names(request, episodes),
        "statistics": STATISTICS, "stadsdeel": await stadsdeel_of(request, initiative),
        "follow_ups": await follow_ups(api, initiative.id),
    }
    return await render(request, "initiatives/detail.html", context, block="detail")
