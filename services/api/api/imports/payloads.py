"""A parsed row as the API's own request body: codes and references turned into ids, so the
import goes through the same validation and the same write functions as the API."""

import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel

from api.imports.lookups import AreaIndex
from api.imports.parse import ParsedRow
from api.tabular.problems import Problem

# Columns whose API field has another name (and holds ids instead of codes or references).
API_NAMES = {"buurt": "buurtId", "areas": "areaIds", "initiativeRef": "initiativeId",
             "professionalRef": "professionalId", "evaluationRef": "evaluationId",
             "indicator": "indicatorId"}
COLUMN_NAMES = {api: column for column, api in API_NAMES.items()}


@dataclass
class Lookups:
    """What rows refer to: areas, and records by reference, found once per import."""

    areas: AreaIndex
    references: dict[str, dict[str, uuid.UUID]] = field(default_factory=dict)
    indicators: dict[str, uuid.UUID] = field(default_factory=dict)


@dataclass
class Payload:
    body: dict[str, Any]
    problems: list[Problem]
    notes: list[Problem]  # not wrong, but worth saying (an old area code mapped)


Resolver = Callable[[ParsedRow, str, Any, Lookups, Payload], Any]


def payload(row: ParsedRow, lookups: Lookups, blank: frozenset[str] = frozenset()) -> Payload:
    """The row's API body (only the columns the file has), with what could not be found.
    An empty cell of a `blank` field (text the API keeps as "", never null) is ""."""
    result = Payload({}, [], [])
    for name, value in row.values.items():
        api_name = API_NAMES.get(name, name)
        if value is None and api_name in blank:
            result.body[api_name] = ""
        elif value is None or name not in _RESOLVERS:
            result.body[api_name] = value
        else:
            result.body[api_name] = _RESOLVERS[name](row, name, value, lookups, result)
    return result


def blank_texts(model: type[BaseModel]) -> frozenset[str]:
    """The fields (by alias) of a model that hold text and default to "" rather than null."""
    return frozenset(field.alias or name for name, field in model.model_fields.items()
                     if field.default == "")


def _buurt(row: ParsedRow, name: str, value: Any, lookups: Lookups,
           result: Payload) -> uuid.UUID | None:
    area = lookups.areas.find(str(value), buurt=True)
    if area is None:
        result.problems.append(row.problem(
            name, "unknown-area", f"Onbekende buurt '{value}': geef een Amsterdamse code "
            "(2015 of 2022), een CBS-code of de naam.", f"Unknown buurt '{value}': give an "
            "Amsterdam code (2015 or 2022), a CBS code or the name."))
        return None
    if area.successor_code is not None:
        result.notes.append(row.problem(
            name, "old-area", f"'{value}' is buurt {area.code} ({area.name}) van de indeling "
            f"{area.indeling}; die ligt nu in buurt {area.successor_code}.",
            f"'{value}' is buurt {area.code} ({area.name}) of the {area.indeling} indeling; "
            f"it now lies in buurt {area.successor_code}."))
    return area.id


def _areas(row: ParsedRow, name: str, value: Any, lookups: Lookups,
           result: Payload) -> list[uuid.UUID]:
    found = []
    for code in value:
        area = lookups.areas.find(code)
        if area is None:
            result.problems.append(row.problem(
                name, "unknown-area", f"Onbekend gebied '{code}'.", f"Unknown area '{code}'."))
        else:
            found.append(area.id)
    return found


def _record(kind: str, what: str, what_en: str) -> "Resolver":
    def resolve(row: ParsedRow, name: str, value: Any, lookups: Lookups,
                result: Payload) -> uuid.UUID | None:
        found = lookups.references.get(kind, {}).get(str(value))
        if found is None:
            result.problems.append(row.problem(
                name, "unknown-reference",
                f"Geen {what} met referentie '{value}': importeer die eerst.",
                f"No {what_en} with reference '{value}': import it first."))
        return found
    return resolve


def _indicator(row: ParsedRow, name: str, value: Any, lookups: Lookups,
               result: Payload) -> uuid.UUID | None:
    found = lookups.indicators.get(str(value))
    if found is None:
        result.problems.append(row.problem(
            name, "unknown-indicator", f"Onbekende indicator '{value}'.",
            f"Unknown indicator '{value}'."))
    return found


_RESOLVERS: Mapping[str, Resolver] = {
    "buurt": _buurt,
    "areas": _areas,
    "initiativeRef": _record("initiatives", "initiatief", "initiative"),
    "professionalRef": _record("professionals", "professional", "professional"),
    "evaluationRef": _record("evaluations", "evaluatie", "evaluation"),
    "indicator": _indicator,
}
