"""The professional ladder: base fields → table → create / update / public shapes."""

import uuid
from datetime import date, datetime
from typing import Any, ClassVar

from sqlmodel import Field, Relationship, SQLModel

from api.db import CODE, UTCDateTime, utc_now, version_column
from api.vocabularies.models import OrganisationKind, ProfessionalRole
from api.wire import CAMEL

EMAIL_PATTERN = r"^[^@\s]+@[^@\s]+\.[^@\s]+$"


class ProfessionalFields(SQLModel):
    model_config = CAMEL

    name: str = Field(min_length=2, max_length=120, description="Personal data")
    email: str | None = Field(
        default=None, max_length=200, schema_extra={"pattern": EMAIL_PATTERN},
        description="Personal data",
    )
    role: ProfessionalRole = Field(sa_type=CODE, index=True)
    organisation: str = Field(min_length=2, max_length=200, index=True)
    organisation_kind: OrganisationKind = Field(sa_type=CODE)
    fte: float | None = Field(
        default=None, ge=0, le=1.5, description="Contract size, 1.0 = full time"
    )
    active_from: date | None = None
    active_to: date | None = None
    external_ref: str | None = Field(default=None, max_length=100, unique=True)


_version = version_column()


class Professional(ProfessionalFields, table=True):
    __mapper_args__: ClassVar[dict[str, Any]] = {"version_id_col": _version}

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    version: int = Field(default=1, sa_column=_version)
    created_at: datetime = Field(default_factory=utc_now, sa_type=UTCDateTime)
    updated_at: datetime = Field(default_factory=utc_now, sa_type=UTCDateTime)


class ProfessionalArea(SQLModel, table=True):
    """An area a professional works in (a stadsdeel, wijk or buurt)."""

    __tablename__ = "professional_area"

    professional_id: uuid.UUID = Field(
        foreign_key="professional.id", primary_key=True, ondelete="CASCADE"
    )
    area_id: uuid.UUID = Field(foreign_key="area.id", primary_key=True, index=True)
    # Never read: it tells the unit of work to insert the professional before its areas, so
    # both go in the one flush of the commit.
    professional: Professional = Relationship()


class ProfessionalCreate(ProfessionalFields):
    area_ids: list[uuid.UUID] = Field(default_factory=list, max_length=200)


class ProfessionalUpdate(SQLModel):
    model_config = CAMEL

    name: str | None = Field(default=None, min_length=2, max_length=120)
    email: str | None = Field(default=None, max_length=200, schema_extra={"pattern": EMAIL_PATTERN})
    role: ProfessionalRole | None = None
    organisation: str | None = Field(default=None, min_length=2, max_length=200)
    organisation_kind: OrganisationKind | None = None
    fte: float | None = Field(default=None, ge=0, le=1.5)
    active_from: date | None = None
    active_to: date | None = None
    external_ref: str | None = Field(default=None, max_length=100)
    area_ids: list[uuid.UUID] | None = Field(default=None, max_length=200)


class ProfessionalPublic(ProfessionalFields):
    id: uuid.UUID
    area_ids: list[uuid.UUID]
    version: int
    created_at: datetime
    updated_at: datetime
