"""The import runner: a dry run writes nothing, a commit all or nothing, the same file twice
changes nothing, a changed row updates its record with an audit event, and every problem is
reported at its row and column."""

from sqlalchemy import Engine, func
from sqlmodel import Session, col, select

from api.audit.models import AuditAction, AuditEvent
from api.audit.recorder import UNRECORDED, as_snapshot
from api.evaluations.models import OutcomeMeasure
from api.initiatives.models import Initiative
from api.initiatives.service import to_public
from tests.api.builders import (
    make_evaluation,
    make_indicator,
    make_initiative,
    make_professional,
    pre_post_measure,
)
from tests.api.import_helpers import INITIATIVE_HEADER, csv_file, initiative_row, run_job


def _count(engine: Engine) -> int:
    with Session(engine) as session:
        return session.exec(select(func.count()).select_from(Initiative)).one()


def _initiative(engine: Engine, reference: str) -> Initiative:
    with Session(engine) as session:
        return session.exec(select(Initiative).where(Initiative.external_ref == reference)).one()


def test_a_dry_run_checks_every_row_and_writes_nothing(engine: Engine) -> None:
    content = csv_file(INITIATIVE_HEADER, [initiative_row("A-1"), initiative_row("A-2")])
    report = run_job(engine, "initiatives", content, dry_run=True)
    assert report["status"] == "succeeded"
    assert (report["valid"], report["written"], report["created"]) == (True, False, 2)
    assert _count(engine) == 0


def test_a_commit_writes_every_row_with_dutch_dates_and_numbers(engine: Engine) -> None:
    content = csv_file(INITIATIVE_HEADER, [initiative_row("A-1"), initiative_row("A-2")])
    report = run_job(engine, "initiatives", content, dry_run=False)
    assert (report["written"], report["created"]) == (True, 2)
    stored = _initiative(engine, "A-1")
    assert stored.start_date is not None and stored.start_date.isoformat() == "2010-04-01"
    assert stored.amount_granted == 1500


def test_one_bad_row_keeps_the_whole_file_out(engine: Engine) -> None:
    rows = [initiative_row("A-1"), initiative_row("A-2", Startdatum="31-02-2010"),
            initiative_row("A-3", Status="lopend")]
    report = run_job(engine, "initiatives", csv_file(INITIATIVE_HEADER, rows), dry_run=False)
    assert (report["valid"], report["written"]) == (False, False)
    problems = {(p["row"], p["column"], p["code"]) for p in report["problems"]}
    assert problems == {(3, "Startdatum", "bad-date"), (4, "Status", "unknown-code")}
    assert _count(engine) == 0


def test_a_rule_broken_late_in_the_file_still_leaves_nothing_written(engine: Engine) -> None:
    rows = [initiative_row(f"A-{n}") for n in range(1, 6)]
    rows.append(initiative_row("A-6", Startdatum="01-04-2010"))
    header = [*INITIATIVE_HEADER, "Einddatum"]
    rows = [[*row, "01-01-2009" if row[0] == "A-6" else ""] for row in rows]
    report = run_job(engine, "initiatives", csv_file(header, rows), dry_run=False)
    assert report["written"] is False
    [problem] = report["problems"]
    assert (problem["row"], problem["column"], problem["code"]) == (7, "Einddatum",
                                                                    "before-start")
    assert "vóór de startdatum" in problem["message"]
    assert _count(engine) == 0


def test_the_same_file_twice_changes_nothing_the_second_time(engine: Engine) -> None:
    content = csv_file(INITIATIVE_HEADER, [initiative_row("A-1"), initiative_row("A-2")])
    run_job(engine, "initiatives", content, dry_run=False)
    again = run_job(engine, "initiatives", content, dry_run=False)
    assert (again["created"], again["updated"], again["unchanged"]) == (0, 0, 2)
    assert _count(engine) == 2


def test_a_changed_row_updates_its_record_and_leaves_an_audit_event(engine: Engine) -> None:
    run_job(engine, "initiatives", csv_file(INITIATIVE_HEADER, [initiative_row("A-1")]),
            dry_run=False)
    changed = csv_file(INITIATIVE_HEADER, [initiative_row("A-1", Titel="Nieuwe titel")])
    report = run_job(engine, "initiatives", changed, dry_run=False)
    assert (report["created"], report["updated"]) == (0, 1)
    stored = _initiative(engine, "A-1")
    assert stored.title == "Nieuwe titel"
    with Session(engine) as session:
        events = session.exec(select(AuditEvent).where(AuditEvent.resource_id == stored.id)
                              .order_by(col(AuditEvent.occurred_at))).all()
    assert [event.action for event in events] == [AuditAction.CREATE, AuditAction.UPDATE]
    assert events[1].changes["title"] == {"before": "Initiatief A-1", "after": "Nieuwe titel"}
    assert events[1].actor_label == "tester"


def test_duplicate_references_in_one_file_are_refused(engine: Engine) -> None:
    rows = [initiative_row("A-1"), initiative_row("A-1", Titel="Tweede")]
    report = run_job(engine, "initiatives", csv_file(INITIATIVE_HEADER, rows), dry_run=False)
    [problem] = report["problems"]
    assert (problem["code"], problem["row"]) == ("duplicate-reference", 3)
    assert _count(engine) == 0


