"""The one error raised for input that metafor's escalc would refuse."""

from collections.abc import Sequence
from dataclasses import dataclass

# A column of 100,000 negative counts should not produce 100,000 messages.
MAX_ROWS_PER_PROBLEM = 10


@dataclass(frozen=True)
class InputProblem:
    """One thing wrong with the input; column and row (0-based) are None when not tied to one."""

    detail: str
    column: str | None = None
    row: int | None = None


class EffectSizeInputError(ValueError):
    """Input that cannot give effect sizes: unknown measure or option, bad or mismatched columns.

    `problems` lists every problem found, each naming its column and row where it has one, so
    that a caller can point at each offending field.
    """

    def __init__(self, problems: Sequence[InputProblem]) -> None:
        self.problems = tuple(problems)
        super().__init__("; ".join(problem.detail for problem in self.problems))

    @property
    def column(self) -> str | None:
        return self.problems[0].column if self.problems else None

    @property
    def row(self) -> int | None:
        return self.problems[0].row if self.problems else None


def raise_if_any(problems: Sequence[InputProblem]) -> None:
    if problems:
        raise EffectSizeInputError(problems)


def fail(detail: str, column: str | None = None, row: int | None = None) -> EffectSizeInputError:
    """An error with a single problem, for `raise fail(...)`."""
    return EffectSizeInputError([InputProblem(detail, column, row)])
