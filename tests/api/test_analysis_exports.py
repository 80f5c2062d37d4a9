"""Analysis results as files: the effects per group and per initiative, and every path of
every success-factor model, as CSV and XLSX — the same numbers the JSON answer holds."""

import csv
import io

import openpyxl
from starlette.testclient import TestClient

from api.exports.service import ATTRIBUTION
from tests.api.test_success_factors import PLANTED


def _rows(response: object) -> list[dict[str, str]]:
    assert response.status_code == 200, response.text  # type: ignore[attr-defined]
    text = response.content.decode("utf-8-sig")  # type: ignore[attr-defined]
    return list(csv.DictReader(io.StringIO(text)))


def test_effects_per_group_as_csv_are_the_numbers_of_the_json(demo_client: TestClient) -> None:
    params = {"groupBy": "residentInitiatedWithMakelaar"}
    report = demo_client.get("/v1/analysis/effects", params=params).json()
    response = demo_client.get("/v1/analysis/effects", params={**params, "format": "csv"})
    assert response.headers["content-type"].startswith("text/csv")
    rows = {row["group"]: row for row in _rows(response)}
    for group in report["groups"]:
        assert float(rows[group["label"]]["estimate"]) == group["model"]["estimate"]
        assert int(rows[group["label"]]["k"]) == group["k"]
    assert float(rows["alle"]["estimate"]) == report["overall"]["model"]["estimate"]


def test_effects_as_a_workbook_hold_groups_initiatives_dictionary_and_source(
        demo_client: TestClient) -> None:
    response = demo_client.get("/v1/analysis/effects",
                               params={"groupBy": "stadsdeel", "format": "xlsx"})
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    assert book.sheetnames[:2] == ["Effecten per groep", "Effecten per initiatief"]
    report = demo_client.get("/v1/analysis/effects", params={"groupBy": "stadsdeel"}).json()
    assert book["Effecten per initiatief"].max_row == len(report["overall"]["initiatives"]) + 1
    assert "Veldenlijst" in book.sheetnames
    assert any(ATTRIBUTION in str(cell.value) for row in book["Bron"].iter_rows() for cell in row)


def test_success_paths_as_csv_are_the_terms_of_the_json(demo_client: TestClient) -> None:
    result = demo_client.post("/v1/analysis/success-factors", json=PLANTED).json()
    response = demo_client.post("/v1/analysis/success-factors", json=PLANTED,
                                params={"format": "csv"})
    rows = _rows(response)
    expected = [(s["name"], t["term"], t["inclS"], len(t["cases"]))
                for s in result["solutions"] for t in s["terms"]]
    assert [(r["model"], r["term"], float(r["inclS"]), int(r["cases"])) for r in rows] == expected
    assert rows, "the planted combination gives at least one path"