def test_an_old_area_code_is_mapped_and_reported(engine: Engine) -> None:
    rows = [initiative_row("A-1", Buurt="F76a")]
    report = run_job(engine, "initiatives", csv_file(INITIATIVE_HEADER, rows), dry_run=False)
    assert report["written"] is True
    [note] = report["notes"]
    assert note["code"] == "old-area" and "2015" in note["message"]


def test_an_unknown_area_and_an_unknown_column(engine: Engine) -> None:
    header = [*INITIATIVE_HEADER, "Kleur"]
    rows = [[*initiative_row("A-1", Buurt="Atlantis"), "blauw"]]
    report = run_job(engine, "initiatives", csv_file(header, rows), dry_run=True)
    assert [p["code"] for p in report["problems"]] == ["unknown-area"]
    assert [p["code"] for p in report["notes"]] == ["unknown-column"]


def test_an_editor_imports_only_into_their_own_stadsdelen(engine: Engine) -> None:
    rows = [initiative_row("A-1"), initiative_row("A-2", Buurt="AA01")]
    report = run_job(engine, "initiatives", csv_file(INITIATIVE_HEADER, rows), dry_run=False,
                     role="editor", stadsdelen=("F",))
    [problem] = report["problems"]
    assert (problem["row"], problem["code"]) == (3, "refused")
    assert _count(engine) == 0


def test_an_empty_file_is_refused_with_a_report(engine: Engine) -> None:
    report = run_job(engine, "initiatives", b"", dry_run=False)
    assert report["status"] == "succeeded"
    assert [p["code"] for p in report["problems"]] == ["empty-file"]
    assert report["written"] is False


def test_outcome_measures_of_an_evaluation_are_replaced_as_a_whole(
        engine: Engine, session: Session) -> None:
    initiative = make_initiative(session, externalRef="INI-M")
    indicator = make_indicator(session)
    make_evaluation(session, initiative.id, externalRef="EVA-M",
                    outcomeMeasures=[pre_post_measure(indicator.id)])
    header = ["Evaluatie", "Indicator", "Soort maat", "Gemiddelde voormeting", "SD voormeting",
              "Gemiddelde nameting", "SD nameting", "n", "Correlatie voor-na"]
    same = ["EVA-M", "test-sociale-cohesie", "pre-post", "5,6", "1,2", "6,1", "1,1", "80", "0,5"]
    report = run_job(engine, "outcome-measures", csv_file(header, [same]), dry_run=False)
    assert (report["unchanged"], report["created"], report["removed"]) == (1, 0, 0)
    changed = [*same[:5], "6,4", *same[6:]]
    report = run_job(engine, "outcome-measures", csv_file(header, [changed, same]),
                     dry_run=False)
    assert (report["created"], report["removed"], report["written"]) == (2, 1, True)
    with Session(engine) as check:
        means = sorted(m.mean_post for m in check.exec(select(OutcomeMeasure)))
    assert means == [6.1, 6.4]


def test_the_audit_trail_of_an_imported_initiative_holds_its_public_shape(
        engine: Engine) -> None:
    rows = [initiative_row("A-1", Buurt="F76a", **{"Thema's": "jeugd;groen"})]
    run_job(engine, "initiatives", csv_file(INITIATIVE_HEADER, rows), dry_run=False)
    with Session(engine) as session:
        stored = session.exec(select(Initiative)).one()
        public = as_snapshot(to_public(session, stored))
        [event] = session.exec(select(AuditEvent).where(AuditEvent.resource_id == stored.id))
    assert {name: change["after"] for name, change in event.changes.items()} == {
        name: value for name, value in public.items()
        if value is not None and name not in UNRECORDED}


def test_empty_optional_texts_are_kept_empty(engine: Engine) -> None:
    header = [*INITIATIVE_HEADER, "Samenvatting", "Locatie"]
    rows = [[*initiative_row("A-1"), "", ""]]
    report = run_job(engine, "initiatives", csv_file(header, rows), dry_run=False)
    assert report["problems"] == []
    stored = _initiative(engine, "A-1")
    assert (stored.summary, stored.location) == ("", None)


def test_a_support_file_with_empty_roles_imports_twice_without_change(
        engine: Engine, session: Session) -> None:
    make_initiative(session, externalRef="INI-S")
    make_professional(session, externalRef="PRO-S")
    header = ["Referentie", "Initiatief", "Professional", "Rol", "Startdatum", "Uren"]
    content = csv_file(header, [["SUP-1", "INI-S", "PRO-S", "", "01-04-2010", "12,5"]])
    first = run_job(engine, "support-episodes", content, dry_run=False)
    assert (first["created"], first["problems"]) == (1, [])
    again = run_job(engine, "support-episodes", content, dry_run=False)
    assert (again["unchanged"], again["problems"]) == (1, [])


def test_a_dry_run_reports_the_rules_new_rows_break_beside_other_problems(
        engine: Engine) -> None:
    header = [*INITIATIVE_HEADER, "Einddatum"]
    rows = [[*initiative_row("A-1", Status="lopendd"), ""],
            [*initiative_row("A-2"), "01-01-2009"]]
    report = run_job(engine, "initiatives", csv_file(header, rows), dry_run=True)
    assert {(p["row"], p["code"]) for p in report["problems"]} == {
        (2, "unknown-code"), (3, "before-start")}
    assert report["created"] == 0
