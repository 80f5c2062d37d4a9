"""A method book's numbers as CSV: one row per number (chapter, JSON pointer, value).

Written like the project's other CSV downloads (api.tabular.writers: comma, CRLF, UTF-8 with
a byte order mark for Excel, text cells guarded against formula injection). Rows follow the
stored JSON's order: chapters in book order, keys as the chapter wrote them. A value is
written plainly: numbers as the shortest text that reads back the same, true/false, null
as an empty cell. Empty lists and objects hold no number and give no row."""

from collections.abc import Iterator
from typing import Any

from api.tabular.columns import Column
from api.tabular.writers import Cell, csv_bytes

COLUMNS = (
    Column("chapter", "Hoofdstuk", "Chapter", "text", "De sleutel van het hoofdstuk.",
           "The chapter's key."),
    Column("pointer", "Plaats", "Pointer", "text",
           "JSON Pointer (RFC 6901) van het getal binnen de getallen van het hoofdstuk.",
           "JSON Pointer (RFC 6901) of the number within the chapter's numbers."),
    Column("value", "Waarde", "Value", "text", "Het getal, de tekst of true/false; leeg "
           "voor geen waarde.", "The number, text or true/false; empty for no value."),
)


def _escaped(key: str) -> str:
    """A key as a JSON Pointer reference token (RFC 6901: ~ as ~0, / as ~1)."""
    return key.replace("~", "~0").replace("/", "~1")


def leaves(value: Any, pointer: str = "") -> Iterator[tuple[str, Any]]:
    """(pointer, value) of every number, text, boolean and null in the document, in order."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield from leaves(item, f"{pointer}/{_escaped(str(key))}")
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from leaves(item, f"{pointer}/{index}")
    else:
        yield pointer, value


def _rows(numbers: dict[str, Any]) -> Iterator[list[Cell]]:
    for chapter, chapter_numbers in (numbers.get("chapters") or {}).items():
        for pointer, value in leaves(chapter_numbers):
            yield [chapter, pointer, value]


def numbers_csv(numbers: dict[str, Any]) -> bytes:
    """The CSV of a finished book's stored numbers."""
    return csv_bytes(COLUMNS, _rows(numbers))
