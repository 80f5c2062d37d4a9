"""Pseudonymising a record: names become stable codes (whole words, ignoring case, longest
first), coded segments move exactly, a preview changes nothing, and an applied change is
locked, audited and held to If-Match."""

import logging
import re
import uuid
from typing import Any

import pytest
from pydantic import SecretStr
from sqlmodel import Session, select
from starlette.testclient import TestClient

from api.audit.models import AuditEvent
from api.config import Settings, get_settings
from api.qualitative.models import CodedSegment
from api.qualitative.pseudonyms import code_of, pseudonymise
from tests.api.test_segments import code, items, new_code, new_record
from tests.audit_check import ClientFactory

KEY = b"test-key"
API_KEY = get_settings().pseudonym_key.get_secret_value().encode()
CODE = re.compile(r"\[Naam [0-9A-HJKMNP-TV-Z]{5}\]")
TEXT = "Jan sprak met Fatima El Amrani. Daarna zei fatima: JAN wist het."


def test_names_become_codes_longest_first_whole_words_ignoring_case() -> None:
    result = pseudonymise(TEXT, ["Fatima", "Jan", "Fatima El Amrani"], KEY)
    jan, fatima, full = (code_of(name, KEY) for name in ("Jan", "Fatima", "Fatima El Amrani"))
    assert result.text == f"{jan} sprak met {full}. Daarna zei {fatima}: {jan} wist het."
    assert result.names == [("Fatima", fatima, 1), ("Jan", jan, 2),
                            ("Fatima El Amrani", full, 1)]
    assert all(CODE.fullmatch(each) for each in (jan, fatima, full))


def test_overlapping_names_replace_the_leftmost_then_the_longest() -> None:
    result = pseudonymise("Anna Maria Jansen en Maria Jansen; Jan de Vries, Jan.",
                          ["Maria Jansen", "Anna Maria", "Jan", "Jan de Vries"], KEY)
    counts = {name: count for name, _, count in result.names}
    assert counts == {"Maria Jansen": 1, "Anna Maria": 1, "Jan": 1, "Jan de Vries": 1}
    assert result.text == (f"{code_of('Anna Maria', KEY)} Jansen en "
                           f"{code_of('Maria Jansen', KEY)}; {code_of('Jan de Vries', KEY)}, "
                           f"{code_of('Jan', KEY)}.")


def test_names_inside_other_words_stay() -> None:
    text = "Jansen, januari, Jan-Willem en kwaliteit; Ali's fiets en ali."
    result = pseudonymise(text, ["Jan", "Ali"], KEY)
    ali = code_of("Ali", KEY)
    assert result.text == f"Jansen, januari, Jan-Willem en kwaliteit; {ali}'s fiets en {ali}."
    assert result.names[0][2] == 0


def test_unicode_names_match_in_any_case_and_either_normal_form() -> None:
    text = "Özlem belde. ÖZLEM kwam, o\u0308zlem ook; de Özlemlers niet. Şükrü lachte."
    result = pseudonymise(text, ["özlem", "ŞÜKRÜ"], KEY)
    ozlem, sukru = code_of("Özlem", KEY), code_of("Şükrü", KEY)
    assert result.text == (f"{ozlem} belde. {ozlem} kwam, {ozlem} ook; de Özlemlers niet. "
                           f"{sukru} lachte.")
    assert [count for _, _, count in result.names] == [3, 1]


def test_a_name_gets_the_same_code_everywhere_and_another_key_another_code() -> None:
    assert code_of("Fatima  el amrani", KEY) == code_of("Fatima El Amrani", KEY)
    assert code_of("Fatima El Amrani", KEY) != code_of("Fatima El Amrani", b"other key")
    assert code_of("Jan", KEY) != code_of("Jas", KEY)
    first = pseudonymise("Jan kwam.", ["Jan"], KEY).text
    second = pseudonymise("Later zei JAN niets.", ["jan"], KEY).text
    assert code_of("Jan", KEY) in first and code_of("Jan", KEY) in second


@pytest.mark.parametrize(("start", "end", "quote"), [
    (0, 3, "{jan}"),                       # exactly the name
    (0, 9, "{jan} sprak"),                 # the name and more
    (4, 13, "sprak met"),                  # between names: moved only
    (9, 30, " met {full}"),                # around a name
    (16, 20, "{full}"),                    # inside a name: grows to its code
    (10, 18, "met {full}"),                # ends inside a name
    (24, 38, "{full}. Daarna"),            # starts inside a name
    (51, 64, "{jan} wist het."),           # after several names
])
def test_segments_around_and_inside_names_move_exactly(start: int, end: int, quote: str
                                                      ) -> None:
    result = pseudonymise(TEXT, ["Jan", "Fatima El Amrani"], KEY)
    names = {"jan": code_of("Jan", KEY), "full": code_of("Fatima El Amrani", KEY)}
    assert result.text[result.new_start(start):result.new_end(end)] == quote.format(**names)


