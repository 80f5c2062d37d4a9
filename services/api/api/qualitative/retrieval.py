"""Retrieval across records: every segment of a code (and its subcodes), and co-occurrence,
per pair of codes the number of records in which segments of both overlap."""

import uuid
from itertools import combinations

from sqlalchemy import select
from sqlmodel import Session

from api.qualitative.codebook import descendants_of, get_code
from api.qualitative.models import SEGMENTS, CodedSegment
from api.qualitative.segment_models import CodeSegmentPublic, CoOccurrence
from api.qualitative.segments import RECORDS, public_of


def code_segments(session: Session, code_id: uuid.UUID, descendants: bool
                  ) -> list[CodeSegmentPublic]:
    """Every segment of the code (and of its subcodes) across records, by record title."""
    code_ids = [get_code(session, code_id).id]
    if descendants:
        code_ids += [code.id for code in descendants_of(session, code_id)]
    rows = session.execute(
        select(CodedSegment, RECORDS.c.title, RECORDS.c.text)
        .join(RECORDS, RECORDS.c.id == SEGMENTS.c.record_id)
        .where(SEGMENTS.c.code_id.in_(code_ids))
        .order_by(RECORDS.c.title, RECORDS.c.id, SEGMENTS.c.start_offset, SEGMENTS.c.id)).all()
    return [CodeSegmentPublic(**public_of(segment, text).model_dump(), record_title=title)
            for segment, title, text in rows]


def _overlapping_pairs(spans: list[tuple[uuid.UUID, int, int]]
                       ) -> set[tuple[uuid.UUID, uuid.UUID]]:
    """The pairs of different codes (in id order) whose spans in one record intersect."""
    pairs = set()
    for (code_a, start_a, end_a), (code_b, start_b, end_b) in combinations(spans, 2):
        if code_a != code_b and start_a < end_b and start_b < end_a:
            pairs.add((min(code_a, code_b), max(code_a, code_b)))
    return pairs


def co_occurrence(session: Session) -> list[CoOccurrence]:
    """Per pair of codes the number of records in which segments of both overlap (whoever
    coded them), the most frequent first."""
    spans: dict[uuid.UUID, list[tuple[uuid.UUID, int, int]]] = {}
    rows = session.connection().execute(select(
        SEGMENTS.c.record_id, SEGMENTS.c.code_id, SEGMENTS.c.start_offset, SEGMENTS.c.end_offset))
    for record_id, code_id, start, end in rows:
        spans.setdefault(record_id, []).append((code_id, start, end))
    counts: dict[tuple[uuid.UUID, uuid.UUID], int] = {}
    for record_spans in spans.values():
        for pair in _overlapping_pairs(record_spans):
            counts[pair] = counts.get(pair, 0) + 1
    ordered = sorted(counts.items(), key=lambda item: (-item[1], str(item[0][0]),
                                                       str(item[0][1])))
    return [CoOccurrence(code_a=a, code_b=b, records=n) for (a, b), n in ordered]
