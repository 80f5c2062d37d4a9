"""Qualitative Comparative Analysis as R's QCA package (Dusa): calibration, and more to come."""

from analysis.qca.calibration import calibrate
from analysis.qca.errors import QcaInputError

__all__ = ["QcaInputError", "calibrate"]
