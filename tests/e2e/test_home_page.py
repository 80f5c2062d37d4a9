"""The home page in a browser: the map's buurten are links a keyboard reaches and sees."""

import re

from playwright.sync_api import Page, expect

from tests.e2e.checks import assert_accessible
from tests.e2e.screenshots import Screenshots

BUURTEN_2022 = 518


def test_the_map_links_every_buurt_and_shows_keyboard_focus(
    page: Page, screenshots: Screenshots,
) -> None:
    page.goto("/")
    links = page.locator("svg.bk-map__svg a")
    expect(links).to_have_count(BUURTEN_2022)
    first = links.first
    href = first.get_attribute("href") or ""
    first.focus()
    expect(first).to_be_focused()
    path = first.locator("path")
    fill = path.evaluate("element => getComputedStyle(element).fill")
    assert fill == "rgb(255, 230, 0)", f"a focused buurt is not marked: fill {fill}"
    screenshots.take(page, "focus")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(re.escape(href) + "$"))
    expect(page.locator("h1")).to_be_visible()


def test_the_table_behind_the_map_opens_and_stays_accessible(
    page: Page, screenshots: Screenshots,
) -> None:
    page.goto("/")
    page.locator("#map-table summary").click()
    rows = page.locator("#map-table tbody tr")
    expect(rows).to_have_count(BUURTEN_2022)
    screenshots.take(page, "table")
    assert_accessible(page)
