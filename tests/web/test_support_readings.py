"""Coefficients of the support models in plain words: per a unit people think in (100 hours),
a yes/no fact as yes against no, a factor's level against its reference."""

import math

from web.api_client.support_analysis import CoxModel, Regression
from web.effect_numbers import Numbers
from web.support_labels import SupportLabels
from web.support_sentences import Readings
from web.support_views import cox_readings, regression_readings


def _readings() -> Readings:
    """Without vocabularies a level shows as its code: the sentence's shape is what counts."""
    return Readings(SupportLabels("nl", {}, {}), Numbers("nl"))


def test_a_hazard_ratio_is_read_per_100_hours_and_as_yes_against_no() -> None:
    # 0.997 per hour is 0.997^100 = e^(100 · ln 0.997) = 0.7405 per 100 hours: 26% smaller;
    # its interval 0.994^100 = 0.548 to 1.0001^100 = 1.010.
    assert _readings().hazard("hours", 0.997, 0.994, 1.0001, 0.06, {}) == (
        "Per 100 uur ondersteuning meer is de kans om in een maand te stoppen 0,74 keer zo "
        "groot: 26% kleiner (95%-BI 0,55 tot 1,01 keer). Het interval omvat 1: dit verschil "
        "kan toeval zijn (p = 0,060).")
    assert _readings().hazard("makelaarInvolved", 0.55, 0.38, 0.80, 0.002, {}) == (
        "Met een participatiemakelaar erbij (tegenover zonder) is de kans om in een maand te "
        "stoppen 0,55 keer zo groot: 45% kleiner (95%-BI 0,38 tot 0,80 keer). Het interval "
        "omvat 1 niet (p = 0,002).")


def test_a_factor_level_is_read_against_its_reference() -> None:
    assert _readings().hazard("supportStyleovernemend", 2.2, 1.5, 3.3, 0.00001,
                              {"supportStyle": "faciliterend"}) == (
        "Bij ondersteuningsstijl (meeste uren) „overnemend” (tegenover „faciliterend”) is de "
        "kans om in een maand te stoppen 2,20 keer zo groot: 120% groter (95%-BI 1,50 tot "
        "3,30 keer). Het interval omvat 1 niet (p < 0,001).")


def test_an_effect_coefficient_is_read_per_100_hours() -> None:
    assert _readings().effect("hours", 0.0012, -0.0038, 0.0063, 0.64, {}) == (
        "Per 100 uur ondersteuning meer is het effect gemiddeld 0,12 hoger (95%-BI -0,38 tot "
        "0,63). Het interval omvat 0: dit verschil kan toeval zijn (p = 0,64).")
    assert _readings().effect("takenOver", -0.4, -0.7, -0.1, 0.01, {}) == (
        "Met (deels) overnemende ondersteuning (tegenover nooit overnemend) is het effect "
        "gemiddeld 0,40 lager (95%-BI -0,70 tot -0,10). Het interval omvat 0 niet "
        "(p = 0,010).")


def _coefficient(name: str, estimate: float, low: float, high: float, p: float
                 ) -> dict[str, object]:
    return {"name": name, "estimate": estimate, "se": None, "zval": None, "pval": p,
            "ciLb": low, "ciUb": high}


