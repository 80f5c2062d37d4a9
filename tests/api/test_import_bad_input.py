"""Bad files through the API: each gets a clear report (the problem, where, in Dutch and
English) and nothing is written — not the rows before it, not the rows after it."""

import io
from collections.abc import Callable
from typing import Any

import openpyxl
import pytest
from sqlalchemy import Engine, func
from sqlmodel import Session, select
from starlette.testclient import TestClient

from api.initiatives.models import Initiative
from tests.api.import_helpers import INITIATIVE_HEADER, csv_file, initiative_row

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def _xlsx(fill: Callable[[Any], None]) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(INITIATIVE_HEADER)
    sheet.append(initiative_row("X-1"))
    sheet.append(initiative_row("X-2"))
    fill(sheet)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _formula(sheet: Any) -> None:
    sheet["J3"] = "=SUM(1,2)"


def _merged(sheet: Any) -> None:
    sheet.merge_cells("B2:C2")


BAD_FILES = {
    "empty": ("leeg.csv", b"", "empty-file", None),
    "an image": ("foto.csv", PNG, "unsupported-type", None),
    "a formula": ("formule.xlsx", _xlsx(_formula), "formula", 3),
    "merged cells": ("samengevoegd.xlsx", _xlsx(_merged), "merged-cells", 2),
    "a duplicate reference": ("dubbel.csv", csv_file(INITIATIVE_HEADER, [
        initiative_row("A-1"), initiative_row("A-1")]), "duplicate-reference", 3),
    "an impossible date": ("datum.csv", csv_file(INITIATIVE_HEADER, [
        initiative_row("A-1"), initiative_row("A-2", Startdatum="31-02-2010")]), "bad-date", 3),
    "an unknown code": ("code.csv", csv_file(INITIATIVE_HEADER, [
        initiative_row("A-1", Organisatievorm="bewonersinitiatif")]), "unknown-code", 2),
    "a missing column": ("kolom.csv", csv_file(INITIATIVE_HEADER[:3], [["A-1", "T", "FD03"]]),
                         "missing-column", None),
    "a word for a number": ("getal.csv", csv_file(INITIATIVE_HEADER, [
        initiative_row("A-1", **{"Toegekend bedrag": "veel"})]), "bad-number", 2),
}


def _count(engine: Engine) -> int:
    with Session(engine) as session:
        return session.exec(select(func.count()).select_from(Initiative)).one()


@pytest.mark.parametrize("case", sorted(BAD_FILES))
def test_a_bad_file_is_reported_and_nothing_is_written(client: TestClient, engine: Engine,
                                                       case: str) -> None:
    name, content, code, row = BAD_FILES[case]
    sent = client.post("/v1/imports", files={"file": (name, content, "text/csv")},
                       data={"resource": "initiatives", "dryRun": "false"})
    assert sent.status_code == 202
    report = client.get(sent.headers["location"]).json()["report"]
    assert (report["valid"], report["written"]) == (False, False)
    problem = next(p for p in report["problems"] if p["code"] == code)
    assert problem["message"] and problem["messageEn"] and problem["message"] != problem[
        "messageEn"]
    assert problem["row"] == row
    assert _count(engine) == 0


def test_dutch_and_iso_dates_decimal_commas_and_numbers_as_text_are_read(
        client: TestClient, engine: Engine) -> None:
    rows = [initiative_row("A-1", Startdatum="2010-04-01", **{"Toegekend bedrag": "1500"}),
            initiative_row("A-2", Startdatum="1-4-2010", **{"Toegekend bedrag": "1.500,00"})]
    content = csv_file(INITIATIVE_HEADER, rows, encoding="cp1252")
    sent = client.post("/v1/imports", files={"file": ("a.csv", content, "text/csv")},
                       data={"resource": "initiatives", "dryRun": "false"})
    assert client.get(sent.headers["location"]).json()["report"]["created"] == 2
    with Session(engine) as session:
        stored = session.exec(select(Initiative.start_date, Initiative.amount_granted)).all()
    assert {(str(start), amount) for start, amount in stored} == {("2010-04-01", 1500)}


def test_a_formula_in_a_csv_is_kept_as_text_and_neutralised_on_export(
        client: TestClient) -> None:
    payload = '=HYPERLINK("http://evil.example","klik")'
    content = csv_file(INITIATIVE_HEADER, [initiative_row("A-1", Titel=payload)], delimiter=",")
    sent = client.post("/v1/imports", files={"file": ("a.csv", content, "text/csv")},
                       data={"resource": "initiatives", "dryRun": "false"})
    assert client.get(sent.headers["location"]).json()["report"]["written"] is True
    [stored] = client.get("/v1/initiatives").json()["items"]
    assert stored["title"] == payload  # the API keeps what was sent, as text
    exported = client.get("/v1/exports/initiatives", params={"format": "csv"}).text
    assert f"'{payload}" in exported.replace('""', '"')
