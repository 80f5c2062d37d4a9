"""Evaluation and outcome-measure use cases: list, read, create, update and delete."""

import uuid
from collections.abc import Iterable, Sequence
from typing import Any

from pydantic import Field
from sqlalchemy import ColumnElement, and_, false, inspect, or_, select
from sqlmodel import Session

from api.audit.recorder import as_snapshot, record_on_commit
from api.db import commit, utc_now
from api.errors import Conflict, FieldError, InvalidInput, NotFound
from api.evaluations.measures import statistic_errors
from api.evaluations.models import (
    Evaluation,
    EvaluationCreate,
    EvaluationPublic,
    EvaluationUpdate,
    OutcomeMeasure,
    OutcomeMeasureAdd,
    OutcomeMeasureCreate,
    OutcomeMeasureFields,
    OutcomeMeasurePublic,
    OutcomeMeasureUpdate,
    evidence_level,
)
from api.indicators.models import Indicator
from api.initiatives.models import Initiative
from api.vocabularies.models import EvaluationDesign, EvidenceLevel, MeasureKind
from api.wire import ApiModel, PageParams, check_if_match, page_query, parse_sort, refuse_nulls

EVALUATIONS = inspect(Evaluation).local_table
MEASURES = inspect(OutcomeMeasure).local_table
INDICATORS = inspect(Indicator).local_table
EVALUATION_SORT_KEYS = {"evaluatedOn": "evaluated_on", "createdAt": "created_at",
                        "updatedAt": "updated_at"}
MEASURE_SORT_KEYS = {"createdAt": "created_at", "updatedAt": "updated_at"}


class EvaluationFilters(ApiModel):
    initiative: uuid.UUID | None = Field(None, description="Evaluations of this initiative")
    indicator: uuid.UUID | None = Field(None, description="With an outcome measure on it")
    design: list[EvaluationDesign] = Field(default_factory=list, description="Any of these")
    evidence_level: list[EvidenceLevel] = Field(default_factory=list, description="Any of these")
    sort: str | None = Field(None, description="Comma-separated keys, '-' for descending")


class OutcomeMeasureFilters(ApiModel):
    evaluation: uuid.UUID | None = None
    indicator: uuid.UUID | None = None
    kind: list[MeasureKind] = Field(default_factory=list, description="Any of these kinds")
    sort: str | None = Field(None, description="Comma-separated keys, '-' for descending")


def _evaluation_conditions(filters: EvaluationFilters) -> list[ColumnElement[bool]]:
    found: list[ColumnElement[bool]] = []
    if filters.initiative is not None:
        found.append(EVALUATIONS.c.initiative_id == filters.initiative)
    if filters.indicator is not None:
        measured = select(MEASURES.c.evaluation_id).where(
            MEASURES.c.indicator_id == filters.indicator)
        found.append(EVALUATIONS.c.id.in_(measured))
    if filters.design:
        found.append(EVALUATIONS.c.design.in_(filters.design))
    if filters.evidence_level:
        found.append(_has_evidence_level(filters.evidence_level))
    return found


def _has_evidence_level(levels: Sequence[EvidenceLevel]) -> ColumnElement[bool]:
    # The level is derived, not stored: match the (design, theory of change) pairs that
    # evidence_level() maps onto the wanted levels, so the two can never disagree.
    pairs = [(design, toc) for design in EvaluationDesign for toc in (False, True)
             if evidence_level(design, toc) in levels]
    return or_(false(), *(and_(EVALUATIONS.c.design == design,
                               EVALUATIONS.c.theory_of_change == toc) for design, toc in pairs))


def list_evaluations(
    session: Session, filters: EvaluationFilters, page: PageParams
) -> tuple[list[EvaluationPublic], int]:
    order = parse_sort(filters.sort, EVALUATION_SORT_KEYS, "-evaluatedOn")
    conditions = _evaluation_conditions(filters)
    query, total = page_query(session, select(Evaluation), EVALUATIONS, conditions, order, page)
    return to_public_all(session, list(session.scalars(query))), total


def get_evaluation(session: Session, evaluation_id: uuid.UUID) -> Evaluation:
    evaluation = session.get(Evaluation, evaluation_id)
    if evaluation is None:
        raise NotFound(f"Evaluatie {evaluation_id} bestaat niet. / No such evaluation.")
    return evaluation


