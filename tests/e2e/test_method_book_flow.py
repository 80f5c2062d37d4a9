"""Issue 10's "done when": a researcher writes the method book of one stadsdeel through the
form, follows its progress (htmx asks again until it is done), downloads its PDF by its link,
whose pages are rendered to PNG (poppler's pdftoppm) as test artefacts to look at, finds the
book in the list and opens it."""

import io
import re
import shutil
import subprocess
from pathlib import Path

from PIL import Image
from playwright.sync_api import Page, Request, expect
from pypdf import PdfReader

from tests.e2e.checks import assert_accessible
from tests.e2e.conftest import TabOpener
from tests.e2e.provision import pdftoppm
from tests.e2e.screenshots import ARTIFACTS, Screenshots
from tests.printed_pages import SIDE_MARGIN_CM, past_the_margin

RESEARCHER = "onderzoeker"
STADSDEEL = "F"  # Nieuw-West: one stadsdeel keeps the book (and the test) small
STADSDEEL_NAME = "Nieuw-West"
PAGES_FOLDER = ARTIFACTS / "method-book-pages"
PNG_DPI = 60
# Writing the book of one stadsdeel on the demo data takes seconds; the page polls every 2 s.
BOOK_TIMEOUT_MS = 60_000
NOT_DONE = re.compile(r"^Stand: (In de wachtrij|Wordt geschreven)$")


class Polls:
    """The htmx requests for the book's page (not boosted: the status part asking again)."""

    def __init__(self) -> None:
        self.seen: list[str] = []
        self.book_path = ""

    def record(self, request: Request) -> None:  # a method: Playwright cannot wrap builtins
        headers = request.headers
        if (self.book_path and request.url.endswith(self.book_path)
                and headers.get("hx-request") == "true" and "hx-boosted" not in headers):
            self.seen.append(request.url)


def ask_for_the_book(page: Page) -> str:
    """The form sent; the book's page shows its first state. The address of that page."""
    page.goto("/methodiekboek")
    expect(page.get_by_role("heading", level=1)).to_have_text("Methodiekboek")
    assert_accessible(page)
    page.get_by_label("Stadsdeel").select_option(STADSDEEL)
    research = page.get_by_role("group", name="Voor wie").get_by_label(
        re.compile("^Voor onderzoek"))
    expect(research).to_be_checked()
    page.get_by_role("button", name="Boek schrijven").click()
    expect(page).to_have_url(re.compile(r"/methodiekboek/[0-9a-f-]{36}$"))
    # Right after asking, the book is not done yet: the page shows it is on its way.
    expect(page.get_by_role("status")).to_have_text(NOT_DONE)
    return re.sub(r"^https?://[^/]+", "", page.url)


def follow_until_done(page: Page, polls: Polls, screenshots: Screenshots) -> None:
    """The status part asks for itself again every two seconds until the book is done."""
    screenshots.take(page, "progress")
    expect(page.locator("#book-status-sentence strong")).to_have_text(
        "Stand: Klaar", timeout=BOOK_TIMEOUT_MS)
    assert polls.seen, "the page never asked for the book's state again"
    expect(page.locator("main")).not_to_contain_text("Mislukt")
    expect(page.locator("#book-status")).not_to_have_attribute("hx-trigger", re.compile("every"))
    expect(page.locator("main")).to_contain_text("Onderzoek")
    assert_accessible(page)
    screenshots.take(page, "done")


def download_the_pdf(page: Page) -> bytes:
    """By its link, as a reader would: the browser saves a file."""
    with page.expect_download(timeout=BOOK_TIMEOUT_MS) as info:  # rendered when asked
        page.get_by_role("link", name="Het boek als PDF").click()
    download = info.value
    assert download.suggested_filename.endswith(".pdf"), download.suggested_filename
    return download.path().read_bytes()


def open_from_the_list(page: Page, book_path: str) -> None:
    """The book's row in the list leads to its whole page, not into the list (boosted)."""
    page.goto("/methodiekboek")
    page.locator(f'a[href="{book_path}"]').click()
    expect(page).to_have_url(re.compile(re.escape(book_path) + "$"))
    expect(page.get_by_role("heading", level=1)).to_have_count(1)
    expect(page.get_by_role("navigation")).to_have_count(1)
    expect(page.get_by_role("heading", level=1)).to_contain_text(STADSDEEL_NAME)


def render_pages(pdf: bytes, folder: Path) -> list[Path]:
    """One PNG per page, at a resolution for looking, not for print."""
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    source = folder / "methodiekboek.pdf"
    source.write_bytes(pdf)
    subprocess.run([pdftoppm(), "-r", str(PNG_DPI), "-png", str(source),
                    str(folder / "page")], check=True, timeout=300)
    return sorted(folder.glob("page-*.png"))


def inked_margins(png: Path) -> list[str]:
    """The margins of a rendered page that hold ink (the outer 1.5 cm of the 2 cm at the
    sides and of the top): something ran off the page. The foot holds the page number."""
    image = Image.open(png).convert("L")
    width, height = image.size
    band = round((SIDE_MARGIN_CM - 0.5) / 2.54 * PNG_DPI)
    bands = {"left": (0, 0, band, height), "right": (width - band, 0, width, height),
             "top": (0, 0, width, band)}
    return [name for name, box in bands.items() if image.crop(box).getextrema()[0] < 200]


def test_a_researcher_writes_the_book_of_one_stadsdeel_and_downloads_its_pdf(
        page_as: TabOpener, screenshots: Screenshots) -> None:
    pdftoppm()  # first: without poppler the test is skipped before any browser work
    polls = Polls()
    with page_as(RESEARCHER) as page:
        page.on("request", polls.record)
        polls.book_path = book_path = ask_for_the_book(page)
        follow_until_done(page, polls, screenshots)
        pdf = download_the_pdf(page)
        open_from_the_list(page, book_path)
        page.get_by_role("link", name="Open het boek").click()
        expect(page.locator("#toc-title")).to_be_visible()
        expect(page.get_by_role("heading", level=1)).to_contain_text(STADSDEEL_NAME)
        assert_accessible(page)
        screenshots.take(page, "book")
    assert pdf.startswith(b"%PDF-")
    reader = PdfReader(io.BytesIO(pdf))
    # The title may break after the hyphen ("Nieuw-" / "West"): the text joins it again.
    title_page = re.sub(r"-\s+", "-", reader.pages[0].extract_text())
    assert STADSDEEL_NAME in title_page, title_page[:200]
    rendered = render_pages(pdf, PAGES_FOLDER)
    assert len(rendered) == len(reader.pages) >= 4, [path.name for path in rendered]
    assert all(path.stat().st_size > 0 for path in rendered)
    assert past_the_margin(reader) == []
    assert [(path.name, inked_margins(path)) for path in rendered if inked_margins(path)] == []
