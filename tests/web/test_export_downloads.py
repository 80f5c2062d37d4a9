"""Downloads in the web, passed on from the real API: the initiatives list's links carry its
filters, and each file arrives with the API's type and file name; only known tables."""

import csv
import html
import io
import re
import zipfile

import openpyxl
import pytest
from sqlmodel import Session
from starlette.testclient import TestClient

from tests.api.builders import make_initiative
from tests.web.conftest import HTMX, WebFactory

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _links(page: str) -> list[str]:
    return [html.unescape(href) for href in re.findall(r'href="(/export/[^"]+)"', page)]


def test_the_list_offers_downloads_with_its_filters(web: TestClient, session: Session) -> None:
    make_initiative(session, title="Moestuin Noord", status="idee")
    page = web.get("/initiatives?q=Moestuin&status=idee&sort=-title").text
    links = _links(page)
    assert "/export/initiatives?format=csv&q=Moestuin&status=idee" in links
    assert "/export/initiatives?format=xlsx&q=Moestuin&status=idee" in links
    assert "/export/initiatives?format=json&q=Moestuin&status=idee" in links
    assert {"/export/all?format=zip", "/export/open-data"} <= set(links)
    assert 'download hx-boost="false"' in page  # a file, not a page for htmx to swap in
    filtered = web.get("/initiatives?q=Moestuin&area=F", headers=HTMX).text
    assert "/export/initiatives?format=csv&q=Moestuin&area=F" in _links(filtered)


def test_the_csv_holds_only_the_filtered_initiatives(web: TestClient, session: Session) -> None:
    make_initiative(session, title="Moestuin Noord", status="idee")
    make_initiative(session, title="Taalcafé Zuid", status="idee")
    response = web.get("/export/initiatives?format=csv&q=Noord&status=idee&lang=en&sort=x")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    assert re.fullmatch(r'attachment; filename="buurtkracht-initiatives-[0-9-]+\.csv"',
                        response.headers["content-disposition"])
    assert response.headers["cache-control"] == "no-store"
    text = response.content.decode("utf-8-sig")
    delimiter = ";" if text.splitlines()[0].count(";") > text.splitlines()[0].count(",") else ","
    rows = list(csv.reader(io.StringIO(text), delimiter=delimiter))
    flat = [cell for row in rows[1:] for cell in row]
    assert "Moestuin Noord" in flat and "Taalcafé Zuid" not in flat


def test_excel_and_json_come_with_their_own_types(web: TestClient, session: Session) -> None:
    make_initiative(session, title="Moestuin Noord")
    workbook = web.get("/export/initiatives?format=xlsx")
    assert workbook.headers["content-type"] == XLSX
    openpyxl.load_workbook(io.BytesIO(workbook.content))
    data = web.get("/export/initiatives?format=json")
    assert data.headers["content-type"].startswith("application/json")
    assert "Moestuin Noord" in data.text


def test_the_template_and_the_field_list_of_a_table(web: TestClient) -> None:
    template = web.get("/import/templates/initiatives")
    assert template.status_code == 200
    assert template.headers["content-type"] == XLSX
    assert "sjabloon.xlsx" in template.headers["content-disposition"]
    sheet = openpyxl.load_workbook(io.BytesIO(template.content)).worksheets[0]
    headers = [cell.value for cell in sheet[1]]
    assert {"Referentie", "Titel", "Buurt", "Status"} <= set(headers)
    fields = web.get("/import/fields/initiatives")
    assert fields.headers["content-type"].startswith("text/csv")
    assert "attachment" in fields.headers["content-disposition"]


def test_everything_and_the_open_data_are_zip_files(web: TestClient) -> None:
    for path in ("/export/all?format=zip", "/export/open-data"):
        response = web.get(path)
        assert response.headers["content-type"] == "application/zip", path
        assert zipfile.ZipFile(io.BytesIO(response.content)).namelist(), path
    assert web.get("/export/all?format=xlsx").headers["content-type"] == XLSX


@pytest.mark.parametrize("path", ["/export/accounts", "/export/%2e%2e", "/import/templates/x",
                                  "/import/fields/api-tokens", "/export/initiatives?format=pdf",
                                  "/export/all?format=csv"])
def test_only_known_tables_and_formats_are_asked_for(web: TestClient, path: str) -> None:
    assert web.get(path).status_code == 404


def test_a_viewer_may_download_too(web_as: WebFactory, session: Session) -> None:
    make_initiative(session, title="Moestuin Noord")
    viewer = web_as("viewer")
    assert "/export/initiatives?format=csv" in _links(viewer.get("/initiatives").text)
    assert viewer.get("/export/initiatives?format=csv").status_code == 200
