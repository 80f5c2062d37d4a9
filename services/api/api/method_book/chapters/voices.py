"""Stemmen uit de praktijk / Voices from practice (research books only): per top-level code of
the codebook, with its subcodes rolled up, how often the records about the initiatives in
scope carry it, up to three quoted passages coded with that code itself, and a block per
subcode (any depth, codebook order) with its own rolled-up counts and up to two quoted
passages coded with that subcode itself — so the quotes tell the ACTIE dimensions and the
bakens apart instead of lumping them under "Succesfactoren".

The counts are those of GET /v1/analysis/codes/outcomes for the same filters (the same
`carried_codes` over the same `matching_ids`), for a subcode as for a top-level code. A
passage is quoted only from a record whose `pseudonymised_at` is set, i.e. pseudonymised since
its text last changed: no test on the text can tell a name from any other word, so that flag
is the guarantee. Passages on other records are counted as left out. A quote shows the
record's kind, month and the stadsdelen of its initiatives in scope — never its title or
author, which may name people. Which passages are quoted: see voices_quotes.py."""

import uuid
from collections.abc import Mapping
from datetime import date
from typing import Any

from sqlmodel import Session

from api.initiatives.listing import matching_ids
from api.method_book.chapters import Chapter
from api.method_book.chapters.voices_quotes import (
    DEFINITION_LENGTH,
    Passage,
    Source,
    excerpt,
    passages_in,
    quotes_of,
    sources_in,
)
from api.method_book.parameters import BookParameters
from api.method_book.render import render_fragment
from api.qualitative.carried_codes import CarriedCodes, carried_codes, lineage
from api.qualitative.codebook import all_codes, in_tree_order
from api.qualitative.models import Code
from api.vocabularies.labels import labels_of
from api.vocabularies.models import RecordKind

KEY = "stemmen"
TITLES = {"nl": "Stemmen uit de praktijk", "en": "Voices from practice"}
MAX_QUOTES = 3  # of a top-level code's own passages
MAX_SUBCODE_QUOTES = 2  # of a subcode's own passages
MONTHS = {
    "nl": ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
           "september", "oktober", "november", "december"),
    "en": ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"),
}


class Passages:
    """The passages in scope by code: each code's own, and rolled up (its own and its
    subcodes'), as the counts roll them up."""

    def __init__(self, passages: list[Passage],
                 lines: Mapping[uuid.UUID, tuple[uuid.UUID, ...]]) -> None:
        self.own: dict[uuid.UUID, list[Passage]] = {}
        self.rolled: dict[uuid.UUID, list[Passage]] = {}
        for passage in passages:
            self.own.setdefault(passage.code_id, []).append(passage)
            for carried in lines.get(passage.code_id, (passage.code_id,)):
                self.rolled.setdefault(carried, []).append(passage)


def _code_row(code: Code, carried: CarriedCodes, passages: Passages,
              sources: dict[uuid.UUID, Source], most: int) -> dict[str, Any]:
    """A code's counts (as the endpoint's, subcodes rolled up), the passages among them left
    out (not pseudonymised) and quotes of its own passages."""
    hidden = [each for each in passages.rolled.get(code.id, [])
              if not sources[each.record_id].pseudonymised]
    return {"codeId": str(code.id), "name": code.name, "definition": code.definition,
            "segments": carried.segments[code.id],
            "records": len(carried.records.get(code.id, ())),
            "initiatives": len(carried.initiatives_of(code.id)),
            "leftOut": {"segments": len(hidden),
                        "records": len({each.record_id for each in hidden})},
            "quotes": quotes_of(passages.own.get(code.id, []), sources, most)}


def _code_rows(session: Session, carried: CarriedCodes, passages: list[Passage],
               sources: dict[uuid.UUID, Source]) -> list[dict[str, Any]]:
    """Per top-level code with passages in scope (codebook order), its row with its
    subcodes' rows (depth first) — only those with a quotable passage of their own."""
    codes = all_codes(session)
    lines = lineage({code.id: code.parent_id for code in codes})
    by_code = Passages(passages, lines)
    tops: dict[uuid.UUID, dict[str, Any]] = {}
    for code, path in in_tree_order(codes):
        if len(path) == 1 and by_code.rolled.get(code.id):
            tops[code.id] = {**_code_row(code, carried, by_code, sources, MAX_QUOTES),
                             "subcodes": []}
        elif len(path) > 1 and lines[code.id][-1] in tops:
            row = _code_row(code, carried, by_code, sources, MAX_SUBCODE_QUOTES)
            if row["quotes"]:
                # The names between the top-level code and this one, to place it.
                tops[lines[code.id][-1]]["subcodes"].append({**row, "path": path[1:-1]})
    return list(tops.values())


def voices_numbers(session: Session, params: BookParameters) -> dict[str, Any]:
    """The chapter's numbers: per top-level code with passages in scope its counts (as the
    endpoint's), what was left out, its quotes and its subcodes'."""
    scope = matching_ids(session, params.filters())
    carried = carried_codes(session, scope)
    sources = sources_in(session, scope)
    passages = passages_in(session, scope, sources)
    hidden = [each for each in passages if not sources[each.record_id].pseudonymised]
    return {"codes": _code_rows(session, carried, passages, sources),
            "maxQuotes": MAX_QUOTES, "maxSubcodeQuotes": MAX_SUBCODE_QUOTES,
            "coded": {"records": carried.coded_records, "segments": carried.all_segments},
            "leftOut": {"records": len({each.record_id for each in hidden}),
                        "segments": len(hidden)}}


def _view(quote: dict[str, Any], language: str) -> dict[str, Any]:
    year, month = quote["recorded"].split("-")
    kind = labels_of(RecordKind(quote["kind"]))[1 if language == "en" else 0]
    return {"text": quote["text"], "kind": kind,
            "when": f"{MONTHS[language][int(month) - 1]} {year}",
            "where": ", ".join(quote["stadsdelen"])}


def _code_view(code: dict[str, Any], language: str) -> dict[str, Any]:
    return {**code, "id": f"{KEY}-{code['codeId']}",
            "views": [_view(quote, language) for quote in code["quotes"]]}


def build(session: Session, params: BookParameters, as_of: date) -> Chapter:
    """The chapter; only for research books (the quotes come from research records)."""
    del as_of  # nothing here is counted in time
    if not params.for_research:
        raise ValueError("Stemmen uit de praktijk staat alleen in een onderzoeksboek. / "
                         "Voices from practice belong in a research book only.")
    language = params.language
    numbers = voices_numbers(session, params)
    codes = [{**_code_view(code, language),
              "subcodes": [{**_code_view(sub, language),
                            "heading": " › ".join([*sub["path"], sub["name"]]),
                            "short": excerpt(sub["definition"], DEFINITION_LENGTH)}
                           for sub in code["subcodes"]]}
             for code in numbers["codes"]]
    title = TITLES[language]
    html = render_fragment("chapters/voices.html", language, key=KEY, title=title,
                           n=numbers, codes=codes)
    return Chapter(key=KEY, title=title, numbers=numbers, html=html,
                   sections=[(code["id"], code["name"]) for code in codes])
