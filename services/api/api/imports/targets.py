"""Each importable table with the API's own models and write functions: an import row is
created or updated exactly as a request to the API would do it (validation, domain rules,
audit trail)."""

import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel
from sqlmodel import Session, SQLModel, col, select

from api.auth.rules import ADMINISTER, WRITE_EVALUATIONS, WRITE_INITIATIVES, Rule
from api.evaluations import service as evaluations
from api.evaluations.models import Evaluation, EvaluationCreate, EvaluationUpdate
from api.imports.lookups import CHUNK
from api.initiatives import service as initiatives
from api.initiatives.models import Initiative, InitiativeCreate, InitiativeUpdate
from api.professionals import service as professionals
from api.professionals.models import Professional, ProfessionalCreate, ProfessionalUpdate
from api.support_episodes import service as support
from api.support_episodes.models import (
    SupportEpisode,
    SupportEpisodeCreate,
    SupportEpisodePublic,
    SupportEpisodeUpdate,
)
from api.tabular.columns import Table
from api.tabular.tables import EVALUATIONS, INITIATIVES, PROFESSIONALS, SUPPORT_EPISODES


@dataclass(frozen=True)
class Target:
    """One table an import writes: the API's models and functions for its records, the rule
    that allows writing them, and the fields an update may not change (a record's owner)."""

    table: Table
    model: type[SQLModel]
    create_model: type[SQLModel]
    update_model: type[SQLModel]
    create: Callable[[Session, Any], Any]
    update: Callable[[Session, Any, Any, str | None], Any]
    public: Callable[[Session, Any], BaseModel]
    rule: Rule
    fixed: frozenset[str] = frozenset()
    # Fields the API fills itself when left out, and never stores as null.
    defaulted: frozenset[str] = frozenset()
    # The public shapes of many records at once, where one at a time is too slow.
    publics: Callable[[Session, list[Any]], Mapping[uuid.UUID, BaseModel]] | None = None

    def load(self, session: Session, record_id: uuid.UUID) -> Any:
        return session.get(self.model, record_id)

    def snapshots(self, session: Session, ids: list[uuid.UUID]) -> dict[uuid.UUID, Any]:
        """The public JSON of the records with these ids, loaded in chunks where the table
        can (the records stay in the session for their update)."""
        if self.publics is None:
            return {}
        found: dict[uuid.UUID, Any] = {}
        for start in range(0, len(ids), CHUNK):
            records = session.exec(select(self.model).where(
                col(self.model.id).in_(ids[start:start + CHUNK]))).all()  # type: ignore[attr-defined]
            found.update({key: public.model_dump(mode="json", by_alias=True)
                          for key, public in self.publics(session, list(records)).items()})
        return found


def _episode_public(session: Session, episode: SupportEpisode) -> BaseModel:
    return SupportEpisodePublic.model_validate(episode)


TARGETS: dict[str, Target] = {target.table.resource: target for target in (
    Target(INITIATIVES, Initiative, InitiativeCreate, InitiativeUpdate,
           initiatives.create_initiative, initiatives.update_initiative, initiatives.to_public,
           WRITE_INITIATIVES, publics=initiatives.publics_of),
    Target(PROFESSIONALS, Professional, ProfessionalCreate, ProfessionalUpdate,
           professionals.create_professional, professionals.update_professional,
           professionals.to_public, ADMINISTER),
    Target(SUPPORT_EPISODES, SupportEpisode, SupportEpisodeCreate, SupportEpisodeUpdate,
           support.create_support_episode, support.update_support_episode, _episode_public,
           WRITE_INITIATIVES, fixed=frozenset({"initiativeId"}), defaulted=frozenset({"role"})),
    Target(EVALUATIONS, Evaluation, EvaluationCreate, EvaluationUpdate,
           evaluations.create_evaluation, evaluations.update_evaluation, evaluations.to_public,
           WRITE_EVALUATIONS, fixed=frozenset({"initiativeId"})),
)}
