"""POST /v1/analysis/success-factors: which combinations of conditions go with effective or
durable initiatives, from the data Buurtkracht holds."""

from datetime import date
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Query, Response

from api.analyses.competence_access import check_competence_use
from api.analyses.success_factors import service
from api.analyses.success_factors.models import SuccessFactorRequest, SuccessFactorResult
from api.auth.identity import CallerDep
from api.auth.rules import READ, require
from api.db import SessionDep
from api.exports.analysis import download, success_tables
from api.openapi import problems
from api.qualitative.carried_codes import check_code_use

router = APIRouter(prefix="/v1/analysis", tags=["analysis"],
                   dependencies=[Depends(require(READ))])


@router.post("/success-factors", response_model=SuccessFactorResult,
             responses=problems(404, 422))
def success_factors(
    request: SuccessFactorRequest, session: SessionDep, caller: CallerDep,
    format: Annotated[Literal["json", "csv", "xlsx"], Query(
        description="csv or xlsx: every path of every model with its fit")] = "json",
) -> SuccessFactorResult | Response:
    """The case table (initiatives with their set memberships), the truth table, the
    solutions with their fit, and for every term the initiatives it covers."""
    attributes = [choice.attribute for choice in request.conditions]
    check_competence_use(caller, attributes)
    check_code_use(caller, attributes)
    result = service.analyse(session, request, date.today())
    if format == "json":
        return result
    return download(success_tables(result), format, f"buurtkracht-succesfactoren-{date.today()}")
