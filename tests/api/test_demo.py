"""The demo data generator: determinism, amounts, validity and the structure it plants."""

import hashlib
import math
import statistics
import uuid
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from sqlalchemy import Engine, create_engine, delete, select
from sqlalchemy.pool import StaticPool
from sqlmodel import Session, SQLModel
from starlette.testclient import TestClient

from api.demo import DatabaseNotEmpty, DemoSummary, generate_demo
from api.demo.effects import continuation_probability, hours_effect, planted_effect
from api.evaluations.measures import statistic_errors
from api.evaluations.models import EvaluationCreate
from api.initiatives.models import InitiativeCreate
from api.professionals.models import ProfessionalCreate
from api.support_episodes.models import SupportEpisodeCreate
from api.tables import metadata
from api.vocabularies.models import (
    RESIDENT_INITIATORS,
    OrganisationForm,
    ProfessionalRole,
    SupportStyle,
)
from tests.api.builders import make_initiative

DEMO_TABLES = ("initiative", "initiative_theme", "professional", "professional_area",
               "support_episode", "evaluation", "outcome_measure")
DURABLE_FORMS = {"zelfbeheer", "cooperatie", "bewonersvereniging", "buurtbeheer"}


def rows_of(session: Session, name: str) -> list[dict[str, Any]]:
    table = SQLModel.metadata.tables[name]
    return [dict(row) for row in session.connection().execute(select(table)).mappings()]


def fingerprint(session: Session) -> dict[str, str]:
    """A hash of every demo table's rows, independent of the order they come back in."""
    found = {}
    for name in DEMO_TABLES:
        lines = sorted(repr(sorted((key, str(value)) for key, value in row.items()))
                       for row in rows_of(session, name))
        found[name] = hashlib.sha256("\n".join(lines).encode()).hexdigest()
    return found


def wipe_demo(session: Session) -> None:
    for name in reversed(DEMO_TABLES):
        session.connection().execute(delete(SQLModel.metadata.tables[name]))
    session.commit()


def count(session: Session, name: str) -> int:
    return len(rows_of(session, name))


@dataclass
class Demo:
    """A demo database read back: rows per table plus per-initiative support totals."""

    initiatives: dict[uuid.UUID, dict[str, Any]]
    professionals: dict[uuid.UUID, dict[str, Any]]
    episodes: list[dict[str, Any]]
    measures: list[dict[str, Any]]
    hours: dict[uuid.UUID, float]
    makelaar: set[uuid.UUID]
    styles: dict[uuid.UUID, set[str]]


def read_demo(session: Session) -> Demo:
    initiatives = {row["id"]: row for row in rows_of(session, "initiative")}
    episodes = rows_of(session, "support_episode")
    hours: dict[uuid.UUID, float] = defaultdict(float)
    styles: dict[uuid.UUID, set[str]] = defaultdict(set)
    for episode in episodes:
        hours[episode["initiative_id"]] += episode["hours"]
        styles[episode["initiative_id"]].add(episode["style"])
    makelaar = {episode["initiative_id"] for episode in episodes
                if episode["role"] == ProfessionalRole.PARTICIPATIEMAKELAAR}
    indicators = {row["id"]: row for row in rows_of(session, "indicator")}
    evaluations = {row["id"]: row for row in rows_of(session, "evaluation")}
    measures = [
        {**row, "initiative_id": evaluations[row["evaluation_id"]]["initiative_id"],
         "indicator": indicators[row["indicator_id"]]}
        for row in rows_of(session, "outcome_measure")
    ]
    professionals = {row["id"]: row for row in rows_of(session, "professional")}
    return Demo(initiatives, professionals, episodes, measures, hours, makelaar, styles)


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


@pytest.fixture(scope="module")
def large_demo() -> Iterator[Demo]:
    """3,000 initiatives: enough evaluations to see the planted structure through the noise.

    Built once per module in its own SQLite, also when the suite runs on PostgreSQL: the
    statistics do not depend on the database, and the other tests cover both.
    """
    engine = create_engine("sqlite://", poolclass=StaticPool)
    metadata.create_all(engine)
    with Session(engine) as session:
        generate_demo(session, initiatives=3000)
        yield read_demo(session)
    engine.dispose()


def test_the_same_seed_gives_the_same_rows_and_another_seed_other_rows(
    session: Session,
) -> None:
    generate_demo(session, initiatives=150, seed=7)
    first = fingerprint(session)
    wipe_demo(session)
    generate_demo(session, initiatives=150, seed=7)
    assert fingerprint(session) == first
    wipe_demo(session)
    generate_demo(session, initiatives=150, seed=8)
    other = fingerprint(session)
    assert all(other[name] != first[name] for name in DEMO_TABLES)


def test_700_initiatives_come_with_the_documented_amounts(session: Session) -> None:
    summary = generate_demo(session)
    assert summary == DemoSummary(
        initiatives=count(session, "initiative"),
        initiative_themes=count(session, "initiative_theme"),
        professionals=count(session, "professional"),
        professional_areas=count(session, "professional_area"),
        support_episodes=count(session, "support_episode"),
        evaluations=count(session, "evaluation"),
        outcome_measures=count(session, "outcome_measure"))
    assert summary.initiatives == 700
    assert summary.professionals == 150
    assert 0.4 * 700 <= summary.evaluations <= 0.6 * 700
    assert 1.2 * 700 <= summary.support_episodes <= 2.5 * 700
    assert summary.evaluations <= summary.outcome_measures <= 3 * summary.evaluations
    roles = {row["role"] for row in rows_of(session, "professional")}
    assert roles == set(ProfessionalRole)
    initiatives = rows_of(session, "initiative")
    assert {row["external_ref"] for row in initiatives} == {
        f"DEMO-{number:06d}" for number in range(1, 701)}
    starts = [row["start_date"] for row in initiatives if row["start_date"] is not None]
    assert min(starts).year >= 2008 and max(starts).year <= 2016


