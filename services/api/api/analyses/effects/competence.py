"""The competence of the support an initiative had: one number per professional from their
assessments, weighted by the hours each gave (docs/support.md).

A professional's judgement on a competency is the mean of the latest judgement from each
other perspective (peer, manager, resident), or their latest self-assessment when no one else
judged it, as the competence profile shows it. Their competence is the mean of those
judgements over every competency assessed, on the common 0–1 scale.
"""

from collections.abc import Mapping
from statistics import fmean

from sqlalchemy import Float, String, case, cast, func, select
from sqlmodel import Session

from api.competences.models import Assessment
from api.competences.scoring import LEVEL_VALUES
from api.db import table_of
from api.vocabularies.models import AssessmentPerspective

ASSESSMENTS = table_of(Assessment)
SELF = AssessmentPerspective.SELF.value


MEMO = "competence-by-professional"


def competence_by_professional(session: Session) -> dict[str, float]:
    """Each assessed professional's mean judgement, 0–1, by their id as text (as
    `CAST(id AS VARCHAR)` writes it); the unassessed are absent.

    Read once per transaction: one analysis asks for it for several sets of initiatives, and
    the assessments of the professionals of a few thousand initiatives are most of the table
    anyway. A new transaction (after a commit) reads it again.
    """
    transaction = session.get_transaction()
    memo = session.info.get(MEMO)
    if transaction is not None and memo is not None and memo[0] is transaction:
        found: dict[str, float] = memo[1]
        return found
    found = _competence(session)
    session.info[MEMO] = (session.get_transaction(), found)
    return found


def _competence(session: Session) -> dict[str, float]:
    """Computed by the database: tens of thousands of assessments come back as one row per
    professional (reading them into Python took a second per thousand initiatives)."""
    a = ASSESSMENTS.c
    # As scoring.normalised: 1–5 → 0–1, and the levels by their table.
    value = case((a.score.is_not(None), (cast(a.score, Float) - 1) / 4),
                 *((a.level == level.value, number) for level, number in LEVEL_VALUES.items()))
    newest_first = func.row_number().over(
        partition_by=(a.professional_id, a.competency_id, a.perspective),
        order_by=(a.assessed_on.desc(), a.created_at.desc(), a.id.desc()))
    ranked = select(a.professional_id, a.competency_id, a.perspective, value.label("value"),
                    newest_first.label("rank")).subquery()
    others = func.avg(case((ranked.c.perspective != SELF, ranked.c.value)))
    own = func.max(case((ranked.c.perspective == SELF, ranked.c.value)))
    per_competency = (select(ranked.c.professional_id,
                             func.coalesce(others, own).label("judgement"))
                      .where(ranked.c.rank == 1)
                      .group_by(ranked.c.professional_id, ranked.c.competency_id).subquery())
    query = (select(cast(per_competency.c.professional_id, String),
                    func.avg(per_competency.c.judgement))
             .group_by(per_competency.c.professional_id))
    return {key: float(mean) for key, mean in session.connection().execute(query)}


def weighted_competence(hours_by_professional: Mapping[str, float],
                        competence: Mapping[str, float]) -> float | None:
    """The hours-weighted mean over the assessed professionals who supported an initiative;
    a plain mean when they gave no hours; None when none of them is assessed."""
    assessed = [(hours, competence[key]) for key, hours in hours_by_professional.items()
                if key in competence]
    if not assessed:
        return None
    total = sum(hours for hours, _ in assessed)
    if total <= 0:
        return fmean(value for _, value in assessed)
    return sum(hours * value for hours, value in assessed) / total
