"""The search of handelingsbeschrijvingen asks the API little: each initiative and
professional of a results page once, however many of its episodes the page holds, and a
search only when a field is changed or the form sent, never at each keystroke."""

import re

from sqlmodel import Session
from starlette.testclient import TestClient

from tests.api.builders import make_initiative, make_professional, make_support_episode
from tests.web.conftest import Calls

PATH = "/handelingsbeschrijvingen"


def test_a_page_of_hits_asks_for_each_initiative_and_professional_once(
    recorded: tuple[TestClient, Calls], session: Session
) -> None:
    """Twenty hits (a full page) from three initiatives and two professionals: five calls
    for their titles and names, not forty."""
    initiatives = [make_initiative(session, title=f"Initiatief {number}") for number in range(3)]
    professionals = [make_professional(session, name=f"Professional {number}",
                                       email=f"p{number}@example.org") for number in range(2)]
    for number in range(20):
        make_support_episode(session, initiatives[number % 3].id,
                             professionals[number % 2].id, situation=f"Buurtfeest {number}.",
                             startDate=f"2011-01-{number + 1:02d}", endDate="2011-12-31")
    web, calls = recorded
    html = web.get(PATH, params={"q": "buurtfeest"}).text
    assert len(re.findall(r'href="/initiatives/[^"]+"', html)) >= 20
    asked = [path for path, _ in calls
             if re.fullmatch(r"/v1/(initiatives|professionals)/[^/]+", path)]
    assert sorted(asked) == sorted(
        [f"/v1/initiatives/{item.id}" for item in initiatives]
        + [f"/v1/professionals/{item.id}" for item in professionals])


def test_the_live_search_waits_for_a_change_and_the_form_works_without_javascript(
    web: TestClient
) -> None:
    html = web.get(PATH).text
    form = re.search(r'<form id="filters"[^>]*>', html)
    assert form is not None
    found = re.search(r'hx-trigger="([^"]+)"', form.group(0))
    assert found is not None
    triggers = [part.strip() for part in found.group(1).split(",")]
    assert triggers == ["submit", "change"]  # no "input": not at each keystroke
    assert 'method="get"' in form.group(0) and f'action="{PATH}"' in form.group(0)
    assert re.search(r'<button class="ams-button ams-button--primary" type="submit">', html)
