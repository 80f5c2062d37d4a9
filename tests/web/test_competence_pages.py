"""The competence pages: the frameworks for everyone, the administrators' forms, the links
each role gets, the profile's refusal of viewers, and markup shown as text."""

import re
import uuid
from datetime import date

import pytest
from sqlmodel import Session, col, select
from starlette.testclient import TestClient

from api.areas.models import Area, AreaType
from api.competences import frameworks
from tests.web.competence_world import (
    CENTRUM,
    NIEUW_WEST,
    assess,
    competency_ids,
    make_framework,
    professional_in,
)
from tests.web.conftest import BOOSTED, HTMX, WebFactory

ORIGIN = {"Origin": "http://testserver"}
MARKUP = '<script>alert("bk")</script><img src=x onerror=alert(1)>'
ROLES = [("admin", ()), ("editor", ("F",)), ("researcher", ()), ("viewer", ())]


@pytest.mark.parametrize(("role", "stadsdelen"), ROLES)
def test_everyone_reads_the_frameworks_and_only_admins_get_the_forms(
    web_as: WebFactory, session: Session, role: str, stadsdelen: tuple[str, ...]
) -> None:
    framework = make_framework(session, indicators=("legt verbindingen", "kent de buurt"))
    response = web_as(role, stadsdelen).get("/competenties")
    assert response.status_code == 200
    html = response.text
    assert '<h2 class="ams-heading ams-heading--2" id="kader-werklijst-heading">' in html
    assert '<span class="bk-competency__code">C3</span> Verbinden en netwerken' in html
    assert html.count('<li class="ams-unordered-list__item">kent de buurt</li>') == 3
    assert 'href="/competenties" aria-current="page">Competenties</a>' in html  # the nav
    admin = role == "admin"
    assert ('href="/competenties/kaders/nieuw"' in html) is admin
    assert (f'href="/competenties/kaders/{framework.id}/bewerken"' in html) is admin
    assert ('href="/competenties/team"' in html) is (role != "viewer")
    for forbidden in ("/competenties/kaders/nieuw",
                      f"/competenties/kaders/{framework.id}/competenties/nieuw"):
        assert web_as(role, stadsdelen).get(forbidden).status_code == (200 if admin else 403)


@pytest.mark.parametrize("headers", [{}, HTMX, BOOSTED], ids=["plain", "htmx", "boosted"])
def test_the_overview_renders_plain_as_a_fragment_and_boosted(
    web: TestClient, session: Session, headers: dict[str, str]
) -> None:
    make_framework(session)
    response = web.get("/competenties", headers=headers)
    assert response.status_code == 200
    assert (response.text.lstrip().startswith('<div id="frameworks"')) is (headers is HTMX)


def test_an_admin_adds_a_framework_and_a_competency_with_indicators(
    web: TestClient, session: Session
) -> None:
    created = web.post("/competenties/kaders/nieuw", headers=ORIGIN, follow_redirects=False,
                       data={"code": "actie", "name": "ACTIE-dimensies", "scale": "level",
                             "description": "", "source": "Denters e.a. (2012)"})
    assert created.status_code == 303
    assert created.headers["location"] == "/competenties?opgeslagen=1#kader-actie"
    framework = frameworks.get_framework(session, "actie")
    added = web.post(f"/competenties/kaders/{framework.id}/competenties/nieuw", headers=ORIGIN,
                     follow_redirects=False,
                     data={"code": "A", "name": "Aandacht", "description": "",
                           "behaviouralIndicators": "luistert\r\n\r\n  vraagt door  \r\n",
                           "position": ""})
    assert added.status_code == 303
    html = web.get(added.headers["location"]).text
    assert "Opgeslagen." in html
    assert "Bekwaamheidsniveau (startbekwaam, vakbekwaam, vakvolwassen)" in html
    assert re.search(r'<li class="ams-unordered-list__item">luistert</li>\s*'
                     r'<li class="ams-unordered-list__item">vraagt door</li>', html)


