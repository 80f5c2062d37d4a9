"""Assessing a professional on a whole framework at once: who may, the round trip to the
API and back on the profile, the API's messages at the competency they are about, no-JS."""

import re
from datetime import date, timedelta

import pytest
from sqlmodel import Session, select
from starlette.testclient import TestClient

from api.competences.models import Assessment
from tests.web.competence_world import (
    CENTRUM,
    competency_ids,
    make_framework,
    professional_in,
)
from tests.web.conftest import BOOSTED, HTMX, WebFactory

ORIGIN = {"Origin": "http://testserver"}


def _form_path(professional_id: object) -> str:
    return f"/professionals/{professional_id}/beoordelen"


def _stored(session: Session) -> list[Assessment]:
    session.expire_all()
    return list(session.exec(select(Assessment)).all())


@pytest.mark.parametrize(("role", "stadsdelen", "status"), [
    ("admin", (), 200), ("researcher", (), 200), ("editor", ("F",), 200),
    ("editor", ("A",), 403), ("viewer", (), 403)])
def test_the_form_is_for_those_the_api_lets_assess(
    web_as: WebFactory, session: Session, role: str, stadsdelen: tuple[str, ...], status: int
) -> None:
    make_framework(session)
    professional = professional_in(session)  # serves Nieuw-West (F)
    response = web_as(role, stadsdelen).get(_form_path(professional.id))
    assert response.status_code == status
    if status == 403:
        assert "Geen toestemming" in response.text
        assert 'id="assessment-form"' not in response.text


def test_the_form_asks_per_competency_with_a_fieldset_of_radios(
    web: TestClient, session: Session
) -> None:
    framework = make_framework(session)
    ids = competency_ids(session, framework)
    html = web.get(_form_path(professional_in(session).id)).text
    assert f'<input type="hidden" name="frameworkId" value="{framework.id}">' in html
    for code, key in ids.items():
        fieldset = re.search(rf'<fieldset[^>]*id="f-score-{key}".*?</fieldset>', html, re.DOTALL)
        assert fieldset is not None, code
        assert f'<span class="bk-competency__code">{code}</span>' in fieldset.group(0)
        radios = re.findall(rf'<input type="radio" id="f-score-{key}-(\w+)"', fieldset.group(0))
        assert radios == ["none", "1", "2", "3", "4", "5"]
        assert f'<label class="ams-label" for="f-note-{key}">' in fieldset.group(0)
        assert 'value="" checked' in fieldset.group(0)  # not judged unless chosen
    assert '<legend class="ams-field-set__legend">Perspectief</legend>' in html
    today = re.search(r'id="f-assessedOn" name="assessedOn" value="([0-9-]+)"', html)
    assert today is not None and abs(date.fromisoformat(today.group(1)) - date.today()).days <= 1


def test_a_framework_scored_by_level_offers_the_levels(web: TestClient, session: Session) -> None:
    make_framework(session)
    levels = make_framework(session, code="actie", name="ACTIE", scale="level")
    key = competency_ids(session, levels)["C1"]
    html = web.get(_form_path(professional_in(session).id) + "?framework=actie").text
    assert re.findall(rf'id="f-score-{key}-(\w+)"', html) == [
        "none", "startbekwaam", "vakbekwaam", "vakvolwassen"]
    assert f'for="f-score-{key}-vakbekwaam">Vakbekwaam</label>' in html


def test_the_framework_is_chosen_without_javascript_and_swapped_with_htmx(
    web: TestClient, session: Session
) -> None:
    make_framework(session)
    levels = make_framework(session, code="actie", name="ACTIE", scale="level")
    path = _form_path(professional_in(session).id)
    plain = web.get(path + "?framework=actie&perspective=manager&assessedOn=2024-05-01")
    form = re.search(r'<form id="framework-choice"[^>]*>', plain.text)
    assert form is not None
    assert 'method="get"' in form.group(0) and 'hx-target="#assessment"' in form.group(0)
    assert '<option value="actie" selected>ACTIE</option>' in plain.text
    assert f'name="frameworkId" value="{levels.id}"' in plain.text
    assert 'value="manager" checked' in plain.text and 'value="2024-05-01"' in plain.text
    fragment = web.get(path + "?framework=actie", headers=HTMX)
    assert fragment.text.lstrip().startswith('<div id="assessment"')
    assert "<html" not in fragment.text and f'value="{levels.id}"' in fragment.text
    boosted = web.get(path + "?framework=actie", headers=BOOSTED)
    assert boosted.text.startswith("<!doctype html>")


def test_a_round_goes_to_the_api_and_the_profile_shows_it(
    web: TestClient, session: Session
) -> None:
    framework = make_framework(session)
    ids = competency_ids(session, framework)
    professional = professional_in(session)
    response = web.post(_form_path(professional.id), headers=ORIGIN, follow_redirects=False,
                        data={"frameworkId": str(framework.id), "perspective": "manager",
                              "assessedOn": "2024-06-01", f"score-{ids['C1']}": "4",
                              f"note-{ids['C1']}": "Verbindt buurt en stadsdeel",
                              f"score-{ids['C2']}": "2", f"score-{ids['C3']}": ""})
    assert response.status_code == 303
    assert response.headers["location"] == (
        f"/professionals/{professional.id}/competenties?framework=werklijst&opgeslagen=2")
    stored = sorted(_stored(session), key=lambda row: row.score or 0)
    assert [(str(row.competency_id), row.score, row.perspective) for row in stored] == [
        (ids["C2"], 2, "manager"), (ids["C1"], 4, "manager")]  # C3 was left out
    assert stored[0].round_id == stored[1].round_id
    assert stored[1].note == "Verbindt buurt en stadsdeel"
    profile = web.get(response.headers["location"])
    assert "De beoordeling van 2 competenties is opgeslagen." in profile.text
    assert "Verbindt buurt en stadsdeel" in profile.text
    assert re.search(r'<tr id="profile-C1">\s*<th[^>]*>C1 [^<]*</th>\s*'
                     r'<td[^>]*>—</td>\s*<td[^>]*></td>\s*<td[^>]*>4</td>', profile.text)


