"""What a column of an exported or imported table is: one declaration serves the export, the
field dictionary (codebook), the import template and the import's header recognition."""

from dataclasses import dataclass
from enum import StrEnum
from typing import Literal

# How a cell's text is read and written.
# text: as is; integer / decimal: numbers (decimal comma or point on import); date: ISO on
# export, ISO or Dutch d-m-yyyy on import; boolean: true/false (ja/nee on import too);
# code: one code of `vocabulary` (code or label on import); codes: several, joined by ";";
# reference: another record's external reference; area: an area code (Amsterdam or CBS code,
# or name on import); areas: several area codes joined by ";".
Kind = Literal["text", "integer", "decimal", "date", "boolean", "code", "codes", "reference",
               "area", "areas"]


@dataclass(frozen=True)
class Column:
    """One column: its wire name (the header written), labels recognised as headers too, what
    it means, its unit and vocabulary, and whether it holds personal data."""

    name: str
    label: str
    label_en: str
    kind: Kind
    meaning: str
    meaning_en: str
    unit: str | None = None
    vocabulary: type[StrEnum] | None = None
    required: bool = False
    personal: bool = False
    max_length: int | None = None
    # Not personal, but not for publication either (an address can be someone's home).
    restricted: bool = False


@dataclass(frozen=True)
class Table:
    """One resource as a table: its name in URLs and file names, Dutch and English titles,
    and its columns (the first is its key, the external reference)."""

    resource: str
    title: str
    title_en: str
    columns: tuple[Column, ...]

    def column(self, name: str) -> Column:
        return next(column for column in self.columns if column.name == name)

    @property
    def open_columns(self) -> tuple[Column, ...]:
        """The columns an open-data export may carry: nothing personal or restricted."""
        return tuple(column for column in self.columns
                     if not (column.personal or column.restricted))
