"""Exports: every table as CSV, XLSX and JSON with its field dictionary and source; filters
apply; personal cells only for those who may read them; open data without them; formulas
neutralised."""

import csv
import io
import zipfile
from collections.abc import Callable
from typing import Any

import openpyxl
import pytest
from sqlmodel import Session
from starlette.testclient import TestClient

from api.exports.service import ATTRIBUTION
from tests.api.builders import (
    BUURT_AA01,
    make_evaluation,
    make_indicator,
    make_initiative,
    make_professional,
    make_support_episode,
    pre_post_measure,
)

HYPERLINK = '=HYPERLINK("http://evil.example","klik")'


@pytest.fixture
def data(session: Session) -> dict[str, Any]:
    moestuin = make_initiative(session, externalRef="INI-1", initiatorName="Stichting Groen")
    plein = make_initiative(session, title=HYPERLINK, buurtId=str(BUURT_AA01),
                            status="afgerond", themes=["groen", "ontmoeting", "jeugd"])
    person = make_professional(session, externalRef="PRO-1")
    make_support_episode(session, moestuin.id, person.id, externalRef="SUP-1")
    indicator = make_indicator(session)
    make_evaluation(session, moestuin.id, externalRef="EVA-1",
                    outcomeMeasures=[pre_post_measure(indicator.id)])
    return {"moestuin": moestuin, "plein": plein}


def _csv(response: Any) -> list[dict[str, str]]:
    assert response.status_code == 200, response.text
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(text[1:])))


def test_initiatives_as_csv_carry_references_codes_and_neutralised_text(
        client: TestClient, data: dict[str, Any]) -> None:
    response = client.get("/v1/exports/initiatives", params={"format": "csv"})
    rows = _csv(response)
    assert response.headers["content-type"].startswith("text/csv")
    assert 'filename="buurtkracht-initiatives-' in response.headers["content-disposition"]
    assert response.headers["link"] == '</v1/exports/initiatives/fields>; rel="describedby"'
    by_ref = {row["externalRef"]: row for row in rows}
    assert set(by_ref) == {"INI-1", f"buurtkracht:{data['plein'].id}"}
    plein = by_ref[f"buurtkracht:{data['plein'].id}"]
    assert plein["title"] == "'" + HYPERLINK
    assert plein["buurt"] == "AA01"
    assert plein["themes"] == "ontmoeting;groen;jeugd"  # the vocabulary's order
    assert by_ref["INI-1"]["buurt"] == "FD03"
    assert by_ref["INI-1"]["initiatorName"] == "Stichting Groen"
    assert by_ref["INI-1"]["startDate"] == "2010-04-01"


def test_the_list_filters_apply_to_every_table(client: TestClient, data: dict[str, Any]) -> None:
    only = {"format": "csv", "status": "in-uitvoering"}
    assert [row["externalRef"] for row in
            _csv(client.get("/v1/exports/initiatives", params=only))] == ["INI-1"]
    assert [row["externalRef"] for row in
            _csv(client.get("/v1/exports/support-episodes", params=only))] == ["SUP-1"]
    none = {"format": "csv", "status": "afgerond"}
    assert _csv(client.get("/v1/exports/support-episodes", params=none)) == []
    assert _csv(client.get("/v1/exports/evaluations", params=none)) == []
    assert _csv(client.get("/v1/exports/professionals", params=none)) == []
    assert len(_csv(client.get("/v1/exports/professionals", params={"format": "csv"}))) == 1


def test_references_between_tables_are_external_references(
        client: TestClient, data: dict[str, Any]) -> None:
    [episode] = _csv(client.get("/v1/exports/support-episodes", params={"format": "csv"}))
    assert (episode["initiativeRef"], episode["professionalRef"]) == ("INI-1", "PRO-1")
    assert episode["kinds"] == "verbinden-netwerken;procesbegeleiding"
    [measure] = _csv(client.get("/v1/exports/outcome-measures", params={"format": "csv"}))
    assert (measure["evaluationRef"], measure["indicator"]) == ("EVA-1", "test-sociale-cohesie")
    assert float(measure["meanPre"]) == 5.6 and measure["n"] == "80"


def test_a_viewer_gets_personal_cells_blank(client_as: Callable[..., TestClient],
                                            data: dict[str, Any]) -> None:
    viewer = client_as("viewer")
    rows = _csv(viewer.get("/v1/exports/initiatives", params={"format": "csv"}))
    assert {row["initiatorName"] for row in rows} == {""}
    [person] = _csv(viewer.get("/v1/exports/professionals", params={"format": "csv"}))
    assert (person["name"], person["email"]) == ("", "")
    assert person["role"] == "participatiemakelaar"


