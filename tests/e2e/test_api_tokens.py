"""An administrator makes an API token in a browser, reads it from the page that shows it
once, and another system gets in with it; revoked through the confirmation page, the API
refuses it at once. The list, the form and that page pass axe."""

import re
import urllib.error
import urllib.request

from playwright.sync_api import Page, expect

from tests.e2e.accounts import ADMIN, DEMO_PASSWORD, TIMEOUT_SECONDS
from tests.e2e.checks import assert_accessible
from tests.e2e.screenshots import Screenshots
from tests.e2e.servers import Servers

NAME = "Koppeling kennisbank (browsertest)"


def _status_with_token(servers: Servers, token: str, path: str = "/v1/initiatives") -> int:
    """What the API answers another system that sends this token."""
    url = servers.api + path
    assert url.startswith("http://127.0.0.1:"), url  # only our own server is ever opened
    request = urllib.request.Request(  # noqa: S310 (checked above)
        url, headers={"Authorization": f"Bearer {token}"})
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as answer:  # noqa: S310
            return int(answer.status)
    except urllib.error.HTTPError as refusal:
        return refusal.code


def _sign_in_as_admin(page: Page) -> None:
    page.goto("/admin/api-tokens")
    expect(page).to_have_url(re.compile(r"/login\?next="))
    page.get_by_label("Gebruikersnaam", exact=True).fill(ADMIN)
    page.get_by_label("Wachtwoord", exact=True).fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Aanmelden", exact=True).click()
    expect(page).to_have_url(re.compile(r"/admin/api-tokens$"))


def _make_token(page: Page, screenshots: Screenshots) -> str:
    page.get_by_role("link", name="Nieuwe API-sleutel").click()
    expect(page.locator("h1")).to_have_text("Nieuwe API-sleutel")
    assert_accessible(page)
    page.get_by_role("button", name="API-sleutel maken").click()  # nothing filled in
    expect(page.get_by_role("alert").filter(has_text="Controleer het formulier")).to_be_visible()
    expect(page.locator("#f-name")).to_have_attribute("aria-invalid", "true")
    screenshots.take(page, "refused")
    assert_accessible(page)
    page.get_by_label("Naam", exact=True).fill(NAME)
    page.get_by_label("Rol", exact=True).select_option(label="Redacteur")
    page.get_by_label("Nieuw-West", exact=True).check()
    page.get_by_role("button", name="API-sleutel maken").click()
    expect(page.locator("h1")).to_have_text("API-sleutel gemaakt")
    expect(page.get_by_role("alert")).to_contain_text("maar één keer")
    token = page.get_by_label(re.compile("De API-sleutel voor")).input_value()
    assert token.startswith("bk_"), token
    assert token not in page.url
    screenshots.take(page, "shown-once")
    assert_accessible(page)
    return token


def test_an_administrator_makes_a_token_that_works_and_revokes_it(
    anonymous_page: Page, servers: Servers, screenshots: Screenshots,
) -> None:
    page = anonymous_page
    _sign_in_as_admin(page)
    expect(page.get_by_role("navigation").get_by_role("link", name="API-sleutels")
           ).to_have_attribute("aria-current", "page")
    token = _make_token(page, screenshots)
    assert _status_with_token(servers, token) == 200

    page.get_by_role("link", name="Klaar: naar de API-sleutels").click()
    expect(page.locator("h1")).to_have_text("API-sleutels")
    expect(page.get_by_text(token)).to_have_count(0)
    assert token not in page.content()
    row = page.get_by_role("row").filter(has_text=NAME)
    expect(row).to_contain_text("Actief")
    expect(row).to_contain_text("Nieuw-West")
    assert_accessible(page)

    row.get_by_role("link", name=re.compile("^Intrekken")).click()
    expect(page.locator("h1")).to_have_text("API-sleutel intrekken")
    assert_accessible(page)
    page.get_by_role("button", name="Ja, intrekken").click()
    expect(page.get_by_role("status")).to_contain_text(f"„{NAME}” is ingetrokken")
    expect(page.get_by_role("row").filter(has_text=NAME)).to_contain_text("Ingetrokken")
    screenshots.take(page, "revoked")
    assert_accessible(page)
    assert _status_with_token(servers, token) == 401
    for log in servers.logs.glob("*.log"):
        assert token not in log.read_text(errors="replace"), log.name
