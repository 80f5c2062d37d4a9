"""The codebook pages: the tree for everyone, the forms for researchers and administrators
(the API's messages at their fields, stale versions, moves), the REFI-QDA file out and in,
and a code's coded text across records for those who may read records only."""

import re
from typing import Any

import pytest
from starlette.testclient import TestClient

from tests.audit_check import ClientFactory
from tests.web.conftest import BOOSTED, HTMX, WebFactory

ORIGIN = {"Origin": "http://testserver"}
ROLES = [("admin", ()), ("editor", ("F",)), ("researcher", ()), ("viewer", ())]
WRITERS = ("admin", "researcher")
TEXT = "Intro.\n\nDe buurtwerker hielp ons op weg.\n\nDaarna ging het vanzelf."
#       0       8                               40 42


def new_code(api: TestClient, name: str, parent: str | None = None, **fields: Any) -> str:
    response = api.post("/v1/codes", json={"name": name, "parentId": parent, **fields})
    assert response.status_code == 201, response.text
    return str(response.json()["id"])


def new_record(api: TestClient, title: str = "Gesprek met de buurtwerker",
               initiatives: tuple[str, ...] = ()) -> str:
    response = api.post("/v1/records", json={
        "kind": "interview", "title": title, "recordedOn": "2024-03-01", "text": TEXT,
        "initiativeIds": list(initiatives)})
    assert response.status_code == 201, response.text
    return str(response.json()["id"])


def code_text(api: TestClient, record: str, code_id: str, start: int, end: int) -> None:
    response = api.post(f"/v1/records/{record}/segments",
                        json={"codeId": code_id, "start": start, "end": end})
    assert response.status_code == 201, response.text


def codes_named(api: TestClient) -> dict[str, dict[str, Any]]:
    items = api.get("/v1/codes", params={"pageSize": 100}).json()["items"]
    return {item["name"]: item for item in items}


@pytest.mark.parametrize(("role", "stadsdelen"), ROLES)
def test_everyone_reads_the_tree_and_only_writers_get_the_forms(
    web_as: WebFactory, client_as: ClientFactory, role: str, stadsdelen: tuple[str, ...]
) -> None:
    api = client_as("researcher")
    top = new_code(api, "Succes", definition="Wat helpt.")
    below = new_code(api, "Animo", top)
    web = web_as(role, stadsdelen)
    response = web.get("/codes")
    assert response.status_code == 200
    html = response.text
    assert 'href="/codes" aria-current="page">Codes</a>' in html  # the nav
    assert re.search(rf'<li class="bk-codes__item" id="code-{top}">.*?'
                     rf'<ul class="bk-codes__tree">\s*<li class="bk-codes__item" '
                     rf'id="code-{below}">', html, re.S)
    assert "Wat helpt." in html and "(1 subcode)" in html
    writer = role in WRITERS
    assert ('href="/codes/nieuw"' in html) is writer
    assert (f'href="/codes/{below}/bewerken"' in html) is writer
    assert ('action="/codes/importeren#import"' in html) is writer
    assert ('href="/codes/uitkomsten"' in html) is writer  # may_read_records: the same roles
    for path in ("/codes/nieuw", f"/codes/{below}/bewerken", f"/codes/{below}/verwijderen"):
        assert web.get(path).status_code == (200 if writer else 403), path
    refused = web.post("/codes/importeren", headers=ORIGIN,
                       files={"file": ("c.qdc", b"<x/>", "application/xml")})
    assert refused.status_code == (422 if writer else 403)


@pytest.mark.parametrize("headers", [{}, HTMX, BOOSTED], ids=["plain", "htmx", "boosted"])
def test_the_pages_render_plain_as_a_fragment_and_boosted(
    web: TestClient, client_as: ClientFactory, headers: dict[str, str]
) -> None:
    api = client_as("researcher")
    top = new_code(api, "Succes")
    response = web.get("/codes", headers=headers)
    assert response.status_code == 200
    assert response.text.lstrip().startswith('<div id="codebook"') is (headers is HTMX)
    detail = web.get(f"/codes/{top}", headers=headers)
    assert detail.status_code == 200
    assert detail.text.lstrip().startswith('<div id="coding"') is (headers is HTMX)


