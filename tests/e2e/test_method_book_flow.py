"""Issue 10's "done when": a researcher writes the method book of one stadsdeel through the
form, follows its progress until it is done, opens the book and downloads its PDF, whose
pages are rendered to PNG (poppler's pdftoppm) as test artefacts to look at."""

import io
import re
import shutil
import subprocess
from pathlib import Path

from playwright.sync_api import Page, expect
from pypdf import PdfReader

from tests.e2e.checks import assert_accessible
from tests.e2e.conftest import TabOpener
from tests.e2e.provision import pdftoppm
from tests.e2e.screenshots import ARTIFACTS, Screenshots

RESEARCHER = "onderzoeker"
STADSDEEL = "F"  # Nieuw-West: one stadsdeel keeps the book (and the test) small
PAGES_FOLDER = ARTIFACTS / "method-book-pages"
PNG_DPI = 60
# Writing the book of one stadsdeel on the demo data takes seconds; the page polls every 2 s.
BOOK_TIMEOUT_MS = 60_000
def ask_for_the_book(page: Page) -> None:
    page.goto("/methodiekboek")
    expect(page.get_by_role("heading", level=1)).to_have_text("Methodiekboek")
    assert_accessible(page)
    page.get_by_label("Stadsdeel").select_option(STADSDEEL)
    research = page.get_by_role("group", name="Voor wie").get_by_label(
        re.compile("^Voor onderzoek"))
    expect(research).to_be_checked()
    page.get_by_role("button", name="Boek schrijven").click()
    expect(page).to_have_url(re.compile(r"/methodiekboek/[0-9a-f-]{36}$"))


def follow_until_done(page: Page, screenshots: Screenshots) -> None:
    """The status region asks for itself again every two seconds until the book is done."""
    status = page.locator("#book-status")
    expect(status).to_contain_text("Stand:")
    screenshots.take(page, "progress")
    expect(status).to_contain_text("Klaar", timeout=BOOK_TIMEOUT_MS)
    expect(status).not_to_have_attribute("hx-trigger", re.compile("every"))
    expect(status).to_contain_text("Onderzoek")
    assert_accessible(page)
    screenshots.take(page, "done")


def render_pages(pdf: bytes, folder: Path) -> list[Path]:
    """One PNG per page, at a resolution for looking, not for print."""
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    source = folder / "methodiekboek.pdf"
    source.write_bytes(pdf)
    subprocess.run([pdftoppm(), "-r", str(PNG_DPI), "-png", str(source),
                    str(folder / "page")], check=True, timeout=300)
    return sorted(folder.glob("page-*.png"))


def test_a_researcher_writes_the_book_of_one_stadsdeel_and_downloads_its_pdf(
        page_as: TabOpener, screenshots: Screenshots) -> None:
    with page_as(RESEARCHER) as page:
        ask_for_the_book(page)
        follow_until_done(page, screenshots)
        pdf_link = page.get_by_role("link", name="Het boek als PDF")
        pdf_address = str(pdf_link.get_attribute("href"))
        page.get_by_role("link", name="Open het boek").click()
        expect(page.locator("#toc-title")).to_be_visible()
        expect(page.get_by_role("heading", level=1)).to_contain_text("Nieuw-West")
        assert_accessible(page)
        screenshots.take(page, "book")
        # The browser's own session (its cookie) fetches what the link points at.
        response = page.request.get(pdf_address)
        assert response.ok, response.status
        assert response.headers["content-type"] == "application/pdf"
        assert "attachment" in response.headers["content-disposition"]
        pdf = response.body()
    assert pdf.startswith(b"%PDF-")
    pages = len(PdfReader(io.BytesIO(pdf)).pages)
    assert pages >= 4
    rendered = render_pages(pdf, PAGES_FOLDER)
    assert len(rendered) == pages, [path.name for path in rendered]
    assert all(path.stat().st_size > 0 for path in rendered)
