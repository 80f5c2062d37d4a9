"""The codebook: the seed, the tree in order, CRUD, moving (no cycles), sibling names,
deleting a subtree (not while coded), locking and permissions."""

import uuid
from datetime import date

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, func, select
from starlette.testclient import TestClient

from api.audit.models import AuditAction, AuditEvent
from api.errors import PreconditionFailed
from api.qualitative import codebook
from api.qualitative.code_models import CodeUpdate
from api.qualitative.code_seed import SEED, code_id, seed_codes
from api.qualitative.models import Code, CodedSegment, QualitativeRecord
from api.vocabularies.models import RecordKind
from api.wire import etag_of
from tests.audit_check import ClientFactory

ACTIE = ["Animo", "Contacten", "Toerusting", "Inbedding", "Empathie"]


@pytest.fixture
def multi_event(client_as: ClientFactory) -> TestClient:
    """A researcher whose writes may leave more than one audit event (a subtree deleted: one
    per code), which the suite's audit check counts (tests/audit_check.py)."""
    return client_as("researcher")


def new_code(client: TestClient, name: str, parent: str | None = None, **more: object) -> str:
    response = client.post("/v1/codes", json={"name": name, "parentId": parent, **more})
    assert response.status_code == 201, response.text
    return str(response.json()["id"])


def all_items(client: TestClient) -> list[dict[str, object]]:
    body = client.get("/v1/codes?pageSize=100").json()
    assert body["total"] == len(body["items"])
    return list(body["items"])


def test_the_seed_holds_actie_and_the_bakens_under_success_factors(
    client: TestClient, session: Session,
) -> None:
    assert seed_codes(session) == len(SEED)
    items = all_items(client)
    top = [item["name"] for item in items if item["depth"] == 0]
    assert top == ["Succesfactoren", "Belemmeringen"]
    actie = [item["name"] for item in items if item["parentId"] == str(code_id("actie"))]
    assert actie == ACTIE
    bakens = [item for item in items if item["parentId"] == str(code_id("wns"))]
    assert len(bakens) == 8
    assert bakens[2]["path"] == ["Succesfactoren", "Welzijn Nieuwe Stijl", "Direct erop af"]
    assert all(item["depth"] == 2 and item["definition"].startswith("Werkformulering")
               and item["example"].startswith("Werkformulering") for item in bakens)


def test_seeding_again_adds_nothing_and_keeps_a_researchers_changes(
    client: TestClient, session: Session,
) -> None:
    seed_codes(session)
    animo = str(code_id("animo"))
    assert client.patch(f"/v1/codes/{animo}", json={"name": "Zin"}).status_code == 200
    assert seed_codes(session) == 0
    assert client.get(f"/v1/codes/{animo}").json()["name"] == "Zin"


def test_the_list_is_the_tree_depth_first_a_parent_before_its_children(
    client: TestClient,
) -> None:
    top = new_code(client, "Bovenaan", position=1)
    first = new_code(client, "Eerste", position=0)
    child = new_code(client, "Kind", top)
    new_code(client, "Kleinkind", child)
    items = all_items(client)
    assert [item["name"] for item in items] == ["Eerste", "Bovenaan", "Kind", "Kleinkind"]
    assert [item["depth"] for item in items] == [0, 0, 1, 2]
    assert items[3]["path"] == ["Bovenaan", "Kind", "Kleinkind"]
    assert items[0]["id"] == first
    page = client.get("/v1/codes?pageSize=2&page=2").json()
    assert [item["name"] for item in page["items"]] == ["Kind", "Kleinkind"]
    assert page["total"] == 4


