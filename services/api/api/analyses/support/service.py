"""Wat vraagt ondersteuning: how kinds, styles, hours and competence of support go with
effects and with durability, with the initiatives behind every number (docs/support.md)."""

from datetime import date

from sqlmodel import Session

from api.analyses.competence_access import COMPETENCE, names_competence
from api.analyses.durability.service import Cohort, cox_of, gather_cohort, split
from api.analyses.effects import service as effects
from api.analyses.effects.grouping import BAND_ORDER
from api.analyses.support.effects import support_effects
from api.analyses.support.models import (
    DurabilityGroup,
    DurabilityGrouping,
    InitiativeRef,
    SupportDurability,
    SupportParams,
    SupportReport,
)
from api.initiatives.listing import InitiativeFilters
from api.vocabularies.models import ProfessionalRole, SupportKind, SupportStyle

SUPPORT_GROUPINGS = ("supportStyle", "professionalRole", "supportKind", "supportHours",
                     "makelaarInvolved", "takenOver", "competence")
CONDITIONS = [
    "hours", "competence", "makelaarInvolved", "takenOver",
    *(f"supportStyle={style.value}" for style in SupportStyle),
    *(f"supportKind={kind.value}" for kind in SupportKind),
    *(f"professionalRole={role.value}" for role in ProfessionalRole),
    *(f"supportHours={band}" for band in BAND_ORDER["supportHours"]),
]


def _durability_grouping(cohort: Cohort, refs: list[InitiativeRef], by: str, level: float
                         ) -> DurabilityGrouping:
    grouped = split(cohort, by)
    groups = []
    for label, rows in grouped.members.items():
        curve = cohort.curve(rows, level)
        groups.append(DurabilityGroup(
            label=label, n=len(rows), events=int(cohort.events[rows].sum()),
            survival12=curve.survival_at(12), survival24=curve.survival_at(24),
            median=curve.median, initiatives=[refs[row] for row in rows]))
    return DurabilityGrouping(by=by, groups=groups, log_rank=grouped.log_rank,
                              note=grouped.note)


def support_durability(cohort: Cohort, params: SupportParams, groupings: tuple[str, ...]
                       ) -> SupportDurability:
    model, note = cox_of(cohort, params.covariates, params.ties, params.cox_population,
                         params.level)
    refs = [InitiativeRef(id=facts.id, title=facts.title) for facts in cohort.facts]
    return SupportDurability(
        n=len(cohort.facts), events=int(cohort.events.sum()),
        left_out=cohort.without_follow_up,
        groupings=[_durability_grouping(cohort, refs, by, params.level)
                   for by in groupings],
        cox=model, cox_note=note)


def support_report(session: Session, filters: InitiativeFilters, params: SupportParams,
                   today: date, with_competence: bool = True) -> SupportReport:
    """Without competence (for callers who may not read assessments) its grouping and its
    condition are left out."""
    groupings = SUPPORT_GROUPINGS if with_competence else tuple(
        by for by in SUPPORT_GROUPINGS if by != COMPETENCE)
    conditions = CONDITIONS if with_competence else [
        name for name in CONDITIONS if not names_competence([name])]
    pool = effects.gather(session, filters, params, today)
    cohort = gather_cohort(session, filters, today, known=pool.facts)
    return SupportReport(effects=support_effects(pool, params, groupings),
                         durability=support_durability(cohort, params, groupings),
                         conditions=conditions)
