"""Wire shapes of a qualitative record: create, update and public, with the initiatives and
professionals it is about as lists of ids (the link tables hold them)."""

import uuid
from datetime import date, datetime

from pydantic import Field as PydanticField
from sqlmodel import Field, SQLModel

from api.qualitative.models import RECORD_TEXT_MAX, RecordFields
from api.vocabularies.models import RecordKind
from api.wire import CAMEL, ApiModel

MAX_LINKS = 200  # initiatives or professionals one record is about


class RecordLinks(SQLModel):
    model_config = CAMEL

    initiative_ids: list[uuid.UUID] = Field(default_factory=list, max_length=MAX_LINKS)
    professional_ids: list[uuid.UUID] = Field(default_factory=list, max_length=MAX_LINKS)


class RecordCreate(RecordFields, RecordLinks):
    """A new record; the links are optional."""


class RecordUpdate(SQLModel):
    """A PATCH: only the fields sent change; a list of links sent replaces the old one."""

    model_config = CAMEL

    kind: RecordKind | None = None
    title: str | None = Field(default=None, min_length=3, max_length=300)
    recorded_on: date | None = None
    author: str | None = Field(default=None, max_length=200)
    text: str | None = Field(default=None, max_length=RECORD_TEXT_MAX)
    external_ref: str | None = Field(default=None, max_length=100)
    initiative_ids: list[uuid.UUID] | None = Field(default=None, max_length=MAX_LINKS)
    professional_ids: list[uuid.UUID] | None = Field(default=None, max_length=MAX_LINKS)


class RecordPublic(RecordFields, RecordLinks):
    id: uuid.UUID
    version: int
    created_at: datetime
    updated_at: datetime
    pseudonymised_at: datetime | None = PydanticField(
        None, description="When the record was pseudonymised; cleared when its text changes")


class RecordFilters(ApiModel):
    kind: list[RecordKind] = PydanticField(default_factory=list,
                                           description="Any of these kinds")
    initiative: uuid.UUID | None = PydanticField(None, description="About this initiative")
    professional: uuid.UUID | None = PydanticField(None, description="About this professional")
    recorded_from: date | None = PydanticField(None, description="Recorded on or after")
    recorded_to: date | None = PydanticField(None, description="Recorded on or before")


class RecordText(ApiModel):
    """An upload turned into text for a record; nothing is stored."""

    text: str
    file_name: str
    characters: int = PydanticField(description="Length of the text in characters")
