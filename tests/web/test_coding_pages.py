"""Coding a record in the web: a selection (start and end as the browser's script sends
them), whole paragraphs without JavaScript, the codings listed and marked in the text, the
filter by coder, removal of one's own codings; refusals at their fields."""

import re

import pytest
from sqlmodel import Session, select
from starlette.testclient import TestClient

from api.qualitative.models import CodedSegment, QualitativeRecord
from tests.web.conftest import BOOSTED, HTMX, WebFactory
from tests.web.record_world import (
    PARAGRAPHS,
    TEXT,
    make_code,
    make_coding,
    make_record,
    tag,
    textarea_value,
)
from web.api_client.segments import Segment
from web.record_text import paragraph_spans, paragraphs, stored_offset

HEADERS = [{}, HTMX, BOOSTED]
IDS = ["plain", "htmx", "boosted"]


def codings(session: Session) -> list[tuple[int, int]]:
    session.expire_all()
    found = session.exec(select(CodedSegment).order_by(CodedSegment.start_offset))
    return [(segment.start_offset, segment.end_offset) for segment in found]


def shown(record: QualitativeRecord) -> dict[str, str]:
    """The version of the text that the page showed, as both coding forms send it."""
    return {"version": str(record.version)}


def segment(start: int, end: int) -> Segment:
    return Segment(id="s", record_id="r", code_id="c", coder_id="k", coder_label="k",
                   start=start, end=end, quote="", created_at="2024-01-01T00:00:00Z")


# --- the text, its paragraphs and offsets ------------------------------------------------

def test_paragraphs_are_the_blocks_between_blank_lines_without_their_white_space() -> None:
    assert paragraph_spans(TEXT) == PARAGRAPHS
    assert paragraph_spans("a\r\n\r\nb") == [(0, 1), (5, 6)]
    assert paragraph_spans(" \n\n ") == []


def test_an_offset_in_the_textarea_counts_back_to_the_stored_text() -> None:
    assert stored_offset("ab\ncd", 4) == 4
    assert [stored_offset("a\r\nb\rc", n) for n in range(6)] == [0, 1, 3, 4, 5, 6]
    assert stored_offset("a\r\n", 9) == 10  # past the end stays past it


def test_codings_are_marked_where_they_begin_and_end_across_paragraphs() -> None:
    found = paragraphs(TEXT, [segment(15, 50), segment(20, 25)])
    first, second, third = found
    assert [(piece.text, piece.coded, piece.opens, piece.closes) for piece in first.pieces] == [
        ("Eerste alinea: ", (), (), ()), ("de bu", (1,), (1,), ()),
        ("urtwe", (1, 2), (2,), (2,)), ("rker belde rond.", (1,), (), ())]
    assert [(piece.text, piece.closes) for piece in second.pieces][:2] == [
        ("Tweede ", (1,)), ("alinea.\nMet een regel erbij.", ())]
    assert "".join(piece.text for piece in third.pieces) == "Derde alinea, de laatste."


# --- the page -----------------------------------------------------------------------------

@pytest.mark.parametrize("headers", HEADERS, ids=IDS)
def test_the_record_page_offers_both_ways_to_code(
    web: TestClient, session: Session, headers: dict[str, str],
) -> None:
    record = make_record(session)
    parent = make_code(session, "Ondersteuning")
    make_code(session, "Aanmoedigen", parent.id)
    response = web.get(f"/verslagen/{record.id}", headers=headers)
    assert response.status_code == 200
    assert response.text.lstrip().startswith('<div id="coding"') == (headers is HTMX)
    # The script's textarea holds the record's text exactly; keyboard help next to it.
    assert textarea_value(response.text, "f-selection") == TEXT
    assert 'aria-readonly="true"' in tag(response.text, "f-selection")
    assert "Shift" in response.text
    assert ">Ondersteuning / Aanmoedigen</option>" in response.text
    assert response.text.count('name="paragraph"') == 3


@pytest.mark.parametrize("headers", HEADERS, ids=IDS)
def test_a_selection_is_coded_and_listed_with_its_quote_code_and_coder(
    web: TestClient, session: Session, headers: dict[str, str],
) -> None:
    record = make_record(session)
    code = make_code(session, "Rondbellen")
    response = web.post(f"/verslagen/{record.id}/coderen", headers=headers,
                        data={**shown(record), "codeId": str(code.id), "start": "18", "end": "40"},
                        follow_redirects=False)
    assert codings(session) == [(18, 40)]
    if headers is HTMX:
        assert response.status_code == 200
        assert response.text.lstrip().startswith('<div id="coding"')
        page = response.text
    else:
        assert response.status_code == 303
        location = response.headers["location"]
        assert location == f"/verslagen/{record.id}?gedaan=selectie#coding"
        page = web.get(location).text
    # Confirmed after the redirect too, in the status message.
    assert re.search(r'role="status"[^>]*>Het geselecteerde fragment is gecodeerd.<', page)
    assert "<td class=\"ams-table__cell bk-quote\">buurtwerker belde rond</td>" in page
    assert f'href="/codes/{code.id}">Rondbellen</a>' in page
    # Marked in the text by brackets and numbers too, not by colour alone.
    assert re.search(r"\[1</span><mark[^>]*>buurtwerker belde rond</mark>"
                     r"<span class=\"bk-coding-edge\">1\]", page)


def test_offsets_count_back_to_a_text_stored_with_windows_line_ends(
    web: TestClient, session: Session,
) -> None:
    record = make_record(session, text="Een.\r\n\r\nTwee woorden.")
    code = make_code(session, "Tellen")
    # As the textarea holds it: "Een.\n\nTwee woorden."; "Twee" is [6, 10).
    web.post(f"/verslagen/{record.id}/coderen",
             data={**shown(record), "codeId": str(code.id), "start": "6", "end": "10"})
    assert codings(session) == [(8, 12)]


