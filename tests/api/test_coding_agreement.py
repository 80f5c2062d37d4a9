"""GET /v1/analysis/coding-agreement: records coded through the API by two or three coders,
the answer checked against kappa and alpha worked out by hand and against published values:
- a code applied like the textbook grant proposals (50 paragraphs; reader A applies it to 25,
  reader B to 30, both to 20): kappa 0.40 (Wikipedia, "Cohen's kappa"; tests/analysis).
- a code applied like Krippendorff's (2011) binary example A (10 paragraphs, two observers):
  alpha 0.095 ("Computing Krippendorff's Alpha-Reliability"; tests/analysis).
"""

import random
import uuid
from itertools import groupby
from typing import Any

import pytest
from starlette.testclient import TestClient

from api.qualitative import agreement
from api.qualitative.models import CodedSegment
from tests.audit_check import ClientFactory

PATH = "/v1/analysis/coding-agreement"
PARAGRAPH = "Alinea 00 over de buurt."  # every paragraph as long, two newlines between them
STEP = len(PARAGRAPH) + 2
GRANT_A = [i < 25 for i in range(50)]
GRANT_B = [i < 20 or 25 <= i < 35 for i in range(50)]
BINARY_A = [0, 1, 0, 0, 0, 0, 0, 0, 1, 0]
BINARY_B = [1, 1, 1, 0, 0, 1, 0, 0, 0, 0]


def paragraphs_text(count: int) -> str:
    return "\n\n".join(f"Alinea {i:02d} over de buurt." for i in range(count))


def new_record(client: TestClient, text: str, title: str = "Gesprek") -> str:
    response = client.post("/v1/records", json={"kind": "interview", "title": title,
                                                "recordedOn": "2024-03-01", "text": text})
    assert response.status_code == 201, response.text
    return str(response.json()["id"])


def new_code(client: TestClient, name: str, parent: str | None = None) -> str:
    response = client.post("/v1/codes", json={"name": name, "parentId": parent})
    assert response.status_code == 201, response.text
    return str(response.json()["id"])


def code_span(client: TestClient, record: str, code: str, start: int, end: int) -> str:
    """Codes [start, end) as the client; answers the coder's id."""
    response = client.post(f"/v1/records/{record}/segments",
                           json={"codeId": code, "start": start, "end": end})
    assert response.status_code == 201, response.text
    return str(response.json()["coderId"])


def code_paragraphs(client: TestClient, record: str, code: str, flags: list[Any]) -> str:
    """One segment per run of flagged paragraphs: a segment over several paragraphs applies
    its code to each of them."""
    coder = ""
    position = 0
    for flagged, run in groupby(flags, key=bool):
        length = len(list(run))
        if flagged:
            coder = code_span(client, record, code, position * STEP,
                              (position + length - 1) * STEP + len(PARAGRAPH))
        position += length
    return coder


def agreement_of(client: TestClient, query: str = "") -> dict[str, Any]:
    response = client.get(f"{PATH}{query}")
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def applied_by(body: dict[str, Any], code: dict[str, Any]) -> dict[str, int]:
    return {coder["id"]: n for coder, n in zip(body["coders"], code["applied"], strict=True)}


def test_two_coders_agree_as_worked_out_by_hand(client_as: ClientFactory) -> None:
    first, second = client_as("researcher"), client_as("researcher")
    record = new_record(first, paragraphs_text(5))
    help_code = new_code(first, "Hulp")
    a = code_paragraphs(first, record, help_code, [1, 1, 1, 0, 0])
    b = code_paragraphs(second, record, help_code, [1, 1, 0, 1, 0])
    body = agreement_of(first)
    # both 2, only A 1, only B 1, neither 1: p_o .6, p_e .6·.6 + .4·.4 = .52, kappa .08/.48;
    # coincidences yes-yes 4, no-no 2, yes-no 2 + 2 of 10 values (6 yes):
    # alpha 1 − (4/10) / (2·6·4 / (10·9)) = 0.25.
    (found,) = body["codes"]
    assert found["kappa"]["kappa"] == pytest.approx(1 / 6, abs=1e-12)
    assert found["alpha"] == pytest.approx(0.25, abs=1e-12)
    assert body["overall"] == {"alpha": pytest.approx(0.25, abs=1e-12), "pairable": 10}
    kappa = found["kappa"]
    assert kappa["ciLow"] == pytest.approx(kappa["kappa"] - 1.959964 * kappa["se"], abs=1e-6)
    assert kappa["ciHigh"] == pytest.approx(kappa["kappa"] + 1.959964 * kappa["se"], abs=1e-6)
    assert applied_by(body, found) == {a: 3, b: 3}
    assert (body["unit"], body["units"]) == ("paragraph", 5)
    assert body["records"] == [{"id": record, "title": "Gesprek"}]
    assert {(coder["id"], coder["label"], coder["segments"]) for coder in body["coders"]} == {
        (a, first.username, 1), (b, second.username, 2)}
    assert (found["codeId"], found["name"], found["path"]) == (help_code, "Hulp", "Hulp")


