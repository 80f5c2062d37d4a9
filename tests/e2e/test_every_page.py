"""Every kind of page, on a first visit over the demo data: one h1, no WCAG 2.1 A/AA
violation that axe-core finds, no more than 300 KB transferred (fonts excepted), a
screenshot; and on a phone's width nothing scrolls sideways."""

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.accounts import api_get, api_send, api_token
from tests.e2e.checks import assert_accessible, assert_page_weight, load_and_weigh
from tests.e2e.screenshots import Screenshots
from tests.e2e.servers import Servers

PHONE = {"width": 360, "height": 740}


def _a_record(servers: Servers, token: str, initiative: str) -> str:
    """A demo record (the most recently recorded), or one made here if the demo has none."""
    found = api_get(servers, token, "/v1/records?pageSize=1")["items"]
    if found:
        return str(found[0]["id"])
    return str(api_send(servers, token, "POST", "/v1/records", {
        "kind": "interview", "title": "Gesprek met de bewoners", "recordedOn": "2024-03-01",
        "text": "De bewoners kwamen.\n\nZe bleven.", "initiativeIds": [initiative]})["id"])


@pytest.fixture(scope="module")
def paths(servers: Servers) -> dict[str, str]:
    """One address of each kind of page, with ids from the demo data."""
    token = api_token(servers)
    initiatives = api_get(servers, token, "/v1/initiatives?pageSize=2&sort=title")["items"]
    professional = api_get(servers, token, "/v1/professionals?pageSize=1&sort=name")["items"][0]
    first, second = (item["id"] for item in initiatives)
    initiative, person = f"/initiatives/{first}", f"/professionals/{professional['id']}"
    # A code deep in the tree (the seed's third, Animo), which the demo records code.
    code = "/codes/" + api_get(servers, token, "/v1/codes?pageSize=3")["items"][2]["id"]
    record = f"/verslagen/{_a_record(servers, token, first)}"
    # A book of one stadsdeel, written in the background (done within a second on the demo).
    book = "/methodiekboek/" + api_send(servers, token, "POST", "/v1/method-books",
                                        {"stadsdeel": "F"})["id"]
    return {
        "initiative": initiative, "initiative-edit": f"{initiative}/edit",
        "initiative-delete": f"{initiative}/delete", "initiative-history": f"{initiative}/history",
        "support-episode-new": f"{initiative}/support-episodes/new",
        "evaluation-new": f"{initiative}/evaluations/new", "initiative-new": "/initiatives/new",
        "professionals": "/professionals", "professional": person,
        "professional-new": "/professionals/new", "professional-edit": f"{person}/edit",
        "professional-delete": f"{person}/delete",
        "areas": "/areas", "stadsdeel": "/areas/F", "wijk": "/areas/FD", "buurt": "/areas/FD03",
        "compare": "/compare",
        "compare-initiatives": f"/compare?initiative={first}&initiative={second}",
        "compare-buurten": "/compare/buurten?buurt=FD03&buurt=AA01",
        "effects": "/effects?groupBy=organisationForm&moderators=hours"
                   "&moderators=residentInitiatedWithMakelaar",
        # The default choices: a solution is computed on the first visit.
        "success-factors": "/success-factors",
        "not-found": "/initiatives/3f2b6a9e-0000-4000-8000-000000000000",
        "password": "/account/password",
        "api-tokens": "/admin/api-tokens", "api-token-new": "/admin/api-tokens/new",
        "import": "/import",
        "competences": "/competenties", "competence-team": "/competenties/team?stadsdeel=F",
        "assessment": f"{person}/beoordelen", "competence-profile": f"{person}/competenties",
        "support": "/ondersteuning", "follow-up-new": f"{initiative}/follow-ups/new",
        "handelingen": "/handelingsbeschrijvingen?q=bewoners",
        "codes": "/codes", "code": code, "code-new": "/codes/nieuw",
        "code-edit": f"{code}/bewerken", "code-delete": f"{code}/verwijderen",
        "code-outcomes": "/codes/uitkomsten", "code-agreement": "/codes/overeenstemming",
        "codes-by-group": "/codes/per-groep",
        "records": "/verslagen", "record": record,
        "record-new": f"/verslagen/nieuw?initiative={first}",
        "record-edit": f"{record}/bewerken", "record-delete": f"{record}/verwijderen",
        "record-search": "/verslagen/zoeken?q=bewoners",
        "record-pseudonymise": f"{record}/pseudonimiseren",
        "methodiekboeken": "/methodiekboek", "methodiekboek": book,
    }


KINDS = ["initiative", "initiative-edit", "initiative-delete", "support-episode-new",
         "evaluation-new", "initiative-history", "initiative-new", "professionals", "professional",
         "professional-new", "professional-edit", "professional-delete", "areas", "stadsdeel",
         "wijk", "buurt", "compare", "compare-initiatives", "compare-buurten", "effects",
         "success-factors", "not-found",
         "password", "api-tokens", "api-token-new", "import", "competences", "competence-team",
         "assessment", "competence-profile", "support", "follow-up-new", "handelingen",
         "codes", "code", "code-new", "code-edit", "code-delete", "code-outcomes",
         "code-agreement", "codes-by-group", "records", "record", "record-new", "record-edit",
         "record-delete", "record-search", "record-pseudonymise", "methodiekboeken",
         "methodiekboek"]


@pytest.mark.parametrize("kind", KINDS)
def test_the_page_is_accessible_and_light(
    page: Page, screenshots: Screenshots, paths: dict[str, str], kind: str,
) -> None:
    weight = load_and_weigh(page, paths[kind])
    screenshots.take(page)
    expect(page.locator("h1")).to_have_count(1)
    expect(page.locator("h1")).to_be_visible()
    assert_page_weight(weight)
    assert_accessible(page)


@pytest.mark.parametrize("kind", ["initiative", "initiative-new", "professional", "stadsdeel",
                                  "compare-initiatives", "compare-buurten", "effects",
                                  "success-factors", "competence-profile", "support",
                                  "record", "record-new", "methodiekboek"])
def test_on_a_phone_nothing_scrolls_sideways(
    page: Page, screenshots: Screenshots, paths: dict[str, str], kind: str,
) -> None:
    page.set_viewport_size(PHONE)
    page.goto(paths[kind])
    screenshots.take(page, "phone")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"{paths[kind]} is {width}px wide on a phone"
    assert_accessible(page)
