"""Follow-ups after support on the initiative page: a real form to add, edit and delete
them, 303 back to the page, the API's refusals at their fields, 409 when someone else was
first; only those who may record evaluations get the links and the forms."""

import re
import uuid
from datetime import date

import pytest
from sqlmodel import Session
from starlette.testclient import TestClient

from api.follow_ups.models import FollowUp
from tests.api.builders import make_initiative
from tests.web.conftest import BOOSTED, HTMX, WebFactory

HEADERS = [{}, HTMX, BOOSTED]
IDS = ["plain", "htmx", "boosted"]


def _form(**overrides: str) -> dict[str, str]:
    form = {"monthsAfterSupport": "12", "observedOn": "2013-01-15", "stillRunning": "false",
            "stoppedAfterMonths": "9", "residentsInLead": "true", "newPeopleJoined": "3",
            "note": "De tuin ligt er verlaten bij."}
    form.update(overrides)
    return form


def _field(html: str, field_id: str) -> str:
    found = re.search(rf'<(?:input|select|textarea)[^>]*id="{field_id}"[^>]*>', html)
    assert found is not None, field_id
    return found.group(0)


def _follow_up(session: Session, initiative_id: uuid.UUID, month: int = 6,
               **fields: object) -> FollowUp:
    values: dict[str, object] = {"months_after_support": month,
                                 "observed_on": date(2012, 7, 1), "still_running": True,
                                 **fields}
    follow_up = FollowUp(initiative_id=initiative_id, **values)
    session.add(follow_up)
    session.commit()
    session.refresh(follow_up)
    return follow_up


def _base(initiative_id: object) -> str:
    return f"/initiatives/{initiative_id}/follow-ups"


@pytest.mark.parametrize("headers", HEADERS, ids=IDS)
def test_the_new_form_suggests_the_first_usual_month_not_yet_recorded(
    web: TestClient, session: Session, headers: dict[str, str]
) -> None:
    initiative = make_initiative(session)
    _follow_up(session, initiative.id, 6)
    response = web.get(f"{_base(initiative.id)}/new", headers=headers)
    assert response.status_code == 200
    html = response.text
    assert html.lstrip().startswith('<form id="follow-up-form"') == (headers is HTMX)
    assert f'method="post" action="{_base(initiative.id)}/new"' in html
    assert 'value="12"' in _field(html, "f-monthsAfterSupport")
    assert 'list="f-monthsAfterSupport-suggested"' in html
    for month in (6, 12, 24):
        assert f'<option value="{month}"></option>' in html
    assert 'type="radio" id="f-stillRunning-0" name="stillRunning" value="true"' in html
    assert 'type="date" id="f-observedOn"' in html


