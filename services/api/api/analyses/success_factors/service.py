"""The success-factor analysis of the stored initiatives: their facts calibrated into sets,
a truth table, its minimisation, and the initiatives behind every path
(docs/success-factors.md)."""

import uuid
from datetime import date

import numpy as np
from sqlalchemy import select
from sqlmodel import Session

from analysis.qca import QcaInputError
from analysis.qca.calibration_direct import FloatArray
from analysis.qca.minimize import minimize
from analysis.qca.truth_table import truth_table
from api.analyses.effects import service as effects
from api.analyses.effects.inputs import INITIATIVES, InitiativeFacts, facts_of
from api.analyses.effects.models import EffectParams
from api.analyses.qca import calibrated, refused
from api.analyses.qca_models import Calibration
from api.analyses.qca_wire import minimization_out
from api.analyses.success_factors import attributes
from api.analyses.success_factors.models import (
    CaseOut,
    ConditionChoice,
    SuccessFactorRequest,
    SuccessFactorResult,
)
from api.errors import CannotAnalyse
from api.initiatives.listing import matching_ids
from api.qualitative.carried_codes import on_demand

OUTCOME = "EFFECTIEF"
DURABLE = "DUURZAAM"
EFFECT_CALIBRATION = Calibration(type="fuzzy", thresholds={"e": 0.0, "c": 0.2, "i": 0.5})


def _outcome_values(session: Session, request: SuccessFactorRequest, today: date
                    ) -> tuple[str, dict[uuid.UUID, float], dict[uuid.UUID, InitiativeFacts]]:
    """The outcome's raw value per case, and the cases' facts."""
    if request.outcome.kind == "effect":
        params = EffectParams(indicator=request.outcome.indicator, method="REML", test="z",
                              level=95)
        pool = effects.gather(session, request.filters, params, today)
        return OUTCOME, {e.initiative_id: e.yi for e in pool.effects}, pool.facts
    ids = matching_ids(session, request.filters).where(
        INITIATIVES.c.continued_after_support.is_not(None))
    found = facts_of(session, set(session.connection().scalars(select(ids.subquery()))), today)
    return DURABLE, {key: float(bool(facts.continued_after_support))
                     for key, facts in found.items()}, found


def analyse(session: Session, request: SuccessFactorRequest, today: date) -> SuccessFactorResult:
    outcome, raw_outcome, facts = _outcome_values(session, request, today)
    names = {attributes.condition_name(c.attribute): c for c in request.conditions}
    carried = on_demand(session)  # read only when a condition names a code
    readers = {name: attributes.reader(c.attribute, f"/conditions/{i}/attribute", carried)
               for i, (name, c) in enumerate(names.items())}
    ids = sorted(raw_outcome, key=lambda key: facts[key].title)
    raw = {key: {name: read(facts[key]) for name, read in readers.items()} for key in ids}
    complete = [key for key in ids if None not in raw[key].values()]
    if len(complete) < 2:
        raise CannotAnalyse("Te weinig initiatieven met deze gegevens. / "
                            "Too few initiatives with these data.")
    data = {name: _memberships([raw[key][name] for key in complete], c)
            for name, c in names.items()}
    outcome_values = [raw_outcome[key] for key in complete]
    data[outcome] = (calibrated(outcome_values, request.outcome.calibration or EFFECT_CALIBRATION)
                     if request.outcome.kind == "effect" else np.array(outcome_values))
    try:
        table = truth_table({k: v.tolist() for k, v in data.items()}, outcome, list(names),
                            incl_cut=request.incl_cut, n_cut=request.n_cut,
                            pri_cut=request.pri_cut, case_ids=[str(key) for key in complete])
        found = minimize(table, solution=request.solution, dir_exp=request.dir_exp)
    except QcaInputError as error:
        raise refused(error) from error
    result = minimization_out(found)
    return SuccessFactorResult(
        **result.model_dump(), conditions={n: c.attribute for n, c in names.items()},
        outcome=outcome, left_out=len(ids) - len(complete),
        cases=[CaseOut(id=key, title=facts[key].title,
                       memberships={name: float(data[name][place]) for name in names},
                       outcome=float(data[outcome][place]),
                       raw={name: float(raw[key][name] or 0) for name in names})
               for place, key in enumerate(complete)])


def _memberships(values: list[float | None], condition: ConditionChoice) -> FloatArray:
    """Numbers calibrated (by default as DEFAULT_CALIBRATIONS); yes/no facts and categories
    are crisp sets as they are, unless a calibration is given."""
    how = condition.calibration
    if how is None and attributes.is_number(condition.attribute):
        how = Calibration.model_validate(attributes.DEFAULT_CALIBRATIONS[condition.attribute])
    return np.array(values, dtype=float) if how is None else calibrated(values, how)
