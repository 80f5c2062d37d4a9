"""Kaplan–Meier, the log-rank test and the Cox model on the Gehan/Freireich remission data
(Freireich et al. 1963, Blood 21:699; 21 leukaemia patients on 6-MP, 21 on placebo; weeks in
remission, + = censored), the textbook example of survival analysis. Published values:
- Kaplan–Meier for 6-MP at its relapse times 6, 7, 10, 13, 16, 22, 23: 0.857, 0.807, 0.753,
  0.690, 0.627, 0.538, 0.448 (Kleinbaum & Klein, Survival Analysis: A Self-Learning Text,
  3rd ed. 2012, ch. 2, printed to three decimals; R survfit gives the same).
- Log-rank test: chi-square 16.79 on 1 df (Kleinbaum & Klein ch. 2; R: survdiff on
  MASS::gehan, "Chisq= 16.8 on 1 degrees of freedom").
- Cox model of placebo vs 6-MP: coefficient 1.572, SE 0.412, hazard ratio 4.817 with Efron's
  ties (R: coxph(Surv(time, cens) ~ treat, data = gehan)); 1.509, SE 0.410, HR 4.523 with
  Breslow's (Kleinbaum & Klein ch. 3, Stata's default).
"""

import pytest

from analysis.cox import cox
from analysis.survival import kaplan_meier, log_rank

SIX_MP = [6, 6, 6, -6, 7, -9, 10, -10, -11, 13, 16, -17, -19, -20, 22, 23, -25, -32, -32, -34,
          -35]
PLACEBO = [1, 1, 2, 2, 3, 4, 4, 5, 5, 8, 8, 8, 8, 11, 11, 12, 12, 15, 17, 22, 23]


def _data(weeks: list[int]) -> tuple[list[float], list[bool]]:
    return [float(abs(w)) for w in weeks], [w > 0 for w in weeks]


def test_kaplan_meier_of_the_six_mp_group() -> None:
    times, events = _data(SIX_MP)
    curve = kaplan_meier(times, events)
    assert curve.times.tolist() == [6, 7, 10, 13, 16, 22, 23]
    assert curve.at_risk.tolist() == [21, 17, 15, 12, 11, 7, 6]
    assert curve.survival.round(3).tolist() == [0.857, 0.807, 0.753, 0.690, 0.627, 0.538, 0.448]


def test_log_rank_of_six_mp_against_placebo() -> None:
    times, events = _data(SIX_MP + PLACEBO)
    groups = ["6-MP"] * 21 + ["placebo"] * 21
    test = log_rank(times, events, groups)
    assert round(test.chisq, 2) == 16.79 and test.df == 1
    assert test.observed.tolist() == [9, 21]
    assert test.p_value < 1e-4


@pytest.mark.parametrize(("ties", "coefficient", "std_error", "ratio"), [
    ("efron", 1.572, 0.412, 4.817), ("breslow", 1.509, 0.410, 4.523)])
def test_cox_model_of_placebo_against_six_mp(ties: str, coefficient: float, std_error: float,
                                             ratio: float) -> None:
    times, events = _data(SIX_MP + PLACEBO)
    placebo = [[0.0]] * 21 + [[1.0]] * 21
    model = cox(times, events, placebo, ties=ties)
    assert round(float(model.coefficients[0]), 3) == coefficient
    assert round(float(model.std_errors[0]), 3) == std_error
    assert round(float(model.hazard_ratios[0]), 3) == ratio


@pytest.mark.parametrize(("times", "events"), [([], []), ([1.0, -2.0], [True, True]),
                                               ([1.0], [True, False])])
def test_bad_input_is_refused(times: list[float], events: list[bool]) -> None:
    with pytest.raises(ValueError, match="times"):
        kaplan_meier(times, events)


def test_one_group_is_no_log_rank_test() -> None:
    with pytest.raises(ValueError, match="two groups"):
        log_rank([1.0, 2.0], [True, True], ["a", "a"])
