"""Demo assessments: rounds of judgements of professionals on the seeded frameworks, 2012–2016.

Scores grow a little over the years and self-assessments run a little high, but they depend
on nothing the planted effects or durability depend on (not even the role): competence has
no planted effect, so an analysis should find none (docs/demo-data.md).
"""

import random
import uuid
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import select
from sqlmodel import Session

from api.competences.seed import ACTIE, WERKLIJST
from api.demo.distributions import pick, weighted
from api.demo.initiatives import DATA_DATE, new_id, stamp
from api.demo.professionals import Staff
from api.tables import metadata
from api.vocabularies.models import (
    AssessmentPerspective,
    CompetencyScale,
    ProfessionalRole,
    ProficiencyLevel,
)

R = ProfessionalRole
P = AssessmentPerspective
FRAMEWORKS = metadata.tables["competency_framework"]
COMPETENCIES = metadata.tables["competency"]
FIRST_YEAR = 2012  # the year the participatieprofessional profile and ACTIE were published
ASSESSED: dict[ProfessionalRole, float] = {
    R.PARTICIPATIEMAKELAAR: 0.9, R.GEBIEDSMAKELAAR: 0.6, R.STADSDEELMEDEWERKER: 0.6,
    R.OPBOUWWERKER: 0.6, R.PARTICIPATIEMEDEWERKER: 0.6,
}  # the other roles 0.35
OTHER_FRAMEWORK_CHANCE = 0.35
OCCASIONS = weighted({1: 0.2, 2: 0.4, 3: 0.3, 4: 0.1})
PERSPECTIVES = {P.SELF: 0.95, P.MANAGER: 0.85, P.PEER: 0.3, P.RESIDENT: 0.15}
BIAS = {P.SELF: 0.25, P.MANAGER: 0.0, P.PEER: 0.05, P.RESIDENT: -0.15}
MEAN, COMPETENCY_SD, PERSON_SD, NOISE_SD = 3.2, 0.45, 0.35, 0.45
GROWTH = (0.05, 0.3)  # per year, drawn per professional
LEVELS = ((2.6, ProficiencyLevel.STARTBEKWAAM), (3.9, ProficiencyLevel.VAKBEKWAAM))
NOTE_CHANCE = {P.MANAGER: 0.1, P.SELF: 0.05}
NOTES = {P.MANAGER: ("Besproken in het jaargesprek.", "Sterk in contact met bewoners; let op "
                     "de planning.", "Volgt intervisie; goede ontwikkeling.",
                     "Kan bewoners meer ruimte laten."),
         P.SELF: ("Hier wil ik komend jaar aan werken.", "Gaat me steeds beter af.")}


@dataclass(frozen=True)
class Framework:
    id: uuid.UUID
    code: str
    scale: CompetencyScale
    competencies: tuple[uuid.UUID, ...]  # by position, then code


def load_frameworks(session: Session) -> list[Framework]:
    """The stored frameworks with competencies, in a stable order (sorted here, not by a
    database collation)."""
    rows = session.connection().execute(
        select(COMPETENCIES.c.id, COMPETENCIES.c.framework_id, COMPETENCIES.c.code,
               COMPETENCIES.c.position)).all()
    competencies: dict[uuid.UUID, list[tuple[int, str, uuid.UUID]]] = {}
    for row in rows:
        competencies.setdefault(row.framework_id, []).append((row.position, row.code, row.id))
    frameworks = session.connection().execute(
        select(FRAMEWORKS.c.id, FRAMEWORKS.c.code, FRAMEWORKS.c.scale)).all()
    return [Framework(row.id, row.code, CompetencyScale(row.scale),
                      tuple(found for *_, found in sorted(competencies[row.id])))
            for row in sorted(frameworks, key=lambda row: row.code)
            if row.id in competencies]


def _judged_on(rng: random.Random, person: Staff) -> list[date]:
    """One day a year in some of the years 2012–2016 the professional was active."""
    last = min(DATA_DATE, person.active_to or DATA_DATE)
    years = list(range(max(FIRST_YEAR, person.active_from.year), last.year + 1))
    if not years:
        return []
    chosen = sorted(rng.sample(years, min(len(years), pick(rng, OCCASIONS))))
    days = []
    for year in chosen:
        first, final = max(date(year, 1, 1), person.active_from), min(date(year, 12, 31), last)
        days.append(first + timedelta(days=rng.randint(0, (final - first).days)))
    return days


def _frameworks_of(rng: random.Random, person: Staff, frameworks: list[Framework]
                   ) -> list[Framework]:
    """The working list (ACTIE for researchers), and each other framework by chance."""
    first = (ACTIE if person.role is R.ONDERZOEKER else WERKLIJST).framework.code
    return [framework for framework in frameworks
            if framework.code == first or rng.random() < OTHER_FRAMEWORK_CHANCE]


def _judgement(value: float, scale: CompetencyScale) -> tuple[int | None, str | None]:
    if scale is CompetencyScale.SCORE:
        return min(5, max(1, round(value))), None
    level = next((level for bound, level in LEVELS if value < bound),
                 ProficiencyLevel.VAKVOLWASSEN)
    return None, level.value


def _rounds(rng: random.Random, person: Staff, talent: float, framework: Framework,
            days: list[date]) -> list[dict[str, Any]]:
    """One round per perspective on each day; `talent` is the person's part of every score."""
    ability = {competency: talent + rng.gauss(MEAN, COMPETENCY_SD)
               for competency in framework.competencies}
    growth = rng.uniform(*GROWTH)
    last = min(DATA_DATE, person.active_to or DATA_DATE)
    rows = []
    for day in days:
        years = (day - days[0]).days / 365.25
        for perspective, chance in PERSPECTIVES.items():
            if rng.random() >= chance:
                continue
            round_id, on = new_id(rng), min(last, day + timedelta(days=rng.randint(0, 21)))
            created = stamp(rng, on)
            for competency in framework.competencies:
                value = (ability[competency] + growth * years + BIAS[perspective]
                         + rng.gauss(0.0, NOISE_SD))
                score, level = _judgement(value, framework.scale)
                note = (rng.choice(NOTES[perspective]) if perspective in NOTES
                        and rng.random() < NOTE_CHANCE[perspective] else "")
                rows.append({"id": new_id(rng), "professional_id": person.id,
                             "competency_id": competency, "perspective": perspective.value,
                             "assessed_on": on, "score": score, "level": level, "note": note,
                             "round_id": round_id, "created_at": created})
    return rows


def assessments(rng: random.Random, staff: list[Staff], frameworks: list[Framework]
                ) -> list[dict[str, Any]]:
    """Rows for the assessment table: some professionals of every role, a few occasions
    each, one round per perspective and framework on each occasion."""
    rows: list[dict[str, Any]] = []
    for person in staff:
        if rng.random() >= ASSESSED.get(person.role, 0.35):
            continue
        days = _judged_on(rng, person)
        if days:
            talent = rng.gauss(0.0, PERSON_SD)
            for framework in _frameworks_of(rng, person, frameworks):
                rows.extend(_rounds(rng, person, talent, framework, days))
    return rows
