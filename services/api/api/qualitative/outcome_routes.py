"""GET /v1/analysis/codes/outcomes: codes meet outcomes. Which initiatives carry a code tells
what their records say, so it is as restricted as records: researchers and administrators."""

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Depends, Query

from api.analyses.effects.models import EffectParams
from api.auth.rules import READ_RECORDS, require
from api.db import SessionDep
from api.initiatives.listing import InitiativeFilters
from api.openapi import problems
from api.qualitative import outcomes
from api.qualitative.outcome_models import CodeOutcomes

router = APIRouter(prefix="/v1/analysis/codes", tags=["analysis"],
                   dependencies=[Depends(require(READ_RECORDS))])


@router.get("/outcomes", responses=problems(404))
def code_outcomes(session: SessionDep, filters: Annotated[InitiativeFilters, Query()],
                  params: Annotated[EffectParams, Query()]) -> CodeOutcomes:
    """Per code (subcodes rolled up) the pooled effect and the durability of the initiatives
    whose records carry it, with counts, beside every initiative in the filters
    (docs/codebook.md)."""
    return outcomes.code_outcomes(session, filters, params, date.today())
