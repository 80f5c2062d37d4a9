"""A professional's competence profile: the latest judgements per competency (self against
the others), drawn as an SVG chart with the same numbers in a table, and each competency's
history with a sparkline."""

import uuid

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from web.api_client import competences as competences_api
from web.api_client.competences import Assessment, ProfileCompetency
from web.api_client.professional_pages import get_professional
from web.competence_charts import (
    ProfileInput,
    Sparkline,
    profile_chart,
    scale_top,
    sparkline,
)
from web.competences import chosen_framework, may_assess, may_read_assessments, stadsdelen_served
from web.form_values import whole_number
from web.htmx import render
from web.permissions import insist
from web.sessions import SignedIn
from web.templating import api_of

router = APIRouter()
TEMPLATE = "competences/profile.html"


def chart_inputs(competencies: tuple[ProfileCompetency, ...]) -> list[ProfileInput]:
    return [ProfileInput(f"{item.code} {item.name}",
                         item.self_.value if item.self_ else None,
                         item.others.value if item.others else None)
            for item in competencies]


def sparklines(competencies: tuple[ProfileCompetency, ...], top: int) -> dict[str, Sparkline]:
    """Per competency id, when it has been judged more than once."""
    return {item.competency_id: sparkline(
                [(point.assessed_on, point.perspective == "self", point.value)
                 for point in item.history], top)
            for item in competencies if len(item.history) > 1}


def histories(assessments: tuple[Assessment, ...]) -> dict[str, list[Assessment]]:
    """Per competency id its assessments, oldest first (the API lists newest first)."""
    found: dict[str, list[Assessment]] = {}
    for assessment in reversed(assessments):
        found.setdefault(assessment.competency_id, []).append(assessment)
    return found


def saved_count(text: str) -> int:
    return min(whole_number(text) or 0, 1000)


@router.get("/professionals/{professional_id:uuid}/competenties", response_class=HTMLResponse)
async def competence_profile(request: Request, professional_id: uuid.UUID,
                             me: SignedIn) -> HTMLResponse:
    insist(may_read_assessments(me))  # the API refuses viewers too; this spares the calls
    api, key = api_of(request), str(professional_id)
    professional = await get_professional(api, key)
    frameworks = await competences_api.list_frameworks(api)
    framework = chosen_framework(frameworks, request.query_params.get("framework", ""))
    profile = chart = lines = recorded = None
    if framework is not None:
        profile = await competences_api.competence_profile(api, key, framework.id)
        top = scale_top(profile.framework.scale)
        chart = profile_chart(chart_inputs(profile.competencies), top)
        lines = sparklines(profile.competencies, top)
        # The history table from the assessments themselves: they hold the notes.
        recorded = histories(await competences_api.assessments_of(api, key, framework.id))
    context = {"professional": professional, "frameworks": frameworks, "framework": framework,
               "profile": profile, "chart": chart, "sparklines": lines or {},
               "histories": recorded or {},
               "may_assess": may_assess(me, await stadsdelen_served(api, professional)),
               "saved": saved_count(request.query_params.get("opgeslagen", "")),
               "vocabularies": await api.vocabularies("assessment-perspective",
                                                      "proficiency-level")}
    return await render(request, TEMPLATE, context, block="profile")