def test_a_code_is_created_read_and_changed_with_its_etag(client: TestClient) -> None:
    parent = new_code(client, "Ouder")
    response = client.post("/v1/codes", json={
        "name": "Vertrouwen", "parentId": parent, "definition": "Wat", "example": "Zo"})
    assert response.status_code == 201
    assert response.headers["Location"] == f"/v1/codes/{response.json()['id']}"
    code = response.json()
    assert (code["depth"], code["path"], code["version"]) == (1, ["Ouder", "Vertrouwen"], 1)
    read = client.get(f"/v1/codes/{code['id']}")
    assert read.headers["ETag"] == '"1"'
    changed = client.patch(f"/v1/codes/{code['id']}", json={"definition": "Anders"},
                           headers={"If-Match": '"1"'})
    assert changed.status_code == 200
    assert (changed.json()["definition"], changed.json()["version"]) == ("Anders", 2)
    stale = client.patch(f"/v1/codes/{code['id']}", json={"name": "Oud"},
                         headers={"If-Match": '"1"'})
    assert stale.status_code == 412


def test_names_are_unique_among_siblings_only(client: TestClient) -> None:
    first, second = new_code(client, "Een"), new_code(client, "Twee")
    new_code(client, "Gedeeld", first)
    assert client.post("/v1/codes", json={"name": "gedeeld", "parentId": first}
                       ).status_code == 409
    shared = new_code(client, "Gedeeld", second)
    assert client.patch(f"/v1/codes/{shared}", json={"parentId": first}).status_code == 409
    assert client.post("/v1/codes", json={"name": "een"}).status_code == 409


def test_moving_a_code_under_itself_or_a_descendant_is_a_400(client: TestClient) -> None:
    top = new_code(client, "Boven")
    child = new_code(client, "Midden", top)
    grandchild = new_code(client, "Onder", child)
    for target in (top, grandchild):
        response = client.patch(f"/v1/codes/{top}", json={"parentId": target})
        assert response.status_code == 400
        assert response.json()["errors"][0]["code"] == "cycle"
    moved = client.patch(f"/v1/codes/{grandchild}", json={"parentId": None})
    assert (moved.status_code, moved.json()["depth"]) == (200, 0)
    unknown = client.patch(f"/v1/codes/{child}", json={"parentId": str(uuid.uuid4())})
    assert unknown.status_code == 400
    assert client.patch(f"/v1/codes/{child}", json={"name": None}).status_code == 400


def test_deleting_a_code_deletes_its_subtree(
    client: TestClient, multi_event: TestClient, session: Session,
) -> None:
    top = new_code(client, "Weg")
    new_code(client, "Ook weg", new_code(client, "Weg ook", top))
    kept = new_code(client, "Blijft")
    assert multi_event.delete(f"/v1/codes/{top}").status_code == 204
    assert [item["id"] for item in all_items(client)] == [kept]
    assert multi_event.get(f"/v1/codes/{top}").status_code == 404


def _code_segment(session: Session, code: str) -> None:
    record = QualitativeRecord(kind=RecordKind.INTERVIEW, title="Gesprek",
                               recorded_on=date(2026, 3, 1), text="Een tekst")
    session.add(record)
    session.flush()
    session.add(CodedSegment(record_id=record.id, code_id=uuid.UUID(code),
                             coder_id=uuid.uuid4(), coder_label="onderzoeker",
                             start_offset=0, end_offset=3))
    session.commit()


def test_a_code_or_subtree_with_coded_segments_is_not_deleted(
    client: TestClient, session: Session,
) -> None:
    top = new_code(client, "Gebruikt")
    child = new_code(client, "Gecodeerd", top)
    _code_segment(session, child)
    for code in (top, child):
        assert client.delete(f"/v1/codes/{code}").status_code == 409
    assert session.exec(select(func.count()).select_from(Code)).one() == 2
    assert client.delete(f"/v1/codes/{uuid.uuid4()}").status_code == 404


@pytest.mark.parametrize(("role", "may_write"), [
    ("admin", True), ("researcher", True), ("editor", False), ("viewer", False)])
def test_every_role_reads_the_codebook_and_researchers_and_admins_keep_it(
    client_as: ClientFactory, session: Session, role: str, may_write: bool,
) -> None:
    seed_codes(session)
    caller = client_as(role)
    assert caller.get("/v1/codes").status_code == 200
    assert caller.get(f"/v1/codes/{code_id('animo')}").status_code == 200
    created = caller.post("/v1/codes", json={"name": f"Nieuw {role}"})
    assert created.status_code == (201 if may_write else 403)
    changed = caller.patch(f"/v1/codes/{code_id('animo')}", json={"example": role})
    assert changed.status_code == (200 if may_write else 403)
    deleted = caller.delete(f"/v1/codes/{code_id('belemmering')}")
    assert deleted.status_code == (204 if may_write else 403)


