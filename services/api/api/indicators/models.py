"""The indicator ladder: base fields → table → create / update / public shapes."""

import uuid
from datetime import datetime
from typing import Any, ClassVar

from sqlmodel import Field, SQLModel

from api.db import CODE, UTCDateTime, utc_now, version_column
from api.vocabularies.models import IndicatorLevel, IndicatorTheme, ScaleType
from api.wire import CAMEL

CODE_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"


class IndicatorFields(SQLModel):
    model_config = CAMEL

    code: str = Field(
        min_length=2, max_length=60, unique=True, schema_extra={"pattern": CODE_PATTERN},
        description="Stable code, kebab-case",
    )
    name: str = Field(min_length=3, max_length=200)
    description: str = Field(default="", max_length=2000)
    theme: IndicatorTheme = Field(sa_type=CODE, index=True)
    level: IndicatorLevel = Field(sa_type=CODE, index=True)
    scale_type: ScaleType = Field(sa_type=CODE)
    scale_min: float | None = None
    scale_max: float | None = None
    higher_is_better: bool = True
    source: str = Field(max_length=200, index=True, description="Instrument or monitor")


_version = version_column()


class Indicator(IndicatorFields, table=True):
    __mapper_args__: ClassVar[dict[str, Any]] = {"version_id_col": _version}

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    version: int = Field(default=1, sa_column=_version)
    created_at: datetime = Field(default_factory=utc_now, sa_type=UTCDateTime)
    updated_at: datetime = Field(default_factory=utc_now, sa_type=UTCDateTime)


class IndicatorCreate(IndicatorFields):
    pass


class IndicatorUpdate(SQLModel):
    model_config = CAMEL

    code: str | None = Field(
        default=None, min_length=2, max_length=60, schema_extra={"pattern": CODE_PATTERN}
    )
    name: str | None = Field(default=None, min_length=3, max_length=200)
    description: str | None = Field(default=None, max_length=2000)
    theme: IndicatorTheme | None = None
    level: IndicatorLevel | None = None
    scale_type: ScaleType | None = None
    scale_min: float | None = None
    scale_max: float | None = None
    higher_is_better: bool | None = None
    source: str | None = Field(default=None, max_length=200)


class IndicatorPublic(IndicatorFields):
    id: uuid.UUID
    version: int
    created_at: datetime
    updated_at: datetime