def test_xlsx_has_typed_cells_no_formula_a_dictionary_and_the_source(
        client: TestClient, data: dict[str, Any]) -> None:
    response = client.get("/v1/exports/initiatives", params={"format": "xlsx"})
    assert response.status_code == 200
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    sheet = book["Initiatieven"]
    header = [cell.value for cell in sheet[1]]
    assert header[:3] == ["externalRef", "title", "summary"]
    titles = [row[1] for row in sheet.iter_rows(min_row=2)]
    dangerous = next(cell for cell in titles if str(cell.value).endswith('"klik")'))
    assert dangerous.data_type == "s" and str(dangerous.value).startswith("'=")
    assert "Veldenlijst" in book.sheetnames
    assert any(ATTRIBUTION in str(cell.value) for row in book["Bron"].iter_rows() for cell in row)


def test_json_carries_fields_items_and_attribution(client: TestClient,
                                                    data: dict[str, Any]) -> None:
    response = client.get("/v1/exports/initiatives", headers={"Accept": "application/json"})
    body = response.json()
    assert body["attribution"] == ATTRIBUTION
    assert [field["kolom"] for field in body["fields"]][:2] == ["externalRef", "title"]
    personal = {field["kolom"] for field in body["fields"] if field["persoonsgegeven"] == "ja"}
    assert personal == {"initiatorName"}
    assert {item["externalRef"] for item in body["items"]} >= {"INI-1"}


def test_the_accept_header_chooses_the_format(client: TestClient, data: dict[str, Any]) -> None:
    response = client.get("/v1/exports/evaluations", headers={"Accept": "text/csv"})
    assert [row["externalRef"] for row in _csv(response)] == ["EVA-1"]


def test_open_data_leaves_out_personal_and_restricted_fields_for_everyone(
        client: TestClient, data: dict[str, Any]) -> None:
    response = client.get("/v1/exports/open-data")
    assert response.status_code == 200
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    names = set(archive.namelist())
    assert "professionals.csv" not in names
    assert {"README.md", "LICENCE.txt", "initiatives.csv", "initiatives-velden.csv"} <= names
    header = archive.read("initiatives.csv").decode("utf-8-sig").splitlines()[0].split(",")
    assert "initiatorName" not in header and "location" not in header and "title" in header
    episodes = archive.read("support-episodes.csv").decode("utf-8-sig").splitlines()[0]
    assert "professionalRef" not in episodes and "actionDescription" not in episodes
    assert "CC BY 4.0" in archive.read("LICENCE.txt").decode()
    assert ATTRIBUTION in archive.read("README.md").decode()
    assert client.get("/v1/exports/open-data").content == response.content


def test_everything_as_one_zip_and_one_workbook(client: TestClient,
                                               data: dict[str, Any]) -> None:
    archive = zipfile.ZipFile(io.BytesIO(client.get("/v1/exports/all").content))
    tables = ("initiatives", "professionals", "support-episodes", "evaluations",
              "outcome-measures")
    assert {f"{name}.csv" for name in tables} <= set(archive.namelist())
    book = openpyxl.load_workbook(io.BytesIO(
        client.get("/v1/exports/all", params={"format": "xlsx"}).content))
    assert book.sheetnames[:5] == ["Initiatieven", "Professionals", "Ondersteuning",
                                   "Evaluaties", "Uitkomstmaten"]


def test_the_field_dictionary_and_the_template(client: TestClient) -> None:
    fields = _csv(client.get("/v1/exports/support-episodes/fields", params={"format": "csv"}))
    hours = next(row for row in fields if row["kolom"] == "hours")
    assert (hours["eenheid"], hours["verplicht"]) == ("uur", "ja")
    template = client.get("/v1/exports/initiatives/template")
    book = openpyxl.load_workbook(io.BytesIO(template.content))
    assert [cell.value for cell in book["Initiatieven"][1]][:2] == ["Referentie", "Titel"]


@pytest.mark.parametrize("path", ["/v1/exports/persons", "/v1/exports/persons/fields"])
def test_an_unknown_table_is_a_clear_400(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 400
    assert "Onbekende tabel 'persons'" in response.json()["errors"][0]["detail"]


def test_an_unknown_format_is_refused(client: TestClient) -> None:
    assert client.get("/v1/exports/initiatives", params={"format": "pdf"}).status_code == 400


def test_nobody_signed_in_gets_401(anonymous: TestClient) -> None:
    assert anonymous.get("/v1/exports/initiatives").status_code == 401
    assert anonymous.get("/v1/exports/open-data").status_code == 401
