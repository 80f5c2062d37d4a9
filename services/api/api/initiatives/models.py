"""The initiative ladder: base fields → table → create / update / public shapes."""

import uuid
from datetime import date, datetime
from typing import Any, ClassVar

from sqlalchemy import JSON, Column, Index
from sqlmodel import Field, Relationship, SQLModel

from api.db import CODE, UTCDateTime, utc_now, version_column
from api.vocabularies.models import (
    ActivityType,
    CoFunder,
    FundingScheme,
    InitiativeStatus,
    InitiatorType,
    OrganisationForm,
    ParticipationLevel,
    TargetGroup,
    Theme,
)
from api.wire import CAMEL

Euros = int


class InitiativeFields(SQLModel):
    """Fields a client may write; every one is optional so PATCH can reuse the constraints."""

    model_config = CAMEL

    title: str = Field(min_length=3, max_length=200, index=True)
    summary: str = Field(default="", max_length=4000)
    location: str | None = Field(
        default=None, max_length=200, description="Address or place in the buurt"
    )
    buurt_id: uuid.UUID = Field(
        foreign_key="area.id", index=True, description="The buurt it was registered in"
    )
    target_groups: list[TargetGroup] = Field(default_factory=list, sa_column=Column(JSON))
    activity_type: ActivityType | None = Field(default=None, sa_type=CODE)
    organisation_form: OrganisationForm = Field(sa_type=CODE, index=True)
    initiator_type: InitiatorType = Field(sa_type=CODE)
    initiator_name: str | None = Field(
        default=None, max_length=200, description="Group, foundation or association; personal data"
    )
    participation_level: ParticipationLevel = Field(sa_type=CODE, index=True)
    status: InitiativeStatus = Field(sa_type=CODE, index=True)
    application_date: date | None = None
    decision_date: date | None = None
    start_date: date | None = Field(default=None, index=True)
    end_date: date | None = Field(default=None, index=True)
    funding_scheme: FundingScheme | None = Field(default=None, sa_type=CODE)
    amount_requested: Euros | None = Field(default=None, ge=0, le=10_000_000, description="Euros")
    amount_granted: Euros | None = Field(
        default=None, ge=0, le=10_000_000, index=True, description="Euros"
    )
    own_contribution: Euros | None = Field(default=None, ge=0, le=10_000_000, description="Euros")
    co_funders: list[CoFunder] = Field(default_factory=list, sa_column=Column(JSON))
    core_team_size: int | None = Field(default=None, ge=0, le=10_000)
    volunteers: int | None = Field(default=None, ge=0, le=100_000)
    participants: int | None = Field(default=None, ge=0, le=1_000_000, index=True)
    residents_reached: int | None = Field(default=None, ge=0, le=1_000_000)
    continued_after_support: bool | None = Field(
        default=None, description="Did it go on after professional support ended?"
    )
    continued_months: int | None = Field(
        default=None, ge=0, le=600, description="For how long, months"
    )
    external_ref: str | None = Field(
        default=None, max_length=100, unique=True, description="Reference in the source system"
    )


_version = version_column()


class Initiative(InitiativeFields, table=True):
    __mapper_args__: ClassVar[dict[str, Any]] = {"version_id_col": _version}
    # Counting an area's initiatives by status from the index alone; a status by start date.
    # Every sort key has an index too: a page of a large area is read in sort order.
    __table_args__ = (
        Index("ix_initiative_current_buurt_id_status", "current_buurt_id", "status"),
        Index("ix_initiative_status_start_date", "status", "start_date"),
    )

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    current_buurt_id: uuid.UUID = Field(
        foreign_key="area.id", index=True, description="The 2022 buurt it lies in now"
    )
    version: int = Field(default=1, sa_column=_version)
    created_at: datetime = Field(default_factory=utc_now, sa_type=UTCDateTime, index=True)
    updated_at: datetime = Field(default_factory=utc_now, sa_type=UTCDateTime, index=True)


class InitiativeTheme(SQLModel, table=True):
    __tablename__ = "initiative_theme"

    initiative_id: uuid.UUID = Field(
        foreign_key="initiative.id", primary_key=True, ondelete="CASCADE"
    )
    theme: Theme = Field(sa_type=CODE, primary_key=True, index=True)
    # Never read: it tells the unit of work to insert the initiative before its themes.
    initiative: Initiative = Relationship()


class InitiativeCreate(InitiativeFields):
    themes: list[Theme] = Field(default_factory=list, max_length=len(Theme))


class InitiativeUpdate(SQLModel):
    """Every field optional: PATCH sends only what changes (validated as on create)."""

    model_config = CAMEL

    title: str | None = Field(default=None, min_length=3, max_length=200)
    summary: str | None = Field(default=None, max_length=4000)
    location: str | None = Field(default=None, max_length=200)
    buurt_id: uuid.UUID | None = None
    themes: list[Theme] | None = Field(default=None, max_length=len(Theme))
    target_groups: list[TargetGroup] | None = None
    activity_type: ActivityType | None = None
    organisation_form: OrganisationForm | None = None
    initiator_type: InitiatorType | None = None
    initiator_name: str | None = Field(default=None, max_length=200)
    participation_level: ParticipationLevel | None = None
    status: InitiativeStatus | None = None
    application_date: date | None = None
    decision_date: date | None = None
    start_date: date | None = None
    end_date: date | None = None
    funding_scheme: FundingScheme | None = None
    amount_requested: Euros | None = Field(default=None, ge=0, le=10_000_000)
    amount_granted: Euros | None = Field(default=None, ge=0, le=10_000_000)
    own_contribution: Euros | None = Field(default=None, ge=0, le=10_000_000)
    co_funders: list[CoFunder] | None = None
    core_team_size: int | None = Field(default=None, ge=0, le=10_000)
    volunteers: int | None = Field(default=None, ge=0, le=100_000)
    participants: int | None = Field(default=None, ge=0, le=1_000_000)
    residents_reached: int | None = Field(default=None, ge=0, le=1_000_000)
    continued_after_support: bool | None = None
    continued_months: int | None = Field(default=None, ge=0, le=600)
    external_ref: str | None = Field(default=None, max_length=100)


class InitiativePublic(InitiativeFields):
    id: uuid.UUID
    themes: list[Theme]
    current_buurt_id: uuid.UUID
    wijkaanpak: bool = Field(description="Registered in one of the 17 Wijkaanpak buurten")
    version: int
    created_at: datetime
    updated_at: datetime