def test_a_code_may_not_nest_deeper_than_twenty_levels(client: TestClient) -> None:
    parent = None
    for level in range(20):
        made = client.post("/v1/codes", json={"name": f"Niveau {level}", "parentId": parent})
        assert made.status_code == 201, made.text
        parent = made.json()["id"]
    too_deep = client.post("/v1/codes", json={"name": "Niveau 20", "parentId": parent})
    assert too_deep.status_code == 400, too_deep.text
    assert too_deep.json()["errors"][0]["code"] == "too-deep"


def _chain(client: TestClient, levels: int, parent: str | None = None) -> list[str]:
    """`levels` codes, each under the one before."""
    made: list[str] = []
    for level in range(levels):
        made.append(new_code(client, f"Niveau {level}", made[-1] if made else parent))
    return made


def test_a_move_may_not_push_the_subtrees_deepest_code_past_twenty_levels(
    client: TestClient,
) -> None:
    deep = _chain(client, 15)
    branch = _chain(client, 6, new_code(client, "Tak"))  # Tak at level 1, its subtree 6 deep
    moved = client.patch(f"/v1/codes/{branch[0]}", json={"parentId": deep[-1]})
    assert moved.status_code == 400, moved.text  # its leaf would sit at level 21
    assert moved.json()["errors"][0] == {
        "in": "body", "location": {"pointer": "/parentId"}, "code": "too-deep",
        "detail": moved.json()["errors"][0]["detail"]}
    assert client.get(f"/v1/codes/{branch[0]}").json()["depth"] == 1
    fits = client.patch(f"/v1/codes/{branch[0]}", json={"parentId": deep[-2]})
    assert (fits.status_code, fits.json()["depth"]) == (200, 14), fits.text
    leaf = client.get(f"/v1/codes/{branch[-1]}").json()
    assert leaf["depth"] == 19 and len(leaf["path"]) == 20


def test_a_subtree_delete_leaves_an_audit_event_for_every_code_it_deleted(
    multi_event: TestClient, session: Session,
) -> None:
    top = new_code(multi_event, "Weg")
    child = new_code(multi_event, "Kind", top)
    grandchild = new_code(multi_event, "Kleinkind", child)
    assert multi_event.delete(f"/v1/codes/{top}").status_code == 204
    deleted = session.exec(select(AuditEvent).where(AuditEvent.action == AuditAction.DELETE)
                           ).all()
    assert {event.resource_id for event in deleted} == {
        uuid.UUID(code) for code in (top, child, grandchild)}
    assert {event.changes["name"]["before"] for event in deleted} == {
        "Weg", "Kind", "Kleinkind"}


@pytest.mark.parametrize("write", ["delete", "rename"])
def test_a_code_changed_since_it_was_read_is_a_412_even_in_the_same_session(
    engine: Engine, write: str,
) -> None:
    """The check follows the tree lock and a fresh read: a request that read version 1
    and waited while another renamed the code (version 2) must not delete or rename it."""
    with Session(engine) as setup:
        setup.add(stored := Code(name="Oud"))
        setup.commit()
        code_id = stored.id
    with Session(engine) as request:
        read = request.get_one(Code, code_id)
        request.commit()
        read = request.get_one(Code, code_id)  # version 1, as the request saw it
        with Session(engine) as other:
            other.get_one(Code, code_id).name = "Hernoemd"
            other.commit()
        stale = (lambda: codebook.delete_code(request, read, etag_of(1))) if write == "delete" \
            else (lambda: codebook.update_code(request, read, CodeUpdate(name="Nieuw"),
                                               etag_of(1)))
        with pytest.raises(PreconditionFailed):
            stale()
    with Session(engine) as after:
        assert after.get_one(Code, code_id).name == "Hernoemd"
