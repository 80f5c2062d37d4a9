"""Registering a professional in a browser: refused with messages at the fields, then saved
with a stadsdeel ticked and a wijk chosen from the list; then edited."""

import re

from playwright.sync_api import Page, expect

from tests.e2e.checks import assert_accessible
from tests.e2e.screenshots import Screenshots


def test_a_professional_is_registered_and_edited(page: Page, screenshots: Screenshots) -> None:
    page.goto("/professionals")
    page.get_by_role("link", name="Nieuwe professional").click()
    page.get_by_label("E-mail").fill("geen adres")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("alert").filter(has_text="Controleer het formulier")).to_be_visible()
    expect(page.locator("#f-email")).to_have_attribute("aria-invalid", "true")
    screenshots.take(page)
    assert_accessible(page)
    page.get_by_label("Naam").fill("Sanne Bakker")
    page.get_by_label("E-mail").fill("s.bakker@example.org")
    page.get_by_label("Rol").select_option("opbouwwerker")
    page.get_by_label("Organisatie", exact=True).fill("Dynamo")
    page.get_by_label("Soort organisatie").select_option("welzijnsorganisatie")
    page.get_by_label("Nieuw-West", exact=True).check()
    page.get_by_label("Wijken").select_option(label="Slotermeer-Noordoost (FD)")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Sanne Bakker")
    expect(page).to_have_url(re.compile(r"/professionals/[0-9a-f-]{36}$"))
    expect(page.get_by_role("link", name="Slotermeer-Noordoost")).to_be_visible()
    page.get_by_role("link", name="Bewerken").click()
    page.get_by_label("Organisatie", exact=True).fill("Combiwel")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("Combiwel")).to_be_visible()
    assert_accessible(page)
