"""Signing in through the real form in a browser: the login page is accessible and light; a
district editor edits an initiative of their own stadsdeel, finds the change in its history
and meets the 403 page at another's; signing out leaves nothing to open."""

import re
from typing import Any

from playwright.sync_api import Page, expect

from tests.e2e.accounts import DEMO_PASSWORD, NIEUW_WEST_EDITOR, api_get, api_token
from tests.e2e.checks import assert_accessible, assert_page_weight, load_and_weigh
from tests.e2e.screenshots import Screenshots
from tests.e2e.servers import Servers

OTHER_STADSDELEN = "AEKMNTSB"  # every stadsdeel code but F (Nieuw-West)


def _first_in(servers: Servers, token: str, stadsdeel: str) -> dict[str, Any] | None:
    found = api_get(servers, token, f"/v1/initiatives?area={stadsdeel}&pageSize=1&sort=title")
    return found["items"][0] if found["items"] else None


def _sign_in(page: Page, username: str, password: str) -> None:
    page.get_by_label("Gebruikersnaam", exact=True).fill(username)
    page.get_by_label("Wachtwoord", exact=True).fill(password)
    page.get_by_role("button", name="Aanmelden", exact=True).click()


def test_the_login_page_is_accessible_and_light(
    anonymous_page: Page, screenshots: Screenshots,
) -> None:
    weight = load_and_weigh(anonymous_page, "/login")
    screenshots.take(anonymous_page)
    expect(anonymous_page.locator("h1")).to_have_count(1)
    assert_page_weight(weight)
    assert_accessible(anonymous_page)
    _sign_in(anonymous_page, "niemand", "geen-goed-wachtwoord")
    expect(anonymous_page.get_by_role("alert")).to_contain_text(
        "De gebruikersnaam of het wachtwoord klopt niet.")
    screenshots.take(anonymous_page, "refused")
    assert_accessible(anonymous_page)


def test_a_district_editor_edits_in_nieuw_west_and_is_refused_elsewhere(
    anonymous_page: Page, servers: Servers, screenshots: Screenshots,
) -> None:
    page, token = anonymous_page, api_token(servers)
    ours = _first_in(servers, token, "F")
    theirs = next(found for code in OTHER_STADSDELEN
                  if (found := _first_in(servers, token, code)) is not None)
    assert ours is not None, "the demo data has no initiative in Nieuw-West"

    page.goto(f"/initiatives/{ours['id']}")
    expect(page).to_have_url(re.compile(r"/login\?next="))
    _sign_in(page, NIEUW_WEST_EDITOR, DEMO_PASSWORD)
    expect(page).to_have_url(re.compile(rf"/initiatives/{ours['id']}$"))
    expect(page.locator("header")).to_contain_text("Redacteur Nieuw-West")

    page.get_by_role("link", name="Bewerken", exact=True).click()
    new_title = f"{ours['title']} (bijgewerkt)"
    page.get_by_label("Titel", exact=True).fill(new_title)
    page.get_by_role("button", name="Opslaan", exact=True).click()
    expect(page).to_have_url(re.compile(rf"/initiatives/{ours['id']}$"))
    expect(page.locator("h1")).to_have_text(new_title)
    screenshots.take(page, "saved")

    page.get_by_role("link", name="Geschiedenis", exact=True).click()
    expect(page).to_have_url(re.compile(rf"/initiatives/{ours['id']}/history$"))
    expect(page.locator("h1")).to_have_text(f"Geschiedenis van {new_title}")
    newest = page.locator("tbody tr").first
    expect(newest).to_contain_text("Redacteur Nieuw-West")
    expect(newest).to_contain_text(f"Titel: {ours['title']} → werd {new_title}")
    screenshots.take(page, "history")
    assert_accessible(page)

    page.goto(f"/initiatives/{theirs['id']}")
    expect(page.locator("h1")).to_have_text(theirs["title"])
    expect(page.get_by_role("link", name="Bewerken", exact=True)).to_have_count(0)
    response = page.goto(f"/initiatives/{theirs['id']}/edit")
    assert response is not None and response.status == 403
    expect(page.locator("h1")).to_have_text("Geen toestemming")
    screenshots.take(page, "refused")
    assert_accessible(page)


def test_signing_out_leaves_nothing_to_open(
    anonymous_page: Page, screenshots: Screenshots,
) -> None:
    page = anonymous_page
    page.goto("/login?next=/initiatives")
    _sign_in(page, NIEUW_WEST_EDITOR, DEMO_PASSWORD)
    expect(page).to_have_url(re.compile(r":\d+/initiatives$"))  # not /login?next=/initiatives
    other_tab = page.context.new_page()
    other_tab.goto("/initiatives")
    page.get_by_role("button", name="Afmelden", exact=True).click()
    expect(page).to_have_url(re.compile(r"/login$"))
    page.go_back()  # the page is not kept: the service is asked again, and says no
    expect(page).to_have_url(re.compile(r"/login\?next="))
    screenshots.take(page)
    # An htmx request of a page still open elsewhere: told to go to the login page.
    other_tab.get_by_label("Zoeken in titel en samenvatting").fill("tuin")
    expect(other_tab).to_have_url(re.compile(r"/login\?next=%2Finitiatives"))
