"""SQL constructs that mean the same on SQLite and PostgreSQL but are written differently."""

from typing import Any

from sqlalchemy import Boolean, Text
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.functions import FunctionElement


class scan_in_sort_order(FunctionElement[bool]):  # noqa: N801 (an SQL construct)
    """A filter that keeps much of the table: read the page in sort order and filter.

    SQLite's planner weighs an index on the filter against the sort index without the
    LIMIT, and so sorts tens of thousands of rows for a page of 50. PostgreSQL weighs the
    LIMIT itself: there the filter is left as it is.
    """

    type = Boolean()
    inherit_cache = True


@compiles(scan_in_sort_order)
def _plain_filter(element: scan_in_sort_order, compiler: SQLCompiler, **kw: Any) -> str:
    return str(compiler.process(element.clauses, **kw))


@compiles(scan_in_sort_order, "sqlite")
def _likely_filter(element: scan_in_sort_order, compiler: SQLCompiler, **kw: Any) -> str:
    return f"likelihood({compiler.process(element.clauses, **kw)}, 0.9)"


class wire_text(FunctionElement[str]):  # noqa: N801 (an SQL construct)
    """A uuid, date or JSON column as the text the API sends, made by the database.

    Lists skip turning 50 rows of ids and dates into Python objects and back into text.
    SQLite keeps a uuid as 32 hex digits, so there the dashes are put in.
    """

    type = Text()
    inherit_cache = True


@compiles(wire_text)
def _cast_to_text(element: wire_text, compiler: SQLCompiler, **kw: Any) -> str:
    return f"CAST({compiler.process(element.clauses, **kw)} AS TEXT)"


class uuid_text(wire_text):  # noqa: N801
    inherit_cache = True


@compiles(uuid_text, "sqlite")
def _dashed_hex(element: uuid_text, compiler: SQLCompiler, **kw: Any) -> str:
    value = compiler.process(element.clauses, **kw)
    parts = [f"substr({value}, {start}, {length})"
             for start, length in ((1, 8), (9, 4), (13, 4), (17, 4), (21, 12))]
    dashed = " || '-' || ".join(parts)
    return f"CASE WHEN {value} IS NULL THEN NULL ELSE {dashed} END"