def test_most_initiatives_lie_in_wijkaanpak_buurten_registered_in_2015(
    session: Session, client: TestClient
) -> None:
    generate_demo(session)
    areas = {row["id"]: row for row in rows_of(session, "area")}
    initiatives = rows_of(session, "initiative")
    registered = [areas[row["buurt_id"]] for row in initiatives]
    assert all(area["indeling"] == 2015 and area["type"] == "buurt" for area in registered)
    assert all(row["current_buurt_id"] == areas[row["buurt_id"]]["successor_id"]
               for row in initiatives)
    share = sum(area["wijkaanpak_buurt_id"] is not None for area in registered) / 700
    assert 0.75 <= share <= 0.85
    response = client.get("/v1/initiatives?wijkaanpak=true&pageSize=1")
    assert response.status_code == 200, response.text
    assert response.json()["total"] == round(share * 700)


def test_a_database_that_holds_initiatives_is_refused_and_left_alone(session: Session) -> None:
    make_initiative(session)
    with pytest.raises(DatabaseNotEmpty, match="initiative"):
        generate_demo(session, initiatives=20)
    assert count(session, "initiative") == 1
    assert count(session, "professional") == 0
    with pytest.raises(ValueError, match="at least one"):
        generate_demo(session, initiatives=0)


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


def _themes(session: Session) -> dict[uuid.UUID, list[str]]:
    found: dict[uuid.UUID, list[str]] = defaultdict(list)
    for row in rows_of(session, "initiative_theme"):
        found[row["initiative_id"]].append(row["theme"])
    return found


def test_every_generated_row_passes_the_create_models(session: Session) -> None:
    generate_demo(session)
    themes = _themes(session)
    for row in rows_of(session, "initiative"):
        InitiativeCreate.model_validate({**row, "themes": themes[row["id"]]})
    areas: dict[uuid.UUID, list[uuid.UUID]] = defaultdict(list)
    for row in rows_of(session, "professional_area"):
        areas[row["professional_id"]].append(row["area_id"])
    for row in rows_of(session, "professional"):
        ProfessionalCreate.model_validate({**row, "area_ids": areas[row["id"]]})
    for row in rows_of(session, "support_episode"):
        SupportEpisodeCreate.model_validate(row)
    measures: dict[uuid.UUID, list[dict[str, Any]]] = defaultdict(list)
    for row in rows_of(session, "outcome_measure"):
        assert statistic_errors(row) == []
        measures[row["evaluation_id"]].append(row)
    for row in rows_of(session, "evaluation"):
        EvaluationCreate.model_validate({**row, "outcome_measures": measures[row["id"]]})


def _copy(payload: dict[str, Any], **changes: Any) -> dict[str, Any]:
    return {**payload, "externalRef": f"COPY-{payload['externalRef']}", **changes}


def test_a_sample_of_generated_rows_is_accepted_by_the_api(
    engine: Engine, client: TestClient
) -> None:
    with Session(engine) as session:
        generate_demo(session, initiatives=60)
        themes = _themes(session)
        initiatives = rows_of(session, "initiative")[:20]
        episodes = rows_of(session, "support_episode")
        evaluations = rows_of(session, "evaluation")
        measures = rows_of(session, "outcome_measure")
        professionals = rows_of(session, "professional")[:5]
        areas = rows_of(session, "professional_area")
    for professional in professionals:
        payload = ProfessionalCreate.model_validate({**professional, "area_ids": [
            row["area_id"] for row in areas if row["professional_id"] == professional["id"]]})
        response = client.post("/v1/professionals",
                               json=_copy(payload.model_dump(mode="json", by_alias=True)))
        assert response.status_code == 201, response.text
    for initiative in initiatives:
        body = InitiativeCreate.model_validate({**initiative, "themes": themes[initiative["id"]]})
        created = client.post("/v1/initiatives", json=_copy(body.model_dump(
            mode="json", by_alias=True)))
        assert created.status_code == 201, created.text
        copy_id = created.json()["id"]
        for episode in (row for row in episodes if row["initiative_id"] == initiative["id"]):
            payload = SupportEpisodeCreate.model_validate(episode).model_dump(
                mode="json", by_alias=True)
            response = client.post("/v1/support-episodes",
                                   json=_copy(payload, initiativeId=copy_id))
            assert response.status_code == 201, response.text
        for evaluation in (row for row in evaluations if row["initiative_id"] == initiative["id"]):
            own = [row for row in measures if row["evaluation_id"] == evaluation["id"]]
            payload = EvaluationCreate.model_validate(
                {**evaluation, "outcome_measures": own}).model_dump(mode="json", by_alias=True)
            response = client.post("/v1/evaluations", json=_copy(payload, initiativeId=copy_id))
            assert response.status_code == 201, response.text
