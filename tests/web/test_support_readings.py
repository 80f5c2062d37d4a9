"""Coefficients of the support models in plain words: per a unit people think in (100 hours),
a yes/no fact as yes against no, a factor's level against its reference."""

from web.effect_numbers import Numbers
from web.support_labels import SupportLabels
from web.support_sentences import Readings


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
