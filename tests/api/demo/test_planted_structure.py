"""The structure the demo generator plants, seen through the noise of a large demo."""

import math
import statistics
import uuid
from collections import defaultdict
from typing import Any

import pytest

from api.demo.effects import continuation_probability, hours_effect, planted_effect
from api.vocabularies.models import RESIDENT_INITIATORS, OrganisationForm, SupportStyle
from tests.api.demo.large import Demo

DURABLE_FORMS = {"zelfbeheer", "cooperatie", "bewonersvereniging", "buurtbeheer"}


def standardised_effect(measure: dict[str, Any]) -> float | None:
    """The observed effect in SD units, positive = better; None for a bare direction."""
    kind = measure["kind"]
    if kind == "pre-post":
        change = (measure["mean_post"] - measure["mean_pre"]) / measure["sd_pre"]
    elif kind == "two-group":
        n1, n2 = measure["n_treatment"], measure["n_control"]
        pooled = math.sqrt(((n1 - 1) * measure["sd_treatment"] ** 2
                            + (n2 - 1) * measure["sd_control"] ** 2) / (n1 + n2 - 2))
        change = (measure["mean_treatment"] - measure["mean_control"]) / pooled
    elif kind == "counts":
        a, b = measure["events_treatment"] + 0.5, measure["n_treatment"] - measure[
            "events_treatment"] + 0.5
        c, d = measure["events_control"] + 0.5, measure["n_control"] - measure[
            "events_control"] + 0.5
        change = math.log(a * d / (b * c)) * math.sqrt(3) / math.pi
    else:
        return None
    return change if measure["indicator"]["higher_is_better"] else -change


def effects_per_initiative(demo: Demo) -> dict[uuid.UUID, float]:
    found: dict[uuid.UUID, list[float]] = defaultdict(list)
    for measure in demo.measures:
        effect = standardised_effect(measure)
        if effect is not None:
            found[measure["initiative_id"]].append(effect)
    return {initiative: statistics.mean(values) for initiative, values in found.items()}


def test_the_planted_effect_is_the_documented_formula() -> None:
    assert hours_effect(0) == 0
    assert hours_effect(150) == pytest.approx(0.25)
    assert hours_effect(150) > hours_effect(50) > hours_effect(10)
    assert hours_effect(150) > hours_effect(400) > hours_effect(800)
    form = OrganisationForm.BEWONERSINITIATIEF
    assert planted_effect(False, False, 0, form) == pytest.approx(0.10)
    assert planted_effect(True, True, 150, form) == pytest.approx(0.65)
    assert planted_effect(True, False, 150, form) == pytest.approx(0.35)
    assert planted_effect(True, True, 0, OrganisationForm.ZELFBEHEER) == pytest.approx(0.45)
    durable = continuation_probability(OrganisationForm.ZELFBEHEER, {SupportStyle.FACILITEREND})
    taken_over = continuation_probability(OrganisationForm.ZELFBEHEER, {SupportStyle.OVERNEMEND})
    professional = continuation_probability(OrganisationForm.PROFESSIONEEL_GEINITIEERD, set())
    assert durable > taken_over and durable > professional


def test_resident_initiatives_with_a_participatiemakelaar_have_clearly_larger_effects(
    large_demo: Demo,
) -> None:
    effects = effects_per_initiative(large_demo)
    with_makelaar, others = [], []
    for initiative, effect in effects.items():
        resident = large_demo.initiatives[initiative]["initiator_type"] in RESIDENT_INITIATORS
        group = with_makelaar if resident and initiative in large_demo.makelaar else others
        group.append(effect)
    assert len(with_makelaar) > 200 and len(others) > 200
    difference = statistics.mean(with_makelaar) - statistics.mean(others)
    assert 0.2 < difference < 0.45  # planted: 0.30


