"""The test for differences between groups of initiatives (docs/effects.md), by the
`analysis` package's subgroup analysis (checked against metafor)."""

from collections.abc import Mapping, Sequence

from analysis.meta import MetaFitError, MetaInputError
from analysis.meta.subgroup_analysis import subgroups
from api.analyses.bias_models import FixedEffect, SeparateTau2
from api.analyses.effects.models import CommonTau2Test, EffectParams, SubgroupTests
from api.analyses.effects.selection import InitiativeEffect
from api.analyses.meta_models import finite

MIN_GROUPS = 2


def subgroup_test(members: Mapping[str, Sequence[InitiativeEffect]], params: EffectParams
                  ) -> tuple[SubgroupTests | None, str | None]:
    """With a common tau² (the groups as a factor moderator), with a separate tau² per group
    (an equal-effects model of the group estimates), and the fixed-effect Q split."""
    if len(members) < MIN_GROUPS:
        return None, "Minder dan twee groepen: geen toets. / Fewer than two groups: no test."
    effects = [(label, effect) for label, found in members.items() for effect in found]
    try:
        found = subgroups([e.yi for _, e in effects], [e.vi for _, e in effects],
                          [label for label, _ in effects], method=params.method,
                          test=params.test, level=params.level)
    except (MetaInputError, MetaFitError) as error:
        return None, f"Geen toets mogelijk ({error}). / No test possible: {error}"
    common, separate, fixed = found.common_tau2, found.separate_tau2, found.fixed_effect
    model = found.common_tau2_model
    return SubgroupTests(
        common_tau2=CommonTau2Test(
            qm=finite(common.statistic) if common else None,
            qm_df=common.df_num if common else None, qm_p=finite(common.pval) if common else None,
            tau2=finite(model.tau2) if model else None),
        separate_tau2=SeparateTau2(qb=finite(separate.statistic) if separate else None,
                                   df=separate.df if separate else None,
                                   p=finite(separate.pval) if separate else None),
        fixed_effect=FixedEffect(
            q_between=finite(fixed.between.statistic), q_between_df=fixed.between.df,
            q_between_p=finite(fixed.between.pval), q_within=finite(fixed.within.statistic),
            q_within_df=fixed.within.df, q_within_p=finite(fixed.within.pval)),
    ), "; ".join(found.notes) or None
