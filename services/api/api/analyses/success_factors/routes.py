"""POST /v1/analysis/success-factors: which combinations of conditions go with effective or
durable initiatives, from the data Buurtkracht holds."""

from datetime import date

from fastapi import APIRouter, Depends

from api.analyses.success_factors import service
from api.analyses.success_factors.models import SuccessFactorRequest, SuccessFactorResult
from api.auth.rules import READ, require
from api.db import SessionDep

router = APIRouter(prefix="/v1/analysis", tags=["analysis"],
                   dependencies=[Depends(require(READ))])


@router.post("/success-factors")
def success_factors(request: SuccessFactorRequest, session: SessionDep) -> SuccessFactorResult:
    """The case table (initiatives with their set memberships), the truth table, the
    solutions with their fit, and for every term the initiatives it covers."""
    return service.analyse(session, request, date.today())
