"""Effect sizes as metafor's escalc(): `escalc(measure, **columns) -> EffectSizes`."""

from analysis.effect_sizes.errors import EffectSizeInputError, InputProblem
from analysis.effect_sizes.escalc import MEASURES, escalc
from analysis.effect_sizes.results import EffectSizes

__all__ = ["MEASURES", "EffectSizeInputError", "EffectSizes", "InputProblem", "escalc"]
