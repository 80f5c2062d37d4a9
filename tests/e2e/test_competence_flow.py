"""Issue 8: a stadsdeel's team manager (an editor of Nieuw-West) records an assessment of a
professional for a whole framework, sees the profile chart, and finds the team's gap."""

import re
import uuid

from playwright.sync_api import Page, expect

from tests.e2e.accounts import NIEUW_WEST_EDITOR, api_get, api_send, api_token
from tests.e2e.checks import assert_accessible
from tests.e2e.conftest import TabOpener
from tests.e2e.servers import Servers


def _framework(servers: Servers, token: str) -> str:
    """A small framework of its own, so that its team numbers depend on this test alone."""
    code = f"e2e-team-{uuid.uuid4().hex[:8]}"
    framework = api_send(servers, token, "POST", "/v1/competency-frameworks", {
        "code": code, "name": "Teamkader voor de browsertest", "scale": "score"})
    for position, name in enumerate(("Verbinden en netwerken", "Activeren van bewoners")):
        api_send(servers, token, "POST",
                 f"/v1/competency-frameworks/{framework['id']}/competencies",
                 {"code": f"T{position + 1}", "name": name, "position": position})
    return code


def _choose(page: Page, code: str, score: str) -> None:
    group = page.get_by_role("group", name=re.compile(rf"^{code} "))
    group.locator(f"input[value='{score}']").check()


def test_a_manager_assesses_a_professional_and_sees_the_team_gap(
        page_as: TabOpener, servers: Servers) -> None:
    token = api_token(servers)
    code = _framework(servers, token)
    professional = api_get(servers, token, "/v1/professionals?area=F&pageSize=1&sort=name"
                           )["items"][0]
    with page_as(NIEUW_WEST_EDITOR) as page:
        page.goto(f"/professionals/{professional['id']}")
        page.get_by_role("link", name="Beoordelen").click()
        page.get_by_label("Competentiekader", exact=True).select_option(code)
        page.get_by_role("button", name="Toon de competenties").click()
        # Choosing and the button each ask htmx for the framework's form; wait until the last
        # answer is swapped in: a perspective checked on a form it replaces is lost with it
        # (CI saw this under load).
        expect(page.locator("#framework-choice")).not_to_have_class(re.compile("htmx-request"))
        expect(page.get_by_role("heading", level=2, name="Teamkader voor de browsertest")
               ).to_be_visible()
        page.get_by_label("Leidinggevende").check()
        _choose(page, "T1", "5")
        _choose(page, "T2", "2")
        page.get_by_label("Toelichting bij T2").fill("Nog weinig nieuwe bewoners bereikt.")
        assert_accessible(page)
        page.get_by_role("button", name="Beoordeling opslaan").click()
        expect(page.get_by_role("heading", level=1)).to_contain_text("Competentieprofiel")
        expect(page.get_by_role("status")).to_contain_text("2 competenties is opgeslagen")
        expect(page.get_by_role("img", name=re.compile("^Competentieprofiel van"))).to_be_visible()
        expect(page.get_by_role("row", name=re.compile(
            "^T2 Activeren van bewoners .* Leidinggevende 2 Nog weinig"))).to_be_visible()
        assert_accessible(page)
        page.goto(f"/competenties/team?stadsdeel=F&framework={code}")
        gap = page.locator("#team-T2")
        expect(gap).to_contain_text("Niemand in het team beheerst deze competentie")
        expect(page.locator("#team-T1")).not_to_contain_text("Niemand")
        assert_accessible(page)