def test_beside_its_square_the_hours_coefficient_is_the_slope_at_0_hours_with_its_peak() -> None:
    """Effect = b0 + b1·h + b2·h², b1 = 0.006, b2 = −0.00001. "Per 100 hours more: 0.60
    higher" would hold nowhere: 0.60 is the slope at 0 hours (per 100 hours: 100 · 0.006,
    interval 100 · 0.002 = 0.20 to 100 · 0.010 = 1.00), and the effect peaks at
    −b1 / (2·b2) = 0.006 / 0.00002 = 300 hours."""
    model = {"k": 20, "p": 3, "method": "REML", "test": "z", "estimate": None, "se": None,
             "pval": None, "ciLb": None, "ciUb": None, "coefficients": [
                 _coefficient("intrcpt", 0.1, 0.0, 0.2, 0.05),
                 _coefficient("hours", 0.006, 0.002, 0.010, 0.003),
                 _coefficient("hoursSquared", -0.00001, -0.00002, 0.0, 0.04)]}
    regression = Regression.model_validate({"moderators": ["hours", "hoursSquared"], "k": 20,
                                            "leftOut": 0, "model": model})
    hours, squared = regression_readings(regression, [], _readings())
    assert hours.text == (
        "Met ook het kwadraat van de uren in het model loopt het effect niet gelijkmatig op "
        "met de uren. Bij 0 uur ondersteuning is de helling 0,60 per 100 uur (95%-BI 0,20 "
        "tot 1,00). Het interval omvat 0 niet (p = 0,003). Het effect is het grootst bij "
        "ongeveer 300 uur ondersteuning (−b1 / (2·b2)) en wordt daarboven weer kleiner.")
    assert squared.text.startswith("Uren ondersteuning (kwadraat): coëfficiënt -0,0000100")


def test_a_curve_that_bends_up_has_no_peak_and_hours_alone_keep_the_plain_reading() -> None:
    # b1 = −0.002 (−0.20 per 100 hours at 0 hours, interval −0.50 to 0.10), b2 > 0: no peak.
    assert _readings().hours_slope(-0.002, -0.005, 0.001, 0.2, 0.00001) == (
        "Met ook het kwadraat van de uren in het model loopt het effect niet gelijkmatig op "
        "met de uren. Bij 0 uur ondersteuning is de helling -0,20 per 100 uur (95%-BI -0,50 "
        "tot 0,10). Het interval omvat 0: dit verschil kan toeval zijn (p = 0,20).")
    model = {"k": 20, "p": 2, "method": "REML", "test": "z", "estimate": None, "se": None,
             "pval": None, "ciLb": None, "ciUb": None, "coefficients": [
                 _coefficient("intrcpt", 0.1, 0.0, 0.2, 0.05),
                 _coefficient("hours", 0.006, 0.002, 0.010, 0.003)]}
    alone = Regression.model_validate({"moderators": ["hours"], "k": 20, "leftOut": 0,
                                       "model": model})
    [reading] = regression_readings(alone, [], _readings())
    assert reading.text.startswith("Per 100 uur ondersteuning meer is het effect gemiddeld "
                                   "0,60 hoger (95%-BI 0,20 tot 1,00).")


def test_band_labels_say_what_the_band_holds() -> None:
    """The band "1-39" holds every number of hours above 0 and below 40 (0.5 as well)."""
    labels = SupportLabels("nl", {}, {})
    assert labels.group("supportHours", "1-39") == "Meer dan 0, minder dan 40 uur"
    assert labels.group("competence", "0.75-1") == "Competentie 0,75 of meer"
    english = SupportLabels("en", {}, {})
    assert english.group("supportHours", "1-39") == "More than 0, less than 40 hours"


def test_a_cox_hours_coefficient_beside_its_square_is_given_as_its_numbers_only() -> None:
    """log HR 0.002 per hour (interval log e^0.0004 to log e^0.0036): no "per 100 hours"."""
    def covariate(name: str, coef: float, low: float, high: float) -> dict[str, float | str]:
        return {"name": name, "coef": coef, "se": 0.001, "hazardRatio": math.exp(coef),
                "lower": math.exp(low), "upper": math.exp(high), "z": 2.0, "p": 0.05}

    cox = CoxModel.model_validate({"n": 40, "events": 30, "covariates": [
        covariate("hours", 0.002, 0.0004, 0.0036),
        covariate("hoursSquared", -0.00001, -0.00002, 0.0)]})
    hours, _ = cox_readings(cox, _readings())
    assert hours.text == "Uren ondersteuning: coëfficiënt 0,00200 (95%-BI 0,000400 tot 0,00360)."
