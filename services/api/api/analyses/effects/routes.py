"""GET /v1/analysis/effects…: what works, from the data Buurtkracht holds."""

from datetime import date
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Query, Response

from analysis.meta import rma
from api.analyses.calculators import fitted
from api.analyses.competence_access import check_competence_use
from api.analyses.effects import service
from api.analyses.effects.grouping import MODERATORS, OVERLAPPING
from api.analyses.effects.models import (
    EffectsReport,
    GroupOut,
    GroupParams,
    ModeratorParams,
    ModeratorReport,
    SubgroupTests,
)
from api.analyses.effects.subgroups import subgroup_test
from api.analyses.meta_models import model_out
from api.auth.identity import CallerDep
from api.auth.rules import READ, require
from api.db import SessionDep
from api.errors import CannotAnalyse
from api.exports.analysis import download, effect_tables
from api.initiatives.listing import InitiativeFilters
from api.openapi import problems

router = APIRouter(prefix="/v1/analysis/effects", tags=["analysis"],
                   dependencies=[Depends(require(READ))])
Filters = Annotated[InitiativeFilters, Query()]


@router.get("", response_model=EffectsReport, responses=problems(404))
def effects(session: SessionDep, filters: Filters, params: Annotated[GroupParams, Query()],
            caller: CallerDep, format: Annotated[Literal["json", "csv", "xlsx"], Query(
                description="csv: the groups table; xlsx: groups and initiatives, with the "
                            "field dictionary and the source")] = "json",
            ) -> EffectsReport | Response:
    """Effects per initiative, pooled overall and per group, with the subgroup test and the
    initiatives behind every number (docs/effects.md)."""
    check_competence_use(caller, [params.group_by])
    report = _effects(session, filters, params)
    if format == "json":
        return report
    return download(effect_tables(report), format, f"buurtkracht-effecten-{date.today()}")


def _effects(session: SessionDep, filters: InitiativeFilters,
             params: GroupParams) -> EffectsReport:
    pool = service.gather(session, filters, params, date.today())
    overall = service.pooled_group(pool, service.ALL, pool.effects, params)
    groups: list[GroupOut] = []
    test: SubgroupTests | None = None
    note: str | None = None
    if params.group_by is not None:
        members = service.members_by_label(pool, params.group_by)
        groups = [service.pooled_group(pool, label, found, params)
                  for label, found in members.items()]
        if params.group_by in OVERLAPPING:
            note = "Groepen overlappen: geen toets. / Groups overlap: no test."
        else:
            test, note = subgroup_test(members, params)
    return EffectsReport(
        indicator=service.indicator_ref(pool.indicator), method=params.method,
        test=params.test, level=params.level, not_pooled=service.not_pooled(pool.unused),
        evidence_levels=pool.levels(), group_by=params.group_by, overall=overall,
        groups=groups, subgroup_test=test, subgroup_note=note)


@router.get("/moderators", responses=problems(404, 422))
def moderators(session: SessionDep, filters: Filters,
               params: Annotated[ModeratorParams, Query()], caller: CallerDep
               ) -> ModeratorReport:
    """A meta-regression of the initiatives' effects on stored moderators; initiatives
    without a value for one of them are left out (and counted)."""
    check_competence_use(caller, params.moderators)
    pool = service.gather(session, filters, params, date.today())
    names: list[str] = list(dict.fromkeys(params.moderators))
    rows = [(effect, [MODERATORS[name](pool.facts[effect.initiative_id]) for name in names])
            for effect in pool.effects]
    complete = [(effect, values) for effect, values in rows if None not in values]
    if not complete:
        raise CannotAnalyse("Geen initiatieven met effecten en deze moderatoren. / "
                            "No initiatives with effects and these moderators.")
    model = fitted(lambda: rma(
        [effect.yi for effect, _ in complete], [effect.vi for effect, _ in complete],
        method=params.method, test=params.test, level=params.level,
        moderators={name: [values[i] for _, values in complete]  # type: ignore[misc]
                    for i, name in enumerate(names)}))
    return ModeratorReport(
        indicator=service.indicator_ref(pool.indicator), method=params.method,
        test=params.test, level=params.level, not_pooled=service.not_pooled(pool.unused),
        evidence_levels=pool.levels(), moderators=names, k=len(complete),
        left_out=len(rows) - len(complete), model=model_out(model))
