"""POST /v1/analysis/qca/…: configurational comparison (QCA) on data the client sends, as
the QCA package (Dusa) computes it. Nothing is stored or read."""

from collections.abc import Sequence

from fastapi import APIRouter, Depends

from analysis.qca import QcaInputError, calibrate
from analysis.qca.calibration_direct import FloatArray
from api.analyses.meta_models import finite
from api.analyses.qca_models import CalibrateRequest, CalibrateResult, Calibration
from api.auth.rules import READ, require
from api.errors import CannotAnalyse

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


@router.post("/calibrate")
def calibrate_values(request: CalibrateRequest) -> CalibrateResult:
    """Raw values to crisp or fuzzy set memberships (null stays null)."""
    return CalibrateResult(values=[finite(value) for value in
                                   calibrated(request.values, request).tolist()])