def to_public_all(session: Session, evaluations: Sequence[Evaluation]) -> list[EvaluationPublic]:
    """Public shapes with their outcome measures, loaded in one query for all of them."""
    measures: dict[uuid.UUID, list[OutcomeMeasure]] = {e.id: [] for e in evaluations}
    if evaluations:
        query = (select(OutcomeMeasure).where(MEASURES.c.evaluation_id.in_(measures))
                 .order_by(MEASURES.c.created_at, MEASURES.c.id))
        for measure in session.scalars(query):
            measures[measure.evaluation_id].append(measure)
    # The design comes back from the database as a plain string; evidence_level() wants the enum.
    return [EvaluationPublic.model_validate(evaluation, update={
        "evidence_level": evidence_level(EvaluationDesign(evaluation.design),
                                         evaluation.theory_of_change),
        "outcome_measures": [OutcomeMeasurePublic.model_validate(m)
                             for m in measures[evaluation.id]],
    }) for evaluation in evaluations]


def to_public(session: Session, evaluation: Evaluation) -> EvaluationPublic:
    return to_public_all(session, [evaluation])[0]


def _evaluation_errors(session: Session, values: dict[str, Any],
                       evaluation_id: uuid.UUID | None) -> list[FieldError]:
    errors = []
    if session.get(Initiative, values["initiative_id"]) is None:
        errors.append(FieldError("/initiativeId", "unknown-initiative",
                                 "Dit initiatief bestaat niet. / No such initiative."))
    start, end = values.get("period_start"), values.get("period_end")
    if start is not None and end is not None and end < start:
        errors.append(FieldError("/periodEnd", "before-start",
                                 "Einde ligt vóór het begin. / Period ends before it starts."))
    if values.get("external_ref") is not None:
        same_ref = select(EVALUATIONS.c.id).where(
            EVALUATIONS.c.external_ref == values["external_ref"],
            EVALUATIONS.c.id != evaluation_id)
        if session.connection().execute(same_ref).first() is not None:
            errors.append(FieldError("/externalRef", "duplicate",
                                     "Deze externe referentie bestaat al. / Already in use."))
    return errors


def _measure_errors(session: Session, measures: Iterable[tuple[str, dict[str, Any]]]
                    ) -> list[FieldError]:
    """Errors of (pointer, values) measures: unknown indicators and the per-kind rules."""
    measures = list(measures)
    ids = {values["indicator_id"] for _, values in measures}
    known = set(session.scalars(
        select(INDICATORS.c.id).where(INDICATORS.c.id.in_(ids)))) if ids else set()
    errors = []
    for pointer, values in measures:
        if values["indicator_id"] not in known:
            errors.append(FieldError(f"{pointer}/indicatorId", "unknown-indicator",
                                     "Deze indicator bestaat niet. / No such indicator."))
        errors.extend(statistic_errors(values, pointer))
    return errors


def _record(session: Session, evaluation: Evaluation, before: dict[str, object] | None,
            deleted: bool = False) -> None:
    record_on_commit(session, "evaluation", evaluation.id, before,
                     lambda: None if deleted else as_snapshot(to_public(session, evaluation)))


def _measure_snapshot(measure: OutcomeMeasure) -> dict[str, object]:
    return as_snapshot(OutcomeMeasurePublic.model_validate(measure))


def _record_measure(session: Session, measure: OutcomeMeasure,
                    before: dict[str, object] | None, deleted: bool = False) -> None:
    record_on_commit(session, "outcome-measure", measure.id, before,
                     lambda: None if deleted else _measure_snapshot(measure))


def create_evaluation(session: Session, data: EvaluationCreate) -> Evaluation:
    """Writes the evaluation and all its outcome measures, or nothing at all."""
    values = data.model_dump(exclude={"outcome_measures"})
    errors = _evaluation_errors(session, values, None) + _measure_errors(
        session, ((f"/outcomeMeasures/{index}", measure.model_dump())
                  for index, measure in enumerate(data.outcome_measures)))
    if errors:
        raise InvalidInput(errors)
    evaluation = Evaluation.model_validate(values)
    session.add(evaluation)
    session.add_all(_new_measure(evaluation.id, measure) for measure in data.outcome_measures)
    _record(session, evaluation, before=None)
    commit(session, _linked_changed())
    session.refresh(evaluation)
    return evaluation


