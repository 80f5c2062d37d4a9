"""What a method book covers: one stadsdeel (or the whole city), one theme, a period, and the
language it is written in. The same parameters give the analyses' own filters."""

from datetime import date
from typing import Literal

from pydantic import Field
from sqlmodel import Session

from api.errors import FieldError, InvalidInput
from api.initiatives.listing import InitiativeFilters
from api.method_book.areas import find_stadsdeel
from api.vocabularies.models import Theme
from api.wire import ApiModel


class BookParameters(ApiModel):
    stadsdeel: str | None = Field(None, max_length=10,
                                  description="Stadsdeel code (e.g. F); empty for the city")
    theme: Theme | None = Field(None, description="Only initiatives with this theme")
    period_from: date | None = Field(None, description="Running on or after this date")
    period_to: date | None = Field(None, description="Started on or before this date")
    language: Literal["nl", "en"] = "nl"
    audience: Literal["research", "everyone"] = Field(
        "research", description="research: with voices from practice (pseudonymised quotes "
                                "of research records) and competence, for researchers and "
                                "administrators only; everyone: without them, for every role")

    def filters(self) -> InitiativeFilters:
        """The filters the API's lists and analyses take for the same scope."""
        return InitiativeFilters.model_validate({
            "area": self.stadsdeel, "theme": [self.theme] if self.theme else [],
            "active_from": self.period_from, "active_to": self.period_to})

    def canonical(self) -> dict[str, str | None]:
        """The parameters as stored and hashed: camelCase, dates as ISO text, every key."""
        return {"stadsdeel": self.stadsdeel, "theme": self.theme.value if self.theme else None,
                "periodFrom": self.period_from.isoformat() if self.period_from else None,
                "periodTo": self.period_to.isoformat() if self.period_to else None,
                "language": self.language, "audience": self.audience}

    @property
    def for_research(self) -> bool:
        """Whether the book may quote research records and group by competence."""
        return self.audience == "research"


def check_parameters(session: Session, parameters: BookParameters) -> None:
    """400 at the pointer of each bad value: an unknown stadsdeel (of any indeling), a
    period that ends before it starts. (An unknown theme is refused by the body's schema.)"""
    errors: list[FieldError] = []
    if parameters.stadsdeel is not None and find_stadsdeel(
            session, parameters.stadsdeel) is None:
        errors.append(FieldError(
            "/stadsdeel", "unknown-stadsdeel",
            f"Onbekend stadsdeel '{parameters.stadsdeel}'. / Unknown stadsdeel."))
    start, end = parameters.period_from, parameters.period_to
    if start is not None and end is not None and start > end:
        errors.append(FieldError(
            "/periodFrom", "period-reversed",
            "periodFrom ligt na periodTo. / periodFrom is after periodTo."))
    if errors:
        raise InvalidInput(errors)
