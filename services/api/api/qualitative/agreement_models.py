"""Wire shapes of the coding analyses: inter-coder agreement, and codes per group."""

import uuid
from typing import Literal

from pydantic import Field

from api.wire import ApiModel

Unit = Literal["paragraph", "character"]
CodeGroupBy = Literal["stadsdeel", "organisationForm", "supportStyle"]
MAX_CHOSEN_RECORDS = 200
MAX_CHOSEN_CODERS = 50


class AgreementParams(ApiModel):
    record: list[uuid.UUID] = Field(
        default_factory=list, max_length=MAX_CHOSEN_RECORDS,
        description="Records to compare on (repeat for more); by default every record "
                    "coded by two or more of the coders")
    coder: list[uuid.UUID] = Field(
        default_factory=list, max_length=MAX_CHOSEN_CODERS,
        description="Coders to compare (repeat for more, at least two); by default every "
                    "coder with segments on the records")
    unit: Unit = Field("paragraph", description="paragraph: blocks of text between blank "
                                                "lines; character: every character")


class CoderOut(ApiModel):
    id: uuid.UUID
    label: str = Field(description="The coder's name as it was when they last coded")
    segments: int = Field(description="Their segments on the chosen records")


class RecordRef(ApiModel):
    id: uuid.UUID
    title: str


class OverallAgreement(ApiModel):
    alpha: float | None = Field(description="Krippendorff's alpha over every (unit, code) "
                                            "pair; null when undefined (0/0)")
    pairable: int = Field(description="Values in the (unit, code) pairs that two or more "
                                      "coders coded")


class KappaOut(ApiModel):
    kappa: float
    se: float = Field(description="Standard error (Fleiss, Cohen & Everitt 1969)")
    ci_low: float
    ci_high: float


class CodeAgreementOut(ApiModel):
    code_id: uuid.UUID
    name: str
    path: str = Field(description="The names from the top code down, joined by ' / '")
    applied: list[int] = Field(description="Per coder (in the order of coders), the units "
                                           "they applied the code to")
    kappa: KappaOut | None = Field(description="Cohen's kappa: two coders only; null with "
                                               "more, or when undefined (0/0)")
    alpha: float | None = Field(description="Krippendorff's alpha (presence/absence); null "
                                            "when undefined (0/0)")


class CodingAgreementReport(ApiModel):
    unit: Unit
    units: int = Field(description="Units on the chosen records")
    coders: list[CoderOut]
    records: list[RecordRef]
    overall: OverallAgreement
    codes: list[CodeAgreementOut]


class CodeGroupParams(ApiModel):
    group_by: CodeGroupBy = Field("stadsdeel", description="Group the initiatives by this "
                                                           "(as the effects analysis does)")


class GroupOut(ApiModel):
    label: str
    initiatives: int = Field(description="Initiatives in the group with a coded record")


class CodeInGroups(ApiModel):
    code_id: uuid.UUID
    name: str
    path: str
    depth: int
    initiatives: int = Field(description="Initiatives carrying the code or a subcode")
    records: int = Field(description="Records with a segment of the code or a subcode")
    counts: dict[str, int] = Field(description="Initiatives carrying it, per group label")


class CodesByGroup(ApiModel):
    group_by: CodeGroupBy
    groups: list[GroupOut]
    codes: list[CodeInGroups]