def test_published_kappa_and_alpha_come_through_the_endpoint(client_as: ClientFactory) -> None:
    first, second = client_as("researcher"), client_as("researcher")
    grants = new_record(first, paragraphs_text(50), "Aanvragen")
    binary = new_record(first, paragraphs_text(10), "Binair")
    support, trust = new_code(first, "Steun"), new_code(first, "Vertrouwen")
    a = code_paragraphs(first, grants, support, GRANT_A)
    b = code_paragraphs(second, grants, support, GRANT_B)
    code_paragraphs(first, binary, trust, BINARY_A)
    code_paragraphs(second, binary, trust, BINARY_B)

    (support_row,) = agreement_of(first, f"?record={grants}")["codes"]
    assert round(support_row["kappa"]["kappa"], 2) == 0.40
    (trust_row,) = agreement_of(first, f"?record={binary}")["codes"]
    assert round(trust_row["alpha"], 3) == 0.095

    both = agreement_of(first)  # by default every record two coders coded
    assert [record["title"] for record in both["records"]] == ["Aanvragen", "Binair"]
    assert both["units"] == 60
    assert [row["name"] for row in both["codes"]] == ["Steun", "Vertrouwen"]
    assert applied_by(both, both["codes"][0]) == {a: 25, b: 30}


def test_three_coders_have_alpha_but_no_kappa_and_a_coder_who_did_not_code_is_missing(
    client_as: ClientFactory,
) -> None:
    a_client, b_client, c_client = (client_as("researcher") for _ in range(3))
    first = new_record(a_client, paragraphs_text(3), "Eerste")
    second = new_record(a_client, paragraphs_text(2), "Tweede")
    x = new_code(a_client, "X")
    a = code_paragraphs(a_client, first, x, [1, 1, 0])
    b = code_paragraphs(b_client, first, x, [1, 0, 0])
    code_paragraphs(c_client, first, x, [1, 1, 0])
    code_paragraphs(a_client, second, x, [1, 0])
    code_paragraphs(b_client, second, x, [1, 0])  # C has no segment on the second record

    # First record: (y y y) (y n y) (n n n): coincidences yy 3 + 1, nn 3, yn 1 + 1 of 9
    # values (5 yes): alpha 1 − (2/9) / (2·5·4 / (9·8)) = 0.6.
    (only_first,) = agreement_of(a_client, f"?record={first}")["codes"]
    assert only_first["kappa"] is None and only_first["alpha"] == pytest.approx(0.6)
    # With the second, (y y −) (n n −): yy 6, nn 5, yn 2 of 13 values (7 yes):
    # alpha 1 − (2/13) / (2·7·6 / (13·12)) = 5/7. Counting C's missing units as "no code"
    # would give a lower alpha.
    body = agreement_of(a_client)
    (row,) = body["codes"]
    assert row["kappa"] is None and row["alpha"] == pytest.approx(5 / 7)
    assert body["units"] == 5 and len(body["coders"]) == 3
    # Only coders A and B: both 2, A only 1, neither 2: kappa (.8 − .48) / .52 = 8/13.
    (pair,) = agreement_of(a_client, f"?coder={a}&coder={b}")["codes"]
    assert pair["kappa"]["kappa"] == pytest.approx(8 / 13)


def test_characters_are_units_too_and_undefined_values_are_null(
    client_as: ClientFactory,
) -> None:
    first, second = client_as("researcher"), client_as("researcher")
    record = new_record(first, "abcdefghij")
    x = new_code(first, "X")
    code_span(first, record, x, 0, 5)
    code_span(second, record, x, 3, 8)
    # both 2, A only 3, B only 3, neither 2: p_o .4, p_e .5, kappa −0.2; 20 values, 10 yes,
    # yes-no 6 + 6: alpha 1 − (12/20) / (2·10·10 / (20·19)) = −0.14.
    body = agreement_of(first, "?unit=character")
    (row,) = body["codes"]
    assert (body["unit"], body["units"]) == ("character", 10)
    assert row["kappa"]["kappa"] == pytest.approx(-0.2)
    assert row["alpha"] == pytest.approx(-0.14)
    # One paragraph that both coded: agreement is 0/0, null rather than NaN.
    paragraph = agreement_of(first)
    assert paragraph["units"] == 1
    assert paragraph["codes"][0]["kappa"] is None and paragraph["codes"][0]["alpha"] is None
    assert paragraph["overall"]["alpha"] is None


def test_codes_come_in_codebook_order_without_rolling_up(client_as: ClientFactory) -> None:
    first, second = client_as("researcher"), client_as("researcher")
    record = new_record(first, paragraphs_text(2))
    zorg = new_code(first, "Zorg")
    practical = new_code(first, "Praktisch", parent=new_code(first, "Hulp"))
    for client in (first, second):
        code_paragraphs(client, record, zorg, [1, 0])
        code_paragraphs(client, record, practical, [0, 1])
    rows = agreement_of(first)["codes"]
    assert [(row["codeId"], row["path"]) for row in rows] == [
        (practical, "Hulp / Praktisch"), (zorg, "Zorg")]


