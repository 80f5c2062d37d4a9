"""The method book's 'Stemmen uit de praktijk' chapter: per top-level code the counts GET
/v1/analysis/codes/outcomes answers for the same filters, quotes only from pseudonymised
records (the others counted as left out), never a title or author, chosen by a fixed rule
and written byte-identically; and a research book's data hash covers the records while a
book for everyone's does not."""

from datetime import date
from typing import Any

import pytest
from sqlmodel import Session
from starlette.testclient import TestClient

from api.method_book.chapters import voices
from api.method_book.data_hash import snapshot
from api.method_book.parameters import BookParameters
from tests.api.builders import BUURT_AA01, initiative_payload
from tests.api.method_book_world import get
from tests.api.test_segments import code, new_code

HIDDEN = "Zwaantje Quirijnsdochter"  # in a coded passage of a record never pseudonymised
TITLE_WORD, AUTHOR = "Titelwoordje", "Auteur Onderzoekster"
TODAY = date(2025, 1, 1)
LONG = " ".join(["De groep kwam elke week samen en besprak wat er nodig was."] * 12)


def _initiative(client: TestClient, title: str, **extra: str) -> str:
    response = client.post("/v1/initiatives", json=initiative_payload(title=title, **extra))
    assert response.status_code == 201, response.text
    return str(response.json()["id"])


def _record(client: TestClient, about: list[str], recorded_on: str, passages: list[str],
            kind: str = "interview", pseudonymised: bool = True) -> tuple[str, str]:
    """A record naming Fatima (pseudonymised when asked) with these passages; its id and
    its stored text."""
    text = "Gesprek met Fatima.\n\n" + "\n\n".join(passages)
    response = client.post("/v1/records", json={
        "kind": kind, "title": f"{TITLE_WORD} met Fatima", "recordedOn": recorded_on,
        "author": AUTHOR, "text": text, "initiativeIds": about})
    assert response.status_code == 201, response.text
    record = str(response.json()["id"])
    if pseudonymised:
        applied = client.post(f"/v1/records/{record}/pseudonymise",
                              json={"names": ["Fatima"], "apply": True})
        assert applied.json()["applied"] is True, applied.text
    return record, str(client.get(f"/v1/records/{record}").json()["text"])


def _code(client: TestClient, record: tuple[str, str], code_id: str, passage: str) -> None:
    start = record[1].index(passage)
    code(client, record[0], code_id, start, start + len(passage))


@pytest.fixture
def world(client: TestClient) -> dict[str, str]:
    """Two initiatives in Nieuw-West (F), one in Centrum (A); codes Succes > Contact and
    Belemmering > Geld (and Leeg, unused); five pseudonymised records and one not."""
    west = _initiative(client, "Moestuin West")
    slotermeer = _initiative(client, "Buurtkeuken Slotermeer")
    centrum = _initiative(client, "Geveltuinen Centrum", buurtId=str(BUURT_AA01))
    succes = new_code(client, "Succes")
    contact = new_code(client, "Contact", succes)
    belemmering = new_code(client, "Belemmering")
    geld = new_code(client, "Geld", belemmering)
    new_code(client, "Leeg")
    late = _record(client, [west], "2024-02-01", ["Laat eerste passage.", "Laat tweede."])
    _code(client, late, contact, "Laat tweede.")
    _code(client, late, contact, "Laat eerste passage.")
    middle = _record(client, [west, centrum], "2023-05-10", ["Midden over contact."],
                     kind="handelingsbeschrijving")
    _code(client, middle, contact, "Midden over contact.")
    _code(client, middle, succes, "Midden over contact.")  # a second code, same passage
    early = _record(client, [slotermeer], "2021-07-01", [LONG])
    _code(client, early, succes, LONG)
    _code(client, early, geld, LONG)
    _code(client, _record(client, [centrum], "2020-01-01", ["Centrum eerst."]), succes,
          "Centrum eerst.")
    hidden = _record(client, [west], "2019-03-03", [f"{HIDDEN} regelde het geld."],
                     pseudonymised=False)
    _code(client, hidden, geld, f"{HIDDEN} regelde het geld.")
    _code(client, hidden, contact, f"{HIDDEN} regelde het geld.")
    return {"succes": succes, "belemmering": belemmering, "west": west, "late": late[0],
            "hidden": hidden[0], "contact": contact}


def _endpoint_rows(client: TestClient, **filters: str) -> tuple[dict[str, Any], Any]:
    answer = get(client, "/v1/analysis/codes/outcomes", **filters)
    return {row["codeId"]: row for row in answer["codes"]}, answer["reference"]


@pytest.mark.parametrize(("params", "filters"), [
    (BookParameters(), {}), (BookParameters(stadsdeel="F"), {"area": "F"})])
