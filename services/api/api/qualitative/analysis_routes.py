"""GET /v1/analysis/coding-agreement and /v1/analysis/codes/by-group: analyses of the coded
records. They read the segments, so they are as restricted as records."""

from typing import Annotated

from fastapi import APIRouter, Depends, Query

from api.auth.rules import READ_RECORDS, require
from api.db import SessionDep
from api.openapi import problems
from api.qualitative import agreement, code_groups
from api.qualitative.agreement_models import (
    AgreementParams,
    CodeGroupParams,
    CodesByGroup,
    CodingAgreementReport,
)

router = APIRouter(prefix="/v1/analysis", tags=["coding"],
                   dependencies=[Depends(require(READ_RECORDS))])


@router.get("/coding-agreement", response_model=CodingAgreementReport, responses=problems(404, 422),
            summary="Inter-coder agreement per code and overall (kappa, alpha)")
def coding_agreement(session: SessionDep, params: Annotated[AgreementParams, Query()]
                     ) -> CodingAgreementReport:
    """Units (paragraphs or characters) of the chosen records; per code a 2×2 Cohen's kappa
    (two coders) and Krippendorff's alpha, overall alpha over all (unit, code) pairs
    (docs/codebook.md). 422 with fewer than two coders."""
    return agreement.coding_agreement(session, params)


@router.get("/codes/by-group", response_model=CodesByGroup,
            summary="Per code, the initiatives carrying it per group")
def codes_by_group(session: SessionDep, params: Annotated[CodeGroupParams, Query()]
                   ) -> CodesByGroup:
    """An initiative carries a code when a record about it has a segment of the code or of
    one of its subcodes."""
    return code_groups.codes_by_group(session, params.group_by)