def update_evaluation(session: Session, evaluation: Evaluation, changes: EvaluationUpdate,
                      if_match: str | None) -> Evaluation:
    check_if_match(if_match, evaluation.version)
    before = as_snapshot(to_public(session, evaluation))
    values = changes.model_dump(exclude_unset=True)
    refuse_nulls(values, EvaluationCreate)
    # Stored codes load as plain strings, not enum members: nothing to warn about.
    stored = evaluation.model_dump(warnings=False)
    errors = _evaluation_errors(session, stored | values, evaluation.id)
    if errors:
        raise InvalidInput(errors)
    evaluation.sqlmodel_update(values)
    evaluation.updated_at = utc_now()
    _record(session, evaluation, before)
    commit(session, _linked_changed())
    session.refresh(evaluation)
    return evaluation


def delete_evaluation(session: Session, evaluation: Evaluation, if_match: str | None) -> None:
    """Deletes the evaluation with its outcome measures (cascade)."""
    check_if_match(if_match, evaluation.version)
    _record(session, evaluation, as_snapshot(to_public(session, evaluation)), deleted=True)
    session.delete(evaluation)
    commit(session, _linked_changed())


def list_outcome_measures(
    session: Session, filters: OutcomeMeasureFilters, page: PageParams
) -> tuple[list[OutcomeMeasure], int]:
    order = parse_sort(filters.sort, MEASURE_SORT_KEYS, "createdAt")
    conditions = []
    if filters.evaluation is not None:
        conditions.append(MEASURES.c.evaluation_id == filters.evaluation)
    if filters.indicator is not None:
        conditions.append(MEASURES.c.indicator_id == filters.indicator)
    if filters.kind:
        conditions.append(MEASURES.c.kind.in_(filters.kind))
    query, total = page_query(session, select(OutcomeMeasure), MEASURES, conditions, order, page)
    return list(session.scalars(query)), total


def get_outcome_measure(session: Session, measure_id: uuid.UUID) -> OutcomeMeasure:
    measure = session.get(OutcomeMeasure, measure_id)
    if measure is None:
        raise NotFound(f"Uitkomstmaat {measure_id} bestaat niet. / No such outcome measure.")
    return measure


def create_outcome_measure(session: Session, data: OutcomeMeasureAdd) -> OutcomeMeasure:
    errors = _measure_errors(session, [("", data.model_dump())])
    if session.get(Evaluation, data.evaluation_id) is None:
        errors.insert(0, FieldError("/evaluationId", "unknown-evaluation",
                                    "Deze evaluatie bestaat niet. / No such evaluation."))
    if errors:
        raise InvalidInput(errors)
    measure = _new_measure(data.evaluation_id, data)
    session.add(measure)
    _record_measure(session, measure, before=None)
    commit(session, _linked_changed())
    session.refresh(measure)
    return measure


def update_outcome_measure(session: Session, measure: OutcomeMeasure,
                           changes: OutcomeMeasureUpdate, if_match: str | None) -> OutcomeMeasure:
    """Applies the changes if the merged statistics still fit the (possibly new) kind."""
    check_if_match(if_match, measure.version)
    before = _measure_snapshot(measure)
    values = changes.model_dump(exclude_unset=True)
    refuse_nulls(values, OutcomeMeasureCreate)
    stored = measure.model_dump(warnings=False)  # codes load as plain strings
    errors = _measure_errors(session, [("", stored | values)])
    if errors:
        raise InvalidInput(errors)
    measure.sqlmodel_update(values)
    measure.updated_at = utc_now()
    _record_measure(session, measure, before)
    commit(session, _linked_changed())
    session.refresh(measure)
    return measure


def delete_outcome_measure(session: Session, measure: OutcomeMeasure, if_match: str | None) -> None:
    check_if_match(if_match, measure.version)
    _record_measure(session, measure, _measure_snapshot(measure), deleted=True)
    session.delete(measure)
    commit(session, _linked_changed())


def _new_measure(evaluation_id: uuid.UUID, data: OutcomeMeasureFields) -> OutcomeMeasure:
    return OutcomeMeasure.model_validate(data.model_dump(exclude={"evaluation_id"}),
                                         update={"evaluation_id": evaluation_id})


def _linked_changed() -> Conflict:
    # The checks before a write can lose a race: an initiative, evaluation or indicator deleted,
    # or the same external reference stored, just before the commit.
    return Conflict("Een gekoppeld gegeven is intussen gewijzigd; probeer het opnieuw. / "
                    "A linked resource changed meanwhile; try again.")
