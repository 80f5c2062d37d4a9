"""Succesfactoren / Success factors: which combinations of professional support go with
effective and with durable initiatives, as POST /v1/analysis/success-factors answers for the
book's filters (docs/success-factors.md): the paths of the conservative solution with their
consistency and coverage, in plain words, and the initiatives behind each path.

The conditions are fixed so that every book asks the same question: is a
participatiemakelaar involved, how many hours of support, did residents start it, and was
the support mostly taking over (`supportStyle=overnemend`). No competence and no codes of
research records: the chapter holds no personal data and fits every audience."""

from datetime import date
from typing import Any

from sqlmodel import Session

from analysis.qca import QcaInputError
from api.analyses.qca_models import Calibration, TermFit
from api.analyses.success_factors import attributes
from api.analyses.success_factors.models import SuccessFactorRequest, SuccessFactorResult
from api.analyses.success_factors.service import EFFECT_CALIBRATION, analyse
from api.errors import CannotAnalyse
from api.method_book.chapters import Chapter
from api.method_book.chapters.notes import readable_note
from api.method_book.chapters.success_sentences import (
    capped_titles,
    condition_words,
    path_sentence,
)
from api.method_book.parameters import BookParameters
from api.method_book.render import number, render_fragment

KEY = "succesfactoren"
CONDITIONS = ("makelaarInvolved", "hours", "residentInitiated", "supportStyle=overnemend")
OUTCOMES = ("effect", "durability")
TITLES = {
    "nl": {KEY: "Succesfactoren", "reading": "Zo lees je de paden",
           "effect": "Wat samengaat met effect",
           "durability": "Wat samengaat met doorgaan na de ondersteuning"},
    "en": {KEY: "Success factors", "reading": "How to read the paths",
           "effect": "What goes with an effect",
           "durability": "What goes with keeping going after support"},
}


def request_for(params: BookParameters, outcome: str) -> SuccessFactorRequest:
    """The request the chapter answers, as a client would send it: the fixed conditions
    (hours with its default calibration), the book's filters, the conservative solution and
    the endpoint's default cuts (inclusion 0.8, at least 2 initiatives per row)."""
    return SuccessFactorRequest.model_validate({
        "conditions": [{"attribute": attribute} for attribute in CONDITIONS],
        "outcome": {"kind": outcome}, "solution": "conservative",
        "filters": params.filters().model_dump(mode="json", by_alias=True, exclude_none=True),
    })


def _term_numbers(term: TermFit, titles: dict[str, str]) -> dict[str, Any]:
    cases = sorted(({"id": case, "title": titles[case]} for case in term.cases),
                   key=lambda case: (case["title"], case["id"]))
    return {"term": term.term, "inclS": term.incl_s, "pri": term.pri, "covS": term.cov_s,
            "covU": term.cov_u, "n": len(cases), "cases": cases}


def _result_numbers(result: SuccessFactorResult) -> dict[str, Any]:
    titles = {str(case.id): case.title for case in result.cases}
    return {
        "outcomeName": result.outcome, "n": len(result.cases), "leftOut": result.left_out,
        "truncated": result.truncated, "message": result.message, "note": None,
        "solutions": [{"name": solution.name, "expression": solution.expression,
                       "inclS": solution.incl_s, "pri": solution.pri, "covS": solution.cov_s,
                       "terms": [_term_numbers(term, titles) for term in solution.terms]}
                      for solution in result.solutions]}


def outcome_numbers(session: Session, params: BookParameters, outcome: str,
                    as_of: date) -> dict[str, Any]:
    """One outcome's analysis as the endpoint answers it; when the endpoint would refuse it
    (422: too few initiatives, no row to explain), its reason as `note` and no solutions."""
    request = request_for(params, outcome)
    body = request.model_dump(mode="json", by_alias=True, exclude_none=True)
    try:
        found = _result_numbers(analyse(session, request, as_of))
    except CannotAnalyse as refusal:
        found = {"outcomeName": None, "n": None, "leftOut": None, "truncated": None,
                 "message": None, "note": refusal.detail, "solutions": []}
        return {"outcome": outcome, "request": body, "noPath": _no_path(refusal), **found}
    return {"outcome": outcome, "request": body, "noPath": False, **found}


