"""Importing outcome measures: they have no reference of their own, so a file holds all the
measures of each evaluation it names. Equal to what is stored: nothing changes; different:
the evaluation's measures are replaced (each removal and addition with its audit event)."""

import uuid
from collections.abc import Callable

from pydantic import ValidationError
from sqlmodel import Session, col, select

from api.auth.identity import Caller
from api.auth.rules import WRITE_EVALUATIONS, check_initiative_scope
from api.errors import ApiError
from api.evaluations import service as evaluations
from api.evaluations.models import Evaluation, OutcomeMeasure, OutcomeMeasureAdd
from api.imports.parse import Parsed, ParsedRow
from api.imports.payloads import Lookups, blank_texts, payload
from api.imports.upsert import Outcome, from_validation, refusal_problems

# What makes two measures the same: everything but their ids and bookkeeping.
SAME = frozenset({"id", "evaluationId", "version", "createdAt", "updatedAt"})


def _canonical(measure: OutcomeMeasureAdd | OutcomeMeasure) -> str:
    dumped = OutcomeMeasureAdd.model_validate(measure, from_attributes=True).model_dump(
        mode="json", by_alias=True)
    return repr(sorted((key, value) for key, value in dumped.items() if key not in SAME))


def write_measures(session: Session, parsed: Parsed, lookups: Lookups, caller: Caller,
                   progress: Callable[[int], None], outcome: Outcome) -> Outcome:
    wanted: dict[uuid.UUID, list[tuple[ParsedRow, OutcomeMeasureAdd]]] = {}
    blank = blank_texts(OutcomeMeasureAdd)
    for row in parsed.rows:
        built = payload(row, lookups, blank)
        outcome.problems += built.problems
        if built.problems:
            continue
        try:
            wanted.setdefault(built.body["evaluationId"], []).append(
                (row, OutcomeMeasureAdd.model_validate(built.body)))
        except ValidationError as error:
            outcome.problems += [from_validation(row, e) for e in error.errors()]
    for done, (evaluation_id, rows) in enumerate(wanted.items(), start=1):
        try:
            _replace(session, evaluation_id, rows, caller, outcome)
        except ApiError as error:
            session.rollback()
            outcome.problems += refusal_problems(rows[0][0], error)
        progress(done)
    return outcome


def _replace(session: Session, evaluation_id: uuid.UUID,
             rows: list[tuple[ParsedRow, OutcomeMeasureAdd]], caller: Caller,
             outcome: Outcome) -> None:
    evaluation = session.get(Evaluation, evaluation_id)
    if evaluation is not None:
        check_initiative_scope(WRITE_EVALUATIONS, caller, session, [evaluation.initiative_id])
    stored = list(session.exec(select(OutcomeMeasure).where(
        col(OutcomeMeasure.evaluation_id) == evaluation_id)))
    if sorted(map(_canonical, stored)) == sorted(_canonical(data) for _, data in rows):
        outcome.unchanged += len(rows)
        return
    for measure in stored:
        evaluations.delete_outcome_measure(session, measure, None)
        outcome.removed += 1
    for _, data in rows:
        evaluations.create_outcome_measure(session, data)
        outcome.created += 1