def test_support_hours_help_up_to_a_point(large_demo: Demo) -> None:
    effects = effects_per_initiative(large_demo)
    by_hours: dict[str, list[float]] = {"low": [], "middle": [], "high": []}
    for initiative, effect in effects.items():
        hours = large_demo.hours.get(initiative, 0.0)
        if hours < 40:
            by_hours["low"].append(effect)
        elif 80 <= hours <= 250:
            by_hours["middle"].append(effect)
        elif hours > 400:
            by_hours["high"].append(effect)
    assert all(len(effects) >= 40 for effects in by_hours.values())
    mean = {name: statistics.mean(effects) for name, effects in by_hours.items()}
    assert mean["middle"] > mean["low"] + 0.1
    assert mean["middle"] > mean["high"] + 0.1


def test_durable_forms_continue_more_often_and_taking_over_makes_it_less_likely(
    large_demo: Demo,
) -> None:
    finished = [row for row in large_demo.initiatives.values() if row["status"] == "afgerond"]

    def rate(rows: list[dict[str, Any]]) -> float:
        assert len(rows) >= 50
        return sum(row["continued_after_support"] for row in rows) / len(rows)

    durable = rate([row for row in finished if row["organisation_form"] in DURABLE_FORMS])
    professional = rate([row for row in finished
                         if row["organisation_form"] == "professioneel-geinitieerd"])
    assert durable > professional + 0.3
    taken_over = rate([row for row in finished
                       if "overnemend" in large_demo.styles.get(row["id"], set())])
    left_to_them = rate([row for row in finished
                         if "overnemend" not in large_demo.styles.get(row["id"], set())])
    assert left_to_them > taken_over + 0.1


def test_statuses_dates_money_and_support_periods_fit_together(large_demo: Demo) -> None:
    for row in large_demo.initiatives.values():
        finished = row["status"] in ("afgerond", "gestopt")
        assert (row["continued_after_support"] is not None) == finished
        assert (row["continued_months"] is not None) == bool(row["continued_after_support"])
        assert (row["end_date"] is not None) == finished
        if row["decision_date"] is not None:
            assert row["application_date"] <= row["decision_date"]
        if row["start_date"] is not None:
            assert row["decision_date"] <= row["start_date"]
        if row["amount_granted"] is not None and row["amount_requested"] is not None:
            assert row["amount_granted"] <= row["amount_requested"]
        cap = {"bewonersinitiatief-klein": 500, "bewonersinitiatief": 5000}.get(
            row["funding_scheme"])
        if cap is not None and row["amount_requested"] is not None:
            assert row["amount_requested"] <= cap
    for episode in large_demo.episodes:
        initiative = large_demo.initiatives[episode["initiative_id"]]
        if initiative["application_date"] is not None:
            assert initiative["application_date"] <= episode["start_date"]
        if initiative["end_date"] is not None and episode["end_date"] is not None:
            assert episode["start_date"] <= episode["end_date"] <= initiative["end_date"]
        professional = large_demo.professionals[episode["professional_id"]]
        assert professional["role"] == episode["role"]
        assert professional["active_from"] <= episode["start_date"]
        if professional["active_to"] is not None:
            assert (episode["end_date"] or episode["start_date"]) <= professional["active_to"]


def test_positive_effects_lower_the_outcomes_where_lower_is_better(large_demo: Demo) -> None:
    lower_is_better = [measure for measure in large_demo.measures if measure["kind"] == "counts"
                       and not measure["indicator"]["higher_is_better"]]
    assert len(lower_is_better) >= 30
    drops = [measure["events_treatment"] / measure["n_treatment"]
             - measure["events_control"] / measure["n_control"] for measure in lower_is_better]
    assert statistics.mean(drops) < -0.05


def test_means_stay_inside_the_scale_of_their_indicator(large_demo: Demo) -> None:
    for measure in large_demo.measures:
        low, high = measure["indicator"]["scale_min"], measure["indicator"]["scale_max"]
        for name in ("mean_pre", "mean_post", "mean_treatment", "mean_control"):
            value = measure[name]
            if value is not None:
                assert low is None or value >= low
                assert high is None or value <= high

