"""Issue 9: a researcher uploads an interview about three initiatives with effects, codes
three passages (one selected with the keyboard, one with the mouse, one as a whole
paragraph), finds them under the code, and sees the code beside the outcomes.

The interview holds an emoji before every coded passage: the browser counts the selection in
UTF-16 code units, the API in code points, and coding.js converts. A wrong count would code
a passage one character off, which the quotes below would show.
"""

import re
import uuid

from playwright.sync_api import Locator, Page, expect

from tests.e2e.accounts import api_get, api_send, api_token
from tests.e2e.checks import assert_accessible
from tests.e2e.conftest import TabOpener
from tests.e2e.servers import Servers

RESEARCHER = "onderzoeker"
INTERVIEW = ("Interview met de voorzitter 😀 over de speeltuin.\n\n"
             "De buurtwerker hielp ons met de aanvraag.\n\n"
             "Daarna kwamen er elke week meer bewoners.\n\n"
             "Nu draait het zonder hulp.")
LAST_LINE = "Nu draait het zonder hulp."
THIRD_PARAGRAPH = "Daarna kwamen er elke week meer bewoners."


def _setting(servers: Servers) -> tuple[str, list[dict[str, str]]]:
    """A code of this test's own (so its segments are these alone), and three initiatives with
    an effect (so the code has a pooled effect to show beside it)."""
    token = api_token(servers)
    code = api_send(servers, token, "POST", "/v1/codes",
                    {"name": f"Zelfredzaamheid e2e {uuid.uuid4().hex[:6]}"})
    effects = api_get(servers, token, "/v1/analysis/effects")["overall"]["initiatives"]
    return code["name"], [{"id": item["id"], "title": item["title"]} for item in effects[:3]]


def _upload(page: Page, initiatives: list[dict[str, str]]) -> None:
    page.goto("/verslagen/nieuw?" + "&".join(f"initiative={item['id']}" for item in initiatives))
    for item in initiatives:
        expect(page.get_by_label(item["title"])).to_be_checked()
    page.get_by_label("Soort verslag", exact=True).select_option(label="Diepte-interview")
    page.get_by_label("Titel", exact=True).fill("Interview met de voorzitter")
    page.get_by_label("Datum", exact=True).fill("2024-05-02")
    page.get_by_label("Bestand met de tekst (niet verplicht)").set_input_files(
        {"name": "interview.txt", "mimeType": "text/plain", "buffer": INTERVIEW.encode()})
    page.get_by_role("button", name="Tekst uit het bestand overnemen").click()
    expect(page.get_by_role("status")).to_contain_text("interview.txt")
    expect(page.locator("#f-text")).to_have_value(INTERVIEW)
    assert_accessible(page)
    page.get_by_role("button", name="Opslaan").last.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Interview met de voorzitter")


def _selected(source: Locator) -> str:
    return str(source.evaluate("el => el.value.slice(el.selectionStart, el.selectionEnd)"))


def _code_selection(page: Page, code: str, quote: str) -> None:
    page.locator("#f-selection-code").select_option(label=code)
    page.get_by_role("button", name="Codeer de selectie").click()
    expect(page.locator("#coding-status")).to_contain_text("gecodeerd")
    expect(page.locator("td.bk-quote", has_text=quote)).to_have_count(1)


def _select_by_keyboard(page: Page) -> str:
    """The last line: the caret to the end of the text, then Shift+Home."""
    source = page.get_by_label("Tekst van het verslag (alleen lezen)")
    source.focus()
    page.keyboard.press("Control+End")
    page.keyboard.press("Shift+Home")
    return _selected(source)


def _select_by_mouse(page: Page) -> str:
    """A double click on a word of the second paragraph (the third line of the textarea)."""
    source = page.get_by_label("Tekst van het verslag (alleen lezen)")
    box = source.bounding_box()
    assert box is not None
    top, line = source.evaluate(
        "el => [parseFloat(getComputedStyle(el).paddingTop),"
        " parseFloat(getComputedStyle(el).lineHeight)]")
    page.mouse.dblclick(box["x"] + 40, box["y"] + top + 2.5 * line)
    return _selected(source)


def test_a_researcher_uploads_an_interview_codes_it_and_finds_the_code(
        page_as: TabOpener, servers: Servers) -> None:
    code, initiatives = _setting(servers)
    with page_as(RESEARCHER) as page:
        _upload(page, initiatives)
        assert_accessible(page)
        record_url = page.url

        assert _select_by_keyboard(page) == LAST_LINE
        _code_selection(page, code, LAST_LINE)
        word = _select_by_mouse(page)
        assert re.fullmatch(r"\w+", word) and word in "De buurtwerker hielp ons met", word
        _code_selection(page, code, word)
        page.get_by_label("Alinea 3", exact=True).check()
        page.locator("#f-paragraph-code").select_option(label=code)
        page.get_by_role("button", name="Codeer de gekozen alinea's").click()
        expect(page.locator("td.bk-quote", has_text=THIRD_PARAGRAPH)).to_have_count(1)
        # Marked in the readable text too: brackets with the coding's number.
        expect(page.locator("#paragraph-4-text mark")).to_have_text(LAST_LINE)
        assert_accessible(page)

        page.get_by_role("link", name=code).first.click()
        expect(page.get_by_role("heading", level=1)).to_contain_text(code)
        expect(page.locator("#segments-count")).to_contain_text("3 gecodeerde fragmenten")
        for quote in (LAST_LINE, word, THIRD_PARAGRAPH):
            expect(page.locator("blockquote", has_text=quote).first).to_be_visible()
        expect(page.get_by_role("link", name="Interview met de voorzitter")).to_have_attribute(
            "href", record_url.split(servers.web, 1)[1])
        assert_accessible(page)

        page.goto("/codes/uitkomsten")
        row = page.locator("#outcomes-table tr", has_text=code)
        expect(row).to_have_count(1)
        # One record, about three initiatives, and their pooled effect beside the code.
        expect(row.locator("td").nth(0)).to_have_text("1")
        expect(row.locator("td").nth(1)).to_have_text("3")
        expect(row.locator("td").nth(2)).to_contain_text("(3 initiatieven)")
        assert_accessible(page)
