"""The professional side of the demo: assessments on the seeded frameworks, and the four-part
handelingsbeschrijving of every support episode."""

import statistics
import uuid
from collections import Counter, defaultdict
from datetime import date

from api.competences.scoring import normalised
from api.demo.account_texts import REASONS, STOPPED_RESULTS
from api.demo.initiatives import DATA_DATE
from api.demo.texts import ROLE_LABELS
from api.vocabularies.models import AssessmentPerspective, ProfessionalRole, SupportStyle
from tests.api.demo.large import Demo


def test_professionals_of_every_role_are_judged_from_every_perspective_on_every_framework(
    large_demo: Demo,
) -> None:
    rows = large_demo.assessments
    assessed = {row["professional_id"] for row in rows}
    roles = {large_demo.professionals[person]["role"] for person in assessed}
    assert roles == {row["role"] for row in large_demo.professionals.values()}
    assert 0.4 < len(assessed) / len(large_demo.professionals) < 0.8
    assert {row["competency"]["framework_id"] for row in rows} == set(large_demo.frameworks)
    assert set(Counter(row["perspective"] for row in rows)) == set(AssessmentPerspective)
    for row in rows:
        professional = large_demo.professionals[row["professional_id"]]
        assert date(2012, 1, 1) <= row["assessed_on"] <= DATA_DATE
        assert professional["active_from"] <= row["assessed_on"]
        assert professional["active_to"] is None or row["assessed_on"] <= professional["active_to"]


def test_scores_are_mostly_two_to_five(large_demo: Demo) -> None:
    scores = [row["score"] for row in large_demo.assessments if row["score"] is not None]
    assert sum(2 <= score <= 5 for score in scores) / len(scores) > 0.95
    assert Counter(scores).most_common(2)[0][0] in (3, 4)
    levels = Counter(row["level"] for row in large_demo.assessments if row["level"] is not None)
    assert levels.most_common(1)[0][0] == "vakbekwaam" and len(levels) == 3


def _mean_per_occasion(demo: Demo) -> dict[uuid.UUID, dict[date, float]]:
    """Per professional, per day judged by a manager: the mean normalised judgement."""
    found: dict[uuid.UUID, dict[date, list[float]]] = defaultdict(lambda: defaultdict(list))
    for row in demo.assessments:
        if row["perspective"] == "manager":
            found[row["professional_id"]][row["assessed_on"]].append(
                normalised(row["score"], row["level"]))
    return {person: {day: statistics.mean(values) for day, values in days.items()}
            for person, days in found.items()}


def test_professionals_grow_a_little_and_rate_themselves_a_little_higher(
    large_demo: Demo,
) -> None:
    growth = [days[max(days)] - days[min(days)]
              for days in _mean_per_occasion(large_demo).values() if len(days) >= 2]
    assert len(growth) >= 50
    assert 0.01 < statistics.mean(growth) < 0.15  # 0.05–0.3 points a year, on 0–1 a quarter
    by_perspective: dict[str, list[float]] = defaultdict(list)
    for row in large_demo.assessments:
        by_perspective[row["perspective"]].append(normalised(row["score"], row["level"]))
    means = {key: statistics.mean(values) for key, values in by_perspective.items()}
    assert means["self"] > means["manager"] > means["resident"]


def test_competence_does_not_follow_the_role_so_it_plants_nothing(large_demo: Demo) -> None:
    per_role: dict[bool, list[float]] = defaultdict(list)
    for row in large_demo.assessments:
        role = large_demo.professionals[row["professional_id"]]["role"]
        per_role[role == "participatiemakelaar"].append(normalised(row["score"], row["level"]))
    assert abs(statistics.mean(per_role[True]) - statistics.mean(per_role[False])) < 0.05


def test_every_episode_has_a_four_part_account_in_its_style(large_demo: Demo) -> None:
    for episode in large_demo.episodes:
        parts = [episode[name] for name in ("situation", "action_description", "reasoning",
                                            "result")]
        assert all(len(part) > 20 for part in parts), parts
        style = SupportStyle(episode["style"])
        assert any(episode["reasoning"].startswith(reason) for reason in REASONS[style])
        role = ProfessionalRole(episode["role"])
        assert episode["action_description"].startswith(ROLE_LABELS[role])
    situations = {episode["situation"] for episode in large_demo.episodes}
    assert len(situations) > len(large_demo.episodes) / 2  # titles and details vary them
    stopped = [episode["result"] for episode in large_demo.episodes
               if large_demo.initiatives[episode["initiative_id"]]["status"] == "gestopt"]
    assert stopped and all(result in STOPPED_RESULTS for result in stopped)
