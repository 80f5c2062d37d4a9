"""The test for differences between groups of initiatives (docs/effects.md)."""

from collections.abc import Mapping, Sequence

from analysis.meta import MetaFitError, MetaInputError, rma
from api.analyses.effects.models import EffectParams
from api.analyses.effects.selection import InitiativeEffect

MIN_GROUPS = 2


def subgroup_test(members: Mapping[str, Sequence[InitiativeEffect]], params: EffectParams
                  ) -> tuple[dict[str, object] | None, str | None]:
    """With a common tau² (the groups as a factor moderator), with a separate tau² per group
    (an equal-effects model of the group estimates), and the fixed-effect Q split."""
    if len(members) < MIN_GROUPS:
        return None, "Minder dan twee groepen: geen toets. / Fewer than two groups: no test."
    yi = [effect.yi for found in members.values() for effect in found]
    vi = [effect.vi for found in members.values() for effect in found]
    labels = [label for label, found in members.items() for _ in found]
    options = {"method": params.method, "test": params.test, "level": params.level}
    try:
        common = rma(yi, vi, moderators={"group": labels}, **options)  # type: ignore[arg-type]
        per_group = [rma([e.yi for e in found], [e.vi for e in found], **options)  # type: ignore[arg-type]
                     for found in members.values()]
        separate = rma([model.estimate for model in per_group],
                       [model.se ** 2 for model in per_group], method="EE")
        fixed = rma(yi, vi, moderators={"group": labels}, method="EE")
    except (MetaInputError, MetaFitError) as error:
        return None, f"Geen toets mogelijk. / No test possible: {error}"
    mods = common.moderator_test
    return {
        "commonTau2": {"qm": mods.statistic, "qmDf": mods.df_num, "qmP": mods.pval,
                       "tau2": common.tau2},
        "separateTau2": {"qb": separate.heterogeneity.qe, "df": separate.heterogeneity.qe_df,
                         "p": separate.heterogeneity.qe_pval},
        "fixedEffect": {"qBetween": fixed.moderator_test.statistic,
                        "qBetweenDf": fixed.moderator_test.df_num,
                        "qBetweenP": fixed.moderator_test.pval,
                        "qWithin": fixed.heterogeneity.qe, "qWithinDf": fixed.heterogeneity.qe_df,
                        "qWithinP": fixed.heterogeneity.qe_pval},
    }, None
