"""One number per judgement: scores and levels on a common 0–1 scale.

A framework is scored 1–5 or by level; analyses across frameworks (the competence moderator,
the team view) need one scale: 1 → 0, 5 → 1 and startbekwaam → 0, vakbekwaam → ½,
vakvolwassen → 1. A judgement of ¾ or more (4 or 5, vakvolwassen) counts as mastery.
"""

from api.vocabularies.models import ProficiencyLevel

LEVEL_VALUES: dict[ProficiencyLevel, float] = {
    ProficiencyLevel.STARTBEKWAAM: 0.0,
    ProficiencyLevel.VAKBEKWAAM: 0.5,
    ProficiencyLevel.VAKVOLWASSEN: 1.0,
}
MASTERY = 0.75


def normalised(score: int | None, level: ProficiencyLevel | str | None) -> float:
    """The judgement on 0–1; exactly one of score and level is set (the API checks that)."""
    if score is not None:
        return (score - 1) / 4
    if level is None:
        raise ValueError("An assessment has a score or a level.")
    return LEVEL_VALUES[ProficiencyLevel(level)]


def masters(value: float) -> bool:
    return value >= MASTERY
