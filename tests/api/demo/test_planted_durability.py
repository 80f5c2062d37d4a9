"""The follow-ups of the demo: consistent with each initiative's durability, and in broad terms
the planted hazard of stopping (the strict Cox recovery is in the durability analysis tests)."""

import math
import uuid
from collections.abc import Callable
from typing import Any

import pytest

from api.demo.effects import FOLLOW_UP_MONTHS, stop_hazard
from api.demo.follow_ups import months_later
from api.demo.initiatives import DATA_DATE
from api.vocabularies.models import SupportStyle
from tests.api.demo.large import Demo

Row = dict[str, Any]


def test_the_planted_hazard_is_the_documented_formula() -> None:
    assert stop_hazard(set(), False, 0) == pytest.approx(1 / 30)
    taken_over = stop_hazard({SupportStyle.OVERNEMEND}, False, 0)
    assert taken_over == pytest.approx(math.exp(0.8) / 30)
    assert stop_hazard(set(), True, 200) == pytest.approx(math.exp(-0.6 - 0.6) / 30)


def test_afgerond_initiatives_with_support_are_looked_at_before_the_data_date(
    large_demo: Demo,
) -> None:
    supported = {episode["initiative_id"] for episode in large_demo.episodes}
    for initiative_id, follow_ups in large_demo.follow_ups.items():
        initiative = large_demo.initiatives[initiative_id]
        assert initiative["status"] == "afgerond" and initiative_id in supported
        for follow_up in follow_ups:
            due = months_later(initiative["end_date"], follow_up["months_after_support"])
            assert follow_up["months_after_support"] in FOLLOW_UP_MONTHS
            assert due <= follow_up["observed_on"] <= DATA_DATE
    followed = [row for row in large_demo.initiatives.values() if row["status"] == "afgerond"
                and row["id"] in supported and months_later(row["end_date"], 6) <= DATA_DATE]
    assert sum(row["id"] in large_demo.follow_ups for row in followed) / len(followed) > 0.95
    looked_at_6 = sum(large_demo.follow_ups.get(row["id"], [{}])[0].get(
        "months_after_support") == 6 for row in followed) / len(followed)
    assert 0.85 < looked_at_6 < 0.95  # each look happens with chance 0.9


def test_follow_ups_agree_with_continued_after_support_and_its_months(
    large_demo: Demo,
) -> None:
    for initiative_id, follow_ups in large_demo.follow_ups.items():
        initiative = large_demo.initiatives[initiative_id]
        *earlier, last = follow_ups
        assert all(row["still_running"] for row in earlier)  # no looks after a stop
        for row in follow_ups:
            if row["still_running"]:
                assert initiative["continued_months"] >= row["months_after_support"]
                assert row["stopped_after_months"] is None
                assert row["residents_in_lead"] is not None
            else:
                assert (row["residents_in_lead"], row["new_people_joined"]) == (None, None)
        if not initiative["continued_after_support"]:
            assert [(row["still_running"], row["stopped_after_months"])
                    for row in follow_ups] == [(False, 0)]
        elif not last["still_running"] and last["stopped_after_months"] is not None:
            assert 1 <= last["stopped_after_months"] <= last["months_after_support"]
            assert initiative["continued_months"] == last["stopped_after_months"]


def _stops(demo: Demo) -> list[tuple[uuid.UUID, float, bool]]:
    """(initiative, months, stopped) of the initiatives that went on after support: the
    month it stopped, else the last month it was seen running."""
    found = []
    for initiative_id, follow_ups in demo.follow_ups.items():
        if demo.initiatives[initiative_id]["continued_after_support"]:
            last = follow_ups[-1]
            stopped = not last["still_running"]
            months = last["months_after_support"]
            if stopped and last["stopped_after_months"] is not None:
                months = last["stopped_after_months"]
            found.append((initiative_id, months, stopped))
    return found


def _rate_ratio(demo: Demo, exposed: Callable[[uuid.UUID], bool]) -> float:
    """Stops per month at risk (the exponential's estimate) with over without `exposed`."""
    totals = {True: [0.0, 0], False: [0.0, 0]}
    for initiative_id, months, stopped in _stops(demo):
        group = totals[exposed(initiative_id)]
        group[0] += months
        group[1] += stopped
    assert all(count >= 30 for _, count in totals.values())
    return (totals[True][1] / totals[True][0]) / (totals[False][1] / totals[False][0])


def test_taking_over_makes_stopping_likelier_and_a_makelaar_less_likely(
    large_demo: Demo,
) -> None:
    def taken_over(initiative: uuid.UUID) -> bool:
        return "overnemend" in large_demo.styles[initiative]

    assert 1.4 < _rate_ratio(large_demo, taken_over) < 4.0  # planted exp(0.8) = 2.2
    assert 0.3 < _rate_ratio(large_demo, large_demo.makelaar.__contains__) < 0.8  # 0.55


def _running_at_12(follow_ups: list[Row]) -> bool | None:
    """Running 12 months after support ended, as far as the looks tell."""
    for row in follow_ups:
        if row["still_running"] and row["months_after_support"] >= 12:
            return True
        if not row["still_running"]:
            stopped = row["stopped_after_months"]
            if stopped is None:
                return False if row["months_after_support"] <= 12 else None
            return stopped > 12
    return None


def test_fewer_are_still_running_after_a_year_when_professionals_took_over(
    large_demo: Demo,
) -> None:
    shares = {}
    for taken_over in (True, False):
        known = [running for initiative, follow_ups in large_demo.follow_ups.items()
                 if large_demo.initiatives[initiative]["continued_after_support"]
                 and ("overnemend" in large_demo.styles[initiative]) == taken_over
                 and (running := _running_at_12(follow_ups)) is not None]
        assert len(known) >= 80
        shares[taken_over] = sum(known) / len(known)
    assert shares[False] > shares[True] + 0.08


def test_residents_lead_less_often_after_professionals_took_over(large_demo: Demo) -> None:
    leads: dict[bool, list[bool]] = {True: [], False: []}
    for initiative, follow_ups in large_demo.follow_ups.items():
        taken_over = "overnemend" in large_demo.styles[initiative]
        leads[taken_over] += [row["residents_in_lead"] for row in follow_ups
                              if row["still_running"]]
    share = {key: sum(values) / len(values) for key, values in leads.items()}
    assert share[False] > share[True] + 0.15
    joined = [row["new_people_joined"] for rows in large_demo.follow_ups.values()
              for row in rows if row["still_running"]]
    assert 1 < sum(joined) / len(joined) < 15
