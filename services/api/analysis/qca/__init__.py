"""Qualitative Comparative Analysis as R's QCA package (Dusa): calibration, truth tables,
Boolean minimisation and parameters of fit."""

from analysis.qca.calibration import calibrate
from analysis.qca.errors import QcaInputError
from analysis.qca.expressions import parse_expression, write_expression, write_term
from analysis.qca.fit import NecessityFit, ParametersOfFit, SufficiencyFit, pof
from analysis.qca.minimize import minimize
from analysis.qca.results import Minimization, Solution
from analysis.qca.truth_table import TruthTable, TruthTableRow, truth_table

__all__ = [
    "Minimization",
    "NecessityFit",
    "ParametersOfFit",
    "QcaInputError",
    "Solution",
    "SufficiencyFit",
    "TruthTable",
    "TruthTableRow",
    "calibrate",
    "minimize",
    "parse_expression",
    "pof",
    "truth_table",
    "write_expression",
    "write_term",
]