@pytest.mark.parametrize("headers", HEADERS, ids=IDS)
def test_a_follow_up_is_saved_and_shown_on_the_initiative_page(
    web: TestClient, client: TestClient, session: Session, headers: dict[str, str]
) -> None:
    initiative = make_initiative(session)
    response = web.post(f"{_base(initiative.id)}/new", data=_form(), headers=headers,
                        follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == f"/initiatives/{initiative.id}#follow-ups"
    stored = client.get(f"/v1/initiatives/{initiative.id}/follow-ups").json()["items"]
    assert [(item["monthsAfterSupport"], item["stillRunning"], item["stoppedAfterMonths"],
             item["residentsInLead"], item["newPeopleJoined"]) for item in stored] == [
        (12, False, 9, True, 3)]
    page = web.get(f"/initiatives/{initiative.id}").text
    section = page[page.index('id="follow-ups"'):page.index('id="evaluations"')]
    assert "Vervolg na ondersteuning" in section
    body = section[section.index("<tbody>"):]
    rows = re.findall(r"<tr>(.*?)</tr>", body, flags=re.DOTALL)
    cells = [re.sub(r"<[^>]+>", "", cell).strip()
             for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", rows[0], flags=re.DOTALL)]
    assert cells[:7] == ["12", "15 jan 2013", "Nee", "9", "Ja", "3",
                         "De tuin ligt er verlaten bij."]


@pytest.mark.parametrize("headers", HEADERS, ids=IDS)
def test_a_stop_month_for_a_running_initiative_is_refused_at_its_field(
    web: TestClient, client: TestClient, session: Session, headers: dict[str, str]
) -> None:
    initiative = make_initiative(session)
    response = web.post(f"{_base(initiative.id)}/new", headers=headers,
                        data=_form(stillRunning="true", stoppedAfterMonths="4"))
    assert response.status_code == 422
    html = response.text
    assert html.lstrip().startswith('<form id="follow-up-form"') == (headers is HTMX)
    field = _field(html, "f-stoppedAfterMonths")
    assert 'aria-invalid="true"' in field and 'value="4"' in field
    assert "Alleen in te vullen als het initiatief niet meer loopt." in html
    assert 'href="#f-stoppedAfterMonths"' in html
    assert 'value="true" checked' in html  # what was chosen stays
    assert client.get(f"/v1/initiatives/{initiative.id}/follow-ups").json()["total"] == 0


def test_a_month_recorded_before_is_refused_at_the_month(
    web: TestClient, session: Session
) -> None:
    initiative = make_initiative(session)
    _follow_up(session, initiative.id, 12)
    response = web.post(f"{_base(initiative.id)}/new", data=_form())
    assert response.status_code == 422
    assert 'aria-invalid="true"' in _field(response.text, "f-monthsAfterSupport")
    assert "heeft al een vervolgmeting na 12 maanden" in response.text


def test_a_missing_answer_and_a_bad_number_are_refused_at_their_fields(
    web: TestClient, session: Session
) -> None:
    initiative = make_initiative(session)
    response = web.post(f"{_base(initiative.id)}/new",
                        data=_form(stillRunning="", monthsAfterSupport="0"))
    assert response.status_code == 422
    assert 'id="f-stillRunning-error"' in response.text
    assert 'aria-invalid="true"' in _field(response.text, "f-monthsAfterSupport")


@pytest.mark.parametrize("headers", HEADERS, ids=IDS)
def test_the_edit_form_shows_the_stored_values_and_saves_with_if_match(
    web: TestClient, client: TestClient, session: Session, headers: dict[str, str]
) -> None:
    initiative = make_initiative(session)
    found = _follow_up(session, initiative.id, 6, residents_in_lead=False, note="Loopt goed")
    edit = f"{_base(initiative.id)}/{found.id}/edit"
    form = web.get(edit, headers=headers)
    assert form.status_code == 200
    assert 'value="6"' in _field(form.text, "f-monthsAfterSupport")
    assert 'value="2012-07-01"' in _field(form.text, "f-observedOn")
    assert 'value="false" checked' in form.text  # residents in the lead: no
    assert '<input type="hidden" name="version" value="1">' in form.text
    assert f'action="{edit}"' in form.text
    saved = web.post(edit, data=_form(monthsAfterSupport="6", stoppedAfterMonths="5",
                                      version="1"), headers=headers, follow_redirects=False)
    assert saved.status_code == 303
    stored = client.get(f"/v1/follow-ups/{found.id}").json()
    assert (stored["stillRunning"], stored["stoppedAfterMonths"], stored["version"]) == (
        False, 5, 2)


def test_a_concurrent_edit_overwrites_nothing_and_says_so(
    web: TestClient, client: TestClient, session: Session
) -> None:
    initiative = make_initiative(session)
    found = _follow_up(session, initiative.id)
    changed = client.patch(f"/v1/follow-ups/{found.id}", json={"note": "Van een ander"},
                           headers={"If-Match": '"1"'})
    assert changed.status_code == 200
    response = web.post(f"{_base(initiative.id)}/{found.id}/edit",
                        data=_form(monthsAfterSupport="6", note="Van mij", version="1"))
    assert response.status_code == 409
    assert "Iemand anders heeft deze vervolgmeting intussen gewijzigd" in response.text
    assert "Van mij" in response.text
    assert '<input type="hidden" name="version" value="2">' in response.text
    assert client.get(f"/v1/follow-ups/{found.id}").json()["note"] == "Van een ander"


@pytest.mark.parametrize("headers", HEADERS, ids=IDS)
def test_deleting_asks_first_then_deletes(
    web: TestClient, client: TestClient, session: Session, headers: dict[str, str]
) -> None:
    initiative = make_initiative(session, title="Buurttuin")
    found = _follow_up(session, initiative.id, 24)
    path = f"{_base(initiative.id)}/{found.id}/delete"
    confirm = web.get(path, headers=headers)
    assert confirm.status_code == 200
    assert "„Buurttuin” na 24 maanden" in confirm.text
    response = web.post(path, data={"version": "1"}, headers=headers, follow_redirects=False)
    assert response.status_code == 303
    assert client.get(f"/v1/follow-ups/{found.id}").status_code == 404


def test_deleting_a_changed_follow_up_deletes_nothing(
    web: TestClient, client: TestClient, session: Session
) -> None:
    initiative = make_initiative(session)
    found = _follow_up(session, initiative.id)
    client.patch(f"/v1/follow-ups/{found.id}", json={"note": "Intussen"},
                 headers={"If-Match": '"1"'})
    response = web.post(f"{_base(initiative.id)}/{found.id}/delete", data={"version": "1"})
    assert response.status_code == 409
    assert "Er is niets verwijderd." in response.text
    assert client.get(f"/v1/follow-ups/{found.id}").status_code == 200


def test_a_follow_up_of_another_initiative_is_not_found_under_this_one(
    web: TestClient, session: Session
) -> None:
    one, other = make_initiative(session), make_initiative(session, title="Ander")
    found = _follow_up(session, other.id)
    assert web.get(f"{_base(one.id)}/{found.id}/edit").status_code == 404
    assert web.post(f"{_base(one.id)}/{found.id}/delete", data={"version": "1"}
                    ).status_code == 404


@pytest.mark.parametrize(("role", "stadsdelen", "may"), [
    ("admin", (), True), ("researcher", (), True), ("editor", ("F",), True),
    ("editor", ("A",), False), ("viewer", (), False)])
def test_only_those_who_may_record_evaluations_get_the_links_and_forms(
    web_as: WebFactory, session: Session, role: str, stadsdelen: tuple[str, ...], may: bool
) -> None:
    initiative = make_initiative(session)  # in buurt FD03, stadsdeel F
    found = _follow_up(session, initiative.id, note="Naam van een bewoner")
    web = web_as(role, stadsdelen)
    page = web.get(f"/initiatives/{initiative.id}")
    assert page.status_code == 200
    assert "Vervolg na ondersteuning" in page.text
    links = (f'href="{_base(initiative.id)}/new"', f'href="{_base(initiative.id)}/{found.id}/edit"',
             f'href="{_base(initiative.id)}/{found.id}/delete"')
    assert all((link in page.text) == may for link in links)
    for path in (f"{_base(initiative.id)}/new", f"{_base(initiative.id)}/{found.id}/edit",
                 f"{_base(initiative.id)}/{found.id}/delete"):
        assert web.get(path).status_code == (200 if may else 403)
    # A viewer sees that the note is held back, not an empty cell.
    assert ("(afgeschermd)" in page.text) == (role == "viewer")
    assert ("Naam van een bewoner" in page.text) == (role != "viewer")


def test_a_viewers_post_changes_nothing(
    web_as: WebFactory, client: TestClient, session: Session
) -> None:
    initiative = make_initiative(session)
    response = web_as("viewer").post(f"{_base(initiative.id)}/new", data=_form())
    assert response.status_code == 403
    assert client.get(f"/v1/initiatives/{initiative.id}/follow-ups").json()["total"] == 0


def test_the_note_is_escaped(web: TestClient, session: Session) -> None:
    initiative = make_initiative(session)
    _follow_up(session, initiative.id, note='<script>alert("x")</script>')
    page = web.get(f"/initiatives/{initiative.id}").text
    assert '<script>alert("x")</script>' not in page
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in page


def test_the_form_speaks_english_when_asked(web: TestClient, session: Session) -> None:
    initiative = make_initiative(session)
    html = web.get(f"{_base(initiative.id)}/new?lang=en").text
    assert "Add a follow-up" in html and "Months after support ended" in html
    page = web.get(f"/initiatives/{initiative.id}?lang=en").text
    assert "Follow-up after support" in page