def _post(client: TestClient, record: str, names: list[str], apply: bool = False,
          **headers: str) -> Any:
    return client.post(f"/v1/records/{record}/pseudonymise",
                       json={"names": names, "apply": apply}, headers=headers)


def test_a_preview_answers_the_new_text_and_changes_nothing(client: TestClient) -> None:
    record = new_record(client, text=TEXT)
    coded = code(client, record, new_code(client, "Contact"), 14, 30)
    before = client.get(f"/v1/records/{record}")
    answer = _post(client, record, ["Fatima El Amrani", "Piet"])
    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert body["text"] == TEXT.replace("Fatima El Amrani", code_of("Fatima El Amrani", API_KEY))
    assert body["replacements"][1] == {"name": "Piet", "code": body["replacements"][1]["code"],
                                       "count": 0}
    assert (body["segments"], body["applied"]) == (1, False)
    assert answer.headers["ETag"] == before.headers["ETag"]
    after = client.get(f"/v1/records/{record}")
    assert (after.json(), after.headers["ETag"]) == (before.json(), before.headers["ETag"])
    assert items(client, f"/v1/records/{record}/segments")[0]["quote"] == coded["quote"]


def test_applying_stores_the_text_moves_the_segments_and_leaves_one_audit_event(
    client_as: ClientFactory, session: Session,
) -> None:
    researcher = client_as("researcher")
    record = new_record(researcher, text=TEXT)
    contact = new_code(researcher, "Contact")
    for start, end in ((14, 30), (16, 20), (51, 64)):
        code(researcher, record, contact, start, end)
    etag = researcher.get(f"/v1/records/{record}").headers["ETag"]
    answer = _post(researcher, record, ["Jan", "Fatima El Amrani"], apply=True, **{
        "If-Match": etag})
    assert answer.status_code == 200, answer.text
    assert (answer.json()["applied"], answer.json()["segments"]) == (True, 3)
    stored = researcher.get(f"/v1/records/{record}")
    assert stored.json()["text"] == answer.json()["text"]
    assert stored.headers["ETag"] == answer.headers["ETag"] != etag
    jan, full = code_of("Jan", API_KEY), code_of("Fatima El Amrani", API_KEY)
    assert [each["code"] for each in answer.json()["replacements"]] == [jan, full]
    quotes = [segment["quote"] for segment in items(researcher, f"/v1/records/{record}/segments")]
    assert quotes == [full, full, f"{jan} wist het."]
    events = session.exec(select(AuditEvent).where(
        AuditEvent.resource_id == uuid.UUID(record), AuditEvent.action == "update")).all()
    assert len(events) == 1 and set(events[0].changes) == {"text", "pseudonymisedAt"}
    found = researcher.get("/v1/records/search", params={"q": "Amrani"}).json()
    assert found["total"] == 0


def test_the_same_name_gets_the_same_code_in_two_records(client: TestClient) -> None:
    first = _post(client, new_record(client, text="Gesprek met Özlem."), ["Özlem"], True)
    second = _post(client, new_record(client, text="ÖZLEM zei nee."), ["özlem"], True)
    assert first.json()["replacements"][0]["code"] == second.json()["replacements"][0]["code"]
    assert first.json()["text"].endswith(first.json()["replacements"][0]["code"] + ".")


def test_a_stale_if_match_is_a_412_and_changes_nothing(
    client: TestClient, session: Session,
) -> None:
    record = new_record(client, text=TEXT)
    code(client, record, new_code(client, "Contact"), 51, 64)
    before = client.get(f"/v1/records/{record}").json()
    answer = _post(client, record, ["Jan"], apply=True, **{"If-Match": '"999"'})
    assert answer.status_code == 412, answer.text
    assert client.get(f"/v1/records/{record}").json() == before
    segment = session.exec(select(CodedSegment)).one()
    assert (segment.start_offset, segment.end_offset) == (51, 64)


def test_applying_names_that_occur_nowhere_only_marks_the_record_pseudonymised(
        client: TestClient) -> None:
    record = new_record(client, text=TEXT)
    before = client.get(f"/v1/records/{record}").json()
    answer = _post(client, record, ["Piet"], apply=True)
    assert answer.status_code == 200
    assert (answer.json()["applied"], answer.json()["text"]) == (True, TEXT)
    after = client.get(f"/v1/records/{record}").json()
    assert after["pseudonymisedAt"] is not None and before["pseudonymisedAt"] is None
    assert (after["text"], after["title"], after["author"]) == (
        before["text"], before["title"], before["author"])


@pytest.mark.parametrize(("body", "pointer"), [
    ({}, "/names"), ({"names": []}, "/names"), ({"names": "Jan"}, "/names"),
    ({"names": ["J"]}, "/names/0"), ({"names": ["Jan", "   "]}, "/names/1"),
    ({"names": ["x" * 201]}, "/names/0"), ({"names": ["Jan"] * 201}, "/names"),
    ({"names": [None]}, "/names/0"), ({"names": ["Jan"], "apply": "soms"}, "/apply"),
    ({"names": ["Jan\u0000"]}, "/names/0"),
])
def test_bad_bodies_are_a_400_at_their_pointer_and_change_nothing(
    client: TestClient, body: dict[str, Any], pointer: str,
) -> None:
    record = new_record(client, text=TEXT)
    before = client.get(f"/v1/records/{record}").json()
    answer = client.post(f"/v1/records/{record}/pseudonymise", json=body)
    assert answer.status_code == 400, answer.text
    assert answer.json()["errors"][0]["location"] == {"pointer": pointer}
    assert client.get(f"/v1/records/{record}").json() == before


