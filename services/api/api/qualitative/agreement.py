"""Inter-coder agreement over the coded records: the segments turned into units (paragraphs or
characters) that each coder did or did not apply each code to, then analysis.code_agreement.

A coder with no segment at all on a record did not code that record: their units there are
missing, not "no code applied" (which would count as agreement on absence).
"""

import math
import re
import uuid
from collections import Counter
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from heapq import heappop, heappush
from http import HTTPStatus
from itertools import pairwise

from sqlalchemy import Select, and_, distinct, func, select
from sqlmodel import Session

from analysis.agreement import CohenKappa
from analysis.code_agreement import CodingAgreement, code_agreement
from api.errors import CannotAnalyse, FieldError, InvalidInput, NotFound
from api.qualitative.agreement_models import (
    AgreementParams,
    CodeAgreementOut,
    CoderOut,
    CodingAgreementReport,
    KappaOut,
    OverallAgreement,
    RecordRef,
)
from api.qualitative.codebook import all_codes, in_tree_order
from api.qualitative.models import SEGMENTS, CodedSegment, QualitativeRecord
from api.qualitative.segments import RECORDS

# One or more blank lines (lines of nothing but whitespace) end a paragraph.
BLANK_LINES = re.compile(r"\n[^\S\n]*\n\s*")
# Units, and units × codes, held in memory at once (tens of bytes each, several arrays):
# character units on many long transcripts would take the server's memory.
MAX_UNITS = 500_000
MAX_CELLS = 4_000_000  # units × coders × codes: the analysis holds a flag for each
Row = list[set[str] | None]


class TooFewCoders(InvalidInput):
    """422 with the coder parameter named: agreement needs two or more coders."""

    status = HTTPStatus.UNPROCESSABLE_ENTITY
    code = "cannot-analyse"


@dataclass(frozen=True)
class Span:
    """Spans of text that are one unit each (paragraph) or `size` units (characters)."""

    start: int
    end: int
    size: int


def paragraphs(text: str) -> list[Span]:
    """The blocks of text between blank lines that hold more than whitespace."""
    spans, start = [], 0
    for gap in BLANK_LINES.finditer(text):
        spans.append((start, gap.start()))
        start = gap.end()
    spans.append((start, len(text)))
    return [Span(a, b, 1) for a, b in spans if text[a:b].strip()]


def character_runs(text: str, segments: Sequence[CodedSegment]) -> list[Span]:
    """Every character, as runs in which no segment starts or ends: the characters of a run
    are coded alike, so a run's row stands for each of them."""
    cuts = {0, len(text)} | {min(max(edge, 0), len(text)) for segment in segments
                             for edge in (segment.start_offset, segment.end_offset)}
    return [Span(a, b, b - a) for a, b in pairwise(sorted(cuts)) if b > a]


def _rows(spans: list[Span], segments: Sequence[CodedSegment],
          coders: list[uuid.UUID]) -> list[Row]:
    """Per unit, per coder: the codes whose segments overlap it, or None for a coder who has
    no segment on the record.

    One sweep over the spans (in text order) and the segments sorted by start: a segment
    joins the active ones when it starts before the span's end and leaves when it ends at or
    before the span's start. Each row costs its coders × active codes, not all segments.
    """
    position = {coder: j for j, coder in enumerate(coders)}
    coded = {position[segment.coder_id] for segment in segments}
    starting = sorted((segment.start_offset, segment.end_offset, position[segment.coder_id],
                       str(segment.code_id)) for segment in segments)
    active: list[Counter[str]] = [Counter() for _ in coders]
    ending: list[tuple[int, int, str]] = []  # a heap of (end, coder, code)
    rows: list[Row] = []
    joined = 0
    for span in spans:
        while joined < len(starting) and starting[joined][0] < span.end:
            _, end, coder, code = starting[joined]
            active[coder][code] += 1
            heappush(ending, (end, coder, code))
            joined += 1
        while ending and ending[0][0] <= span.start:
            _, coder, code = heappop(ending)
            active[coder][code] -= 1
            if not active[coder][code]:
                del active[coder][code]
        row: Row = [set(active[j]) if j in coded else None for j in range(len(coders))]
        rows.extend([row] * span.size)  # the same row object: cheap for long character runs
    return rows


