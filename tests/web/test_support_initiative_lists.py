"""The initiatives behind a number of "Wat vraagt ondersteuning": exactly those of the
group, each linked to its page, with how long it was followed and whether it stopped."""

import html as markup
from datetime import date
from urllib.parse import urlencode

import pytest
from sqlmodel import Session, select
from starlette.testclient import TestClient

from api.follow_ups.models import FollowUp
from api.professionals.models import Professional
from tests.api.builders import make_initiative
from tests.web.competence_world import assess, make_framework
from tests.web.conftest import Calls
from tests.web.support_world import api_json, build_world, links_of, listed

PAGE = "/ondersteuning"


def test_a_durability_count_leads_to_those_initiatives_with_time_and_stop(
    web: TestClient, session: Session
) -> None:
    build_world(session)
    links = links_of(web.get(PAGE).text, "curves-table")
    (followed, followed_text), (stopped, stopped_text) = links["Faciliterend (blauw)"]
    assert (followed_text, stopped_text) == ("4 initiatieven", "2 initiatieven")
    assert listed(web, followed) == {
        "Buurtkamer": ["24", "Nee, liep nog bij de laatste meting"],
        "Moestuin": ["9", "Ja, gestopt"], "Repair café": ["3", "Ja, gestopt"],
        "Speeltuin": ["12", "Nee, liep nog bij de laatste meting"]}
    assert set(listed(web, stopped)) == {"Moestuin", "Repair café"}
    page = web.get(stopped).text
    assert "<h1 class=\"ams-heading ams-heading--1\">2 initiatieven: Faciliterend (blauw)</h1>" \
           in page
    assert 'href="/initiatives/' in page


@pytest.mark.parametrize("address", [
    "/ondersteuning/initiatieven?part=elders&by=supportStyle&label=overnemend",
    "/ondersteuning/initiatieven?part=durability&by=supportStyle&label=bestaat-niet",
    "/ondersteuning/initiatieven?part=effects&by=supportStyle&label=bestaat-niet",
    "/ondersteuning/initiatieven?part=effects&by=supportStyle"])
def test_a_list_of_no_group_is_not_found(web: TestClient, session: Session,
                                         address: str) -> None:
    build_world(session)
    assert web.get(address).status_code == 404


def test_the_list_of_every_followed_initiative_has_them_all(
    web: TestClient, session: Session
) -> None:
    ids = build_world(session)
    everyone = "/ondersteuning/initiatieven?part=durability&by=supportStyle&label=alle"
    assert set(listed(web, everyone)) == set(ids)
    page = web.get("/ondersteuning/initiatieven?part=durability&by=supportStyle&label=alle").text
    for title, key in ids.items():
        assert f'<a class="ams-link" href="/initiatives/{key}">{markup.escape(title)}</a>' in page


def test_titles_and_labels_are_escaped(web: TestClient, session: Session) -> None:
    build_world(session)
    initiative = make_initiative(session, title='<img src=x onerror="alert(1)">')
    session.add(FollowUp(initiative_id=initiative.id, months_after_support=6,
                         observed_on=date(2012, 1, 1), still_running=True))
    session.commit()
    page = web.get("/ondersteuning/initiatieven?part=durability&by=supportStyle&label=alle").text
    assert '<img src=x onerror="alert(1)">' not in page
    assert "&lt;img src=x onerror=&#34;alert(1)&#34;&gt;" in page
    hostile = web.get(PAGE, params={"curves": '"><script>alert(1)</script>', "method": "REML"})
    assert hostile.status_code == 400
    assert "<script>alert(1)</script>" not in hostile.text


def _analyses(calls: Calls) -> list[tuple[str, dict[str, list[str]]]]:
    return [(path, params) for path, params in calls if path.startswith("/v1/analysis")]


def test_an_effect_list_asks_for_its_one_grouping_with_the_support_reports_groups(
    recorded: tuple[TestClient, Calls], client: TestClient, session: Session
) -> None:
    """Every grouping the page links from, competence and the bands of hours too: the list
    of a group is exactly the support report's, and only /effects?groupBy= is asked."""
    build_world(session)
    framework = make_framework(session)
    first = session.exec(select(Professional).where(Professional.name == "Professional 0")).one()
    assess(session, first, framework, "self", date(2011, 1, 1), {"C1": 5, "C2": 5, "C3": 5})
    web, calls = recorded
    report = api_json(client, "/v1/analysis/support")["effects"]
    assert {grouping["by"] for grouping in report["groupings"]} == {
        "supportStyle", "professionalRole", "supportKind", "supportHours",
        "makelaarInvolved", "takenOver", "competence"}
    labels = {(grouping["by"], group["label"]) for grouping in report["groupings"]
              for group in grouping["groups"]}
    assert {("competence", "0.75-1"), ("competence", "onbekend"), ("takenOver", "ja"),
            ("supportHours", "40-149"), ("supportHours", "150+")} <= labels
    for grouping in report["groupings"]:
        for group in grouping["groups"]:
            calls.clear()
            address = "/ondersteuning/initiatieven?" + urlencode([
                ("part", "effects"), ("by", grouping["by"]), ("label", group["label"]),
                ("method", "REML")])
            assert set(listed(web, address)) == {item["title"] for item in group["initiatives"]}
            assert _analyses(calls) == [("/v1/analysis/effects", {
                "method": ["REML"], "test": ["z"], "groupBy": [grouping["by"]]})], address


def test_a_durability_list_asks_only_for_the_curves_of_its_grouping(
    recorded: tuple[TestClient, Calls], session: Session
) -> None:
    build_world(session)
    web, calls = recorded
    address = "/ondersteuning/initiatieven?part=durability&by=supportHours&label=40-149"
    assert set(listed(web, address)) == {"Moestuin", "Speeltuin", "Repair café",
                                         "Straatfeest", "Klussendienst"}
    assert _analyses(calls) == [("/v1/analysis/durability", {"by": ["supportHours"]})]
    for odd in ("part=durability&by=elders&label=alle", "part=effects&by=elders&label=ja",
                "part=effects&by=supportStyle&label=overnemend&method=GEEN"):
        assert web.get(f"/ondersteuning/initiatieven?{odd}").status_code == 404, odd
