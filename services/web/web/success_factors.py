"""Success factors ("Succesfactoren"): which combinations of conditions go with effective or
durable initiatives, by QCA on the API (docs/success-factors.md), as sentences, tables, an
XY plot per model, the truth table and CSV files."""

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse, Response

from web import success_factor_csv
from web.api_client import ApiClient, InvalidInput, NotFound, in_language
from web.api_client import effects as effects_api
from web.api_client import success_factors as sf_api
from web.api_client.codes import Code
from web.api_client.success_factors import (
    NUMBER_ATTRIBUTES,
    Case,
    Solution,
    SuccessFactorQuery,
    SuccessFactorReport,
    threshold_field,
)
from web.code_conditions import codes_offered, with_codes
from web.effect_csv import csv_response
from web.effect_labels import Labels
from web.effect_numbers import Numbers
from web.effects import labels_of
from web.htmx import render
from web.i18n import language_of
from web.qca_plots import (
    CalibrationChart,
    XyPlot,
    calibration_axis,
    calibration_chart,
    calibration_samples,
    solution_membership,
    xy_plot,
)
from web.qca_sentences import Paths, Sentences, condition_label
from web.sessions import SignedIn
from web.success_factor_form import (
    FormState,
    api_errors,
    condition_groups,
    number_conditions,
    read_form,
)
from web.templating import api_of

router = APIRouter()
PAGE = "/success-factors"
# Models shown in full (sentences, table, cases, plot); every model is in the CSV file.
MODELS_SHOWN = 4


@dataclass(frozen=True)
class Problem:
    """Why the API cannot analyse these data: in the reader's language, and the API's own
    reason when it gives that only in English (the Dutch half is then general)."""

    text: str
    reason: str | None


def problem_of(detail: str, lang: str) -> Problem:
    dutch, separator, english = detail.partition(" / ")
    if lang == "en" or not separator:
        return Problem(in_language(detail, lang), None)
    return Problem(dutch, english)


@dataclass(frozen=True)
class Model:
    """One equally minimal model as the page shows it."""

    solution: Solution
    paths: Paths
    plot: XyPlot
    cases: tuple[tuple[Case, ...], ...]  # per path, the initiatives it covers
    covered: int  # initiatives on at least one path


def model_view(solution: Solution, report: SuccessFactorReport, sentences: Sentences,
               by_id: dict[str, Case]) -> Model:
    terms = [term.term for term in solution.terms]
    plot = xy_plot([(solution_membership(terms, case.memberships), case.outcome)
                    for case in report.cases])
    cases = tuple(tuple(by_id[key] for key in term.cases if key in by_id)
                  for term in solution.terms)
    covered = len({case.id for path in cases for case in path})
    return Model(solution, sentences.paths(solution), plot, cases, covered)


def csv_url(query: SuccessFactorQuery, part: str) -> str:
    return f"{PAGE}.csv?" + urlencode([("part", part), *query.params()])


async def _charts(api: ApiClient, state: FormState, lang: str
                  ) -> dict[str, CalibrationChart]:
    """Each number's calibration curve, as the API calibrates; thresholds it refuses get
    its message at their fields instead."""
    charts: dict[str, CalibrationChart] = {}
    for name in NUMBER_ATTRIBUTES:
        thresholds = state.query.thresholds[name]
        if any(threshold_field(name, letter) in state.errors for letter in "eci"):
            continue
        axis = calibration_axis(thresholds)
        samples = calibration_samples(axis)
        try:
            found = await sf_api.calibrate(api, [*samples, *thresholds], thresholds)
        except InvalidInput as error:
            state.errors[name] = in_language(error.detail, lang)
            continue
        charts[name] = calibration_chart(axis, samples, found[:len(samples)], thresholds,
                                         found[len(samples):])
    return charts


async def _analysis(api: ApiClient, state: FormState, lang: str
                    ) -> tuple[SuccessFactorReport | None, Problem | None]:
    """The analysis, unless the form is wrong; the API's refusal at the fields (400, 404)
    or as the reason it cannot analyse (422)."""
    if state.errors:
        return None, None
    try:
        return await sf_api.success_factors(api, state.query), None
    except InvalidInput as error:
        if error.status == 422 and not error.errors:
            return None, problem_of(error.detail, lang)
        state.errors.update(api_errors(error, lang))
    except NotFound as error:  # the only thing the analysis looks up: the indicator
        state.errors["indicator"] = in_language(error.detail, lang)
    return None, None


async def _choices(api: ApiClient, labels: Labels, state: FormState,
                   codes: tuple[Code, ...]) -> dict[str, Any]:
    return {
        "indicator": [(item.code, item.name) for item in await effects_api.indicators(api)],
        "area": sorted(labels.stadsdelen.items(), key=lambda item: item[1]),
        "conditions": condition_groups(labels, state.query.conditions, codes),
        "numbers": number_conditions(labels),
    }


def _results(report: SuccessFactorReport, labels: Labels, numbers: Numbers) -> dict[str, Any]:
    sentences = Sentences(labels, numbers, report.conditions, report.outcome)
    by_id = {case.id: case for case in report.cases}
    return {
        "models": [model_view(solution, report, sentences, by_id)
                   for solution in report.solutions[:MODELS_SHOWN]],
        "condition_labels": {name: condition_label(attribute, labels)
                             for name, attribute in report.conditions.items()},
    }


@router.get(PAGE, response_class=HTMLResponse)
async def success_factors_page(request: Request, me: SignedIn) -> HTMLResponse:
    api, lang = api_of(request), language_of(request)
    state = read_form(request.query_params, lang)
    codes = await codes_offered(api, me)  # conditions for those who may read records
    labels = with_codes(await labels_of(api, lang), codes)
    charts = await _charts(api, state, lang)
    report, problem = await _analysis(api, state, lang)
    numbers = Numbers(lang)
    context: dict[str, Any] = {
        "query": state.query, "texts": state.texts, "errors": state.errors,
        "labels": labels, "n": numbers, "local": lambda text: in_language(text, lang),
        "charts": charts, "report": report,
        "problem": problem, "choices": await _choices(api, labels, state, codes),
        "models_shown": MODELS_SHOWN,
        "csv": {part: csv_url(state.query, part) for part in success_factor_csv.PARTS},
        **(_results(report, labels, numbers) if report else {}),
    }
    return await render(request, "success_factors/index.html", context, block="analysis",
                        status_code=400 if state.errors else 200)


@router.get(f"{PAGE}.csv")
async def success_factors_csv(request: Request) -> Response:
    """One table of the page as a CSV file; choices the page or the API refuse: 400."""
    part = request.query_params.get("part", "cases")
    if part not in success_factor_csv.PARTS:
        raise HTTPException(404)
    state = read_form(request.query_params, language_of(request))
    if state.errors:
        raise HTTPException(400)
    report = await sf_api.success_factors(api_of(request), state.query)
    return csv_response(success_factor_csv.part_csv(part, report), f"succesfactoren-{part}")
