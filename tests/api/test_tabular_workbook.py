"""XLSX details: cell positions of a table that starts further in, and formulas found in
the sheet's XML however it is read in chunks."""

import io

import pytest
from openpyxl import Workbook

from api.tabular import workbook as workbook_module
from api.tabular.files import read_table
from api.tabular.problems import FileRefused


def _bytes(workbook: Workbook) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_a_table_that_starts_further_in_keeps_its_cells_where_they_are() -> None:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet["C3"], sheet["D3"], sheet["C4"], sheet["D5"] = "Naam", "Aantal", "Anna", "=1+1"
    with pytest.raises(FileRefused) as refused:
        read_table(_bytes(workbook), "verschoven.xlsx")
    [problem] = refused.value.problems
    assert (problem.code, problem.row, problem.column) == ("formula", 5, "Aantal")
    assert "Cel D5" in problem.message


def test_a_formula_tag_cut_between_two_chunks_is_still_seen() -> None:
    part = io.BytesIO(b"<c r='A1'><v>1</v></c>" * 3 + b"<c r='B9'><f>SUM(A1)</f></c>")
    chunks = list(workbook_module._overlapping(part, size=70))
    assert len(chunks) > 1
    assert not workbook_module.FORMULA_TAG.search(chunks[0])
    assert any(workbook_module.FORMULA_TAG.search(chunk) for chunk in chunks)