def test_the_apis_messages_stand_at_their_fields(web: TestClient, session: Session) -> None:
    make_framework(session)
    bad = web.post("/competenties/kaders/nieuw", headers=ORIGIN,
                   data={"code": "Geen Code!", "name": "AB", "scale": ""})
    assert bad.status_code == 422
    for field in ("code", "name", "scale"):
        assert f'id="f-{field}-error"' in bad.text, field
    assert 'value="Geen Code!"' in bad.text  # what was typed stays
    taken = web.post("/competenties/kaders/nieuw", headers=ORIGIN,
                     data={"code": "werklijst", "name": "Nog een", "scale": "score"})
    assert taken.status_code == 422
    assert 'id="f-code-error"' in taken.text and "bestaat al" not in taken.text
    assert "Er is al een competentiekader met code" in taken.text


def test_a_message_about_one_indicator_names_its_line(web: TestClient, session: Session) -> None:
    framework = make_framework(session)
    response = web.post(f"/competenties/kaders/{framework.id}/competenties/nieuw",
                        headers=ORIGIN,
                        data={"code": "C9", "name": "Reflecteren",
                              "behaviouralIndicators": "denkt na\n\nx\n", "position": ""})
    assert response.status_code == 422
    error = re.search(r'id="f-behaviouralIndicators-error">.*?</p>', response.text)
    assert error is not None and "</span>3: " in error.group(0)  # "x" is on line 3
    duplicate = web.post(f"/competenties/kaders/{framework.id}/competenties/nieuw",
                         headers=ORIGIN, data={"code": "C1", "name": "Nog eens C1"})
    assert duplicate.status_code == 422 and 'id="f-code-error"' in duplicate.text


def test_an_admin_edits_a_framework_and_a_competency(web: TestClient, session: Session) -> None:
    framework = make_framework(session)
    edit = web.get(f"/competenties/kaders/{framework.id}/bewerken").text
    assert '<input type="hidden" name="version" value="1">' in edit
    saved = web.post(f"/competenties/kaders/{framework.id}/bewerken", headers=ORIGIN,
                     follow_redirects=False,
                     data={"code": "werklijst", "name": "Werklijst (herzien)", "scale": "score",
                           "description": "", "source": "", "version": "1"})
    assert saved.status_code == 303
    key = competency_ids(session, framework)["C2"]
    form = web.get(f"/competenties/{key}/bewerken").text
    assert ">legt verbindingen</textarea>" in form
    changed = web.post(f"/competenties/{key}/bewerken", headers=ORIGIN, follow_redirects=False,
                       data={"code": "C2", "name": "Helder communiceren", "position": "2",
                             "behaviouralIndicators": "spreekt helder\nluistert", "version": "1"})
    assert changed.status_code == 303
    html = web.get("/competenties").text
    assert "Werklijst (herzien)" in html and "Helder communiceren" in html
    stale = web.post(f"/competenties/{key}/bewerken", headers=ORIGIN,
                     data={"code": "C2", "name": "Oud", "version": "1"})
    assert stale.status_code == 409
    assert "Niet opgeslagen: intussen gewijzigd" in stale.text
    assert '<input type="hidden" name="version" value="2">' in stale.text


def test_the_scale_of_an_assessed_framework_cannot_change(
    web: TestClient, session: Session
) -> None:
    framework = make_framework(session)
    assess(session, professional_in(session), framework, "self", date(2024, 1, 1), {"C1": 3})
    response = web.post(f"/competenties/kaders/{framework.id}/bewerken", headers=ORIGIN,
                        data={"code": "werklijst", "name": "Werklijst", "scale": "level",
                              "version": "1"})
    assert response.status_code == 422
    assert 'id="f-scale-error"' in response.text


@pytest.mark.parametrize(("role", "stadsdelen", "profile", "assess_link"), [
    ("admin", (), True, True), ("researcher", (), True, True),
    ("editor", ("F",), True, True), ("editor", ("A",), True, False),
    ("viewer", (), False, False)])
