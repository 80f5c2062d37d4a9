"""Stemmen uit de praktijk / Voices from practice (research books only): per top-level code of
the codebook, with its subcodes rolled up, how often the records about the initiatives in
scope carry it, and up to three quoted passages.

The counts are those of GET /v1/analysis/codes/outcomes for the same filters (the same
`carried_codes` over the same `matching_ids`). A passage is quoted only from a record whose
`pseudonymised_at` is set, i.e. pseudonymised since its text last changed: no test on the
text can tell a name from any other word, so that flag is the guarantee. Passages on other
records are counted as left out. A quote shows the record's kind, month and the stadsdelen of
its initiatives in scope — never its title or author, which may name people.

Which quotes: of the code's passages on pseudonymised records, ordered by the record's
recorded_on, then record id, then start offset, end offset and segment id, the first passage
of each of the first three records (so three different records speak)."""

import re
import uuid
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Select, select
from sqlmodel import Session

from api.areas.models import AreaType
from api.db import table_of
from api.initiatives.listing import matching_ids
from api.initiatives.models import Initiative
from api.method_book.areas import AREAS
from api.method_book.chapters import Chapter
from api.method_book.parameters import BookParameters
from api.method_book.render import render_fragment
from api.qualitative.carried_codes import LINKS, CarriedCodes, carried_codes, lineage
from api.qualitative.codebook import all_codes, in_tree_order
from api.qualitative.models import SEGMENTS, QualitativeRecord
from api.vocabularies.labels import labels_of
from api.vocabularies.models import RecordKind

KEY = "stemmen"
TITLES = {"nl": "Stemmen uit de praktijk", "en": "Voices from practice"}
MAX_QUOTES = 3
QUOTE_LENGTH = 500  # characters; a longer passage is cut at a word boundary
RECORDS = table_of(QualitativeRecord)
INITIATIVES = table_of(Initiative)
MONTHS = {
    "nl": ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
           "september", "oktober", "november", "december"),
    "en": ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"),
}


@dataclass(frozen=True)
class Source:
    """What the book may say about a record: never its title or author."""

    kind: str
    recorded_on: date
    pseudonymised: bool
    text: str
    stadsdelen: tuple[str, ...]  # of its initiatives in scope, by name


@dataclass(frozen=True)
class Passage:
    segment_id: uuid.UUID
    record_id: uuid.UUID
    start: int
    end: int

    def order(self, sources: dict[uuid.UUID, Source]) -> tuple[date, str, int, int, str]:
        return (sources[self.record_id].recorded_on, str(self.record_id), self.start,
                self.end, str(self.segment_id))


def excerpt(text: str) -> str:
    """The passage on one line (white space as single spaces), at most QUOTE_LENGTH
    characters: a longer one cut after its last whole word, with an ellipsis."""
    flat = " ".join(text.split())
    if len(flat) <= QUOTE_LENGTH:
        return flat
    cut = flat[:QUOTE_LENGTH + 1]
    space = cut.rfind(" ")
    kept = cut[:space] if space > 0 else flat[:QUOTE_LENGTH]
    return re.sub(r"[\s,;:]+$", "", kept) + " …"


def _stadsdeel_names(session: Session, buurten: set[uuid.UUID]) -> dict[uuid.UUID, str]:
    """Each buurt's stadsdeel name, by walking up the area tree (its depth differs)."""
    found: dict[uuid.UUID, str] = {}
    current = {buurt: buurt for buurt in buurten}  # buurt → the area reached so far
    while current:
        rows = session.connection().execute(
            select(AREAS.c.id, AREAS.c.parent_id, AREAS.c.type, AREAS.c.name)
            .where(AREAS.c.id.in_(set(current.values())))).all()
        by_id = {row.id: row for row in rows}
        following: dict[uuid.UUID, uuid.UUID] = {}
        for buurt, area_id in current.items():
            row = by_id.get(area_id)
            if row is not None and row.type == AreaType.STADSDEEL.value:
                found[buurt] = str(row.name)
            elif row is not None and row.parent_id is not None:
                following[buurt] = row.parent_id
        current = following
    return found


def _sources(session: Session, scope: Select[tuple[uuid.UUID]]) -> dict[uuid.UUID, Source]:
    """The records linked to the initiatives in scope."""
    connection = session.connection()
    links = connection.execute(
        select(LINKS.c.record_id, INITIATIVES.c.current_buurt_id)
        .join(INITIATIVES, INITIATIVES.c.id == LINKS.c.initiative_id)
        .where(LINKS.c.initiative_id.in_(scope))).all()
    names = _stadsdeel_names(session, {buurt for _, buurt in links})
    stadsdelen: dict[uuid.UUID, set[str]] = {}
    for record_id, buurt in links:
        named = stadsdelen.setdefault(record_id, set())
        if buurt in names:
            named.add(names[buurt])
    rows = connection.execute(select(
        RECORDS.c.id, RECORDS.c.kind, RECORDS.c.recorded_on, RECORDS.c.pseudonymised_at,
        RECORDS.c.text).where(RECORDS.c.id.in_(select(LINKS.c.record_id).where(
            LINKS.c.initiative_id.in_(scope))))).all()
    return {row.id: Source(str(row.kind), row.recorded_on, row.pseudonymised_at is not None,
                           row.text, tuple(sorted(stadsdelen.get(row.id, ()))))
            for row in rows}


