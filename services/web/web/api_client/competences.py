"""Competency frameworks, assessments, a professional's profile and a stadsdeel's team, as
the competence pages read and write them."""

from collections.abc import Mapping, Sequence
from datetime import date
from typing import TypeVar
from urllib.parse import quote

from pydantic import Field

from web.api_client import ApiClient
from web.api_client.professional_pages import API_PAGE_SIZE, MAX_PAGES, Paged
from web.api_client.results import Wire

ItemT = TypeVar("ItemT")


class Competency(Wire):
    id: str
    framework_id: str
    code: str
    name: str
    description: str = ""
    behavioural_indicators: tuple[str, ...] = ()
    position: int = 0
    version: int = 0


class Framework(Wire):
    id: str
    code: str
    name: str
    description: str = ""
    source: str = ""
    scale: str
    version: int = 0
    competencies: tuple[Competency, ...] = ()


class Assessment(Wire):
    """`note` is personal data (it may name people)."""

    id: str
    professional_id: str
    round_id: str
    competency_id: str
    perspective: str
    assessed_on: date
    score: int | None = None
    level: str | None = None
    note: str | None = None


class AssessmentRound(Wire):
    round_id: str
    items: tuple[Assessment, ...]


class FrameworkRef(Wire):
    id: str
    code: str
    name: str
    scale: str


class Judgement(Wire):
    """On the framework's scale (1–5, or 1–3 for levels), and on 0–1."""

    value: float
    normalised: float
    assessed_on: date
    count: int


class HistoryPoint(Wire):
    assessed_on: date
    perspective: str
    score: int | None = None
    level: str | None = None
    value: float


class ProfileCompetency(Wire):
    competency_id: str
    code: str
    name: str
    # `self` on the wire; a Python field cannot be called that.
    self_: Judgement | None = Field(default=None, alias="self")
    others: Judgement | None = None
    history: tuple[HistoryPoint, ...] = ()


class Profile(Wire):
    professional_id: str
    framework: FrameworkRef
    competencies: tuple[ProfileCompetency, ...]


class TeamMember(Wire):
    professional_id: str
    name: str | None
    role: str


class TeamCompetency(Wire):
    competency_id: str
    code: str
    name: str
    assessed: int
    mastered: int
    coverage: float | None = None
    mean: float | None = None
    gap: bool


class Team(Wire):
    stadsdeel: str
    framework: FrameworkRef
    members: tuple[TeamMember, ...]
    competencies: tuple[TeamCompetency, ...]
    gaps: tuple[str, ...] = ()


async def _every(api: ApiClient, path: str, params: Sequence[tuple[str, str]],
                 item: type[ItemT]) -> tuple[ItemT, ...]:
    found: list[ItemT] = []
    for number in range(1, MAX_PAGES + 1):
        paging = [*params, ("page", str(number)), ("pageSize", str(API_PAGE_SIZE))]
        response = await api._send("GET", path, params=paging)
        page = Paged[item].model_validate_json(response.content)  # type: ignore[valid-type]
        found.extend(page.items)
        if number >= page.pages:
            break
    return tuple(found)


async def list_frameworks(api: ApiClient) -> tuple[Framework, ...]:
    """Every framework with its competencies, sorted by code."""
    return await _every(api, "/v1/competency-frameworks", (), Framework)


async def get_framework(api: ApiClient, framework_id: str) -> Framework:
    response = await api._send("GET", f"/v1/competency-frameworks/{framework_id}")
    return Framework.model_validate_json(response.content)


async def create_framework(api: ApiClient, body: Mapping[str, object]) -> Framework:
    response = await api._send("POST", "/v1/competency-frameworks", body=dict(body))
    return Framework.model_validate_json(response.content)


async def update_framework(api: ApiClient, framework_id: str, body: Mapping[str, object],
                           version: str) -> Framework:
    response = await api._send("PATCH", f"/v1/competency-frameworks/{framework_id}",
                               body=dict(body), headers=_if_match(version))
    return Framework.model_validate_json(response.content)


async def get_competency(api: ApiClient, competency_id: str) -> Competency:
    response = await api._send("GET", f"/v1/competencies/{competency_id}")
    return Competency.model_validate_json(response.content)


async def create_competency(api: ApiClient, framework_id: str,
                            body: Mapping[str, object]) -> Competency:
    response = await api._send("POST", f"/v1/competency-frameworks/{framework_id}/competencies",
                               body=dict(body))
    return Competency.model_validate_json(response.content)


async def update_competency(api: ApiClient, competency_id: str, body: Mapping[str, object],
                            version: str) -> Competency:
    response = await api._send("PATCH", f"/v1/competencies/{competency_id}", body=dict(body),
                               headers=_if_match(version))
    return Competency.model_validate_json(response.content)


async def record_assessments(api: ApiClient, professional_id: str, framework_id: str,
                             perspective: str, assessed_on: str,
                             items: Sequence[Mapping[str, object]]) -> AssessmentRound:
    """One round, all or nothing: the API's errors point at /items/<index>/<field>."""
    body = {"frameworkId": framework_id, "perspective": perspective or None,
            "assessedOn": assessed_on or None, "items": [dict(item) for item in items]}
    response = await api._send("POST", f"/v1/professionals/{professional_id}/assessments",
                               body=body)
    return AssessmentRound.model_validate_json(response.content)


async def assessments_of(api: ApiClient, professional_id: str,
                         framework_id: str) -> tuple[Assessment, ...]:
    """Every assessment of the professional in the framework, newest first."""
    return await _every(api, f"/v1/professionals/{professional_id}/assessments",
                        [("framework", framework_id)], Assessment)


async def competence_profile(api: ApiClient, professional_id: str,
                             framework: str) -> Profile:
    response = await api._send("GET", f"/v1/professionals/{professional_id}/competence-profile",
                               params=[("framework", framework)])
    return Profile.model_validate_json(response.content)


async def competence_team(api: ApiClient, stadsdeel: str, framework: str) -> Team:
    response = await api._send("GET", f"/v1/competence-teams/{quote(stadsdeel, safe='')}",
                               params=[("framework", framework)])
    return Team.model_validate_json(response.content)


def _if_match(version: str) -> dict[str, str]:
    return {"If-Match": f'"{version}"'}
