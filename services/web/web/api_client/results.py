"""The API's JSON as typed results: what the pages read, in Python names."""

from dataclasses import dataclass
from datetime import date, datetime

from pydantic import BaseModel, ConfigDict, Field
from pydantic.alias_generators import to_camel


class Wire(BaseModel):
    model_config = ConfigDict(alias_generator=to_camel, populate_by_name=True, frozen=True,
                              extra="ignore")


class Landing(Wire):
    name: str
    version: str
    attribution: str


class Term(Wire):
    code: str
    label_nl: str
    label_en: str

    def label(self, lang: str) -> str:
        return self.label_en if lang == "en" else self.label_nl


class Vocabulary(Wire):
    name: str
    label_nl: str
    label_en: str
    ordered: bool
    terms: tuple[Term, ...]

    def label(self, lang: str) -> str:
        return self.label_en if lang == "en" else self.label_nl

    def choices(self, lang: str) -> list[tuple[str, str]]:
        """(code, label) of every term, in the vocabulary's order: a select's options."""
        return [(term.code, term.label(lang)) for term in self.terms]

    def term_label(self, code: str | None, lang: str) -> str:
        """The label of a code; an unknown code (a newer API) shows as itself."""
        for term in self.terms:
            if term.code == code:
                return term.label(lang)
        return code or ""


class Area(Wire):
    id: str
    type: str
    code: str
    name: str
    parent_id: str | None = None
    wijkaanpak: bool = False


class InitiativeSummary(Wire):
    """What a list of initiatives shows."""

    id: str
    title: str
    status: str
    organisation_form: str
    participation_level: str
    themes: tuple[str, ...] = ()
    buurt_id: str
    current_buurt_id: str
    wijkaanpak: bool
    start_date: date | None = None
    end_date: date | None = None
    updated_at: datetime


class Initiative(InitiativeSummary):
    """One initiative with every field; `version` goes back with a change (If-Match)."""

    summary: str = ""
    location: str | None = None
    target_groups: tuple[str, ...] = ()
    activity_type: str | None = None
    initiator_type: str
    initiator_name: str | None = None  # personal data: null for a viewer
    application_date: date | None = None
    decision_date: date | None = None
    funding_scheme: str | None = None
    amount_requested: int | None = None
    amount_granted: int | None = None
    own_contribution: int | None = None
    co_funders: tuple[str, ...] = ()
    core_team_size: int | None = None
    volunteers: int | None = None
    participants: int | None = None
    residents_reached: int | None = None
    continued_after_support: bool | None = None
    continued_months: int | None = None
    external_ref: str | None = None
    version: int
    created_at: datetime


class PageLinks(Wire):
    self_: str = Field(alias="self")
    next: str | None = None
    prev: str | None = None


class InitiativePage(Wire):
    items: tuple[InitiativeSummary, ...]
    page: int
    page_size: int
    total: int
    links: PageLinks = Field(alias="_links")

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.page_size))


class AreaPage(Wire):
    items: tuple[Area, ...]
    total: int


@dataclass(frozen=True)
class InitiativeQuery:
    """Filters, order and page of an initiatives list, in Python names."""

    q: str | None = None
    area: str | None = None
    status: tuple[str, ...] = ()
    theme: tuple[str, ...] = ()
    organisation_form: tuple[str, ...] = ()
    sort: str | None = None
    page: int = 1
    page_size: int = 25

    def params(self) -> list[tuple[str, str | int]]:
        found: list[tuple[str, str | int]] = [("page", self.page), ("pageSize", self.page_size)]
        for key, value in (("q", self.q), ("area", self.area), ("sort", self.sort)):
            if value:
                found.append((key, value))
        for key, values in (("status", self.status), ("theme", self.theme),
                            ("organisationForm", self.organisation_form)):
            found.extend((key, value) for value in values)
        return found
