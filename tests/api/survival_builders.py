"""Builders for the durability tests: supported initiatives and their follow-ups, written
straight to the database (the follow-ups API has tests of its own)."""

import uuid
from collections.abc import Sequence
from datetime import date

from sqlmodel import Session

from api.competences.models import Assessment, Competency, CompetencyFramework
from api.follow_ups.models import FollowUp
from api.initiatives.models import Initiative
from api.professionals.models import Professional
from tests.api.builders import make_initiative, make_professional, make_support_episode

# The Gehan/Freireich remission data (weeks; negative = censored), as in
# tests/analysis/test_survival.py: 6-MP and placebo.
SIX_MP = [6, 6, 6, -6, 7, -9, 10, -10, -11, 13, 16, -17, -19, -20, 22, 23, -25, -32, -32, -34,
          -35]
PLACEBO = [1, 1, 2, 2, 3, 4, 4, 5, 5, 8, 8, 8, 8, 11, 11, 12, 12, 15, 17, 22, 23]

# (month, still running, stopped after months)
Look = tuple[int, bool, int | None]


def supported(session: Session, title: str, professional: Professional, *,
              style: str = "faciliterend", hours: float = 40,
              kinds: Sequence[str] = ("verbinden-netwerken",), **overrides: object
              ) -> Initiative:
    """A finished initiative with one support episode."""
    initiative = make_initiative(session, title=title, status="afgerond",
                                 startDate="2010-01-01", endDate="2011-01-01", **overrides)
    make_support_episode(session, initiative.id, professional.id, style=style, hours=hours,
                         kinds=list(kinds), startDate="2010-01-01", endDate="2010-12-31")
    return initiative


def add_follow_ups(session: Session, initiative_id: uuid.UUID, looks: Sequence[Look]) -> None:
    for month, running, stopped in looks:
        session.add(FollowUp(initiative_id=initiative_id, months_after_support=month,
                             observed_on=date(2012, 1, 1), still_running=running,
                             stopped_after_months=stopped))
    session.commit()


def follow_to(session: Session, initiative_id: uuid.UUID, weeks: int) -> None:
    """One follow-up that ends the record at |weeks|: stopped then (positive) or still
    running (negative)."""
    month = abs(weeks)
    add_follow_ups(session, initiative_id, [(month, weeks < 0, month if weeks > 0 else None)])


def freireich(session: Session) -> dict[str, list[uuid.UUID]]:
    """42 initiatives whose follow-ups are the remission times: 6-MP as 'faciliterend'
    support from a participatiemakelaar, placebo as 'overnemend' from an opbouwwerker."""
    makelaar = make_professional(session)
    opbouwwerker = make_professional(session, name="Johan de Vries", role="opbouwwerker",
                                     organisation="Dynamo",
                                     organisationKind="welzijnsorganisatie")
    made: dict[str, list[uuid.UUID]] = {"faciliterend": [], "overnemend": []}
    for style, person, weeks in (("faciliterend", makelaar, SIX_MP),
                                 ("overnemend", opbouwwerker, PLACEBO)):
        for number, value in enumerate(weeks):
            initiative = supported(session, f"{style} {number:02d}", person, style=style)
            follow_to(session, initiative.id, value)
            made[style].append(initiative.id)
    return made


def assess(session: Session, professional_id: uuid.UUID,
           judgements: Sequence[tuple[str, str, date, int | str]]) -> None:
    """Assessments (competency code, perspective, date, a score 1–5 or a level) in a
    framework of their own, scored as the first judgement is; competencies made as needed."""
    by_level = isinstance(judgements[0][3], str)
    framework = CompetencyFramework(code=f"test-{uuid.uuid4().hex[:8]}", name="Testprofiel",
                                    scale="level" if by_level else "score")
    session.add(framework)
    session.flush()
    competencies: dict[str, uuid.UUID] = {}
    for code, perspective, day, value in judgements:
        if code not in competencies:
            competency = Competency(framework_id=framework.id, code=code,
                                    name=f"Competentie {code}")
            session.add(competency)
            session.flush()
            competencies[code] = competency.id
        session.add(Assessment(
            professional_id=professional_id, competency_id=competencies[code],
            perspective=perspective, assessed_on=day, round_id=uuid.uuid4(),
            score=value if isinstance(value, int) else None,
            level=value if isinstance(value, str) else None))
    session.commit()
