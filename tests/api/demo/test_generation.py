"""The demo data generator: the same seed gives the same rows, in the documented amounts."""

import pytest
from sqlmodel import Session
from starlette.testclient import TestClient

from api.demo import DatabaseNotEmpty, DemoSummary, generate_demo
from api.vocabularies.models import ProfessionalRole
from tests.api.builders import make_initiative
from tests.api.demo.rows import DEMO_TABLES, count, fingerprint, rows_of, wipe_demo


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
        outcome_measures=count(session, "outcome_measure"),
        follow_ups=count(session, "follow_up"), assessments=count(session, "assessment"))
    assert summary.initiatives == 700
    assert summary.professionals == 150
    assert 0.4 * 700 <= summary.evaluations <= 0.6 * 700
    assert 1.2 * 700 <= summary.support_episodes <= 2.5 * 700
    assert summary.evaluations <= summary.outcome_measures <= 3 * summary.evaluations
    # About two thirds of the initiatives are afgerond; most of those get one to three looks.
    assert 0.4 * 700 <= summary.follow_ups <= 1.5 * 700
    assert 20 * 150 <= summary.assessments <= 60 * 150
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