@pytest.mark.parametrize("headers", HEADERS, ids=IDS)
def test_ticked_paragraphs_are_coded_over_their_exact_text(
    web: TestClient, session: Session, headers: dict[str, str],
) -> None:
    record = make_record(session)
    code = make_code(session, "Verloop")
    response = web.post(f"/verslagen/{record.id}/alineas", headers=headers,
                        data={**shown(record), "codeId": str(code.id), "paragraph": ["3", "2"]},
                        follow_redirects=False)
    assert response.status_code == (200 if headers is HTMX else 303)
    assert codings(session) == [PARAGRAPHS[1], PARAGRAPHS[2]]
    page = web.get(f"/verslagen/{record.id}").text
    assert "Tweede alinea.\nMet een regel erbij.</td>" in page


@pytest.mark.parametrize(("form", "field"), [
    ({"start": "5", "end": "999"}, "f-selection-error"),
    ({"start": "7", "end": "7"}, "f-selection-error"),
    ({"start": "", "end": ""}, "f-selection-error"),
    ({"start": "0", "end": "4", "codeId": ""}, "f-selection-code-error"),
    ({"start": "0", "end": "4", "codeId": "7e0b4c1a-0000-4000-8000-000000000000"},
     "f-selection-code-error"),
], ids=["past-the-end", "empty", "no-selection", "no-code", "unknown-code"])
@pytest.mark.parametrize("headers", [{}, HTMX], ids=["plain", "htmx"])
def test_a_refused_selection_comes_back_at_its_field(
    web: TestClient, session: Session, form: dict[str, str], field: str,
    headers: dict[str, str],
) -> None:
    record = make_record(session)
    code = make_code(session, "Iets")
    response = web.post(f"/verslagen/{record.id}/coderen", headers=headers,
                        data={**shown(record), "codeId": str(code.id), **form})
    assert response.status_code == 422
    assert f'id="{field}"' in response.text and 'role="alert"' in response.text
    assert codings(session) == []


@pytest.mark.parametrize(("form", "field"), [
    ({"paragraph": []}, "f-paragraphs-error"),
    ({"paragraph": ["4"]}, "f-paragraphs-error"),
    ({"paragraph": ["1"], "codeId": ""}, "f-paragraph-code-error"),
], ids=["none-ticked", "no-such-paragraph", "no-code"])
def test_refused_paragraphs_come_back_at_their_field(
    web: TestClient, session: Session, form: dict[str, str | list[str]], field: str,
) -> None:
    record = make_record(session)
    code = make_code(session, "Iets")
    response = web.post(f"/verslagen/{record.id}/alineas",
                        data={**shown(record), "codeId": str(code.id), **form})
    assert response.status_code == 422 and f'id="{field}"' in response.text
    assert codings(session) == []


def test_only_ones_own_codings_can_be_removed_and_the_list_filters_by_coder(
    web_as: WebFactory, session: Session,
) -> None:
    record = make_record(session)
    code = make_code(session, "Iets")
    other = make_coding(session, record, code, 0, 6, coder="andere-onderzoeker")
    researcher = web_as("researcher")
    researcher.post(f"/verslagen/{record.id}/coderen",
                    data={**shown(record), "codeId": str(code.id), "start": "43", "end": "49"})
    page = researcher.get(f"/verslagen/{record.id}").text
    assert page.count(">Weghalen<span") == 1
    assert f"/coderingen/{other.id}/verwijderen" not in page
    refused = researcher.post(f"/verslagen/{record.id}/coderingen/{other.id}/verwijderen")
    assert refused.status_code == 403 and len(codings(session)) == 2
    coder_id = str(other.coder_id)
    only_other = researcher.get(f"/verslagen/{record.id}?codeur={coder_id}", headers=HTMX).text
    assert "Eerste" in only_other and "<td class=\"ams-table__cell bk-quote\">Tweede" \
        not in only_other
    assert f'<option value="{coder_id}" selected>andere-onderzoeker</option>' in only_other
    (own,) = set(re.findall(r"/coderingen/([0-9a-f-]+)/verwijderen", page))
    removed = researcher.post(f"/verslagen/{record.id}/coderingen/{own}/verwijderen",
                              headers=HTMX)
    assert removed.status_code == 200 and codings(session) == [(0, 6)]


def test_an_administrator_may_remove_anyones_coding(web: TestClient, session: Session) -> None:
    record = make_record(session)
    other = make_coding(session, record, make_code(session, "Iets"), 0, 6)
    response = web.post(f"/verslagen/{record.id}/coderingen/{other.id}/verwijderen",
                        follow_redirects=False)
    assert response.status_code == 303 and codings(session) == []


def test_an_edit_through_a_coded_passage_is_refused_at_the_text(
    web: TestClient, session: Session,
) -> None:
    record = make_record(session)
    make_coding(session, record, make_code(session, "Iets"), 0, 6)
    form = {"kind": "interview", "title": "Gesprek", "recordedOn": "2024-03-01",
            "text": "Anders" + TEXT[6:], "version": "1"}
    response = web.post(f"/verslagen/{record.id}/bewerken", data=form)
    assert response.status_code == 409
    assert 'aria-invalid="true"' in tag(response.text, "f-text") and "Iets" in response.text
    assert textarea_value(response.text, "f-text") == "Anders" + TEXT[6:]
    session.expire_all()
    assert codings(session) == [(0, 6)]