def test_paragraphs_end_at_blank_lines_even_with_spaces_or_windows_newlines() -> None:
    text = "Eerste.\r\n  \r\nTweede\nzelfde alinea.\n\n\n\nDerde.\n\n   \n"
    assert [text[span.start:span.end].strip() for span in agreement.paragraphs(text)] == [
        "Eerste.", "Tweede\nzelfde alinea.", "Derde."]
    assert agreement.paragraphs("") == [] and agreement.paragraphs(" \n\n ") == []


def _problem(client: TestClient, query: str, status: int) -> dict[str, Any]:
    response = client.get(f"{PATH}{query}")
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/problem+json"
    body: dict[str, Any] = response.json()
    return body


def test_one_coder_is_too_few(client_as: ClientFactory) -> None:
    first, second = client_as("researcher"), client_as("researcher")
    record = new_record(first, paragraphs_text(2))
    x = new_code(first, "X")
    a = code_paragraphs(first, record, x, [1, 0])
    for query in ("", f"?record={record}", f"?coder={a}&coder={a}"):
        problem = _problem(first, query, 422)
        assert problem["errors"][0]["location"] == {"name": "coder"}
        assert problem["errors"][0]["in"] == "query"
        assert "twee codeurs" in problem["detail"] and problem["type"].endswith("cannot-analyse")
    other = new_record(second, paragraphs_text(2), "Ander")
    b = code_paragraphs(second, other, x, [1, 0])
    # Two coders, but never on the same record: nothing to compare.
    assert "No record was coded" in _problem(first, f"?coder={a}&coder={b}", 422)["detail"]


def test_an_unknown_record_is_404_and_an_unknown_unit_400(client_as: ClientFactory) -> None:
    researcher = client_as("researcher")
    _problem(researcher, "?record=00000000-0000-4000-8000-000000000000", 404)
    problem = _problem(researcher, "?unit=sentence", 400)
    assert problem["errors"][0]["location"] == {"name": "unit"}
    _problem(researcher, "?record=geen-uuid", 400)


def test_too_many_units_are_refused(client_as: ClientFactory,
                                    monkeypatch: pytest.MonkeyPatch) -> None:
    first, second = client_as("researcher"), client_as("researcher")
    record = new_record(first, "abcdefghij")
    x = new_code(first, "X")
    code_span(first, record, x, 0, 5)
    code_span(second, record, x, 3, 8)
    monkeypatch.setattr(agreement, "MAX_UNITS", 9)
    assert "Too many units" in _problem(first, "?unit=character", 422)["detail"]


@pytest.mark.parametrize("role", ["viewer", "editor"])
def test_only_who_reads_records_sees_agreement(client_as: ClientFactory, role: str) -> None:
    _problem(client_as(role), "", 403)


def test_too_many_cells_count_the_coders_too(client_as: ClientFactory,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    first, second = client_as("researcher"), client_as("researcher")
    record = new_record(first, "abcdefghij")
    x = new_code(first, "X")
    code_span(first, record, x, 0, 5)
    code_span(second, record, x, 3, 8)
    monkeypatch.setattr(agreement, "MAX_CELLS", 19)  # 10 characters × 2 coders × 1 code
    assert "coders" in _problem(first, "?unit=character", 422)["detail"]
    monkeypatch.setattr(agreement, "MAX_CELLS", 20)
    assert first.get(f"{PATH}?unit=character").status_code == 200


def _overlapping(spans: list[agreement.Span], segments: list[CodedSegment],
                 coders: list[uuid.UUID]) -> list[list[set[str] | None]]:
    """The rows by their definition: every segment held against every span."""
    rows: list[list[set[str] | None]] = []
    for span in spans:
        row: list[set[str] | None] = [
            {str(s.code_id) for s in segments if s.coder_id == coder
             and s.start_offset < span.end and span.start < s.end_offset}
            if any(s.coder_id == coder for s in segments) else None for coder in coders]
        rows.extend([row] * span.size)
    return rows


@pytest.mark.parametrize("seed", range(5))
def test_the_sweep_finds_what_every_span_against_every_segment_finds(seed: int) -> None:
    draw = random.Random(seed)
    coders, codes = [uuid.uuid4() for _ in range(3)], [uuid.uuid4() for _ in range(4)]
    text = "\n\n".join("x" * draw.randrange(1, 30) for _ in range(20))
    segments = []
    for coder in coders[:2]:  # the third coder coded nothing here: None
        for _ in range(40):
            start = draw.randrange(0, len(text) - 1)
            segments.append(CodedSegment(
                record_id=uuid.uuid4(), code_id=draw.choice(codes), coder_id=coder,
                coder_label="c", start_offset=start,
                end_offset=min(len(text), start + draw.randrange(1, 60))))
    for spans in (agreement.paragraphs(text), agreement.character_runs(text, segments)):
        assert agreement._rows(spans, segments, coders) == _overlapping(spans, segments, coders)
