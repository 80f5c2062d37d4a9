"""Recording an evaluation with its outcome measures: one form with a row per measure.

Rows are added, removed and switched to another kind by submit buttons (`action`): without
JavaScript the whole form comes back with the change (200, nothing saved); with htmx the same
buttons post the form and get one row back, or remove theirs in place.
"""

import re
import uuid
from dataclasses import dataclass
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.datastructures import FormData

from web.api_client import Initiative, InvalidInput
from web.api_client import initiative_pages as pages
from web.form_values import Values, body_of, errors_of, read_values
from web.htmx import VARY, render, wants_fragment
from web.i18n import language_of
from web.initiative_detail import STATISTICS
from web.initiative_forms import detail_path
from web.permissions import insist, stadsdeel_of
from web.sessions import SignedIn
from web.templating import api_of

router = APIRouter()
FORM = "initiatives/evaluation_form.html"
ROW = "initiatives/measure_row.html"
SCALARS = ("evaluatedOn", "evaluator", "design", "theoryOfChange", "periodStart", "periodEnd",
           "summary")
LISTS = ("methods",)
VOCABULARY_OF = {"methods": "evaluation-method", "design": "evaluation-design",
                 "kind": "measure-kind", "effectMeasure": "effect-measure",
                 "direction": "direction"}
ROW_FIELD = re.compile(r"measures-(\d+)-(\w+)")
DEFAULT_KIND = "pre-post"
MAX_ROWS = 200  # as many as the API takes in one evaluation


@dataclass(frozen=True)
class Row:
    """One outcome measure as typed; `index` names its fields (measures-<index>-…)."""

    index: int
    values: dict[str, str]

    @property
    def kind(self) -> str:
        return self.values.get("kind", "")

    def body(self) -> dict[str, object]:
        """The measure for the API: only the statistics its kind reports."""
        fields = ("indicatorId", "kind", *STATISTICS.get(self.kind, ()))
        found: dict[str, object] = {name: self.values.get(name) or None for name in fields}
        return {**found, "note": self.values.get("note", "")}


def read_rows(form: FormData) -> list[Row]:
    rows: dict[int, dict[str, str]] = {}
    for key, value in form.multi_items():
        match = ROW_FIELD.fullmatch(key)
        if match and (int(match[1]) in rows or len(rows) < MAX_ROWS):
            rows.setdefault(int(match[1]), {})[match[2]] = str(value).strip()
    return [Row(index, values) for index, values in sorted(rows.items())]


def blank_row(rows: list[Row]) -> Row:
    return Row(max((row.index for row in rows), default=-1) + 1, {"kind": DEFAULT_KIND})


async def choices(request: Request) -> dict[str, Any]:
    api, lang = api_of(request), language_of(request)
    vocabularies = await api.vocabularies(*VOCABULARY_OF.values())
    found: dict[str, Any] = {field: vocabularies[name].choices(lang)
                             for field, name in VOCABULARY_OF.items()}
    found["indicatorId"] = [(indicator.id, indicator.name)
                            for indicator in await pages.indicators(api)]
    return found


async def render_form(request: Request, initiative: Initiative, values: Values, rows: list[Row],
                      errors: dict[str, str] | None = None,
                      status_code: int = 200) -> HTMLResponse:
    context = {"initiative": initiative, "values": values, "rows": rows,
               "errors": errors or {}, "choices": await choices(request),
               "statistics": STATISTICS}
    return await render(request, FORM, context, block="form", status_code=status_code)


async def render_row(request: Request, initiative: Initiative, row: Row,
                     number: int) -> HTMLResponse:
    context = {"initiative": initiative, "row": row, "number": number, "errors": {},
               "choices": await choices(request), "statistics": STATISTICS}
    return await render(request, ROW, context)


@router.get("/initiatives/{initiative_id:uuid}/evaluations/new", response_class=HTMLResponse)
async def new_evaluation(request: Request, initiative_id: uuid.UUID,
                         me: SignedIn) -> HTMLResponse:
    initiative = await api_of(request).get_initiative(str(initiative_id))
    insist(me.may_evaluate(await stadsdeel_of(request, initiative)))
    values: Values = {**dict.fromkeys(SCALARS, ""), "theoryOfChange": "false", "methods": []}
    return await render_form(request, initiative, values, [blank_row([])])


@router.post("/initiatives/{initiative_id:uuid}/evaluations/new", response_model=None)
async def post_evaluation(request: Request, initiative_id: uuid.UUID) -> Response:
    api = api_of(request)
    initiative = await api.get_initiative(str(initiative_id))
    form = await request.form()
    values, rows = read_values(form, SCALARS, LISTS), read_rows(form)
    action = str(form.get("action") or "save")
    if action != "save":
        return await change_rows(request, initiative, values, rows, action)
    body = {**body_of(values, booleans=("theoryOfChange",), never_null=("summary",)),
            "initiativeId": initiative.id, "outcomeMeasures": [row.body() for row in rows]}
    try:
        await pages.create_evaluation(api, body)
    except InvalidInput as error:
        errors = errors_of(error, language_of(request), [row.index for row in rows])
        return await render_form(request, initiative, values, rows, errors, status_code=422)
    return RedirectResponse(detail_path(initiative.id) + "#evaluations", status_code=303)


async def change_rows(request: Request, initiative: Initiative, values: Values,
                      rows: list[Row], action: str) -> Response:
    """add-row, remove-row-<index> or refresh-row-<index> (another kind chosen): nothing is
    saved. htmx gets the one row that changed; otherwise the whole form comes back."""
    fragment = wants_fragment(request)
    if action == "add-row":
        added = blank_row(rows)
        if fragment:
            return await render_row(request, initiative, added, len(rows) + 1)
        rows = [*rows, added]
    elif action.startswith("remove-row-"):
        if fragment:
            return HTMLResponse("", headers={"Vary": VARY})  # htmx removes the row
        rows = [row for row in rows if str(row.index) != action.removeprefix("remove-row-")]
    elif action.startswith("refresh-row-") and fragment:
        for number, row in enumerate(rows, start=1):
            if str(row.index) == action.removeprefix("refresh-row-"):
                return await render_row(request, initiative, row, number)
    return await render_form(request, initiative, values, rows)