def chosen_records(session: Session, params: AgreementParams) -> list[QualitativeRecord]:
    """The records asked for (404 when one does not exist), or every record that two or more
    of the (chosen) coders coded; by title."""
    if params.record:
        wanted = list(dict.fromkeys(params.record))
        found = {record.id: record for record in session.scalars(
            select(QualitativeRecord).where(RECORDS.c.id.in_(wanted)))}
        for record_id in wanted:
            if record_id not in found:
                raise NotFound(f"Verslag {record_id} bestaat niet. / No such record.")
        records = list(found.values())
    else:
        records = list(session.scalars(
            select(QualitativeRecord).where(RECORDS.c.id.in_(_shared(params)))))
    return sorted(records, key=lambda record: (record.title.casefold(), str(record.id)))


def _shared(params: AgreementParams) -> Select[tuple[uuid.UUID]]:
    """The records that two or more of the (chosen) coders coded, as a query."""
    shared = select(SEGMENTS.c.record_id).group_by(SEGMENTS.c.record_id).having(
        func.count(distinct(SEGMENTS.c.coder_id)) >= 2)
    return shared.where(SEGMENTS.c.coder_id.in_(params.coder)) if params.coder else shared


def _segments_of(session: Session, params: AgreementParams) -> list[CodedSegment]:
    """The chosen coders' segments on the chosen records: by default the records as a
    subquery, not a list of ids (PostgreSQL takes at most 65,535 parameters)."""
    records = list(dict.fromkeys(params.record)) if params.record else _shared(params)
    query = select(CodedSegment).where(SEGMENTS.c.record_id.in_(records))
    if params.coder:
        query = query.where(SEGMENTS.c.coder_id.in_(params.coder))
    return list(session.scalars(query.order_by(SEGMENTS.c.start_offset, SEGMENTS.c.id)))


def _labels(session: Session, ids: list[uuid.UUID], segments: list[CodedSegment]
            ) -> dict[uuid.UUID, str]:
    """Each coder's label as they last coded: on these records, else (a chosen coder who
    coded none of them) anywhere, the latest segment per coder found in SQL."""
    labels = {segment.coder_id: segment.coder_label for segment in sorted(
        segments, key=lambda segment: (segment.created_at, segment.id))}
    missing = [coder for coder in ids if coder not in labels]
    if missing:
        last = (select(SEGMENTS.c.coder_id, func.max(SEGMENTS.c.created_at).label("at"))
                .where(SEGMENTS.c.coder_id.in_(missing)).group_by(SEGMENTS.c.coder_id)
                .subquery())
        found = select(SEGMENTS.c.coder_id, SEGMENTS.c.coder_label).join(last, and_(
            SEGMENTS.c.coder_id == last.c.coder_id, SEGMENTS.c.created_at == last.c.at)
        ).order_by(SEGMENTS.c.id)
        labels.update((coder, label) for coder, label in session.connection().execute(found))
    return labels


def _coders(session: Session, chosen: list[uuid.UUID], segments: list[CodedSegment]
            ) -> list[CoderOut]:
    """The chosen coders (or all who coded), each with the label they last coded under."""
    ids = list(dict.fromkeys(chosen)) or list({segment.coder_id for segment in segments})
    labels = _labels(session, ids, segments)
    counts = Counter(segment.coder_id for segment in segments)
    coders = [CoderOut(id=coder, label=labels.get(coder, ""), segments=counts[coder])
              for coder in ids]
    if len(coders) < 2:
        message = (f"Overeenstemming vraagt om ten minste twee codeurs; hier zijn er "
                   f"{len(coders)}. / Agreement needs at least two coders; found {len(coders)}.")
        raise TooFewCoders([FieldError("coder", "too-few-coders", message, "query")], message)
    return sorted(coders, key=lambda coder: (coder.label.casefold(), str(coder.id)))


