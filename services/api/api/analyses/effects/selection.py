"""One effect per initiative and indicator, and per initiative (docs/effects.md).

An initiative evaluated more than once on an indicator counts once: the measure of its
strongest design (randomised, then with a comparison group, then pre/post), then its latest
evaluation, then its most precise measure. Across indicators (when no indicator is chosen)
the initiative's effects are combined into one by their inverse-variance weighted mean,
as if independent — which makes the combined variance too small when the indicators are
correlated; pooling per indicator avoids that.
"""

import uuid
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from api.analyses.effects.conversion import Effect
from api.vocabularies.models import EvaluationDesign

DESIGN_STRENGTH = {
    EvaluationDesign.BESCHRIJVEND: 0, EvaluationDesign.VOOR_NAMETING: 1,
    EvaluationDesign.VOOR_NAMETING_CONTROLEGROEP: 2, EvaluationDesign.GERANDOMISEERD: 3,
}


@dataclass(frozen=True)
class InitiativeEffect:
    initiative_id: uuid.UUID
    yi: float
    vi: float
    effects: tuple[Effect, ...]  # the measures behind it, one per indicator


def _preference(effect: Effect) -> tuple[int, str, float]:
    row = effect.row
    return DESIGN_STRENGTH[row.design], row.evaluated_on.isoformat(), -effect.vi


def per_indicator(effects: Sequence[Effect]) -> list[Effect]:
    best: dict[tuple[uuid.UUID, uuid.UUID], Effect] = {}
    for effect in effects:
        key = (effect.initiative_id, effect.row.indicator_id)
        if key not in best or _preference(effect) > _preference(best[key]):
            best[key] = effect
    return sorted(best.values(), key=lambda effect: (str(effect.initiative_id),
                                                      str(effect.row.indicator_id)))


def per_initiative(effects: Sequence[Effect]) -> list[InitiativeEffect]:
    """The chosen effects of each initiative combined; one effect stays as it is."""
    grouped: dict[uuid.UUID, list[Effect]] = defaultdict(list)
    for effect in per_indicator(effects):
        grouped[effect.initiative_id].append(effect)
    combined = []
    for initiative_id, chosen in grouped.items():
        weights = [1.0 / effect.vi for effect in chosen]
        total = sum(weights)
        mean = sum(w * effect.yi for w, effect in zip(weights, chosen, strict=True)) / total
        combined.append(InitiativeEffect(initiative_id, mean, 1.0 / total, tuple(chosen)))
    return combined
