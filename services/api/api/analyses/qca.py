"""POST /v1/analysis/qca/…: configurational comparison (QCA) on data the client sends, as
the QCA package (Dusa) computes it. Nothing is stored or read."""

from collections.abc import Sequence

from fastapi import APIRouter, Depends

from analysis.qca import QcaInputError, calibrate
from analysis.qca.calibration_direct import FloatArray
from analysis.qca.fit import pof
from analysis.qca.minimize import minimize
from analysis.qca.truth_table import TruthTable, truth_table
from api.analyses.meta_models import finite
from api.analyses.qca_models import (
    CalibrateRequest,
    CalibrateResult,
    Calibration,
    FitRequest,
    FitResult,
    MinimizeRequest,
    MinimizeResult,
    TruthTableOut,
    TruthTableRequest,
)
from api.analyses.qca_wire import fit_out, minimization_out, truth_table_out
from api.auth.rules import READ, require
from api.errors import CannotAnalyse
from api.openapi import problems

router = APIRouter(prefix="/v1/analysis/qca", tags=["analysis"],
                   dependencies=[Depends(require(READ))])


def refused(error: QcaInputError) -> CannotAnalyse:
    return CannotAnalyse(f"Deze gegevens zijn zo niet te analyseren. / {error}")


def calibrated(values: Sequence[float | None], how: Calibration) -> FloatArray:
    try:
        return calibrate(values, type=how.type, method=how.method, thresholds=how.thresholds,
                         logistic=how.logistic, idm=how.idm, ecdf=how.ecdf, below=how.below,
                         above=how.above)
    except QcaInputError as error:
        raise refused(error) from error


@router.post("/calibrate", responses=problems(422))
def calibrate_values(request: CalibrateRequest) -> CalibrateResult:
    """Raw values to crisp or fuzzy set memberships (null stays null)."""
    return CalibrateResult(values=[finite(value) for value in
                                   calibrated(request.values, request).tolist()])


def columns(data: Sequence[dict[str, float | str]], names: Sequence[str]
            ) -> dict[str, list[float]]:
    """The cases' numbers per column; a case without one is an error naming its place."""
    for place, case in enumerate(data):
        for name in names:
            value = case.get(name)
            if value is None or isinstance(value, str):
                raise CannotAnalyse(f"Geval {place} heeft geen getal voor {name}. / "
                                    f"Case {place} has no number for {name}.")
    return {name: [float(case[name]) for case in data] for name in names}


def table_of(request: TruthTableRequest) -> TruthTable:
    values = columns(request.data, [*request.conditions, request.outcome])
    ids = None
    if request.case_id is not None:
        ids = [str(case.get(request.case_id, place)) for place, case in enumerate(request.data)]
    try:
        return truth_table(values, request.outcome, request.conditions,
                           incl_cut=request.incl_cut, n_cut=request.n_cut,
                           pri_cut=request.pri_cut, negate_outcome=request.negate_outcome,
                           case_ids=ids)
    except QcaInputError as error:
        raise refused(error) from error


@router.post("/truth-table", responses=problems(422))
def truth_table_of(request: TruthTableRequest) -> TruthTableOut:
    """Each configuration's cases, n, inclusion, PRI and output value."""
    return truth_table_out(table_of(request))


@router.post("/minimize", responses=problems(422))
def minimize_table(request: MinimizeRequest) -> MinimizeResult:
    """The conservative, parsimonious or intermediate solutions: every equally minimal model
    (at most 1,000, found within 10 s; `truncated` says when there were more)."""
    table = table_of(request)
    try:
        return minimization_out(minimize(table, solution=request.solution,
                                         dir_exp=request.dir_exp, row_dom=request.row_dom,
                                         contradictions=request.contradictions))
    except QcaInputError as error:
        raise refused(error) from error


@router.post("/fit", responses=problems(422))
def parameters_of_fit(request: FitRequest) -> FitResult:
    """Necessity or sufficiency of single conditions, their negations, or an expression."""
    names = {request.outcome, *(request.conditions or [])}
    if request.conditions is None:  # every numeric column
        names |= {name for case in request.data for name, value in case.items()
                  if not isinstance(value, str)}
    try:
        return fit_out(pof(columns(request.data, sorted(names)), request.outcome,
                           relation=request.relation, conditions=request.conditions,
                           expression=request.expression, negate_outcome=request.negate_outcome,
                           negate_conditions=request.negate_conditions))
    except QcaInputError as error:
        raise refused(error) from error
