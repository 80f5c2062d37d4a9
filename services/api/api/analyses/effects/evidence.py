"""Evidence levels in the Dutch vocabulary, from design, size and results (docs/effects.md,
"Evidence levels"), after the recognition levels of the Databank Effectieve Sociale
Interventies (Movisie, NJi).

An evaluation's design sets the highest level it can support: a randomised comparison
'sterke', a comparison group 'goede', a pre/post measurement 'eerste aanwijzingen voor
effectiviteit'. It reaches that level only with a result behind it: at least one effect in
the better direction whose 95 % interval lies above zero, measured on at least
`MIN_GROUP_SIZE` people (per group where there are two). Otherwise — and for a descriptive
evaluation — it is 'goed onderbouwd' with a theory of change, else 'goed beschreven'.
An initiative has the highest level of its evaluations.
"""

import math
from collections.abc import Iterable, Sequence

from api.analyses.effects.conversion import Effect
from api.vocabularies.models import EvaluationDesign, EvidenceLevel, MeasureKind

MIN_GROUP_SIZE = 20
Z_95 = 1.959963984540054
CEILING = {
    EvaluationDesign.GERANDOMISEERD: EvidenceLevel.STERKE_AANWIJZINGEN,
    EvaluationDesign.VOOR_NAMETING_CONTROLEGROEP: EvidenceLevel.GOEDE_AANWIJZINGEN,
    EvaluationDesign.VOOR_NAMETING: EvidenceLevel.EERSTE_AANWIJZINGEN,
}
ORDER = (EvidenceLevel.GOED_BESCHREVEN, EvidenceLevel.GOED_ONDERBOUWD,
         EvidenceLevel.EERSTE_AANWIJZINGEN, EvidenceLevel.GOEDE_AANWIJZINGEN,
         EvidenceLevel.STERKE_AANWIJZINGEN)


def group_size(effect: Effect) -> float | None:
    """The smallest group the effect was measured on (None for a reported effect size)."""
    statistics = effect.row.statistics
    if effect.row.kind is MeasureKind.PRE_POST:
        return float(statistics["n"])
    if effect.row.kind in (MeasureKind.TWO_GROUP, MeasureKind.COUNTS):
        return float(min(statistics["n_treatment"], statistics["n_control"]))
    return None


def shows_effect(effect: Effect) -> bool:
    """Better, beyond chance, on enough people."""
    size = group_size(effect)
    return (effect.yi - Z_95 * math.sqrt(effect.vi) > 0
            and (size is None or size >= MIN_GROUP_SIZE))


def evaluation_level(design: EvaluationDesign, theory_of_change: bool,
                     effects: Iterable[Effect]) -> EvidenceLevel:
    floor = EvidenceLevel.GOED_ONDERBOUWD if theory_of_change else EvidenceLevel.GOED_BESCHREVEN
    ceiling = CEILING.get(design)
    if ceiling is not None and any(shows_effect(effect) for effect in effects):
        return ceiling
    return floor


def highest(levels: Sequence[EvidenceLevel]) -> EvidenceLevel:
    return max(levels, key=ORDER.index)
