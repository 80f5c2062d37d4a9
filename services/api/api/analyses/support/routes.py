"""GET /v1/analysis/support: Wat vraagt ondersteuning."""

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Depends, Query

from api.analyses.competence_access import check_competence_use, may_use_competence
from api.analyses.support.models import SupportParams, SupportReport
from api.analyses.support.service import support_report
from api.auth.identity import CallerDep
from api.auth.rules import READ, require
from api.db import SessionDep
from api.initiatives.listing import InitiativeFilters
from api.openapi import problems

router = APIRouter(prefix="/v1/analysis", tags=["analysis"],
                   dependencies=[Depends(require(READ))])


@router.get("/support", responses=problems(404))
def support(session: SessionDep, filters: Annotated[InitiativeFilters, Query()],
            params: Annotated[SupportParams, Query()], caller: CallerDep) -> SupportReport:
    """How kinds, styles, hours and competence of support go with effects (pooled per group,
    meta-regression) and with durability (Kaplan–Meier, log-rank, Cox), with the initiatives
    behind every number, and the support conditions of the success-factor analysis.
    Competence only for the roles that may read assessments."""
    check_competence_use(caller, [*params.moderators, *params.covariates])
    return support_report(session, filters, params, date.today(),
                          with_competence=may_use_competence(caller))
