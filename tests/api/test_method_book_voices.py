"""The method book's 'Stemmen uit de praktijk' chapter: per top-level code, and per subcode
with a quotable passage of its own, the counts GET /v1/analysis/codes/outcomes answers for
the same filters, quotes only from pseudonymised
records (the others counted as left out), never a title or author, chosen by a fixed rule
and written byte-identically; and a research book's data hash covers the records while a
book for everyone's does not."""

import re
from datetime import date
from typing import Any

import pytest
from sqlmodel import Session
from starlette.testclient import TestClient

from api.method_book.chapters import voices, voices_quotes
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
    """Two initiatives in Nieuw-West (F), one in Centrum (A); codes Succes > Contact > Buren,
    Succes > Aandacht (only on the record not pseudonymised) and Belemmering > Geld (and
    Leeg, unused); six pseudonymised records and one not."""
    west = _initiative(client, "Moestuin West")
    slotermeer = _initiative(client, "Buurtkeuken Slotermeer")
    centrum = _initiative(client, "Geveltuinen Centrum", buurtId=str(BUURT_AA01))
    succes = new_code(client, "Succes")
    contact = new_code(client, "Contact", succes)
    belemmering = new_code(client, "Belemmering")
    geld = new_code(client, "Geld", belemmering)
    buren = new_code(client, "Buren", contact)  # before Contact by name, after it in depth
    aandacht = new_code(client, "Aandacht", succes)
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
    _code(client, hidden, aandacht, f"{HIDDEN} regelde het geld.")
    neighbours = _record(client, [west], "2022-03-03", ["Buren hielpen elkaar."])
    _code(client, neighbours, buren, "Buren hielpen elkaar.")
    _code(client, neighbours, contact, "Buren hielpen elkaar.")
    return {"succes": succes, "belemmering": belemmering, "west": west, "late": late[0],
            "hidden": hidden[0], "contact": contact, "buren": buren, "geld": geld}


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
    # Subcodes depth first (Buren under Contact); Aandacht has no quotable passage.
    assert [[sub["codeId"] for sub in row["subcodes"]] for row in numbers["codes"]] == [
        [world["geld"]], [world["contact"], world["buren"]]]
    for row in [*numbers["codes"], *(sub for top in numbers["codes"]
                                     for sub in top["subcodes"])]:
        theirs = rows[row["codeId"]]
        assert (row["segments"], row["records"], row["initiatives"]) == (
            theirs["segments"], theirs["records"], theirs["initiatives"])
    assert numbers["coded"] == {"records": reference["records"],
                                "segments": reference["segments"]}


@pytest.mark.usefixtures("world")
def test_a_record_not_pseudonymised_is_counted_never_quoted(session: Session) -> None:
    chapter = voices.build(session, BookParameters(stadsdeel="F"), TODAY)
    assert HIDDEN not in chapter.html and HIDDEN not in str(chapter.numbers)
    assert chapter.numbers["leftOut"] == {"records": 1, "segments": 3}
    belemmering, succes = chapter.numbers["codes"]
    assert succes["leftOut"] == {"records": 1, "segments": 2}
    assert belemmering["leftOut"] == {"records": 1, "segments": 1}
    # Contact's own passage on it is left out; Aandacht's only one leaves it without a block.
    assert succes["subcodes"][0]["leftOut"] == {"records": 1, "segments": 1}
    assert "Aandacht" not in chapter.html
    assert "3 gecodeerde passages in 1 verslagen die niet zijn gepseudonimiseerd" in " ".join(
        chapter.html.split())
    assert TITLE_WORD not in chapter.html and AUTHOR not in chapter.html
    assert "Fatima" not in chapter.html


def _quoted(row: dict[str, Any]) -> list[tuple[str, str, list[str], str]]:
    return [(quote["recorded"], quote["kind"], quote["stadsdelen"], quote["text"][:20])
            for quote in row["quotes"]]


def test_own_passages_are_quoted_by_date_in_deterministic_html(
    session: Session, world: dict[str, str],
) -> None:
    params = BookParameters(stadsdeel="F")
    chapter = voices.build(session, params, TODAY)
    succes = chapter.numbers["codes"][1]
    assert (succes["segments"], succes["records"], succes["initiatives"]) == (9, 5, 2)
    # The top-level code quotes the passages coded with it itself (Centrum's: out of scope).
    assert _quoted(succes) == [
        ("2021-07", "interview", ["Nieuw-West"], LONG[:20]),
        ("2023-05", "handelingsbeschrijving", ["Nieuw-West"], "Midden over contact.")]
    contact, buren = succes["subcodes"]
    assert (contact["segments"], contact["records"], contact["initiatives"]) == (6, 4, 1)
    assert contact["path"] == [] and buren["path"] == ["Contact"]
    # Two of Contact's three quotable records, the earliest; Buren's own one.
    assert _quoted(contact) == [
        ("2022-03", "interview", ["Nieuw-West"], "Buren hielpen elkaar"),
        ("2023-05", "handelingsbeschrijving", ["Nieuw-West"], "Midden over contact.")]
    assert _quoted(buren) == [("2022-03", "interview", ["Nieuw-West"], "Buren hielpen elkaar")]
    assert "Laat eerste passage." not in chapter.html
    long_quote = succes["quotes"][0]["text"]
    assert long_quote.endswith(" …") and len(long_quote) <= voices_quotes.QUOTE_LENGTH + 2
    assert LONG.startswith(long_quote[:-2])
    assert "Centrum eerst." not in chapter.html  # about Centrum only: out of scope
    assert "<blockquote>\n<p>Midden over contact.</p>\n<footer><cite>Handelingsbeschrijving, " \
           "mei 2023, Nieuw-West</cite></footer>\n</blockquote>" in chapter.html
    assert f'<section id="stemmen-{world["buren"]}">\n<h4>Contact › Buren</h4>' in chapter.html
    assert chapter.html.startswith('<section id="stemmen" class="chapter">\n<h2>Stemmen uit')
    assert chapter.sections == [(f"stemmen-{world['belemmering']}", "Belemmering"),
                                (f"stemmen-{world['succes']}", "Succes")]
    assert voices.build(session, params, TODAY).html == chapter.html


@pytest.mark.usefixtures("world")
def test_in_english_and_only_in_research_books(session: Session) -> None:
    chapter = voices.build(session, BookParameters(language="en"), TODAY)
    assert chapter.title == "Voices from practice"
    assert "<cite>In-depth interview, January 2020, Centrum</cite>" in chapter.html
    # The quotes and the codebook's words are Dutch, and marked so (WCAG 3.1.2).
    quotes = re.findall(r"<blockquote>\n<p([^>]*)>", chapter.html)
    assert quotes and set(quotes) == {' lang="nl"'}
    assert '<h3 lang="nl">Succes' in chapter.html
    dutch = voices.build(session, BookParameters(), TODAY).html
    assert "lang=" not in dutch
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
