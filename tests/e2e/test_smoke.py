"""The first pages a person opens: the home page and the list of initiatives."""

import re

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.checks import assert_accessible, assert_page_weight, load_and_weigh
from tests.e2e.screenshots import Screenshots


@pytest.mark.parametrize(("path", "title"), [
    ("/", re.compile(r"Buurtkracht")),
    ("/initiatives", re.compile(r"^Initiatieven\b.*Buurtkracht")),
], ids=["home", "initiatives"])
def test_a_start_page_is_titled_accessible_and_light(
    page: Page, screenshots: Screenshots, path: str, title: re.Pattern[str],
) -> None:
    weight = load_and_weigh(page, path)
    screenshots.take(page)
    expect(page).to_have_title(title)
    expect(page.locator("h1")).to_have_count(1)
    expect(page.locator("h1")).to_be_visible()
    assert_page_weight(weight)
    assert_accessible(page)


def test_the_skip_link_takes_a_keyboard_user_to_the_main_content(
    page: Page, screenshots: Screenshots,
) -> None:
    page.goto("/initiatives")
    page.keyboard.press("Tab")
    skip_link = page.locator(":focus")
    expect(skip_link).to_have_attribute("href", "#main")
    box = skip_link.bounding_box()
    assert box is not None and box["width"] > 10 and box["height"] > 10, (
        f"the focused skip link is not visible: {box}")
    screenshots.take(page)
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/initiatives#main$"))
    expect(page.locator("main")).to_be_focused()
    screenshots.take(page)
