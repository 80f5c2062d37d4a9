"""The one world every cell of the authorization matrix runs in: an initiative in
Nieuw-West (stadsdeel F) with support, an evaluation and a measure, a follow-up, a
professional and an indicator free to delete, an account, an API token, an import sent
by another admin, competency frameworks with an assessment of the professional, a
qualitative record and a code."""

import uuid
from dataclasses import dataclass

from sqlmodel import Session, col, select

from api.auth.models import Credential, CredentialKind
from api.competences.assessments import record_round
from api.competences.models import AssessmentRoundCreate
from api.evaluations.models import OutcomeMeasure
from api.follow_ups.models import FollowUpCreate
from api.follow_ups.service import create_follow_up
from api.imports.models import ImportJob, ImportStatus
from api.initiatives.models import Initiative
from api.method_book.models import BookStatus, MethodBook
from api.professionals.models import Professional
from api.qualitative.code_models import CodeCreate
from api.qualitative.codebook import create_code
from api.qualitative.record_models import RecordCreate
from api.qualitative.records import create_record
from tests.api.authorization_segments import make_segment
from tests.api.builders import (
    BUURT_FD03,
    make_evaluation,
    make_indicator,
    make_initiative,
    make_professional,
    make_support_episode,
    pre_post_measure,
)
from tests.api.competence_helpers import make_framework, round_body, scores
from tests.api.import_helpers import INITIATIVE_HEADER, csv_file, initiative_row
from tests.auth_builders import make_account, make_api_token


@dataclass(frozen=True)
class World:
    initiative: uuid.UUID
    professional: uuid.UUID
    free_professional: uuid.UUID  # no support episodes: it can be deleted
    episode: uuid.UUID
    evaluation: uuid.UUID
    measure: uuid.UUID
    indicator: uuid.UUID
    free_indicator: uuid.UUID  # used by no measure: it can be deleted
    account: uuid.UUID
    token: uuid.UUID
    import_job: uuid.UUID  # a dry run without problems, sent by another admin
    follow_up: uuid.UUID  # at 12 months after support ended
    framework: uuid.UUID  # with an assessed competency
    competency: uuid.UUID  # assessed: it cannot be deleted
    free_competency: uuid.UUID  # in the same framework, not assessed
    free_framework: uuid.UUID  # nothing in it assessed: it can be deleted
    assessment: uuid.UUID  # of the professional, who serves stadsdeel F
    record: uuid.UUID  # a qualitative record about the initiative
    code: uuid.UUID  # a code with no coded segments: it can be deleted
    segment: uuid.UUID  # the record coded (another code) by an account no caller is
    method_book: uuid.UUID  # a research book, done: its HTML and numbers can be read


def _checked_import(session: Session) -> uuid.UUID:
    sender = make_account(session, "admin", username="importeur")
    content = csv_file(INITIATIVE_HEADER, [initiative_row("M-1")])
    job = ImportJob(resource="initiatives", file_name="m.csv", dry_run=True, content=content,
                    status=ImportStatus.SUCCEEDED, report={"valid": True}, actor_kind="session",
                    actor_id=sender.id, actor_label=sender.username, actor_role="admin")
    session.add(job)
    session.commit()
    return job.id


def _follow_up(session: Session, initiative: Initiative) -> uuid.UUID:
    values = {"monthsAfterSupport": 12, "observedOn": "2013-01-15", "stillRunning": True}
    return create_follow_up(session, initiative, FollowUpCreate.model_validate(values)).id


def _competences(session: Session, professional: uuid.UUID) -> dict[str, uuid.UUID]:
    framework, ids = make_framework(session, codes=("K1", "K2"))
    free_framework, _ids = make_framework(session, code="vrij-kader")
    data = AssessmentRoundCreate.model_validate(round_body(framework.id, scores(ids, K1=4)))
    _round, (assessment,) = record_round(session, session.get_one(Professional, professional),
                                         data)
    return {"framework": framework.id, "competency": ids["K1"], "free_competency": ids["K2"],
            "free_framework": free_framework.id, "assessment": assessment.id}


def _record(session: Session, initiative: uuid.UUID) -> uuid.UUID:
    data = RecordCreate.model_validate({
        "kind": "interview", "title": "Gesprek", "recordedOn": "2024-02-01",
        "text": "Het begon met koffie.", "initiativeIds": [str(initiative)]})
    return create_record(session, data).id


def _method_book(session: Session) -> uuid.UUID:
    book = MethodBook(status=BookStatus.DONE, parameters={"language": "nl"},
                      html="<!DOCTYPE html>", numbers={"chapters": {}}, data_hash="0" * 64,
                      actor_label="onderzoeker")
    session.add(book)
    session.commit()
    return book.id


def world_of(session: Session) -> World:
    initiative = make_initiative(session, buurtId=str(BUURT_FD03))
    professional = make_professional(session)
    free_professional = make_professional(session, name="Zonder Episodes")
    episode = make_support_episode(session, initiative.id, professional.id)
    indicator = make_indicator(session)
    evaluation = make_evaluation(session, initiative.id,
                                 outcomeMeasures=[pre_post_measure(indicator.id)])
    measure = session.exec(select(OutcomeMeasure.id).where(
        col(OutcomeMeasure.evaluation_id) == evaluation.id)).one()
    free_indicator = make_indicator(session, code="ongebruikt")
    account = make_account(session, "viewer", username="iemand")
    make_api_token(session, "viewer")
    record = _record(session, initiative.id)
    token = session.exec(select(Credential.id).where(
        Credential.kind == CredentialKind.API_TOKEN)).one()
    return World(initiative.id, professional.id, free_professional.id, episode.id,
                 evaluation.id, measure, indicator.id, free_indicator.id, account.id, token,
                 _checked_import(session), follow_up=_follow_up(session, initiative),
                 **_competences(session, professional.id),
                 record=record,
                 code=create_code(session, CodeCreate(name="Animo")).id,
                 segment=make_segment(session, record),
                 method_book=_method_book(session))