def _units(records: list[QualitativeRecord], segments: list[CodedSegment],
           coders: list[uuid.UUID], unit: str, codes: int) -> list[Row]:
    """Every unit's row, after checking that there is something to compare (a record that
    two or more of the coders coded), and not too much of it."""
    by_record: dict[uuid.UUID, list[CodedSegment]] = {}
    for segment in segments:
        by_record.setdefault(segment.record_id, []).append(segment)
    parts: list[tuple[list[Span], list[CodedSegment]]] = []
    shared = False
    for record in records:
        own = by_record.get(record.id, [])
        spans = (paragraphs(record.text) if unit == "paragraph"
                 else character_runs(record.text, own))
        parts.append((spans, own))
        shared = shared or (len({segment.coder_id for segment in own}) >= 2 and bool(spans))
    units = sum(span.size for spans, _ in parts for span in spans) if shared else 0
    _check_size(units, len(coders), codes)
    return [row for spans, own in parts for row in _rows(spans, own, coders)]


def _check_size(units: int, coders: int, codes: int) -> None:
    if codes == 0 or units == 0:
        raise CannotAnalyse("Geen verslag is door twee of meer van deze codeurs gecodeerd. / "
                            "No record was coded by two or more of these coders.")
    if units > MAX_UNITS or units * coders * codes > MAX_CELLS:
        raise CannotAnalyse(
            f"Te veel eenheden ({units}) × codeurs ({coders}) × codes ({codes}) om te "
            "vergelijken; kies minder verslagen of codeurs, of alinea's als eenheid. / Too "
            "many units × coders × codes to compare; choose fewer records or coders, or "
            "paragraphs as the unit.")


def _finite(value: float) -> float | None:
    return value if math.isfinite(value) else None


def _kappa(kappa: CohenKappa | None) -> KappaOut | None:
    if kappa is None or not all(math.isfinite(value) for value in (
            kappa.kappa, kappa.std_error, kappa.ci_lower, kappa.ci_upper)):
        return None
    return KappaOut(kappa=kappa.kappa, se=kappa.std_error, ci_low=kappa.ci_lower,
                    ci_high=kappa.ci_upper)


def _analysed(rows: Sequence[Sequence[Collection[str] | None]], codes: list[str]
              ) -> CodingAgreement:
    try:
        return code_agreement(rows, codes=codes)
    except ValueError as error:  # _check_size has refused what the analysis cannot use
        raise CannotAnalyse(f"Overeenstemming niet te berekenen. / Agreement cannot be "
                            f"computed: {error}.") from error


def coding_agreement(session: Session, params: AgreementParams) -> CodingAgreementReport:
    records = chosen_records(session, params)
    segments = _segments_of(session, params)
    coders = _coders(session, params.coder, segments)
    coder_ids = [coder.id for coder in coders]
    applied = {segment.code_id for segment in segments}
    codes = [(code, path) for code, path in in_tree_order(all_codes(session))
             if code.id in applied]
    rows = _units(records, segments, coder_ids, params.unit, len(codes))
    result = _analysed(rows, [str(code.id) for code, _ in codes])
    return CodingAgreementReport(
        unit=params.unit, units=len(rows), coders=coders,
        records=[RecordRef(id=record.id, title=record.title) for record in records],
        overall=OverallAgreement(alpha=_finite(result.overall.alpha),
                                 pairable=result.overall.pairable_values),
        codes=[CodeAgreementOut(code_id=code.id, name=code.name, path=" / ".join(path),
                                applied=list(found.applied), kappa=_kappa(found.kappa),
                                alpha=_finite(found.alpha.alpha))
               for (code, path), found in zip(codes, result.codes, strict=True)])