def _no_path(refusal: CannotAnalyse) -> bool:
    """Whether the analysis was refused because no combination reached the cuts (the QCA
    package's "Nothing to explain", analysis/qca/minimize.py), rather than for too few
    initiatives: the book then says that no path was found, which is a finding."""
    cause = refusal.__cause__
    return isinstance(cause, QcaInputError) and str(cause).startswith("Nothing to explain")


def success_numbers(session: Session, params: BookParameters, as_of: date) -> dict[str, Any]:
    """The chapter's numbers: the conditions (name → attribute) and one analysis per
    outcome, effect first."""
    return {"conditions": [{"name": attributes.condition_name(attribute),
                            "attribute": attribute} for attribute in CONDITIONS],
            "outcomes": [outcome_numbers(session, params, outcome, as_of)
                         for outcome in OUTCOMES]}


def _path_row(outcome: str, term: dict[str, Any], language: str) -> dict[str, str]:
    def n(name: str) -> str:
        return number(term[name], 2, language)

    words = condition_words(term["term"], language)
    return {"sentence": path_sentence(outcome, term, language),
            "words": ", ".join(words), "term": term["term"], "inclS": n("inclS"),
            "pri": n("pri"), "covS": n("covS"), "covU": n("covU"), "n": str(term["n"]),
            "cases": capped_titles(term["cases"], language)}


def _outcome_block(found: dict[str, Any], language: str) -> dict[str, Any]:
    outcome = found["outcome"]
    solutions = [{"name": solution["name"], "expression": solution["expression"],
                  "inclS": number(solution["inclS"], 2, language),
                  "covS": number(solution["covS"], 2, language),
                  "paths": [_path_row(outcome, term, language) for term in solution["terms"]]}
                 for solution in found["solutions"]]
    return {"id": f"{KEY}-{outcome}", "title": TITLES[language][outcome], "outcome": outcome,
            "note": readable_note(found["note"], language), "noPath": found["noPath"],
            "n": found["n"],
            "leftOut": found["leftOut"], "solutions": solutions}


def _settings(params: BookParameters, language: str) -> dict[str, str]:
    """The thresholds the reading section explains, taken from where the analysis takes
    them (so the text cannot drift from the numbers): hours' default calibration, the
    effect's calibration and the request's cuts."""
    request = request_for(params, "effect")
    hours = Calibration.model_validate(attributes.DEFAULT_CALIBRATIONS["hours"]).thresholds
    effect = EFFECT_CALIBRATION.thresholds
    # Both are fixed {e, c, i} tables; the check narrows their declared union for mypy.
    assert isinstance(hours, dict) and isinstance(effect, dict)
    cut = request.incl_cut if isinstance(request.incl_cut, float) else request.incl_cut[0]
    return {"hoursHalf": number(hours["c"], 0, language),
            "hoursFull": number(hours["i"], 0, language),
            "effectHalf": number(effect["c"], 1, language),
            "effectFull": number(effect["i"], 1, language),
            "inclCut": number(cut, 2, language), "nCut": str(request.n_cut)}


def build(session: Session, params: BookParameters, as_of: date) -> Chapter:
    language = params.language
    numbers = success_numbers(session, params, as_of)
    titles = TITLES[language]
    blocks = [_outcome_block(found, language) for found in numbers["outcomes"]]
    reading = (f"{KEY}-reading", titles["reading"])
    sections = [reading, *[(block["id"], block["title"]) for block in blocks]]
    html = render_fragment("chapters/success_factors.html", language, key=KEY,
                           title=titles[KEY], reading=reading, blocks=blocks,
                           settings=_settings(params, language))
    return Chapter(key=KEY, title=titles[KEY], numbers=numbers, html=html, sections=sections)
