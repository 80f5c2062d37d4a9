"""Wire shapes of the codebook: a code to create, its changes, and a code as read."""

import uuid
from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Field, SQLModel

from api.qualitative.models import CodeFields
from api.wire import CAMEL


class CodeCreate(CodeFields):
    """A new code: at the top of the codebook (no parentId) or under another code."""

    parent_id: uuid.UUID | None = None


class CodeUpdate(SQLModel):
    """Changes to a code; a parentId moves it (null: to the top), with its descendants."""

    model_config = CAMEL

    name: str | None = Field(default=None, min_length=1, max_length=200)
    definition: str | None = Field(default=None, max_length=4000)
    example: str | None = Field(default=None, max_length=4000)
    position: int | None = Field(default=None, ge=0, le=10_000)
    parent_id: uuid.UUID | None = None


class CodePublic(CodeFields):
    """A code as read: where it hangs (parentId, depth 0 at the top, the names on its path)."""

    id: uuid.UUID
    parent_id: uuid.UUID | None
    depth: int
    path: list[str] = Field(description="The names from the top code down to this one")
    version: int
    created_at: datetime
    updated_at: datetime


class CodebookImported(SQLModel):
    """What an import did."""

    model_config = CAMEL

    created: int
    updated: int
    unchanged: int


@dataclass(frozen=True)
class ImportedCode:
    """One code as read from a REFI-QDA codebook, its position the order among its siblings."""

    id: uuid.UUID
    parent_id: uuid.UUID | None
    name: str
    definition: str
    example: str
    position: int
