"""A professional's rights under the AVG/GDPR: see everything held about them (art. 15),
and erase what identifies them (art. 17) while the research keeps the support they gave.

Erasure is pseudonymisation: the name becomes a code, contact details and the source
system's reference go, and the free texts of their support episodes (which name them and
the residents they worked with) and the notes on their competence assessments are emptied.
Hours, kinds, dates and judgements stay: they are the evidence, and no longer anyone's.
"""

from typing import Any

from sqlmodel import Session, col, select

from api.audit.models import AuditEvent
from api.audit.recorder import as_snapshot, record_on_commit
from api.competences import assessments
from api.db import commit, utc_now
from api.professionals.models import Professional
from api.professionals.service import to_public
from api.support_episodes.models import SupportEpisode, SupportEpisodePublic


def _episodes(session: Session, professional: Professional) -> list[SupportEpisode]:
    return list(session.exec(select(SupportEpisode)
                             .where(col(SupportEpisode.professional_id) == professional.id)
                             .order_by(col(SupportEpisode.start_date))))


def personal_data_of(session: Session, professional: Professional) -> dict[str, Any]:
    """Everything held about the professional, as JSON: the record, the support they gave
    with its accounts, and when their record was changed (without other people's data)."""
    history = session.exec(select(AuditEvent.occurred_at, AuditEvent.action)
                           .where(col(AuditEvent.resource_id) == professional.id)
                           .order_by(col(AuditEvent.occurred_at))).all()
    return {
        "professional": as_snapshot(to_public(session, professional)),
        "supportEpisodes": [as_snapshot(SupportEpisodePublic.model_validate(episode))
                            for episode in _episodes(session, professional)],
        "assessments": assessments.history_of(session, professional.id),
        "changes": [{"occurredAt": when.isoformat(), "action": action}
                    for when, action in history],
        "exportedAt": utc_now().isoformat(),
    }


def pseudonymise(session: Session, professional: Professional) -> Professional:
    before = as_snapshot(to_public(session, professional))
    professional.name = f"Professional {str(professional.id)[:8]}"
    professional.email = None
    professional.external_ref = None
    professional.updated_at = utc_now()
    for episode in _episodes(session, professional):
        # The handelingsbeschrijving's four parts may all name the professional or residents.
        episode.situation = episode.action_description = ""
        episode.reasoning = episode.result = ""
        episode.updated_at = utc_now()
    assessments.clear_notes(session, professional.id)
    record_on_commit(session, "professional", professional.id, before,
                     lambda: as_snapshot(to_public(session, professional)))
    commit(session)
    session.refresh(professional)
    return professional