def test_a_text_that_the_codes_would_make_too_long_is_refused_when_applied(
    client: TestClient,
) -> None:
    record = new_record(client, text="Jo " * 100_000)  # 300,000 characters
    assert _post(client, record, ["Jo"]).status_code == 200  # a preview stores nothing
    answer = _post(client, record, ["Jo"], apply=True)
    assert answer.status_code == 400, answer.text[:300]
    assert answer.json()["errors"][0]["code"] == "text-too-long"
    assert client.get(f"/v1/records/{record}").json()["text"] == "Jo " * 100_000


def test_an_unknown_record_is_a_404(client: TestClient) -> None:
    assert _post(client, str(uuid.uuid4()), ["Jan"]).status_code == 404


@pytest.mark.parametrize("role", ["viewer", "editor"])
def test_viewers_and_editors_may_not_pseudonymise(
    client: TestClient, client_as: ClientFactory, role: str,
) -> None:
    record = new_record(client, text=TEXT)
    for apply in (False, True):
        assert _post(client_as(role), record, ["Jan"], apply).status_code == 403
    assert client.get(f"/v1/records/{record}").json()["text"] == TEXT


def test_a_second_pseudonymisation_leaves_the_codes_of_the_first_alone() -> None:
    first = pseudonymise("Naam is Naam, zei Jan.", ["Jan"], KEY).text
    second = pseudonymise(first, ["Naam", "Jan"], KEY)
    naam, jan = code_of("Naam", KEY), code_of("Jan", KEY)
    assert second.text == f"{naam} is {naam}, zei {jan}."
    assert [count for _, _, count in second.names] == [2, 0]


def test_many_names_that_begin_alike_each_find_only_themselves() -> None:
    names = [("a " * 20) + f"b{number:02d}" for number in range(50)]
    text = " ".join(["a"] * 30 + ["b07", "en", *names[3].split(), "a", "b3"])
    result = pseudonymise(text, names, KEY)
    assert result.text == " ".join(["a"] * 10 + [code_of(names[7], KEY), "en",
                                                code_of(names[3], KEY), "a", "b3"])
    assert sum(count for _, _, count in result.names) == 2


def test_names_with_punctuation_need_it_and_spaces_where_the_name_has_them() -> None:
    result = pseudonymise("O'Brien, O ' Brien en O'Brien-Smit; Jan  de\nVries.",
                          ["o'brien", "Jan de Vries"], KEY)
    brien = code_of("O'Brien", KEY)
    assert result.text == (f"{brien}, O ' Brien en O'Brien-Smit; "
                           f"{code_of('Jan de Vries', KEY)}.")


def test_too_many_characters_of_names_together_are_a_400(client: TestClient) -> None:
    record = new_record(client, text=TEXT)
    answer = _post(client, record, [f"{number:03d}" + "x" * 197 for number in range(26)])
    assert answer.status_code == 400, answer.text
    assert answer.json()["errors"][0]["location"] == {"pointer": "/names"}


def test_the_title_and_the_author_are_pseudonymised_too(client: TestClient) -> None:
    response = client.post("/v1/records", json={
        "kind": "interview", "title": "Interview met Jan over de moestuin",
        "author": "Fatima El Amrani", "recordedOn": "2024-03-01", "text": TEXT})
    record = response.json()["id"]
    jan, full = code_of("Jan", API_KEY), code_of("Fatima El Amrani", API_KEY)
    preview = _post(client, record, ["Jan", "Fatima El Amrani"]).json()
    assert (preview["title"], preview["author"]) == (f"Interview met {jan} over de moestuin",
                                                     full)
    assert [each["count"] for each in preview["replacements"]] == [3, 2]
    assert client.get(f"/v1/records/{record}").json()["author"] == "Fatima El Amrani"
    applied = _post(client, record, ["Jan", "Fatima El Amrani"], apply=True).json()
    stored = client.get(f"/v1/records/{record}").json()
    assert (stored["title"], stored["author"]) == (applied["title"], applied["author"])
    assert client.get("/v1/records/search", params={"q": "moestuin"}).json()["total"] == 1


def test_the_public_development_key_is_warned_about_and_an_own_key_not(
    caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("API_PSEUDONYM_KEY", raising=False)
    with caplog.at_level(logging.WARNING, logger="api.config"):
        Settings()
        Settings(pseudonym_key=SecretStr("een eigen, geheime sleutel"))
    assert [record.getMessage()[:27] for record in caplog.records] == [
        "API_PSEUDONYM_KEY is not se"]
