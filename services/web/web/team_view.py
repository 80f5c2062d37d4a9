"""The competences of a stadsdeel's team: who is in it, and per competency how many members
were assessed and master it, with the gaps (no one masters it) said in words."""

from dataclasses import dataclass

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from web.api_client import InvalidInput, NotFound, in_language
from web.api_client import competences as competences_api
from web.api_client.accounts import EDITOR, Me
from web.api_client.competences import Team, TeamCompetency
from web.competence_charts import BAR_HEIGHT, BAR_WIDTH, coverage_width, scale_top
from web.competences import TEAM_PATH, chosen_framework, may_read_assessments
from web.htmx import render
from web.i18n import N_, gettext_in, language_of
from web.permissions import insist
from web.sessions import SignedIn
from web.templating import api_of

router = APIRouter()
TEMPLATE = "competences/team.html"
UNKNOWN = N_("Kies een stadsdeel uit de lijst.")


@dataclass(frozen=True)
class TeamRow:
    """A competency as the table shows it: the mean back on the framework's own scale."""

    source: TeamCompetency
    bar: float
    mean_on_scale: float | None


def team_rows(team: Team) -> list[TeamRow]:
    top = scale_top(team.framework.scale)
    return [TeamRow(item, coverage_width(item.coverage or 0.0),
                    None if item.mean is None else 1 + item.mean * (top - 1))
            for item in team.competencies]


def problem_text(error: InvalidInput | NotFound, lang: str) -> str:
    """The API's message about the stadsdeel, else its general one."""
    found = error.errors.values() if isinstance(error, InvalidInput) else ()
    return in_language(next(iter(found), error.detail), lang)


def default_stadsdeel(me: Me, codes: list[str]) -> str:
    """An editor's own (first) stadsdeel, else the first one."""
    if me.role == EDITOR and me.stadsdelen:
        return me.stadsdelen[0]
    return codes[0] if codes else ""


@router.get(TEAM_PATH, response_class=HTMLResponse)
async def team_page(request: Request, me: SignedIn) -> HTMLResponse:
    """Who may see a team: those who may read assessments, as the API decides; refused here
    first (as the profile page does), so that a viewer gets no page without a team either."""
    insist(may_read_assessments(me))
    api, params = api_of(request), request.query_params
    stadsdelen = await api.stadsdelen()
    frameworks = await competences_api.list_frameworks(api)
    framework = chosen_framework(frameworks, params.get("framework", ""))
    stadsdeel = params.get("stadsdeel", "").strip() or default_stadsdeel(
        me, [area.code for area in stadsdelen])
    team, errors, lang = None, {}, language_of(request)
    if not stadsdeel.isalnum():  # it goes into the API's path: only a code can
        errors["stadsdeel"] = gettext_in(lang, UNKNOWN)
    elif framework is not None:
        try:
            team = await competences_api.competence_team(api, stadsdeel, framework.id)
        except (InvalidInput, NotFound) as error:  # a stadsdeel that does not exist
            errors["stadsdeel"] = problem_text(error, lang)
    context = {"stadsdelen": [(area.code, area.name) for area in stadsdelen],
               "frameworks": frameworks, "framework": framework,
               "stadsdeel": team.stadsdeel if team else stadsdeel,
               "team": team, "rows": team_rows(team) if team else [], "errors": errors,
               "bar": {"width": BAR_WIDTH, "height": BAR_HEIGHT},
               "roles": await api.vocabulary("professional-role")}
    return await render(request, TEMPLATE, context, block="team",
                        status_code=422 if errors else 200)
