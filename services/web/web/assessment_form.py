"""Assessing a professional on a whole framework at once: one real form, one round posted,
303 to the profile; 422 with the API's messages at the competency they are about.

The framework is chosen with a GET parameter (a plain form above the assessment form);
htmx swaps only the assessment form when the choice changes.
"""

import uuid
from dataclasses import dataclass
from datetime import date, datetime
from urllib.parse import urlencode
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.datastructures import FormData, QueryParams

from web.api_client import InvalidInput, in_language
from web.api_client import competences as competences_api
from web.api_client.competences import Framework
from web.api_client.professional_pages import Professional, get_professional
from web.competences import chosen_framework, may_assess, stadsdelen_served
from web.form_values import whole_number
from web.htmx import render
from web.i18n import language_of
from web.permissions import insist
from web.sessions import SignedIn
from web.templating import api_of

router = APIRouter()
TEMPLATE = "competences/assessment_form.html"
# Pointers of the round as a whole: shown at the field of the same name.
ROUND_FIELDS = ("frameworkId", "perspective", "assessedOn", "items")


def amsterdam_today() -> date:
    """Today where the judgements are made: the API refuses a date after its today there."""
    try:
        return datetime.now(ZoneInfo("Europe/Amsterdam")).date()
    except ZoneInfoNotFoundError:  # no time zone data: the server's own day
        return date.today()


def profile_path(professional_id: object) -> str:
    return f"/professionals/{professional_id}/competenties"


@dataclass(frozen=True)
class Answers:
    """What the form holds: the round's fields, and per competency id a choice and a note."""

    perspective: str = ""
    assessed_on: str = ""
    choices: dict[str, str] | None = None
    notes: dict[str, str] | None = None

    def choice(self, competency_id: str) -> str:
        return (self.choices or {}).get(competency_id, "")

    def note(self, competency_id: str) -> str:
        return (self.notes or {}).get(competency_id, "")

    @classmethod
    def from_query(cls, params: QueryParams) -> "Answers":
        return cls(perspective=params.get("perspective", ""),
                   assessed_on=params.get("assessedOn", "") or amsterdam_today().isoformat())

    @classmethod
    def from_form(cls, form: FormData, framework: Framework) -> "Answers":
        ids = [competency.id for competency in framework.competencies]
        return cls(perspective=str(form.get("perspective") or ""),
                   assessed_on=str(form.get("assessedOn") or "").strip(),
                   choices={key: str(form.get(f"score-{key}") or "") for key in ids},
                   notes={key: str(form.get(f"note-{key}") or "").strip() for key in ids})


def items_of(answers: Answers, framework: Framework) -> list[dict[str, object]]:
    """One item per competency that was answered (a choice or a note), in the framework's
    order; the others are not sent. A note without a choice is sent as it is: the API
    says what is missing, at that competency."""
    field = "level" if framework.scale == "level" else "score"
    items: list[dict[str, object]] = []
    for competency in framework.competencies:
        choice, note = answers.choice(competency.id), answers.note(competency.id)
        if not choice and not note:
            continue
        number = whole_number(choice)
        value: object = number if number is not None else (choice or None)
        items.append({"competencyId": competency.id, field: value, "note": note})
    return items


def assessment_errors(error: InvalidInput, sent: list[str], lang: str) -> dict[str, str]:
    """/items/2/score → the choice of the third competency sent; /items/2/note → its note;
    the round's own fields by name. The first message per field wins."""
    found: dict[str, str] = {}
    for pointer, message in error.errors.items():
        parts = pointer.strip("/").split("/")
        field = parts[0] if parts[0] in ROUND_FIELDS else ""
        if parts[0] == "items" and len(parts) > 1 and parts[1].isdigit():
            index = int(parts[1])
            if index < len(sent):
                kind = "note" if parts[2:3] == ["note"] else "score"
                field = f"{kind}-{sent[index]}"
        found.setdefault(field, in_language(message, lang))
    if not found:
        found[""] = in_language(error.detail, lang)
    return found


async def _render(request: Request, professional: Professional,
                  frameworks: tuple[Framework, ...], framework: Framework | None,
                  answers: Answers, *, errors: dict[str, str] | None = None,
                  status_code: int = 200) -> HTMLResponse:
    api = api_of(request)
    context = {"professional": professional, "frameworks": frameworks,
               "framework": framework, "answers": answers, "errors": errors or {},
               "vocabularies": await api.vocabularies("assessment-perspective",
                                                      "proficiency-level")}
    return await render(request, TEMPLATE, context, block="assessment",
                        status_code=status_code)


async def _allowed(request: Request, me: SignedIn, professional_id: uuid.UUID
                   ) -> Professional:
    api = api_of(request)
    professional = await get_professional(api, str(professional_id))
    insist(may_assess(me, await stadsdelen_served(api, professional)))
    return professional


@router.get("/professionals/{professional_id:uuid}/beoordelen", response_class=HTMLResponse)
async def assessment_form(request: Request, professional_id: uuid.UUID,
                          me: SignedIn) -> HTMLResponse:
    professional = await _allowed(request, me, professional_id)
    frameworks = await competences_api.list_frameworks(api_of(request))
    framework = chosen_framework(frameworks, request.query_params.get("framework", ""))
    return await _render(request, professional, frameworks, framework,
                         Answers.from_query(request.query_params))


@router.post("/professionals/{professional_id:uuid}/beoordelen", response_model=None)
async def record_assessment(request: Request, professional_id: uuid.UUID) -> Response:
    """The API decides who may write (a 403 page for those it refuses)."""
    api, form = api_of(request), await request.form()
    professional = await get_professional(api, str(professional_id))
    frameworks = await competences_api.list_frameworks(api)
    wanted = str(form.get("frameworkId") or "")
    framework = next((found for found in frameworks if found.id == wanted), None)
    if framework is None:  # a form of a framework deleted meanwhile, or a made-up one
        raise HTTPException(400)
    answers = Answers.from_form(form, framework)
    items = items_of(answers, framework)
    try:
        await competences_api.record_assessments(
            api, str(professional_id), framework.id, answers.perspective, answers.assessed_on,
            items)
    except InvalidInput as error:
        sent = [str(item["competencyId"]) for item in items]
        errors = assessment_errors(error, sent, language_of(request))
        return await _render(request, professional, frameworks, framework, answers,
                             errors=errors, status_code=422)
    query = urlencode({"framework": framework.code, "opgeslagen": len(items)})
    return RedirectResponse(f"{profile_path(professional_id)}?{query}", status_code=303)
