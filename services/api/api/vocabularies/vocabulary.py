"""One enumeration as users see it: the Vocabulary that every labels module fills in."""

import re
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum


@dataclass(frozen=True)
class Vocabulary:
    """One enumeration as users see it: its codes in declaration order, each with two labels."""

    codes: type[StrEnum]
    label_nl: str
    label_en: str
    description: str
    labels: Mapping[StrEnum, tuple[str, str]]
    # True when the declaration order means something (a ladder, a scale), not just habit.
    ordered: bool = False

    @property
    def name(self) -> str:
        """Kebab-case name of the enumeration: ParticipationLevel → participation-level."""
        return re.sub(r"(?<!^)(?=[A-Z])", "-", self.codes.__name__).lower()

    def terms(self) -> list[tuple[str, str, str]]:
        """(code, Dutch label, English label) for every code, in declaration order."""
        return [(code.value, *self.labels[code]) for code in self.codes]
