"""The whole errand of a district office in a browser, once with the mouse and once with the
keyboard only: create an initiative, add support and an evaluation with two outcome measures,
filter the list, compare two initiatives and two buurten. Every page reached is checked with
axe-core and kept as a screenshot."""

import re
from typing import Protocol

from playwright.sync_api import Locator, Page, expect

from tests.e2e.checks import assert_accessible
from tests.e2e.screenshots import Screenshots

MAX_KEY_PRESSES = 400


class Person(Protocol):
    """How the person works the page: every step goes through one of these."""

    def fill(self, field: Locator, text: str) -> None: ...
    def fill_date(self, field: Locator, iso: str) -> None: ...
    def choose(self, field: Locator, label: str | None = None) -> None: ...
    def tick(self, box: Locator) -> None: ...
    def press(self, control: Locator) -> None: ...


class Mouse:
    def __init__(self, page: Page) -> None:
        self.page = page

    def fill(self, field: Locator, text: str) -> None:
        field.click()
        field.fill(text)

    def fill_date(self, field: Locator, iso: str) -> None:
        self.fill(field, iso)

    def choose(self, field: Locator, label: str | None = None) -> None:
        field.click()
        if label is None:
            field.select_option(index=1)
        else:
            field.select_option(label=label)

    def tick(self, box: Locator) -> None:
        box.check()

    def press(self, control: Locator) -> None:
        control.click()


class Keyboard:
    """Only page.keyboard: Tab and Shift+Tab to move, typing, arrow keys, Space and Enter."""

    def __init__(self, page: Page) -> None:
        self.page = page

    def _focused(self, target: Locator) -> bool:
        return bool(target.evaluate("element => element === document.activeElement"))

    def _target_is_before_focus(self, target: Locator) -> bool:
        return bool(target.evaluate(
            "element => !!document.activeElement && document.activeElement !== document.body"
            " && !!(element.compareDocumentPosition(document.activeElement)"
            " & Node.DOCUMENT_POSITION_FOLLOWING)"))

    def focus(self, target: Locator) -> None:
        expect(target).to_be_visible()
        key = "Shift+Tab" if self._target_is_before_focus(target) else "Tab"
        for _ in range(MAX_KEY_PRESSES):
            if self._focused(target):
                return
            self.page.keyboard.press(key)
        raise AssertionError(f"{key} never reached {target}")

    def fill(self, field: Locator, text: str) -> None:
        self.focus(field)
        self.page.keyboard.press("Control+A")
        self.page.keyboard.press("Delete")
        self.page.keyboard.type(text)

    def fill_date(self, field: Locator, iso: str) -> None:
        """Typed digit by digit into the field's segments. Headless Chromium lays the date
        field out month, day, year whatever the context's locale; day first is tried next."""
        year, month, day = iso.split("-")
        self.focus(field)
        self.page.keyboard.type(month + day + year)
        if field.input_value() != iso:
            self.page.keyboard.press("Shift+Tab")
            self.page.keyboard.press("Shift+Tab")
            self.page.keyboard.type(day + month + year)
        expect(field).to_have_value(iso)

    def choose(self, field: Locator, label: str | None = None) -> None:
        self.focus(field)
        for _ in range(MAX_KEY_PRESSES):
            chosen = field.evaluate("select => select.options[select.selectedIndex].label")
            if (label is None and field.input_value()) or chosen == label:
                return
            self.page.keyboard.press("ArrowDown")
        raise AssertionError(f"the arrow keys never chose {label!r} in {field}")

    def tick(self, box: Locator) -> None:
        self.focus(box)
        if not box.is_checked():
            self.page.keyboard.press("Space")
        expect(box).to_be_checked()

    def press(self, control: Locator) -> None:
        self.focus(control)
        self.page.keyboard.press("Enter")


def _checked(page: Page, screenshots: Screenshots) -> None:
    assert_accessible(page)
    screenshots.take(page)


def _create(person: Person, page: Page, title: str) -> str:
    page.goto("/initiatives")
    person.press(page.get_by_role("link", name="Nieuw initiatief"))
    # The list's search field is labelled "… titel …" too: wait for the form itself.
    expect(page.get_by_role("heading", level=1)).to_have_text("Nieuw initiatief")
    person.fill(page.get_by_label("Titel", exact=True), title)
    person.choose(page.get_by_label("Status"), "Idee")
    person.choose(page.get_by_label("Organisatievorm"))
    person.choose(page.get_by_label("Participatieniveau"))
    person.choose(page.get_by_label("Buurt", exact=True), "Meerwaldtbuurt (FD03)")
    person.choose(page.get_by_label("Soort initiatiefnemer"))
    person.tick(page.get_by_label("Groen", exact=True))
    person.press(page.get_by_role("button", name="Opslaan"))
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    return page.url


