"""HTTP routes of /v1/evaluations and /v1/outcome-measures."""

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Header, Path, Query, Request, Response, status

from api.auth.identity import Caller
from api.auth.redaction import redacting
from api.auth.rules import READ, WRITE_EVALUATIONS, check_initiative_scope, require
from api.db import SessionDep
from api.evaluations import service
from api.evaluations.models import (
    Evaluation,
    EvaluationCreate,
    EvaluationPublic,
    EvaluationUpdate,
    OutcomeMeasure,
    OutcomeMeasureAdd,
    OutcomeMeasurePublic,
    OutcomeMeasureUpdate,
)
from api.wire import Page, PageParams, page_response, set_etag

router = APIRouter(prefix="/v1/evaluations", tags=["evaluations"],
                   route_class=redacting("evaluation"),
                   dependencies=[Depends(require(READ))])
measures_router = APIRouter(prefix="/v1/outcome-measures", tags=["outcome-measures"],
                            route_class=redacting("outcome-measure"),
                            dependencies=[Depends(require(READ))])
Writer = Annotated[Caller, Depends(require(WRITE_EVALUATIONS))]


EvaluationId = Annotated[uuid.UUID, Path(alias="evaluationId")]


def load_evaluation(evaluation_id: EvaluationId, session: SessionDep) -> Evaluation:
    return service.get_evaluation(session, evaluation_id)


MeasureId = Annotated[uuid.UUID, Path(alias="measureId")]


def load_measure(measure_id: MeasureId, session: SessionDep) -> OutcomeMeasure:
    return service.get_outcome_measure(session, measure_id)


EvaluationDep = Annotated[Evaluation, Depends(load_evaluation)]
MeasureDep = Annotated[OutcomeMeasure, Depends(load_measure)]
IfMatch = Annotated[str | None, Header(description="ETag of the version you edited")]


def _initiative_of(session: SessionDep, evaluation_id: uuid.UUID) -> uuid.UUID | None:
    evaluation = session.get(Evaluation, evaluation_id)
    return evaluation.initiative_id if evaluation else None


def writable_evaluation(evaluation: EvaluationDep, caller: Writer,
                        session: SessionDep) -> Evaluation:
    check_initiative_scope(WRITE_EVALUATIONS, caller, session, [evaluation.initiative_id])
    return evaluation


def new_evaluation(data: EvaluationCreate, caller: Writer, session: SessionDep) -> EvaluationCreate:
    check_initiative_scope(WRITE_EVALUATIONS, caller, session, [data.initiative_id])
    return data


def writable_measure(measure: MeasureDep, caller: Writer, session: SessionDep) -> OutcomeMeasure:
    initiative = _initiative_of(session, measure.evaluation_id)
    check_initiative_scope(WRITE_EVALUATIONS, caller, session, [initiative])
    return measure


def new_measure(data: OutcomeMeasureAdd, caller: Writer, session: SessionDep) -> OutcomeMeasureAdd:
    initiative = _initiative_of(session, data.evaluation_id)
    check_initiative_scope(WRITE_EVALUATIONS, caller, session, [initiative])
    return data


WritableEvaluation = Annotated[Evaluation, Depends(writable_evaluation)]
WritableMeasure = Annotated[OutcomeMeasure, Depends(writable_measure)]


@router.get("", response_model=Page[EvaluationPublic])
def list_evaluations(
    request: Request,
    session: SessionDep,
    filters: Annotated[service.EvaluationFilters, Query()],
    paging: Annotated[PageParams, Query()],
) -> Response:
    evaluations, total = service.list_evaluations(session, filters, paging)
    items = [evaluation.model_dump(mode="json", by_alias=True) for evaluation in evaluations]
    return page_response(request, paging, items, total)


@router.get("/{evaluationId}")
def get_evaluation(
    evaluation: EvaluationDep, session: SessionDep, response: Response
) -> EvaluationPublic:
    set_etag(response, evaluation.version)
    return service.to_public(session, evaluation)


@router.post("", status_code=status.HTTP_201_CREATED)
def create_evaluation(
    data: Annotated[EvaluationCreate, Depends(new_evaluation)], session: SessionDep,
    response: Response,
) -> EvaluationPublic:
    evaluation = service.create_evaluation(session, data)
    set_etag(response, evaluation.version)
    response.headers["Location"] = f"/v1/evaluations/{evaluation.id}"
    return service.to_public(session, evaluation)


@router.patch("/{evaluationId}")
def update_evaluation(
    evaluation: WritableEvaluation, changes: EvaluationUpdate, session: SessionDep,
    response: Response, if_match: IfMatch = None,
) -> EvaluationPublic:
    evaluation = service.update_evaluation(session, evaluation, changes, if_match)
    set_etag(response, evaluation.version)
    return service.to_public(session, evaluation)


@router.delete("/{evaluationId}", status_code=status.HTTP_204_NO_CONTENT)
def delete_evaluation(evaluation: WritableEvaluation, session: SessionDep,
                      if_match: IfMatch = None) -> None:
    service.delete_evaluation(session, evaluation, if_match)


@measures_router.get("", response_model=Page[OutcomeMeasurePublic])
def list_outcome_measures(
    request: Request,
    session: SessionDep,
    filters: Annotated[service.OutcomeMeasureFilters, Query()],
    paging: Annotated[PageParams, Query()],
) -> Response:
    measures, total = service.list_outcome_measures(session, filters, paging)
    items = [OutcomeMeasurePublic.model_validate(measure).model_dump(mode="json", by_alias=True)
             for measure in measures]
    return page_response(request, paging, items, total)


@measures_router.get("/{measureId}")
def get_outcome_measure(measure: MeasureDep, response: Response) -> OutcomeMeasurePublic:
    set_etag(response, measure.version)
    return OutcomeMeasurePublic.model_validate(measure)


@measures_router.post("", status_code=status.HTTP_201_CREATED)
def create_outcome_measure(
    data: Annotated[OutcomeMeasureAdd, Depends(new_measure)], session: SessionDep,
    response: Response,
) -> OutcomeMeasurePublic:
    measure = service.create_outcome_measure(session, data)
    set_etag(response, measure.version)
    response.headers["Location"] = f"/v1/outcome-measures/{measure.id}"
    return OutcomeMeasurePublic.model_validate(measure)


@measures_router.patch("/{measureId}")
def update_outcome_measure(
    measure: WritableMeasure, changes: OutcomeMeasureUpdate, session: SessionDep,
    response: Response, if_match: IfMatch = None,
) -> OutcomeMeasurePublic:
    measure = service.update_outcome_measure(session, measure, changes, if_match)
    set_etag(response, measure.version)
    return OutcomeMeasurePublic.model_validate(measure)


@measures_router.delete("/{measureId}", status_code=status.HTTP_204_NO_CONTENT)
def delete_outcome_measure(measure: WritableMeasure, session: SessionDep,
                           if_match: IfMatch = None) -> None:
    service.delete_outcome_measure(session, measure, if_match)
