"""The initiatives behind a number of "Wat vraagt ondersteuning": exactly those of the
group, each linked to its page, with how long it was followed and whether it stopped."""

import html as markup
from datetime import date

import pytest
from sqlmodel import Session
from starlette.testclient import TestClient

from api.follow_ups.models import FollowUp
from tests.api.builders import make_initiative
from tests.web.support_world import build_world, links_of, listed

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
