"""An initiative's history from the audit trail: its own events and those of its records,
deleted ones included; readable by editors of any stadsdeel, never by viewers."""

import uuid

from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import Session
from starlette.testclient import TestClient

from api.audit.service import _naming
from api.support_episodes.models import SupportEpisode
from tests.api.builders import (
    BUURT_AA01,
    BUURT_FD03,
    evaluation_payload,
    initiative_payload,
    make_indicator,
    make_initiative,
    make_professional,
    pre_post_measure,
    support_episode_payload,
)
from tests.audit_check import ClientFactory


def _history(client: TestClient, initiative_id: str, query: str = "") -> list[dict[str, object]]:
    response = client.get(f"/v1/audit-events?initiative={initiative_id}{query}")
    assert response.status_code == 200, response.text
    items: list[dict[str, object]] = response.json()["items"]
    return items


def test_the_history_holds_the_initiative_and_its_records_even_deleted_ones(
    client_as: ClientFactory, session: Session
) -> None:
    editor = client_as("editor", ("F",))
    professional, indicator = make_professional(session), make_indicator(session)
    ours = editor.post("/v1/initiatives", json=initiative_payload(buurtId=str(BUURT_FD03)))
    other = editor.post("/v1/initiatives", json=initiative_payload(title="Een ander"))
    initiative = ours.json()["id"]
    episode = editor.post("/v1/support-episodes", json=support_episode_payload(
        uuid.UUID(initiative), professional.id)).json()
    evaluation = editor.post("/v1/evaluations", json=evaluation_payload(
        uuid.UUID(initiative))).json()
    measure = editor.post("/v1/outcome-measures", json={
        **pre_post_measure(indicator.id), "evaluationId": evaluation["id"]}).json()
    deleted = editor.delete(f"/v1/support-episodes/{episode['id']}",
                            headers={"If-Match": f'"{episode["version"]}"'})
    assert deleted.status_code == 204, deleted.text
    editor.post("/v1/support-episodes", json=support_episode_payload(
        uuid.UUID(other.json()["id"]), professional.id))

    events = _history(editor, initiative)
    assert [(event["resourceType"], event["action"]) for event in events] == [
        ("support-episode", "delete"), ("outcome-measure", "create"), ("evaluation", "create"),
        ("support-episode", "create"), ("initiative", "create")]  # newest first
    assert {event["resourceId"] for event in events} == {
        initiative, episode["id"], evaluation["id"], measure["id"]}
    assert all(event["actorLabel"] == editor.username for event in events)
    assert all(event["actorName"] == "Test editor" for event in events)


def test_records_without_an_event_of_their_own_count_by_their_tables(
    client_as: ClientFactory, session: Session
) -> None:
    editor = client_as("editor", ("F",))
    initiative = make_initiative(session)
    imported = SupportEpisode.model_validate(support_episode_payload(
        initiative.id, make_professional(session).id, role="participatiemakelaar"))
    # Written straight to the table, as the demo data is: no event names the initiative.
    session.add(imported)
    session.commit()
    evaluation = editor.post("/v1/evaluations", json=evaluation_payload(
        initiative.id, outcomeMeasures=[pre_post_measure(make_indicator(session).id)])).json()
    measure = evaluation["outcomeMeasures"][0]  # made with the evaluation: no event either
    for path, record, change in ((f"/v1/support-episodes/{imported.id}", imported.version,
                                  {"hours": 12}),
                                 (f"/v1/outcome-measures/{measure['id']}", measure["version"],
                                  {"n": 90})):
        response = editor.patch(path, json=change, headers={"If-Match": f'"{record}"'})
        assert response.status_code == 200, response.text
    events = _history(editor, str(initiative.id))
    assert [(event["resourceType"], event["action"]) for event in events[:2]] == [
        ("outcome-measure", "update"), ("support-episode", "update")]
    assert events[0]["changes"]["n"] == {"before": 80, "after": 90}


def test_an_editor_reads_any_initiative_s_history_but_not_the_whole_trail(
    client_as: ClientFactory,
) -> None:
    admin = client_as("admin")
    initiative = admin.post("/v1/initiatives", json=initiative_payload(
        buurtId=str(BUURT_AA01))).json()
    admin.patch(f"/v1/initiatives/{initiative['id']}", json={"title": "Anders"},
                headers={"If-Match": f'"{initiative["version"]}"'})
    editor = client_as("editor", ("F",))  # Nieuw-West reads a Centrum initiative's history
    events = _history(editor, initiative["id"], "&resourceType=initiative")
    assert events[0]["changes"] == {"title": {"before": "Moestuin op het Sloterplein",
                                              "after": "Anders"}}
    for query in ("", f"?resourceId={initiative['id']}", "?resourceType=initiative"):
        refused = editor.get(f"/v1/audit-events{query}")
        assert refused.status_code == 403, query
        assert "initiative" in refused.json()["detail"]


def test_a_viewer_reads_no_history_and_a_researcher_reads_all(
    client_as: ClientFactory,
) -> None:
    initiative = client_as("admin").post("/v1/initiatives", json=initiative_payload()).json()
    viewer = client_as("viewer")
    assert viewer.get(f"/v1/audit-events?initiative={initiative['id']}").status_code == 403
    researcher = client_as("researcher")
    assert researcher.get("/v1/audit-events").status_code == 200
    assert len(_history(researcher, initiative["id"])) == 1


def test_an_unknown_initiative_has_an_empty_history(client_as: ClientFactory) -> None:
    assert _history(client_as("editor", ("F",)), str(uuid.uuid4())) == []


def test_tokens_and_the_system_have_no_actor_name(
    client_as: ClientFactory, session: Session
) -> None:
    initiative = make_initiative(session)  # made by the system, not by a person
    [event] = _history(client_as("admin"), str(initiative.id))
    assert event["actorLabel"] == "system" and event["actorName"] is None


def test_the_json_lookup_compiles_for_sqlite_and_postgresql() -> None:
    naming = _naming("initiativeId", ["x"])
    assert "JSON_EXTRACT(audit_event.changes, '$.\"initiativeId\".\"after\"')" in str(
        naming.compile(dialect=sqlite.dialect(), compile_kwargs={"literal_binds": True}))
    assert "audit_event.changes #>> '{initiativeId, after}'" in str(
        naming.compile(dialect=postgresql.dialect(), compile_kwargs={"literal_binds": True}))


def test_follow_ups_belong_to_the_history_even_deleted(client_as: ClientFactory) -> None:
    editor = client_as("editor", ("F",))
    initiative = editor.post("/v1/initiatives", json=initiative_payload(
        buurtId=str(BUURT_FD03))).json()["id"]
    path = f"/v1/initiatives/{initiative}/follow-ups"
    kept = editor.post(path, json={"monthsAfterSupport": 6, "observedOn": "2016-01-01",
                                   "stillRunning": True}).json()
    gone = editor.post(path, json={"monthsAfterSupport": 12, "observedOn": "2016-07-01",
                                   "stillRunning": True}).json()
    deleted = editor.delete(f"/v1/follow-ups/{gone['id']}",
                            headers={"If-Match": f'"{gone["version"]}"'})
    assert deleted.status_code == 204, deleted.text

    events = _history(editor, initiative)
    assert [(event["resourceType"], event["action"]) for event in events] == [
        ("follow-up", "delete"), ("follow-up", "create"), ("follow-up", "create"),
        ("initiative", "create")]
    assert {event["resourceId"] for event in events} == {initiative, kept["id"], gone["id"]}
