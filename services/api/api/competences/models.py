"""Competency frameworks and assessments: base fields → tables → create / update / public.

A framework (the participatiemakelaar working list, ACTIE, the support styles, or one an
administrator adds) holds competencies, each with behavioural indicators. An assessment is
one judgement of one professional on one competency, from one perspective on one day; it is
never changed afterwards, so the history of a professional's growth is the table itself.
"""

import uuid
from datetime import date, datetime
from typing import Annotated, Any, ClassVar

from pydantic import StringConstraints
from sqlalchemy import JSON, Column, UniqueConstraint
from sqlmodel import Field, SQLModel

from api.db import CODE, UTCDateTime, utc_now, version_column
from api.indicators.models import CODE_PATTERN
from api.vocabularies.models import AssessmentPerspective, CompetencyScale, ProficiencyLevel
from api.wire import CAMEL


class FrameworkFields(SQLModel):
    model_config = CAMEL

    code: str = Field(min_length=2, max_length=60, unique=True,
                      schema_extra={"pattern": CODE_PATTERN}, description="Stable code, kebab-case")
    name: str = Field(min_length=3, max_length=200)
    description: str = Field(default="", max_length=4000)
    source: str = Field(default="", max_length=500, description="Where the framework comes from")
    scale: CompetencyScale = Field(sa_type=CODE)


_framework_version = version_column()


class CompetencyFramework(FrameworkFields, table=True):
    __tablename__ = "competency_framework"
    __mapper_args__: ClassVar[dict[str, Any]] = {"version_id_col": _framework_version}

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    version: int = Field(default=1, sa_column=_framework_version)
    created_at: datetime = Field(default_factory=utc_now, sa_type=UTCDateTime)
    updated_at: datetime = Field(default_factory=utc_now, sa_type=UTCDateTime)


class CompetencyFields(SQLModel):
    model_config = CAMEL

    code: str = Field(min_length=1, max_length=20, description="Short code within its framework")
    name: str = Field(min_length=2, max_length=200)
    description: str = Field(default="", max_length=4000)
    behavioural_indicators: list[str] = Field(
        default_factory=list, sa_column=Column(JSON), max_length=30,
        description="Observable behaviour that shows the competency")
    position: int = Field(default=0, ge=0, le=1000, description="Order within the framework")


_competency_version = version_column()


class Competency(CompetencyFields, table=True):
    __table_args__ = (UniqueConstraint("framework_id", "code"),)
    __mapper_args__: ClassVar[dict[str, Any]] = {"version_id_col": _competency_version}

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    framework_id: uuid.UUID = Field(foreign_key="competency_framework.id", index=True,
                                    ondelete="CASCADE")
    version: int = Field(default=1, sa_column=_competency_version)
    created_at: datetime = Field(default_factory=utc_now, sa_type=UTCDateTime)
    updated_at: datetime = Field(default_factory=utc_now, sa_type=UTCDateTime)


class AssessmentFields(SQLModel):
    model_config = CAMEL

    competency_id: uuid.UUID = Field(foreign_key="competency.id", index=True)
    perspective: AssessmentPerspective = Field(sa_type=CODE)
    assessed_on: date
    score: int | None = Field(default=None, ge=1, le=5,
                              description="For frameworks scored 1–5")
    level: ProficiencyLevel | None = Field(default=None, sa_type=CODE,
                                           description="For frameworks scored by level")
    note: str = Field(default="", max_length=2000, description="May name people")


class Assessment(AssessmentFields, table=True):
    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    professional_id: uuid.UUID = Field(foreign_key="professional.id", index=True,
                                       ondelete="CASCADE")
    # The assessments recorded together (one form for a whole framework) share a round.
    round_id: uuid.UUID = Field(index=True)
    created_at: datetime = Field(default_factory=utc_now, sa_type=UTCDateTime)


# The shapes on the wire (the tables above are unchanged by them).

COMPETENCY_CODE_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._-]*$"
Indicator = Annotated[str, StringConstraints(strip_whitespace=True, min_length=2,
                                             max_length=500)]


class FrameworkCreate(FrameworkFields):
    pass


class FrameworkUpdate(SQLModel):
    model_config = CAMEL

    code: str | None = Field(default=None, min_length=2, max_length=60,
                             schema_extra={"pattern": CODE_PATTERN})
    name: str | None = Field(default=None, min_length=3, max_length=200)
    description: str | None = Field(default=None, max_length=4000)
    source: str | None = Field(default=None, max_length=500)
    scale: CompetencyScale | None = None


class CompetencyCreate(SQLModel):
    model_config = CAMEL

    code: str = Field(min_length=1, max_length=20,
                      schema_extra={"pattern": COMPETENCY_CODE_PATTERN},
                      description="Short code within its framework, e.g. C3")
    name: str = Field(min_length=2, max_length=200)
    description: str = Field(default="", max_length=4000)
    behavioural_indicators: list[Indicator] = Field(
        default_factory=list, max_length=30,
        description="Observable behaviour that shows the competency")
    position: int | None = Field(default=None, ge=0, le=1000,
                                 description="Order within the framework; last when left out")


class CompetencyUpdate(SQLModel):
    model_config = CAMEL

    code: str | None = Field(default=None, min_length=1, max_length=20,
                             schema_extra={"pattern": COMPETENCY_CODE_PATTERN})
    name: str | None = Field(default=None, min_length=2, max_length=200)
    description: str | None = Field(default=None, max_length=4000)
    behavioural_indicators: list[Indicator] | None = Field(default=None, max_length=30)
    position: int | None = Field(default=None, ge=0, le=1000)


class CompetencyPublic(CompetencyFields):
    id: uuid.UUID
    framework_id: uuid.UUID
    version: int
    created_at: datetime
    updated_at: datetime


class FrameworkPublic(FrameworkFields):
    id: uuid.UUID
    version: int
    created_at: datetime
    updated_at: datetime
    competencies: list[CompetencyPublic] = Field(description="Sorted by position, then code")


class AssessmentItem(SQLModel):
    """One competency's judgement in a round: a score or a level, as the framework is scored."""

    model_config = CAMEL

    competency_id: uuid.UUID
    score: int | None = Field(default=None, ge=1, le=5)
    level: ProficiencyLevel | None = None
    note: str = Field(default="", max_length=2000, description="May name people")


class AssessmentRoundCreate(SQLModel):
    """Judgements of one professional on (part of) one framework, by one perspective, on one
    day: stored together or not at all."""

    model_config = CAMEL

    framework_id: uuid.UUID
    perspective: AssessmentPerspective
    assessed_on: date = Field(description="Not after today")
    items: list[AssessmentItem] = Field(min_length=1, max_length=200)


class AssessmentPublic(AssessmentFields):
    id: uuid.UUID
    professional_id: uuid.UUID
    round_id: uuid.UUID
    framework_id: uuid.UUID
    created_at: datetime


class AssessmentRoundPublic(SQLModel):
    model_config = CAMEL

    round_id: uuid.UUID
    items: list[AssessmentPublic]
