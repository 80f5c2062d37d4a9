"""The support-episode ladder: base fields → table → create / update / public shapes."""

import uuid
from datetime import date, datetime
from typing import Any, ClassVar

from sqlalchemy import JSON, Column
from sqlmodel import Field, SQLModel

from api.db import CODE, UTCDateTime, utc_now, version_column
from api.vocabularies.models import ProfessionalRole, SupportKind, SupportStyle
from api.wire import CAMEL


class SupportEpisodeFields(SQLModel):
    model_config = CAMEL

    initiative_id: uuid.UUID = Field(foreign_key="initiative.id", index=True, ondelete="CASCADE")
    professional_id: uuid.UUID = Field(foreign_key="professional.id", index=True)
    role: ProfessionalRole | None = Field(
        default=None, sa_type=CODE, index=True,
        description="Role in this episode; the professional's role if left out",
    )
    start_date: date
    end_date: date | None = None
    hours: float = Field(ge=0, le=10_000, description="Hours of support in the episode")
    kinds: list[SupportKind] = Field(default_factory=list, sa_column=Column(JSON))
    style: SupportStyle | None = Field(default=None, sa_type=CODE)
    # The handelingsbeschrijving: a structured account of the episode. Each part may name people.
    situation: str = Field(default="", max_length=20_000,
                           description="Handelingsbeschrijving: the situation the professional met")
    action_description: str = Field(
        default="", max_length=20_000,
        description="Handelingsbeschrijving: what the professional did",
    )
    reasoning: str = Field(default="", max_length=20_000,
                           description="Handelingsbeschrijving: why they did it")
    result: str = Field(default="", max_length=20_000,
                        description="Handelingsbeschrijving: what happened")
    external_ref: str | None = Field(default=None, max_length=100, unique=True)


_version = version_column()


class SupportEpisode(SupportEpisodeFields, table=True):
    __tablename__ = "support_episode"
    __mapper_args__: ClassVar[dict[str, Any]] = {"version_id_col": _version}

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    role: ProfessionalRole = Field(sa_type=CODE, index=True)
    version: int = Field(default=1, sa_column=_version)
    created_at: datetime = Field(default_factory=utc_now, sa_type=UTCDateTime)
    updated_at: datetime = Field(default_factory=utc_now, sa_type=UTCDateTime)


class SupportEpisodeCreate(SupportEpisodeFields):
    pass


class SupportEpisodeUpdate(SQLModel):
    model_config = CAMEL

    professional_id: uuid.UUID | None = None
    role: ProfessionalRole | None = None
    start_date: date | None = None
    end_date: date | None = None
    hours: float | None = Field(default=None, ge=0, le=10_000)
    kinds: list[SupportKind] | None = None
    style: SupportStyle | None = None
    situation: str | None = Field(default=None, max_length=20_000)
    action_description: str | None = Field(default=None, max_length=20_000)
    reasoning: str | None = Field(default=None, max_length=20_000)
    result: str | None = Field(default=None, max_length=20_000)
    external_ref: str | None = Field(default=None, max_length=100)


class SupportEpisodePublic(SupportEpisodeFields):
    id: uuid.UUID
    role: ProfessionalRole
    version: int
    created_at: datetime
    updated_at: datetime
