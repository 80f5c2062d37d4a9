"""A district editor imports initiatives in a browser: downloads the Excel template, fills in
two rows (one wrong), sees the check find the wrong row while the page follows the job, fixes
it, checks again, imports, and finds both initiatives in the list. The import page and each
report pass axe."""

import re
from pathlib import Path

import openpyxl
from playwright.sync_api import Page, expect

from tests.e2e.accounts import DEMO_PASSWORD, NIEUW_WEST_EDITOR
from tests.e2e.checks import assert_accessible
from tests.e2e.screenshots import Screenshots

# The jobs run on the API's background workers: the page follows them for a while.
JOB_MS = 30_000
WORD = "Importproef"
ROWS = [
    {"Referentie": "E2E-IMPORT-1", "Titel": f"Buurtmoestuin {WORD}",
     "Samenvatting": "Bewoners leggen samen een moestuin aan.", "Buurt": "FD03",
     "Organisatievorm": "bewonersinitiatief", "Initiatiefnemer (soort)": "bewonersgroep",
     "Participatieniveau": "coproduceren", "Status": "in-uitvoering",
     "Startdatum": "01-04-2010"},
    {"Referentie": "E2E-IMPORT-2", "Titel": f"Taalcafé {WORD}",
     "Samenvatting": "Wekelijks Nederlands oefenen.", "Buurt": "FD03",
     "Organisatievorm": "bewonersinitiatief", "Initiatiefnemer (soort)": "bewonersgroep",
     "Participatieniveau": "raadplegen", "Status": "lopendd", "Startdatum": "15-09-2011"},
]


def _sign_in(page: Page) -> None:
    page.get_by_label("Gebruikersnaam", exact=True).fill(NIEUW_WEST_EDITOR)
    page.get_by_label("Wachtwoord", exact=True).fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Aanmelden", exact=True).click()


def _download_template(page: Page, folder: Path) -> Path:
    with page.expect_download() as info:
        page.get_by_role("link", name=re.compile(r"^Sjabloon downloaden \(Excel\)\W+Initiatieven$")
                         ).click()
    download = info.value
    assert download.suggested_filename == "buurtkracht-initiatives-sjabloon.xlsx"
    saved = folder / download.suggested_filename
    download.save_as(saved)
    return saved


def _filled(template: Path, rows: list[dict[str, str]], target: Path) -> Path:
    """The template with these rows under its header row, as a person fills it in."""
    workbook = openpyxl.load_workbook(template)
    sheet = workbook.worksheets[0]
    columns = {cell.value: cell.column for cell in sheet[1] if cell.value}
    for number, row in enumerate(rows, start=2):
        for header, value in row.items():
            sheet.cell(row=number, column=columns[header], value=value)
    workbook.save(target)
    return target


def _check(page: Page, file: Path) -> None:
    """Send the file from the import page; the job's page follows."""
    page.get_by_label("Tabel").select_option(label="Initiatieven")
    page.get_by_label("Bestand").set_input_files(file)
    page.get_by_role("button", name="Controleren").click()
    expect(page).to_have_url(re.compile(r"/import/[0-9a-f-]{36}$"))


def _checked(page: Page, screenshots: Screenshots) -> None:
    assert_accessible(page)
    screenshots.take(page)


def test_an_editor_imports_initiatives_from_the_template(
    anonymous_page: Page, screenshots: Screenshots, tmp_path: Path,
) -> None:
    page = anonymous_page
    page.goto("/import")
    expect(page).to_have_url(re.compile(r"/login\?next="))
    _sign_in(page)
    expect(page).to_have_url(re.compile(r"/import$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Gegevens importeren")
    expect(page.get_by_role("link", name="Importeren", exact=True)).to_have_attribute(
        "aria-current", "page")
    _checked(page, screenshots)
    template = _download_template(page, tmp_path)

    # A wrong status: the check finds it, while the page follows the job by itself.
    _check(page, _filled(template, ROWS, tmp_path / "initiatieven.xlsx"))
    status = page.locator("#import-status")
    expect(status).to_contain_text("Gecontroleerd: 2 rijen, 1 probleem", timeout=JOB_MS)
    problems = page.get_by_role("table", name=re.compile("Problemen in het bestand"))
    expect(problems.get_by_role("row", name=re.compile(r"^3 Status lopendd"))).to_be_visible()
    expect(page.get_by_role("button", name="Importeren")).to_have_count(0)
    _checked(page, screenshots)

    # Fixed and sent again from the link back; now it can be imported.
    page.get_by_role("link", name="Een verbeterd bestand controleren").click()
    expect(page.get_by_label("Tabel")).to_have_value("initiatives")
    fixed = [ROWS[0], {**ROWS[1], "Status": "idee"}]
    _check(page, _filled(template, fixed, tmp_path / "initiatieven-verbeterd.xlsx"))
    expect(status).to_contain_text("Gecontroleerd: 2 rijen, geen problemen.", timeout=JOB_MS)
    _checked(page, screenshots)

    page.get_by_role("button", name="Importeren").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Import van een bestand")
    expect(status).to_contain_text("Geïmporteerd: 2 nieuw, 0 bijgewerkt, 0 ongewijzigd.",
                                   timeout=JOB_MS)
    _checked(page, screenshots)

    page.get_by_role("link", name="Bekijk de initiatieven").click()
    expect(page).to_have_url(re.compile(r"/initiatives$"))
    page.get_by_label("Zoeken in titel en samenvatting").fill(WORD)
    results = page.locator("#results")
    expect(results.get_by_role("link", name=f"Buurtmoestuin {WORD}")).to_be_visible()
    expect(results.get_by_role("link", name=f"Taalcafé {WORD}")).to_be_visible()
    _checked(page, screenshots)