def test_the_professional_page_links_what_the_role_may_use(
    web_as: WebFactory, session: Session, role: str, stadsdelen: tuple[str, ...],
    profile: bool, assess_link: bool
) -> None:
    professional = professional_in(session)
    client = web_as(role, stadsdelen)
    html = client.get(f"/professionals/{professional.id}").text
    assert (f'href="/professionals/{professional.id}/competenties"' in html) is profile
    assert (f'href="/professionals/{professional.id}/beoordelen"' in html) is assess_link
    page = client.get(f"/professionals/{professional.id}/competenties")
    assert page.status_code == (200 if profile else 403)
    if not profile:
        assert "Geen toestemming" in page.text


@pytest.mark.parametrize(("stadsdelen", "assess_link"), [(("F",), True), (("A",), False)])
def test_an_editor_may_assess_someone_serving_a_gebied_of_their_stadsdeel(
    web_as: WebFactory, session: Session, stadsdelen: tuple[str, ...], assess_link: bool
) -> None:
    """A gebied counts for its stadsdeel (its parent), as the form and the API reckon it."""
    gebied = session.exec(select(Area.id).where(
        Area.type == AreaType.GEBIED, col(Area.parent_id) == uuid.UUID(NIEUW_WEST))).first()
    assert gebied is not None
    professional = professional_in(session, str(gebied))
    client = web_as("editor", stadsdelen)
    html = client.get(f"/professionals/{professional.id}").text
    assert (f'href="/professionals/{professional.id}/beoordelen"' in html) is assess_link
    form = client.get(f"/professionals/{professional.id}/beoordelen")
    assert form.status_code == (200 if assess_link else 403)


def test_the_profile_offers_the_frameworks_and_works_without_javascript(
    web: TestClient, session: Session
) -> None:
    make_framework(session)
    make_framework(session, code="actie", name="ACTIE", scale="level")
    professional = professional_in(session, CENTRUM)
    path = f"/professionals/{professional.id}/competenties"
    plain = web.get(path + "?framework=actie")
    form = re.search(r'<form id="profile-framework"[^>]*>', plain.text)
    assert form is not None and 'method="get"' in form.group(0)
    assert '<option value="actie" selected>ACTIE</option>' in plain.text
    assert "Nog geen beoordelingen in dit kader." in plain.text
    fragment = web.get(path + "?framework=werklijst", headers=HTMX)
    assert fragment.text.lstrip().startswith('<div id="profile"')


def test_stored_markup_is_shown_as_text(web: TestClient, session: Session) -> None:
    framework = make_framework(session, name=f"Kader {MARKUP}", items=(("C1", MARKUP),),
                               indicators=(MARKUP,))
    professional = professional_in(session, name=f"Naam {MARKUP}")
    assess(session, professional, framework, "peer", date(2024, 1, 1), {"C1": 4}, note=MARKUP)
    key = competency_ids(session, framework)["C1"]
    for path in ("/competenties", f"/competenties/kaders/{framework.id}/bewerken",
                 f"/competenties/{key}/bewerken", f"/professionals/{professional.id}/beoordelen",
                 f"/professionals/{professional.id}/competenties",
                 "/competenties/team?stadsdeel=F"):
        html = web.get(path).text
        assert "<script>alert(" not in html and "<img src=x" not in html, path
        assert "&lt;script&gt;alert(" in html, path
    refused = web.post("/competenties/kaders/nieuw", headers=ORIGIN,
                       data={"code": MARKUP, "name": MARKUP, "scale": "score"})
    assert refused.status_code == 422 and "<script>alert(" not in refused.text
    echoed = web.get(f"/competenties/team?stadsdeel={MARKUP}")
    assert echoed.status_code == 422 and "<script>alert(" not in echoed.text
    kept = web.get(f"/professionals/{professional.id}/beoordelen",
                   params={"perspective": MARKUP, "assessedOn": MARKUP, "framework": MARKUP})
    assert kept.status_code == 200 and "<script>alert(" not in kept.text
    assert 'value="&lt;script&gt;alert(' in kept.text  # the date field repeats it, escaped
