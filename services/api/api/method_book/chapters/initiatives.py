"""Chapter "initiatives": how many, where (a table and a map of the buurten), which forms,
who initiates, reach and money.

Every count is the total the API's initiative list gives for the same filters (the book's
filters plus one area, form or initiator type): the same query, so the numbers agree. The
map's counts per buurt come from one grouped query over the same matching initiatives, by
the 2022 buurt each lies in now (the buurt an `area` filter on a 2022 buurt code tests).
"""

import statistics
from datetime import date
from enum import StrEnum
from typing import Any

import orjson
from sqlalchemy import func, select, true
from sqlmodel import Session

from api.db import table_of
from api.initiatives.listing import InitiativeFilters, matching_ids
from api.initiatives.models import Initiative
from api.method_book.areas import AREAS, breakdown, find_stadsdeel, mapped
from api.method_book.chapters import Chapter
from api.method_book.chapters.map import MapBuurt, choropleth, rings_of, shades
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


def by_buurt(session: Session, filters: InitiativeFilters) -> dict[str, int]:
    """The matching initiatives per 2022 buurt code (only buurten that have any), by code:
    one grouped query, however many buurten. It groups under the list's own conditions (not
    `id IN (…)`, which SQLite reads row by row: 50 times slower on 20,000 initiatives), in a
    subquery of the initiatives alone, so that no condition's own subquery on `area` is
    correlated with the join to the codes."""
    where = matching_ids(session, filters).whereclause
    counted = (select(TABLE.c.current_buurt_id.label("buurt"), func.count().label("n"))
               .where(true() if where is None else where)
               .group_by(TABLE.c.current_buurt_id).subquery())
    query = select(AREAS.c.code, counted.c.n).join_from(
        counted, AREAS, AREAS.c.id == counted.c.buurt)
    return {str(code): int(found) for code, found in sorted(
        session.connection().execute(query).all())}


def map_buurten(session: Session, params: BookParameters) -> list[MapBuurt]:
    """The 2022 buurten of the book's scope (the city, or below the stadsdeel), by code."""
    query = select(AREAS.c.code, AREAS.c.name, AREAS.c.wijkaanpak_buurt_id,
                   AREAS.c.geometry).where(mapped(session, params.stadsdeel))
    rows = session.connection().execute(query.order_by(AREAS.c.code)).all()
    return [MapBuurt(code=str(code), name=str(name), wijkaanpak=flag is not None,
                     rings=rings_of(orjson.loads(geometry) if geometry else None))
            for code, name, flag, geometry in rows]


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
    buurten = by_buurt(session, base)
    return {"total": count(session, base),
            "areaLevel": "stadsdeel" if params.stadsdeel is None else "wijk",
            "byArea": by_area, "byBuurt": buurten,
            "mapClasses": [{"low": shade.low, "high": shade.high}
                           for shade in shades(buurten.values())],
            "byOrganisationForm": forms, "byInitiatorType": initiators,
            "participants": measured["participants"],
            "residentsReached": measured["residents_reached"],
            "amountGranted": measured["amount_granted"]}


def _labelled(rows: list[dict[str, Any]], vocabulary: type[StrEnum],
              language: str) -> list[dict[str, Any]]:
    """The rows with each code's label in the book's language (the vocabulary's own)."""
    half = 1 if language == "en" else 0
    return [{**row, "label": labels_of(vocabulary(row["code"]))[half]} for row in rows]


def _map_texts(params: BookParameters, drawn: int, without: int, scope: str
               ) -> tuple[str, str]:
    """The map's title and description (what it shows, how shades are told apart, and where
    its numbers stand)."""
    if params.language == "en":
        return (f"Initiatives per buurt, {scope}",
                f"Map of the {drawn} buurten of {scope}, shaded by their number of initiatives "
                f"in five classes from light (few) to dark (many). The {without} buurten "
                f"without initiatives are light grey and hatched; Wijkaanpak buurten have a "
                f"thick black outline. The numbers per buurt are in the table below the map.")
    return (f"Initiatieven per buurt, {scope}",
            f"Kaart van de {drawn} buurten van {scope}, gekleurd naar hun aantal initiatieven "
            f"in vijf klassen van licht (weinig) naar donker (veel). De {without} buurten "
            f"zonder initiatieven zijn lichtgrijs gearceerd; Wijkaanpak-buurten hebben een "
            f"dikke zwarte rand. De aantallen per buurt staan in de tabel onder de kaart.")


def _buurt_map(session: Session, params: BookParameters, counts: dict[str, int]
               ) -> dict[str, Any]:
    """The map, the rows of its table (the buurten with initiatives, by code) and how many
    buurten have none."""
    buurten = map_buurten(session, params)
    found = find_stadsdeel(session, params.stadsdeel) if params.stadsdeel else None
    scope = found.name if found else "Amsterdam"  # as the book's title names its scope
    without = sum(1 for buurt in buurten if not counts.get(buurt.code))
    title, desc = _map_texts(params, len(buurten), without, scope)
    rows = [{"code": buurt.code, "name": buurt.name, "wijkaanpak": buurt.wijkaanpak,
             "count": counts[buurt.code]} for buurt in buurten if counts.get(buurt.code)]
    return {"figure": choropleth(f"{KEY}-map", title, desc, buurten, counts, params.language),
            "rows": rows, "without": without}


def build(session: Session, params: BookParameters, as_of: date) -> Chapter:
    """The chapter (counts need no day: `as_of` is taken as every chapter's is)."""
    numbers = compute(session, params)
    language = params.language
    title = TITLES[language]
    html = render_fragment(
        "chapters/initiatives.html", language, key=KEY, title=title, n=numbers,
        buurt_map=_buurt_map(session, params, numbers["byBuurt"]),
        forms=_labelled(numbers["byOrganisationForm"], OrganisationForm, language),
        initiators=_labelled(numbers["byInitiatorType"], InitiatorType, language))
    en = language == "en"
    sections = [(f"{KEY}-areas", "Where" if en else "Waar"),
                (f"{KEY}-buurten", "Map of the buurten" if en else "Kaart van de buurten"),
                (f"{KEY}-forms", "Forms and initiators" if en else "Vormen en initiatiefnemers"),
                (f"{KEY}-reach", "Reach and money" if en else "Bereik en geld")]
    return Chapter(key=KEY, title=title, numbers=numbers, html=html, sections=sections)
