"""Evaluations and outcome measures: base fields → tables → create / update / public shapes."""

import uuid
from datetime import date, datetime
from typing import Any, ClassVar

from sqlalchemy import JSON, Column
from sqlmodel import Field, Relationship, SQLModel

from api.db import CODE, UTCDateTime, utc_now, version_column
from api.vocabularies.models import (
    Direction,
    EffectMeasure,
    EvaluationDesign,
    EvaluationMethod,
    EvidenceLevel,
    MeasureKind,
)
from api.wire import CAMEL

# The raw statistics each kind of outcome measure needs; all other statistics stay empty.
MEASURE_FIELDS: dict[MeasureKind, tuple[str, ...]] = {
    MeasureKind.PRE_POST: ("mean_pre", "sd_pre", "mean_post", "sd_post", "n",
                           "pre_post_correlation"),
    MeasureKind.TWO_GROUP: ("mean_treatment", "sd_treatment", "n_treatment",
                            "mean_control", "sd_control", "n_control"),
    MeasureKind.COUNTS: ("events_treatment", "n_treatment", "events_control", "n_control"),
    MeasureKind.PROPORTION: ("events", "n"),
    MeasureKind.EFFECT_SIZE: ("effect_measure", "effect_size", "sampling_variance"),
    MeasureKind.DIRECTION: ("direction",),
}
STATISTIC_FIELDS = tuple(sorted({name for names in MEASURE_FIELDS.values() for name in names}))


class OutcomeStatistics(SQLModel):
    """Raw statistics; which ones must be present depends on `kind` (see MEASURE_FIELDS)."""

    model_config = CAMEL

    mean_pre: float | None = None
    sd_pre: float | None = Field(default=None, gt=0)
    mean_post: float | None = None
    sd_post: float | None = Field(default=None, gt=0)
    n: int | None = Field(default=None, ge=1, le=10_000_000)
    pre_post_correlation: float | None = Field(default=None, ge=-1, le=1)
    mean_treatment: float | None = None
    sd_treatment: float | None = Field(default=None, gt=0)
    n_treatment: int | None = Field(default=None, ge=1, le=10_000_000)
    mean_control: float | None = None
    sd_control: float | None = Field(default=None, gt=0)
    n_control: int | None = Field(default=None, ge=1, le=10_000_000)
    events_treatment: int | None = Field(default=None, ge=0)
    events_control: int | None = Field(default=None, ge=0)
    events: int | None = Field(default=None, ge=0)
    effect_measure: EffectMeasure | None = Field(default=None, sa_type=CODE)
    effect_size: float | None = None
    sampling_variance: float | None = Field(default=None, gt=0)
    direction: Direction | None = Field(default=None, sa_type=CODE)


class OutcomeMeasureFields(OutcomeStatistics):
    indicator_id: uuid.UUID = Field(foreign_key="indicator.id", index=True)
    kind: MeasureKind = Field(sa_type=CODE)
    note: str = Field(default="", max_length=2000)


_measure_version = version_column()


class OutcomeMeasure(OutcomeMeasureFields, table=True):
    __tablename__ = "outcome_measure"
    __mapper_args__: ClassVar[dict[str, Any]] = {"version_id_col": _measure_version}

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    evaluation_id: uuid.UUID = Field(foreign_key="evaluation.id", index=True, ondelete="CASCADE")
    version: int = Field(default=1, sa_column=_measure_version)
    # Never read: it tells the unit of work to insert the evaluation before its measures.
    evaluation: "Evaluation" = Relationship()
    created_at: datetime = Field(default_factory=utc_now, sa_type=UTCDateTime)
    updated_at: datetime = Field(default_factory=utc_now, sa_type=UTCDateTime)


class OutcomeMeasureCreate(OutcomeMeasureFields):
    """An outcome measure sent inside a new evaluation."""


class OutcomeMeasureAdd(OutcomeMeasureFields):
    """An outcome measure added to an existing evaluation."""

    evaluation_id: uuid.UUID


class OutcomeMeasureUpdate(OutcomeStatistics):
    indicator_id: uuid.UUID | None = None
    kind: MeasureKind | None = None
    note: str | None = Field(default=None, max_length=2000)


class OutcomeMeasurePublic(OutcomeMeasureFields):
    id: uuid.UUID
    evaluation_id: uuid.UUID
    version: int
    created_at: datetime
    updated_at: datetime


class EvaluationFields(SQLModel):
    model_config = CAMEL

    initiative_id: uuid.UUID = Field(foreign_key="initiative.id", index=True, ondelete="CASCADE")
    evaluated_on: date
    evaluator: str = Field(min_length=2, max_length=200, description="Organisation or team")
    methods: list[EvaluationMethod] = Field(default_factory=list, sa_column=Column(JSON))
    design: EvaluationDesign = Field(sa_type=CODE, index=True)
    theory_of_change: bool = Field(
        default=False, description="Are the working elements and the theory behind them described?"
    )
    period_start: date | None = None
    period_end: date | None = None
    summary: str = Field(default="", max_length=8000)
    external_ref: str | None = Field(default=None, max_length=100, unique=True)


_evaluation_version = version_column()


class Evaluation(EvaluationFields, table=True):
    __mapper_args__: ClassVar[dict[str, Any]] = {"version_id_col": _evaluation_version}

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    version: int = Field(default=1, sa_column=_evaluation_version)
    created_at: datetime = Field(default_factory=utc_now, sa_type=UTCDateTime)
    updated_at: datetime = Field(default_factory=utc_now, sa_type=UTCDateTime)


class EvaluationCreate(EvaluationFields):
    outcome_measures: list[OutcomeMeasureCreate] = Field(default_factory=list, max_length=200)


class EvaluationUpdate(SQLModel):
    model_config = CAMEL

    evaluated_on: date | None = None
    evaluator: str | None = Field(default=None, min_length=2, max_length=200)
    methods: list[EvaluationMethod] | None = None
    design: EvaluationDesign | None = None
    theory_of_change: bool | None = None
    period_start: date | None = None
    period_end: date | None = None
    summary: str | None = Field(default=None, max_length=8000)
    external_ref: str | None = Field(default=None, max_length=100)


class EvaluationPublic(EvaluationFields):
    id: uuid.UUID
    evidence_level: EvidenceLevel
    outcome_measures: list[OutcomeMeasurePublic]
    version: int
    created_at: datetime
    updated_at: datetime


def evidence_level(design: EvaluationDesign, theory_of_change: bool) -> EvidenceLevel:
    """The Dutch recognition level that an evaluation's design supports."""
    if design == EvaluationDesign.GERANDOMISEERD:
        return EvidenceLevel.STERKE_AANWIJZINGEN
    if design == EvaluationDesign.VOOR_NAMETING_CONTROLEGROEP:
        return EvidenceLevel.GOEDE_AANWIJZINGEN
    if design == EvaluationDesign.VOOR_NAMETING:
        return EvidenceLevel.EERSTE_AANWIJZINGEN
    if theory_of_change:
        return EvidenceLevel.GOED_ONDERBOUWD
    return EvidenceLevel.GOED_BESCHREVEN
