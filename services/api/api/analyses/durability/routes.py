"""GET /v1/analysis/durability: how long initiatives keep going after support ended."""

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Depends, Query

from api.analyses.competence_access import check_competence_use
from api.analyses.durability import service
from api.analyses.durability.models import DurabilityParams, DurabilityReport
from api.auth.identity import CallerDep
from api.auth.rules import READ, require
from api.db import SessionDep
from api.initiatives.listing import InitiativeFilters

router = APIRouter(prefix="/v1/analysis", tags=["analysis"],
                   dependencies=[Depends(require(READ))])


@router.get("/durability")
def durability(session: SessionDep, filters: Annotated[InitiativeFilters, Query()],
               params: Annotated[DurabilityParams, Query()], caller: CallerDep
               ) -> DurabilityReport:
    """Kaplan–Meier curves of the initiatives with follow-ups, overall and per group, the
    log-rank test between the groups and a Cox model of stopping, with the initiatives
    behind every curve (docs/support.md)."""
    check_competence_use(caller, [params.by, *params.covariates])
    return service.durability(session, filters, params, date.today())
