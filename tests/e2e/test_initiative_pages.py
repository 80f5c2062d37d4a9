"""The initiative page and its forms in a browser: accessible, light, and the outcome-measure
rows added, switched and removed in place by htmx."""

import re

from playwright.sync_api import Page, expect

from tests.e2e.checks import assert_accessible, assert_page_weight, load_and_weigh
from tests.e2e.screenshots import Screenshots


def _create_initiative(page: Page, title: str) -> str:
    """Fill in the new-initiative form with the mouse; the address of the new page."""
    page.goto("/initiatives/new")
    page.get_by_label("Titel").fill(title)
    page.get_by_label("Status").select_option("idee")
    page.get_by_label("Organisatievorm").select_option("bewonersinitiatief")
    page.get_by_label("Participatieniveau").select_option("coproduceren")
    page.get_by_label("Buurt", exact=True).select_option(label="Meerwaldtbuurt (FD03)")
    page.get_by_label("Soort initiatiefnemer").select_option("bewonersgroep")
    page.get_by_label("Groen", exact=True).check()
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    return page.url


def test_the_new_form_refuses_with_messages_at_the_fields_then_saves(
    page: Page, screenshots: Screenshots,
) -> None:
    weight = load_and_weigh(page, "/initiatives/new")
    assert_page_weight(weight)
    assert_accessible(page)
    page.get_by_role("button", name="Opslaan").click()
    summary = page.get_by_role("alert").filter(has_text="Controleer het formulier")
    expect(summary).to_be_visible()
    expect(page.locator("#f-title")).to_have_attribute("aria-invalid", "true")
    screenshots.take(page)
    assert_accessible(page)
    url = _create_initiative(page, "Geveltuinen Slotermeer")
    assert re.search(r"/initiatives/[0-9a-f-]{36}$", url)
    expect(page.get_by_text("Meerwaldtbuurt")).to_be_visible()
    assert_accessible(page)


def test_outcome_measure_rows_are_added_switched_and_removed_in_place(
    page: Page, screenshots: Screenshots,
) -> None:
    url = _create_initiative(page, "Buurtkamer De Aker")
    page.get_by_role("link", name="Evaluatie toevoegen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Evaluatie toevoegen")
    assert_accessible(page)
    rows = page.locator(".bk-measure-row")
    expect(rows).to_have_count(1)
    page.get_by_role("button", name="Uitkomstmaat toevoegen").click()
    expect(rows).to_have_count(2)
    # htmx listens on a new row's controls only once it has settled (and dropped the class
    # htmx-added): a choice made before that would go unnoticed.
    expect(page.locator(".htmx-added")).to_have_count(0)
    second = rows.nth(1)
    expect(page.get_by_role("group", name="Uitkomstmaat 2")).to_be_visible()
    second.get_by_label("Soort").select_option("proportion")
    expect(second.get_by_label("Gebeurtenissen", exact=True)).to_be_visible()
    expect(second.get_by_label("Sd voormeting")).to_have_count(0)
    screenshots.take(page)
    second.get_by_role("button", name="Uitkomstmaat 2 verwijderen").click()
    expect(rows).to_have_count(1)
    first = rows.nth(0)
    page.get_by_label("Datum evaluatie").fill("2013-05-01")
    page.get_by_label("Evaluator (organisatie of team)").fill("Hogeschool van Amsterdam")
    page.get_by_label("Opzet").select_option("voor-nameting")
    first.get_by_label("Indicator").select_option(index=1)
    for label, value in (("Gemiddelde voormeting", "5.5"), ("Sd voormeting", "1.2"),
                         ("Gemiddelde nameting", "6"), ("Sd nameting", "1.1"), ("n", "40"),
                         ("Correlatie voor–na", "0.5")):
        first.get_by_label(label, exact=True).fill(value)
    first.get_by_label("n", exact=True).press("Enter")  # Enter saves; it removes no row
    # Boosted, the redirect is followed by XMLHttpRequest, which drops the #evaluations.
    expect(page).to_have_url(re.compile(re.escape(url) + "(#evaluations)?$"))
    expect(page.get_by_text("Hogeschool van Amsterdam")).to_be_visible()
    assert_accessible(page)


def test_the_support_and_delete_pages_are_accessible(page: Page) -> None:
    url = _create_initiative(page, "Repair Café Osdorp")
    page.get_by_role("link", name="Ondersteuning toevoegen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ondersteuning toevoegen")
    assert_accessible(page)
    page.goto(url + "/delete")
    assert_accessible(page)
    page.get_by_role("button", name="Ja, verwijderen").click()
    expect(page).to_have_url(re.compile(r"/initiatives$"))