def _passages_by_top(session: Session, sources: dict[uuid.UUID, Source]
                     ) -> dict[uuid.UUID, list[Passage]]:
    """The segments on these records, under the top-level code of their code."""
    lines = lineage({code.id: code.parent_id for code in all_codes(session)})
    found: dict[uuid.UUID, list[Passage]] = {}
    rows = session.connection().execute(select(
        SEGMENTS.c.id, SEGMENTS.c.record_id, SEGMENTS.c.code_id, SEGMENTS.c.start_offset,
        SEGMENTS.c.end_offset).where(SEGMENTS.c.record_id.in_(list(sources)))).all()
    for segment_id, record_id, code_id, start, end in rows:
        top = lines.get(code_id, (code_id,))[-1]
        found.setdefault(top, []).append(Passage(segment_id, record_id, start, end))
    return found


def _quote(passage: Passage, source: Source) -> dict[str, Any]:
    return {"recordId": str(passage.record_id), "segmentId": str(passage.segment_id),
            "kind": source.kind, "recorded": source.recorded_on.isoformat()[:7],
            "stadsdelen": list(source.stadsdelen),
            "text": excerpt(source.text[passage.start:passage.end])}


def quotes_of(passages: list[Passage], sources: dict[uuid.UUID, Source]
              ) -> list[dict[str, Any]]:
    """The first passage of each of the first MAX_QUOTES pseudonymised records (see the
    module's docstring for the order)."""
    quoted: dict[uuid.UUID, Passage] = {}
    for passage in sorted(passages, key=lambda each: each.order(sources)):
        if sources[passage.record_id].pseudonymised and passage.record_id not in quoted:
            quoted[passage.record_id] = passage
            if len(quoted) == MAX_QUOTES:
                break
    return [_quote(passage, sources[passage.record_id]) for passage in quoted.values()]


def _code_row(code_id: uuid.UUID, name: str, definition: str, carried: CarriedCodes,
              passages: list[Passage], sources: dict[uuid.UUID, Source]) -> dict[str, Any]:
    hidden = [each for each in passages if not sources[each.record_id].pseudonymised]
    return {"codeId": str(code_id), "name": name, "definition": definition,
            "segments": carried.segments[code_id],
            "records": len(carried.records.get(code_id, ())),
            "initiatives": len(carried.initiatives_of(code_id)),
            "leftOut": {"segments": len(hidden),
                        "records": len({each.record_id for each in hidden})},
            "quotes": quotes_of(passages, sources)}


def voices_numbers(session: Session, params: BookParameters) -> dict[str, Any]:
    """The chapter's numbers: per top-level code with passages in scope (codebook order)
    its counts (as the endpoint's), what was left out and its quotes."""
    scope = matching_ids(session, params.filters())
    carried = carried_codes(session, scope)
    sources = _sources(session, scope)
    by_top = _passages_by_top(session, sources)
    codes = [_code_row(code.id, code.name, code.definition, carried, by_top[code.id], sources)
             for code, path in in_tree_order(all_codes(session))
             if len(path) == 1 and by_top.get(code.id)]
    coded = {passage.record_id for passages in by_top.values() for passage in passages}
    hidden = {record for record in coded if not sources[record].pseudonymised}
    return {"codes": codes, "maxQuotes": MAX_QUOTES,
            "coded": {"records": carried.coded_records, "segments": carried.all_segments},
            "leftOut": {"records": len(hidden), "segments": sum(
                1 for passages in by_top.values() for passage in passages
                if passage.record_id in hidden)}}


def _view(quote: dict[str, Any], language: str) -> dict[str, Any]:
    year, month = quote["recorded"].split("-")
    kind = labels_of(RecordKind(quote["kind"]))[1 if language == "en" else 0]
    return {"text": quote["text"], "kind": kind,
            "when": f"{MONTHS[language][int(month) - 1]} {year}",
            "where": ", ".join(quote["stadsdelen"])}


def build(session: Session, params: BookParameters, as_of: date) -> Chapter:
    """The chapter; only for research books (the quotes come from research records)."""
    del as_of  # nothing here is counted in time
    if not params.for_research:
        raise ValueError("Stemmen uit de praktijk staat alleen in een onderzoeksboek. / "
                         "Voices from practice belong in a research book only.")
    language = params.language
    numbers = voices_numbers(session, params)
    codes = [{**code, "id": f"{KEY}-{code['codeId']}",
              "views": [_view(quote, language) for quote in code["quotes"]]}
             for code in numbers["codes"]]
    title = TITLES[language]
    html = render_fragment("chapters/voices.html", language, key=KEY, title=title,
                           n=numbers, codes=codes)
    return Chapter(key=KEY, title=title, numbers=numbers, html=html,
                   sections=[(code["id"], code["name"]) for code in codes])
