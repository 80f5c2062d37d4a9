"""A list's row links open the whole page of what they name. The list swaps its results with
htmx when a page is turned; a boosted row link must not inherit that target, or the whole
page it opens lands inside the list (two headings, two menus)."""

import re

from playwright.sync_api import Page, expect


def test_a_professionals_row_opens_the_whole_professional_page(page: Page) -> None:
    page.goto("/professionals")
    first = page.locator("#results tbody a").first
    name = str(first.text_content()).strip()
    first.click()
    expect(page).to_have_url(re.compile(r"/professionals/[0-9a-f-]{36}$"))
    expect(page.get_by_role("heading", level=1)).to_have_count(1)
    expect(page.get_by_role("heading", level=1)).to_have_text(name)
    expect(page.get_by_role("navigation")).to_have_count(1)
