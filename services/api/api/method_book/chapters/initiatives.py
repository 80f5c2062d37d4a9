"""Chapter "initiatives": how many, where, which forms, who initiates, reach and money.

Every count is the total the API's initiative list gives for the same filters (the book's
filters plus one area, form or initiator type): the same query, so the numbers agree.
"""

import statistics
from datetime import date
from enum import StrEnum
from typing import Any

from sqlalchemy import func, select
from sqlmodel import Session

from api.db import table_of
from api.initiatives.listing import InitiativeFilters, matching_ids
from api.initiatives.models import Initiative
from api.method_book.areas import AREAS, breakdown
from api.method_book.chapters import Chapter
from api.method_book.parameters import BookParameters
from api.method_book.render import render_fragment
from api.vocabularies.labels import labels_of
from api.vocabularies.models import InitiatorType, OrganisationForm

KEY = "initiatives"
TABLE = table_of(Initiative)
TITLES = {"nl": "De initiatieven", "en": "The initiatives"}
MEASURED = ("participants", "residents_reached", "amount_granted")


def count(session: Session, filters: InitiativeFilters) -> int:
    """The list's total for these filters (GET /v1/initiatives?…)."""
    ids = matching_ids(session, filters).subquery()
    return int(session.connection().execute(select(func.count()).select_from(ids)).scalar_one())


def _areas(session: Session, params: BookParameters) -> list[tuple[str, str]]:
    """(code, name) of the areas the book breaks down by (see areas.breakdown), by code."""
    query = select(AREAS.c.code, AREAS.c.name).where(breakdown(session, params.stadsdeel))
    return sorted((str(code), str(name))
                  for code, name in session.connection().execute(query).all())


def _summary(values: list[int]) -> dict[str, Any]:
    """Total, median and how many initiatives have a value at all."""
    return {"n": len(values), "total": sum(values),
            "median": float(statistics.median(values)) if values else None}


def _measured(session: Session, filters: InitiativeFilters) -> dict[str, dict[str, Any]]:
    ids = matching_ids(session, filters)
    columns = [TABLE.c[name] for name in MEASURED]
    rows = session.connection().execute(
        select(*columns).where(TABLE.c.id.in_(ids)).order_by(TABLE.c.id)).all()
    return {name: _summary(sorted(int(row[index]) for row in rows if row[index] is not None))
            for index, name in enumerate(MEASURED)}


def compute(session: Session, params: BookParameters) -> dict[str, Any]:
    """The chapter's numbers (JSON-able, every list in a fixed order)."""
    base = params.filters()
    by_area = [{"code": code, "name": name,
                "count": count(session, base.model_copy(update={"area": code}))}
               for code, name in _areas(session, params)]
    forms = [{"code": form.value, "count": count(
        session, base.model_copy(update={"organisation_form": [form]}))}
        for form in OrganisationForm]
    initiators = [{"code": kind.value, "count": count(
        session, base.model_copy(update={"initiator_type": [kind]}))}
        for kind in InitiatorType]
    measured = _measured(session, base)
    return {"total": count(session, base),
            "areaLevel": "stadsdeel" if params.stadsdeel is None else "wijk",
            "byArea": by_area, "byOrganisationForm": forms, "byInitiatorType": initiators,
            "participants": measured["participants"],
            "residentsReached": measured["residents_reached"],
            "amountGranted": measured["amount_granted"]}


def _labelled(rows: list[dict[str, Any]], vocabulary: type[StrEnum],
              language: str) -> list[dict[str, Any]]:
    """The rows with each code's label in the book's language (the vocabulary's own)."""
    half = 1 if language == "en" else 0
    return [{**row, "label": labels_of(vocabulary(row["code"]))[half]} for row in rows]


def build(session: Session, params: BookParameters, as_of: date) -> Chapter:
    """The chapter (counts need no day: `as_of` is taken as every chapter's is)."""
    numbers = compute(session, params)
    language = params.language
    title = TITLES[language]
    html = render_fragment(
        "chapters/initiatives.html", language, key=KEY, title=title, n=numbers,
        forms=_labelled(numbers["byOrganisationForm"], OrganisationForm, language),
        initiators=_labelled(numbers["byInitiatorType"], InitiatorType, language))
    sections = [(f"{KEY}-areas", "Waar" if params.language == "nl" else "Where"),
                (f"{KEY}-forms", "Vormen" if params.language == "nl" else "Forms"),
                (f"{KEY}-reach", "Bereik en geld" if params.language == "nl"
                 else "Reach and money")]
    return Chapter(key=KEY, title=title, numbers=numbers, html=html, sections=sections)