def _errand(person: Person, page: Page, screenshots: Screenshots, word: str) -> None:
    first, second = f"Proeftuin {word} Noord", f"Proeftuin {word} Zuid"
    _create(person, page, second)
    url = _create(person, page, first)
    _checked(page, screenshots)

    # A support episode.
    person.press(page.get_by_role("link", name="Ondersteuning toevoegen"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Ondersteuning toevoegen")
    _checked(page, screenshots)
    person.choose(page.get_by_label("Professional", exact=True))
    person.fill_date(page.get_by_label("Startdatum"), "2024-01-10")
    person.fill(page.get_by_label("Uren"), "12")
    person.tick(page.get_by_role("group", name="Soorten steun").get_by_role("checkbox").first)
    person.press(page.get_by_role("button", name="Opslaan"))
    expect(page.get_by_role("heading", level=1)).to_have_text(first)
    expect(page.get_by_text("12")).not_to_have_count(0)
    _checked(page, screenshots)

    # An evaluation with two outcome measures, the second row added in place.
    person.press(page.get_by_role("link", name="Evaluatie toevoegen"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Evaluatie toevoegen")
    person.fill_date(page.get_by_label("Datum evaluatie"), "2024-05-01")
    person.fill(page.get_by_label("Evaluator (organisatie of team)"), f"Hogeschool {word}")
    person.choose(page.get_by_label("Opzet"), "Voor- en nameting")
    rows = page.locator(".bk-measure-row")
    person.press(page.get_by_role("button", name="Uitkomstmaat toevoegen"))
    expect(rows).to_have_count(2)
    _checked(page, screenshots)
    for row in (rows.nth(0), rows.nth(1)):
        person.choose(row.get_by_label("Indicator"))
        for label, value in (("Gemiddelde voormeting", "5.5"), ("Sd voormeting", "1.2"),
                             ("Gemiddelde nameting", "6"), ("Sd nameting", "1.1"),
                             ("n", "40"), ("Correlatie voor–na", "0.5")):
            person.fill(row.get_by_label(label, exact=True), value)
    person.press(page.get_by_role("button", name="Opslaan"))
    expect(page).to_have_url(re.compile(re.escape(url) + "(#evaluations)?$"))
    expect(page.get_by_text(f"Hogeschool {word}")).to_be_visible()
    _checked(page, screenshots)

    # Filter the list, tick both, compare.
    page.goto("/initiatives")
    _checked(page, screenshots)
    person.fill(page.get_by_label("Zoeken in titel en samenvatting"), f"Proeftuin {word}")
    links = page.locator("#results").get_by_role("link", name=re.compile(f"Proeftuin {word}"))
    expect(links).to_have_count(2)
    expect(page).to_have_url(re.compile(r"[?&]q=Proeftuin"))
    _checked(page, screenshots)
    person.tick(page.get_by_label(f"Vergelijk {first}", exact=True))
    person.tick(page.get_by_label(f"Vergelijk {second}", exact=True))
    person.press(page.get_by_role("button", name="Vergelijk de gekozen initiatieven"))
    table = page.locator("#comparison table")
    expect(table).to_be_visible()
    expect(table.get_by_role("link", name=first)).to_be_visible()
    expect(table.get_by_role("link", name=second)).to_be_visible()
    _checked(page, screenshots)

    # Two buurten, added by code.
    page.goto("/compare/buurten")
    _checked(page, screenshots)
    field = page.get_by_label("Buurt toevoegen: zoek op naam of typ de code")
    person.fill(field, "FD03")
    person.press(page.get_by_role("button", name="Vergelijken"))
    expect(page.get_by_role("checkbox", name=re.compile(r"\(FD03\)"))).to_be_checked()
    person.fill(field, "AA01")
    person.press(page.get_by_role("button", name="Vergelijken"))
    expect(page.locator("#comparison table")).to_be_visible()
    _checked(page, screenshots)


def test_a_person_does_the_errand_with_the_mouse(page: Page, screenshots: Screenshots) -> None:
    _errand(Mouse(page), page, screenshots, "Muis")


def test_a_person_does_the_errand_with_the_keyboard_only(
    page: Page, screenshots: Screenshots,
) -> None:
    _errand(Keyboard(page), page, screenshots, "Toetsenbord")