def test_the_counts_are_those_of_the_codes_outcomes_endpoint(
    client: TestClient, session: Session, world: dict[str, str], params: BookParameters,
    filters: dict[str, str],
) -> None:
    numbers = voices.build(session, params, TODAY).numbers
    rows, reference = _endpoint_rows(client, **filters)
    expected = [code_id for code_id, row in rows.items()
                if row["depth"] == 0 and row["segments"] > 0]
    assert [row["codeId"] for row in numbers["codes"]] == expected
    # Codebook order: position (all 0 here), then name.
    assert expected == [world["belemmering"], world["succes"]]
    for row in numbers["codes"]:
        theirs = rows[row["codeId"]]
        assert (row["segments"], row["records"], row["initiatives"]) == (
            theirs["segments"], theirs["records"], theirs["initiatives"])
    assert numbers["coded"] == {"records": reference["records"],
                                "segments": reference["segments"]}


@pytest.mark.usefixtures("world")
def test_a_record_not_pseudonymised_is_counted_never_quoted(session: Session) -> None:
    chapter = voices.build(session, BookParameters(stadsdeel="F"), TODAY)
    assert HIDDEN not in chapter.html and HIDDEN not in str(chapter.numbers)
    assert chapter.numbers["leftOut"] == {"records": 1, "segments": 2}
    belemmering, succes = chapter.numbers["codes"]
    assert succes["leftOut"] == belemmering["leftOut"] == {"records": 1, "segments": 1}
    assert "2 gecodeerde passages in 1 verslagen die niet zijn gepseudonimiseerd" in " ".join(
        chapter.html.split())
    assert TITLE_WORD not in chapter.html and AUTHOR not in chapter.html
    assert "Fatima" not in chapter.html


def test_three_records_are_quoted_by_date_in_deterministic_html(
    session: Session, world: dict[str, str],
) -> None:
    params = BookParameters(stadsdeel="F")
    chapter = voices.build(session, params, TODAY)
    succes = chapter.numbers["codes"][1]
    assert (succes["segments"], succes["records"], succes["initiatives"]) == (6, 4, 2)
    quoted = [(quote["recorded"], quote["kind"], quote["stadsdelen"], quote["text"][:20])
              for quote in succes["quotes"]]
    assert quoted == [
        ("2021-07", "interview", ["Nieuw-West"], LONG[:20]),
        ("2023-05", "handelingsbeschrijving", ["Nieuw-West"], "Midden over contact."),
        ("2024-02", "interview", ["Nieuw-West"], "Laat eerste passage.")]
    long_quote = succes["quotes"][0]["text"]
    assert long_quote.endswith(" …") and len(long_quote) <= voices.QUOTE_LENGTH + 2
    assert LONG.startswith(long_quote[:-2])
    assert "Centrum eerst." not in chapter.html  # about Centrum only: out of scope
    assert "<blockquote>\n<p>Midden over contact.</p>\n<footer><cite>Handelingsbeschrijving, " \
           "mei 2023, Nieuw-West</cite></footer>\n</blockquote>" in chapter.html
    assert chapter.html.startswith('<section id="stemmen" class="chapter">\n<h2>Stemmen uit')
    assert chapter.sections == [(f"stemmen-{world['belemmering']}", "Belemmering"),
                                (f"stemmen-{world['succes']}", "Succes")]
    assert voices.build(session, params, TODAY).html == chapter.html


@pytest.mark.usefixtures("world")
def test_in_english_and_only_in_research_books(session: Session) -> None:
    chapter = voices.build(session, BookParameters(language="en"), TODAY)
    assert chapter.title == "Voices from practice"
    assert "<cite>In-depth interview, January 2020, Centrum</cite>" in chapter.html
    with pytest.raises(ValueError, match="research book"):
        voices.build(session, BookParameters(audience="everyone"), TODAY)


def test_records_change_a_research_books_hash_not_one_for_everyone(
    client: TestClient, session: Session, world: dict[str, str],
) -> None:
    research, everyone = BookParameters(stadsdeel="F"), BookParameters(
        stadsdeel="F", audience="everyone")

    def hashes() -> tuple[str, str]:
        session.expire_all()
        return snapshot(session, research).data_hash, snapshot(session, everyone).data_hash

    before = hashes()
    record = f"/v1/records/{world['late']}"
    etag = client.get(record).headers["ETag"]
    changed = client.patch(record, json={"text": client.get(record).json()["text"] + " Nog."},
                           headers={"If-Match": etag})
    assert changed.status_code == 200, changed.text
    after_text = hashes()
    assert after_text[0] != before[0] and after_text[1] == before[1]
    code(client, world["hidden"], world["contact"], 0, 5)
    after_segment = hashes()
    assert after_segment[0] != after_text[0] and after_segment[1] == before[1]
    etag = client.get(f"/v1/codes/{world['succes']}").headers["ETag"]
    renamed = client.patch(f"/v1/codes/{world['succes']}", json={"name": "Successen"},
                           headers={"If-Match": etag})
    assert renamed.status_code == 200, renamed.text
    after_code = hashes()
    assert after_code[0] != after_segment[0] and after_code[1] == before[1]
