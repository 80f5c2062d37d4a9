"""What an import report shows: one Problem per thing wrong, in Dutch and English, pointing at
the row and column a spreadsheet shows; FileRefused when the file as a whole cannot be read.

Problem codes (kebab-case, stable; the report and the web page key on them):

Whole file (raised as FileRefused by files.py / headers.py):
  empty-file        no bytes, only whitespace or a BOM, or no non-empty row
  unsupported-type  not CSV or XLSX: PDF, image, other zip, OpenDocument, HTML/XML, JSON, binary
  old-excel         the binary .xls of Excel 97-2003
  too-large         an XLSX that unpacks to more than the limit (a zip bomb, or far too big)
  unreadable        a corrupt XLSX, or CSV quoting that does not close
  no-sheet          the named sheet does not exist, or no sheet holds data
  formula           a cell holds a formula (one Problem per cell)
  merged-cells      the sheet has merged cells (one Problem per range)
  no-header         the first non-empty row holds no word, so it cannot be the header row
  duplicate-header  two headers name the same column
  extra-cells       a row has values in a column without a header (one Problem per row)
  too-many-rows     more data rows than the import accepts
Header level (built by headers.header_problems):
  unknown-column    a header that is no column of the table; a warning, the column is ignored
  missing-column    a required column is absent
Cell level (cells.CellProblem, placed at a row and column by CellProblem.at):
  required, bad-number, not-whole, bad-date, bad-boolean, unknown-code, too-long

Lists of one code are cut at MAX_LISTED; one more Problem of that code then says how many
were left out, so a file with 10,000 formulas does not produce a report of 10,000 lines.
"""

from collections.abc import Sequence
from dataclasses import dataclass

MAX_VALUE_LENGTH = 200
MAX_LISTED = 50

# Codes that do not stop an import: the report shows them, the rows are still taken.
WARNING_CODES = frozenset({"unknown-column"})


@dataclass(frozen=True)
class Problem:
    """One problem in an imported file, as the import report shows it."""

    code: str
    message: str  # Dutch, a complete sentence
    message_en: str
    row: int | None = None  # the row number a spreadsheet shows (header row = 1)
    column: str | None = None  # the header as written in the file
    value: str | None = None  # the offending value as text, cut at MAX_VALUE_LENGTH
    suggestion: str | None = None  # e.g. the closest valid code

    def __post_init__(self) -> None:
        if self.value is not None and len(self.value) > MAX_VALUE_LENGTH:
            # Frozen: the cut must happen here so no caller can forget it.
            object.__setattr__(self, "value", self.value[: MAX_VALUE_LENGTH - 1] + "…")


class FileRefused(Exception):
    """The whole file cannot be read; `problems` says why (at least one)."""

    def __init__(self, problems: list[Problem]) -> None:
        if not problems:
            raise ValueError("FileRefused needs at least one problem")
        super().__init__("; ".join(problem.message_en for problem in problems[:3]))
        self.problems = problems


def shown(value: object) -> str:
    """A cell's value as the report shows it."""
    return value if isinstance(value, str) else str(value)


def brief(value: object) -> str:
    """A value short enough to quote in a sentence."""
    text = shown(value)
    return text if len(text) <= 60 else text[:59] + "…"


def capped(problems: Sequence[Problem]) -> list[Problem]:
    """The first MAX_LISTED problems, plus one saying how many more of the same code there are."""
    if len(problems) <= MAX_LISTED:
        return list(problems)
    left_out = len(problems) - MAX_LISTED
    return [*problems[:MAX_LISTED], Problem(
        problems[0].code,
        f"En nog {left_out} keer hetzelfde probleem; alleen de eerste {MAX_LISTED} staan hier.",
        f"And {left_out} more of the same problem; only the first {MAX_LISTED} are listed.",
    )]