def test_a_round_by_level_is_stored_as_levels(web: TestClient, session: Session) -> None:
    framework = make_framework(session, scale="level")
    key = competency_ids(session, framework)["C2"]
    professional = professional_in(session)
    response = web.post(_form_path(professional.id), headers=ORIGIN, follow_redirects=False,
                        data={"frameworkId": str(framework.id), "perspective": "self",
                              "assessedOn": "2024-06-01", f"score-{key}": "vakvolwassen"})
    assert response.status_code == 303
    assert [(row.level, row.score) for row in _stored(session)] == [("vakvolwassen", None)]
    profile = web.get(response.headers["location"]).text
    assert re.search(r'<tr id="profile-C2">\s*<th[^>]*>C2 [^<]*</th>\s*'
                     r'<td[^>]*>Vakvolwassen</td>', profile)


def test_the_apis_message_stands_at_the_competency_it_is_about(
    web: TestClient, session: Session
) -> None:
    framework = make_framework(session)
    ids = competency_ids(session, framework)
    professional = professional_in(session)
    # C1 judged, C3 only a note: the API gets two items and says /items/1/score, C3's.
    response = web.post(_form_path(professional.id), headers=ORIGIN,
                        data={"frameworkId": str(framework.id), "perspective": "peer",
                              "assessedOn": "2024-06-01", f"score-{ids['C1']}": "5",
                              f"note-{ids['C3']}": "Nog niet gezien"})
    assert response.status_code == 422
    html = response.text
    assert f'id="f-score-{ids["C3"]}-error"' in html
    assert f'id="f-score-{ids["C1"]}-error"' not in html
    assert "Dit kader vraagt een score van 1 tot 5." in html
    assert f'<a class="ams-link" href="#f-score-{ids["C3"]}">C3 Verbinden en netwerken:' in html
    # What was typed is kept: C1's 5, C3's note, the perspective.
    assert f'id="f-score-{ids["C1"]}-5" name="score-{ids["C1"]}" value="5" checked' in html
    assert ">Nog niet gezien</textarea>" in html
    assert 'value="peer" checked' in html
    assert _stored(session) == []  # all or nothing


def test_the_rounds_own_fields_get_their_messages(web: TestClient, session: Session) -> None:
    framework = make_framework(session)
    key = competency_ids(session, framework)["C1"]
    tomorrow = (date.today() + timedelta(days=2)).isoformat()
    response = web.post(_form_path(professional_in(session).id), headers=ORIGIN,
                        data={"frameworkId": str(framework.id), "assessedOn": tomorrow,
                              f"score-{key}": "3"})
    assert response.status_code == 422
    assert 'id="f-perspective-error"' in response.text
    future = web.post(_form_path(professional_in(session).id), headers=ORIGIN,
                      data={"frameworkId": str(framework.id), "perspective": "self",
                            "assessedOn": tomorrow, f"score-{key}": "3"})
    assert 'id="f-assessedOn-error"' in future.text
    assert "De datum ligt in de toekomst." in future.text


def test_a_form_with_nothing_judged_says_so(web: TestClient, session: Session) -> None:
    framework = make_framework(session)
    response = web.post(_form_path(professional_in(session).id), headers=ORIGIN,
                        data={"frameworkId": str(framework.id), "perspective": "self",
                              "assessedOn": "2024-06-01"})
    assert response.status_code == 422
    assert 'id="f-items-error"' in response.text
    assert '<a class="ams-link" href="#f-items">Competenties:' in response.text


def test_an_editor_of_another_stadsdeel_is_refused_by_the_api(
    web_as: WebFactory, session: Session
) -> None:
    framework = make_framework(session)
    key = competency_ids(session, framework)["C1"]
    professional = professional_in(session)
    editor = web_as("editor", ("A",))
    response = editor.post(_form_path(professional.id), headers=ORIGIN,
                           data={"frameworkId": str(framework.id), "perspective": "manager",
                                 "assessedOn": "2024-06-01", f"score-{key}": "3"})
    assert response.status_code == 403
    assert "Geen toestemming" in response.text
    assert _stored(session) == []
    own = web_as("editor", ("A",)).get(_form_path(professional_in(session, CENTRUM).id))
    assert own.status_code == 200


def test_an_unknown_framework_in_the_form_is_a_bad_request(
    web: TestClient, session: Session
) -> None:
    make_framework(session)
    response = web.post(_form_path(professional_in(session).id), headers=ORIGIN,
                        data={"frameworkId": "bestaat-niet", "perspective": "self"})
    assert response.status_code == 400


def test_without_frameworks_the_form_says_there_are_none(
    web: TestClient, session: Session
) -> None:
    html = web.get(_form_path(professional_in(session).id)).text
    assert "Er zijn nog geen competentiekaders om mee te beoordelen." in html
