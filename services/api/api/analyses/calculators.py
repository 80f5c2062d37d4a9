"""POST /v1/analysis/…: the statistics of the `analysis` package on data the client sends.
Nothing is stored and nothing is read: any signed-in caller may compute."""

import math
from collections.abc import Callable, Sequence
from typing import TypeVar

from fastapi import APIRouter, Depends

from analysis.effect_sizes import EffectSizeInputError, escalc
from analysis.meta import MetaFitError, MetaInputError, rma
from analysis.meta.leave_one_out import leave_one_out
from analysis.meta.regression_test import regtest
from analysis.meta.subgroup_analysis import subgroups
from analysis.meta.trim_and_fill import trimfill
from api.analyses import bias_models as out
from api.analyses.effect_size_models import EffectSize, EffectSizeRequest, EffectSizeResult
from api.analyses.meta_models import MetaModelOut, MetaRequest, model_out
from api.auth.rules import READ, require
from api.errors import CannotAnalyse, FieldError, InvalidInput
from api.openapi import problems

Model = TypeVar("Model")
router = APIRouter(prefix="/v1/analysis", tags=["analysis"], dependencies=[Depends(require(READ))])


def number_or_null(value: float) -> float | None:
    """JSON has no NaN: what metafor gives as NA is sent as null."""
    return value if math.isfinite(value) else None


@router.post("/effect-sizes")
def effect_sizes(request: EffectSizeRequest) -> EffectSizeResult:
    """Effect sizes and sampling variances as metafor's `escalc()` computes them."""
    named = sorted({name for row in request.rows for name in row.model_fields_set})
    columns = {name: [getattr(row, name) for row in request.rows] for name in named}
    try:
        found = escalc(request.measure, vtype=request.vtype, add=request.add, to=request.to,
                       drop00=request.drop00, **columns)
    except EffectSizeInputError as error:
        raise InvalidInput(_field_errors(error)) from error
    return EffectSizeResult(measure=found.measure, vtype=found.vtype, rows=[
        EffectSize(yi=number_or_null(yi), vi=number_or_null(vi))
        for yi, vi in zip(found.yi.tolist(), found.vi.tolist(), strict=True)])


def _field_errors(error: EffectSizeInputError) -> Sequence[FieldError]:
    """Each problem at its row and column (or at the option it concerns)."""
    found = []
    for problem in error.problems:
        if problem.row is not None and problem.column is not None:
            pointer = f"/rows/{problem.row}/{problem.column}"
        elif problem.column is not None:
            pointer = f"/rows/0/{problem.column}"
        else:
            pointer = next((f"/{option}" for option in ("vtype", "add", "to")
                            if problem.detail.startswith(option)), "/measure")
        found.append(FieldError(pointer, "invalid-for-measure",
                                f"Past niet bij deze effectmaat. / {problem.detail}"))
    return found


@router.post("/meta", responses=problems(422))
def meta_analysis(request: MetaRequest) -> MetaModelOut:
    """A random-, mixed- or equal-effects model as metafor's `rma()`."""
    return model_out(fitted(lambda: rma(
        request.yi, request.vi, method=request.method, test=request.test, level=request.level,
        moderators=request.moderators, predict=request.predict)))


def fitted(fit: Callable[[], Model]) -> Model:
    """The fit's result; what the data cannot give is a 422 that says why."""
    try:
        return fit()
    except MetaInputError as error:
        raise CannotAnalyse(f"Deze gegevens zijn zo niet te analyseren. / {error}") from error
    except MetaFitError as error:
        raise CannotAnalyse(f"Het model convergeert niet. / {error}") from error


@router.post("/meta/subgroups", responses=problems(422))
def subgroup_analysis(request: out.SubgroupRequest) -> out.SubgroupResult:
    """A model per group and the tests for subgroup differences (common and separate tau²,
    and the fixed-effect split of Q)."""
    if len(request.groups) != len(request.yi):
        raise InvalidInput([FieldError("/groups", "length", "Eén groep per studie. / "
                                                            "One group per study.")])
    return out.subgroups_out(fitted(lambda: subgroups(
        request.yi, request.vi, request.groups, method=request.method, test=request.test,
        level=request.level)))


@router.post("/meta/small-study", responses=problems(422))
def small_study(request: out.SmallStudyRequest) -> out.SmallStudyResult:
    """Funnel-plot asymmetry as metafor's regtest (mixed-effects, and classic Egger) and
    trim-and-fill (L0 or R0)."""
    yi, vi, method, level = request.yi, request.vi, request.method, request.level
    return out.SmallStudyResult(
        regtest=out.regression_out(fitted(lambda: regtest(
            yi, vi, method=method, test=request.test, level=level))),
        egger=out.regression_out(fitted(lambda: regtest(
            yi, vi, model="lm", method=method, level=level))),
        trim_and_fill=out.trim_and_fill_out(fitted(lambda: trimfill(
            yi, vi, method=method, test=request.test, level=level,
            estimator=request.estimator, side=request.side))))


@router.post("/meta/leave-one-out", responses=problems(422))
def leave_one_out_analysis(request: out.StudiesRequest) -> out.LeaveOneOutResult:
    """The model refitted without each study in turn, as metafor's leave1out."""
    return out.leave_one_out_out(fitted(lambda: leave_one_out(
        request.yi, request.vi, method=request.method, test=request.test,
        level=request.level)))
