"""The effects half of the support report: pooled per kind of support, tested, and regressed
on support moderators (the effects analysis's rules, docs/effects.md)."""

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from analysis.meta import MetaFitError, MetaInputError, rma
from api.analyses.effects import service as effects
from api.analyses.effects.grouping import (
    MODERATORS,
    OVERLAPPING,
    labels_of,
    positions_by_label,
)
from api.analyses.effects.inputs import InitiativeFacts
from api.analyses.meta_models import finite, model_out
from api.analyses.support.models import (
    EffectGroup,
    EffectGrouping,
    GroupTest,
    InitiativeRef,
    Regression,
    SupportEffects,
    SupportParams,
)

OVERLAP_NOTE = "Groepen overlappen: geen toets. / Groups overlap: no test."
FloatArray = NDArray[np.float64]


@dataclass(frozen=True)
class Studies:
    """The pool's initiatives with an effect, by title, their effects as arrays (groups are
    arrays of positions: no lookups per initiative)."""

    facts: list[InitiativeFacts]
    yi: FloatArray
    vi: FloatArray
    refs: list[InitiativeRef]

    def members(self, grouping: str) -> dict[str, NDArray[np.intp]]:
        labels = [labels_of(grouping, facts) for facts in self.facts]
        return {label: np.array(rows, dtype=np.intp)
                for label, rows in positions_by_label(grouping, labels).items()}


def studies_of(pool: effects.Pool) -> Studies:
    pairs = sorted(((effect, pool.facts[effect.initiative_id]) for effect in pool.effects),
                   key=lambda pair: (pair[1].title, str(pair[1].id)))
    return Studies([facts for _, facts in pairs],
                   np.array([effect.yi for effect, _ in pairs], dtype=float),
                   np.array([effect.vi for effect, _ in pairs], dtype=float),
                   [InitiativeRef(id=facts.id, title=facts.title) for _, facts in pairs])


def _group(studies: Studies, label: str, rows: NDArray[np.intp],
           params: SupportParams) -> EffectGroup:
    estimate = ci_lb = ci_ub = None
    note = None
    try:
        model = rma(studies.yi[rows].tolist(), studies.vi[rows].tolist(), method=params.method,
                    test=params.test, level=params.level)
        estimate, ci_lb, ci_ub = finite(model.estimate), finite(model.ci_lb), finite(model.ci_ub)
    except (MetaInputError, MetaFitError) as error:
        note = str(error)
    return EffectGroup(label=label, k=len(rows), estimate=estimate, ci_lb=ci_lb, ci_ub=ci_ub,
                       note=note, initiatives=[studies.refs[row] for row in rows])


def _common_tau2_test(studies: Studies, members: dict[str, NDArray[np.intp]],
                      params: SupportParams) -> tuple[GroupTest | None, str | None]:
    """QM of rma(yi, vi, mods = ~ group), as the effects analysis's common-tau² test."""
    if len(members) < 2:
        return None, "Minder dan twee groepen: geen toets. / Fewer than two groups: no test."
    rows = np.concatenate(list(members.values()))
    labels = [label for label, found in members.items() for _ in found]
    try:
        model = rma(studies.yi[rows].tolist(), studies.vi[rows].tolist(), method=params.method,
                    test=params.test, level=params.level, moderators={"group": labels})
    except (MetaInputError, MetaFitError) as error:
        return None, f"Geen toets mogelijk ({error}). / No test possible: {error}"
    qm = model.moderator_test
    return GroupTest(qm=finite(qm.statistic), df=qm.df_num, p=finite(qm.pval)), None


def grouping(studies: Studies, by: str, params: SupportParams) -> EffectGrouping:
    members = studies.members(by)
    groups = [_group(studies, label, rows, params) for label, rows in members.items()]
    if by in OVERLAPPING:
        return EffectGrouping(by=by, groups=groups, test=None, note=OVERLAP_NOTE)
    test, note = _common_tau2_test(studies, members, params)
    return EffectGrouping(by=by, groups=groups, test=test, note=note)


def regression(studies: Studies, params: SupportParams
               ) -> tuple[Regression | None, str | None]:
    names: list[str] = list(dict.fromkeys(params.moderators))
    values = [[MODERATORS[name](facts) for name in names] for facts in studies.facts]
    rows = np.array([row for row, found in enumerate(values) if None not in found],
                    dtype=np.intp)
    if len(rows) == 0:
        return None, ("Geen initiatieven met effecten en deze moderatoren. / "
                      "No initiatives with effects and these moderators.")
    try:
        model = rma(studies.yi[rows].tolist(), studies.vi[rows].tolist(), method=params.method,
                    test=params.test, level=params.level,
                    moderators={name: [values[row][i] for row in rows]
                                for i, name in enumerate(names)})
    except (MetaInputError, MetaFitError) as error:
        return None, (f"Geen meta-regressie mogelijk ({error}). / "
                      f"No meta-regression possible: {error}")
    return Regression(moderators=names, k=len(rows), left_out=len(values) - len(rows),
                      model=model_out(model)), None


def support_effects(pool: effects.Pool, params: SupportParams, by: Sequence[str]
                    ) -> SupportEffects:
    studies = studies_of(pool)
    model, note = regression(studies, params)
    return SupportEffects(
        indicator=effects.indicator_ref(pool.indicator), method=params.method,
        test=params.test, level=params.level, k=len(studies.facts),
        groupings=[grouping(studies, name, params) for name in by], regression=model,
        regression_note=note)