def test_a_researcher_adds_a_subcode_and_sees_it_in_its_place(
    web_as: WebFactory, client_as: ClientFactory
) -> None:
    top = new_code(client_as("researcher"), "Succesfactoren")
    web = web_as("researcher")
    form = web.get(f"/codes/nieuw?parent={top}").text
    assert f'<option value="{top}" selected>Succesfactoren</option>' in form
    created = web.post("/codes/nieuw", headers=ORIGIN, follow_redirects=False,
                       data={"name": "Animo", "definition": "Zin om iets te doen.",
                             "example": "We wilden zelf aan de slag.", "parentId": top})
    assert created.status_code == 303
    page = web.get(created.headers["location"]).text
    assert "Opgeslagen." in page and "Zin om iets te doen." in page
    assert f'<li><a class="ams-link" href="/codes/{top}">Succesfactoren</a></li>' in page
    assert "Succesfactoren / Animo" in page


def test_the_apis_messages_stand_at_their_fields(
    web_as: WebFactory, client_as: ClientFactory
) -> None:
    new_code(client_as("researcher"), "Animo")
    web = web_as("researcher")
    empty = web.post("/codes/nieuw", headers=ORIGIN,
                     data={"name": "  ", "definition": "iets", "parentId": ""})
    assert empty.status_code == 422
    assert 'id="f-name-error"' in empty.text and 'aria-invalid="true"' in empty.text
    assert ">iets</textarea>" in empty.text  # what was typed stays
    taken = web.post("/codes/nieuw", headers=ORIGIN, data={"name": "animo", "parentId": ""})
    assert taken.status_code == 422
    assert 'id="f-name-error"' in taken.text and "Er is op deze plek al een code" in taken.text


def test_an_edit_moves_a_code_and_a_stale_or_circular_one_is_refused(
    web_as: WebFactory, client_as: ClientFactory
) -> None:
    api = client_as("researcher")
    first, second = new_code(api, "Eerste"), new_code(api, "Tweede")
    child = new_code(api, "Kind", first)
    web = web_as("researcher")
    form = web.get(f"/codes/{first}/bewerken").text
    assert '<input type="hidden" name="version" value="1">' in form
    assert f'value="{child}"' not in form and f'value="{first}"' not in form  # its own subtree
    moved = web.post(f"/codes/{first}/bewerken", headers=ORIGIN, follow_redirects=False,
                     data={"name": "Eerste", "definition": "", "example": "",
                           "parentId": second, "version": "1"})
    assert moved.status_code == 303
    assert codes_named(api)["Kind"]["path"] == ["Tweede", "Eerste", "Kind"]
    stale = web.post(f"/codes/{first}/bewerken", headers=ORIGIN,
                     data={"name": "Oud", "parentId": "", "version": "1"})
    assert stale.status_code == 409
    assert "Niet opgeslagen: intussen gewijzigd" in stale.text
    assert '<input type="hidden" name="version" value="2">' in stale.text
    circular = web.post(f"/codes/{first}/bewerken", headers=ORIGIN,
                        data={"name": "Eerste", "parentId": child, "version": "2"})
    assert circular.status_code == 422
    error = re.search(r'id="f-parentId-error">.*?</p>', circular.text, re.S)
    assert error is not None and "onder zichzelf of een van haar subcodes" in error.group(0)
    assert f'<option value="{child}" selected>' in circular.text  # the refused choice shows
    assert codes_named(api)["Eerste"]["parentId"] == second  # nothing changed


def test_a_code_is_deleted_with_its_subcodes_unless_it_codes_text(
    web_as: WebFactory, client_as: ClientFactory
) -> None:
    api = client_as("researcher")
    spare, used = new_code(api, "Weg"), new_code(api, "Gebruikt")
    new_code(api, "Ook weg", spare)
    code_text(api, new_record(api), used, 8, 40)
    web = web_as("researcher")
    confirm = web.get(f"/codes/{spare}/verwijderen").text
    assert "Haar 1 subcode wordt ook verwijderd." in confirm
    done = web.post(f"/codes/{spare}/verwijderen", headers=ORIGIN, follow_redirects=False,
                    data={"version": "1"})
    assert done.status_code == 303 and done.headers["location"] == "/codes?verwijderd=1"
    assert set(codes_named(api)) == {"Gebruikt"}
    kept = web.post(f"/codes/{used}/verwijderen", headers=ORIGIN, data={"version": "1"})
    assert kept.status_code == 409
    assert 'id="delete-problem"' in kept.text and "haal die codering eerst weg" in kept.text
    stale = web.post(f"/codes/{used}/verwijderen", headers=ORIGIN, data={"version": "7"})
    assert stale.status_code == 409 and "Er is niets verwijderd." in stale.text


