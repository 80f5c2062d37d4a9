"""Full-text search over qualitative records, in Dutch with stemming.

PostgreSQL searches `to_tsvector('dutch', title || ' ' || text)` (a GIN expression index from
migration 0006 serves it) with websearch_to_tsquery, ranks by ts_rank and cuts the snippet
with ts_headline. SQLite has no Dutch stemmer, so the records service keeps an FTS5 table
`record_search(record_id, stems)` in step with each record: its title and text reduced to
the same Snowball stems (api.qualitative.stemming); the query is stemmed the same way (all
its words must occur) and the snippet is cut here.

Snippets are HTML: the text is escaped first, so the only markup is <mark> around the words
that matched.
"""

import html
import re
import uuid
from typing import Any

from sqlalchemy import DDL, Connection, event, select, text
from sqlmodel import Session

from api.qualitative.models import QualitativeRecord
from api.qualitative.stemming import stem, stems, words
from api.tables import metadata
from api.wire import PageParams

SEARCH_TABLE = "record_search"
SEARCH_INDEX = "ix_qualitative_record_search"  # PostgreSQL's GIN expression index
CREATE_SEARCH_TABLE = (f"CREATE VIRTUAL TABLE IF NOT EXISTS {SEARCH_TABLE} "
                       "USING fts5(record_id UNINDEXED, stems)")
DOCUMENT = "to_tsvector('dutch', r.title || ' ' || r.text)"
HEADLINE_OPTIONS = "StartSel=<mark>, StopSel=</mark>, MaxFragments=2"
ESCAPED_TEXT = "replace(replace(replace(r.text, '&', '&amp;'), '<', '&lt;'), '>', '&gt;')"
FRAGMENT_BEFORE, FRAGMENT_AFTER, FRAGMENTS = 5, 15, 2

# metadata.create_all (tests, a fresh SQLite file) makes the FTS5 table as migration 0006 does.
_CREATE_ON_SQLITE = DDL(CREATE_SEARCH_TABLE).execute_if(  # type: ignore[no-untyped-call]
    dialect="sqlite")
event.listen(metadata, "after_create", _CREATE_ON_SQLITE)


def ignored_by_autogenerate(thing: Any, name: str | None, type_: str, reflected: bool,
                            compare_to: Any) -> bool:
    """Alembic's include_object: False for the search table (and FTS5's shadow tables) and
    the GIN expression index, which no model describes."""
    return not (name or "").startswith((SEARCH_TABLE, SEARCH_INDEX))


def _sqlite(session: Session) -> bool:
    return session.connection().dialect.name == "sqlite"


def index_record(session: Session, record: QualitativeRecord) -> None:
    """Write the record's row of the SQLite search table (in the caller's transaction)."""
    if not _sqlite(session):
        return
    forget_record(session, record.id)
    session.connection().execute(
        text("INSERT INTO record_search (record_id, stems) VALUES (:id, :stems)"),
        {"id": record.id.hex, "stems": " ".join(stems(f"{record.title} {record.text}"))})


def forget_record(session: Session, record_id: uuid.UUID) -> None:
    if _sqlite(session):
        session.connection().execute(
            text("DELETE FROM record_search WHERE record_id = :id"), {"id": record_id.hex})


def mark_snippet(original: str, wanted: set[str]) -> str:
    """Up to two fragments of the text around its first matching words, escaped, those
    words in <mark>; the opening words when none matches (the title did)."""
    found = list(words(original))
    hits = [index for index, match in enumerate(found) if stem(match.group()) in wanted]
    windows: list[tuple[int, int]] = []
    for hit in hits or [0]:
        if windows and hit < windows[-1][1]:
            continue
        windows.append((max(hit - FRAGMENT_BEFORE, 0), min(hit + FRAGMENT_AFTER, len(found))))
        if len(windows) == FRAGMENTS:
            break
    return " ... ".join(_fragment(original, found[start:end], _stop(original, found, end),
                                  wanted) for start, end in windows if end > start)


def _stop(original: str, found: list[re.Match[str]], end: int) -> int:
    """Where a fragment ending before word `end` stops: with its punctuation, not the gap."""
    return len(original.rstrip()) if end == len(found) else found[end].start()


def _fragment(original: str, span: list[re.Match[str]], stop: int, wanted: set[str]) -> str:
    out, position = [], span[0].start()
    for match in span:
        out.append(html.escape(original[position:match.start()], quote=False))
        word = html.escape(match.group(), quote=False)
        out.append(f"<mark>{word}</mark>" if stem(match.group()) in wanted else word)
        position = match.end()
    out.append(html.escape(original[position:stop].rstrip(), quote=False))
    return "".join(out)


def search_records(session: Session, query: str, page: PageParams
                   ) -> tuple[list[dict[str, Any]], int]:
    """One page of matching records, the most relevant first, each with its snippet."""
    if _sqlite(session):
        return _search_sqlite(session, query, page)
    return _search_postgresql(session.connection(), query, page)


def _search_postgresql(connection: Connection, query: str, page: PageParams
                       ) -> tuple[list[dict[str, Any]], int]:
    source = (f"FROM qualitative_record r, websearch_to_tsquery('dutch', :q) q "
              f"WHERE {DOCUMENT} @@ q")
    total = connection.execute(text(f"SELECT count(*) {source}"), {"q": query}).scalar_one()
    rows = connection.execute(text(
        f"SELECT r.id, r.title, r.kind, r.recorded_on, "
        f"ts_headline('dutch', {ESCAPED_TEXT}, q, '{HEADLINE_OPTIONS}') {source} "
        f"ORDER BY ts_rank({DOCUMENT}, q) DESC, r.recorded_on DESC, r.id "
        f"LIMIT :limit OFFSET :offset"),
        {"q": query, "limit": page.page_size, "offset": (page.page - 1) * page.page_size})
    return [{"id": row[0], "title": row[1], "kind": row[2], "recorded_on": row[3],
             "snippet": row[4]} for row in rows], total


def _search_sqlite(session: Session, query: str, page: PageParams
                   ) -> tuple[list[dict[str, Any]], int]:
    wanted = set(stems(query))
    if not wanted:
        return [], 0
    match = " ".join(f'"{each}"' for each in sorted(wanted))  # stems are \w+: no quotes
    connection = session.connection()
    source = f"FROM {SEARCH_TABLE} WHERE {SEARCH_TABLE} MATCH :match"
    total = connection.execute(text(f"SELECT count(*) {source}"),
                               {"match": match}).scalar_one()
    ids = [uuid.UUID(hex_id) for hex_id in connection.execute(text(
        f"SELECT record_id {source} ORDER BY rank, record_id LIMIT :limit OFFSET :offset"),
        {"match": match, "limit": page.page_size,
         "offset": (page.page - 1) * page.page_size}).scalars()]
    found = {record.id: record for record in session.scalars(
        select(QualitativeRecord).where(QualitativeRecord.id.in_(ids)))}  # type: ignore[attr-defined]
    return [{"id": record.id, "title": record.title, "kind": record.kind,
             "recorded_on": record.recorded_on,
             "snippet": mark_snippet(record.text, wanted)}
            for record in (found[each] for each in ids if each in found)], total