def test_the_codebook_goes_out_and_comes_back_in_as_a_qdc_file(
    web_as: WebFactory, client_as: ClientFactory
) -> None:
    api = client_as("researcher")
    new_code(api, "Animo", definition="Zin om iets te doen.")
    web = web_as("researcher")
    exported = web.get("/codes/exporteren")
    assert exported.status_code == 200
    assert exported.headers["content-type"].startswith("application/xml")
    assert 'filename="buurtkracht-codeboek.qdc"' in exported.headers["content-disposition"]
    changed = exported.content.replace(b"Zin om iets te doen.", b"Zin om te beginnen.")
    imported = web.post("/codes/importeren", headers=ORIGIN, follow_redirects=False,
                        files={"file": ("codeboek.qdc", changed, "application/xml")})
    assert imported.status_code == 303
    page = web.get(imported.headers["location"]).text
    assert "Geïmporteerd: 0 nieuwe codes, 1 bijgewerkt, 0 ongewijzigd." in page
    assert codes_named(api)["Animo"]["definition"] == "Zin om te beginnen."


def test_a_broken_qdc_file_shows_why_and_imports_nothing(
    web_as: WebFactory, client_as: ClientFactory
) -> None:
    api = client_as("researcher")
    new_code(api, "Animo")
    web = web_as("researcher")
    good = web.get("/codes/exporteren").content
    # A good new code first, then one without a guid: the good one must not be written.
    broken = good.replace(b"</Codes>", b'<Code guid="00000000-0000-4000-8000-00000000000a" '
                          b'name="Nieuw" isCodable="true"/><Code name="Zonder guid" '
                          b'isCodable="true"/></Codes>')
    assert broken != good
    for content in (b"geen xml", broken):
        response = web.post("/codes/importeren", headers=ORIGIN,
                            files={"file": ("codeboek.qdc", content, "application/xml")})
        assert response.status_code == 422
        error = re.search(r'id="f-file-error">.*?</p>', response.text, re.S)
        assert error is not None and "er is niets veranderd" in error.group(0)
        assert 'aria-describedby="f-file-hint f-file-error"' in response.text
    assert list(codes_named(api)) == ["Animo"]
    missing = web.post("/codes/importeren", headers=ORIGIN,
                       files={"file": ("", b"", "application/octet-stream")})
    assert missing.status_code == 422 and "Kies een codeboekbestand (.qdc)." in missing.text


def test_a_researcher_sees_the_coded_text_across_records_with_and_without_subcodes(
    web_as: WebFactory, client_as: ClientFactory
) -> None:
    api = client_as("researcher")
    help_code = new_code(api, "Hulp")
    sub = new_code(api, "Buurtwerk", help_code)
    other = new_code(api, "Vanzelf")
    record = new_record(api, "Gesprek met Fatima")
    code_text(api, record, help_code, 8, 40)
    code_text(api, record, sub, 8, 22)
    code_text(api, record, other, 30, 50)
    web = web_as("researcher")
    html = web.get(f"/codes/{help_code}").text
    assert f'<a class="ams-link" href="/verslagen/{record}">Gesprek met Fatima</a>' in html
    assert "De buurtwerker hielp ons op weg." in html
    assert "1 gecodeerd fragment met deze code." in html
    assert "Gecodeerd door researcher-" in html
    companions = re.search(r'<table class="ams-table__table bk-table" id="companions-table">'
                           r'.*?</table>', html, re.S)
    assert companions is not None
    assert f'href="/codes/{sub}">Hulp / Buurtwerk</a>' in companions.group(0)
    assert f'href="/codes/{other}">Vanzelf</a>' in companions.group(0)
    both = web.get(f"/codes/{help_code}?subcodes=1", headers=HTMX).text
    assert both.lstrip().startswith('<div id="coding"')
    assert "2 gecodeerde fragmenten met deze code of een subcode ervan." in both
    assert "met subcode Buurtwerk" in both


@pytest.mark.parametrize(("role", "stadsdelen"), [("editor", ("F",)), ("viewer", ())])
def test_editors_and_viewers_read_a_code_but_not_the_coded_text(
    web_as: WebFactory, client_as: ClientFactory, role: str, stadsdelen: tuple[str, ...]
) -> None:
    api = client_as("researcher")
    help_code = new_code(api, "Hulp", definition="Steun van buiten.")
    code_text(api, new_record(api), help_code, 8, 40)
    html = web_as(role, stadsdelen).get(f"/codes/{help_code}").text
    assert "Steun van buiten." in html
    assert "De buurtwerker" not in html and "Gecodeerde tekst" not in html
    assert "/verslagen/" not in html


def test_markup_in_a_code_shows_as_text(web: TestClient, client_as: ClientFactory) -> None:
    markup = '<script>alert("bk")</script>'
    code_id = new_code(client_as("researcher"), markup, definition=markup)
    for path in ("/codes", f"/codes/{code_id}", f"/codes/{code_id}/bewerken"):
        html = web.get(path).text
        assert markup not in html and "&lt;script&gt;" in html, path
