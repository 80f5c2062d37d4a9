"""Numbers of the effects pages as the reader writes them: 0,36 and 1.268 in Dutch, 0.36 and
1,268 in English (Babel, as the `number` filter of the templates)."""

import math
from dataclasses import dataclass

from babel.numbers import format_decimal

from web.templating import BABEL_LOCALES

DASH = "—"
SMALLEST_P = 0.001
MAX_DECIMALS = 9


def decimals_for(value: float, digits: int = 2) -> int:
    """At least `digits` decimals, more for small values so that three significant digits
    show: a coefficient per hour of support is often 0,000097, not 0,00."""
    if value == 0 or not math.isfinite(value) or abs(value) >= 0.1:
        return digits
    return min(MAX_DECIMALS, max(digits, 2 - math.floor(math.log10(abs(value)))))


@dataclass(frozen=True)
class Numbers:
    lang: str

    def fixed(self, value: float | None, decimals: int = 2) -> str:
        if value is None or not math.isfinite(value):
            return DASH
        pattern = "#,##0." + "0" * decimals if decimals else "#,##0"
        # Rounded first, so that −0.001 shows as 0,00 rather than −0,00.
        rounded = round(value, decimals) + 0.0
        return format_decimal(rounded, format=pattern, locale=BABEL_LOCALES[self.lang])

    def effect(self, value: float | None) -> str:
        return self.fixed(value, 2)

    def coefficient(self, value: float | None) -> str:
        return self.fixed(value, decimals_for(value or 0.0))

    def decimals(self, *values: float | None) -> int:
        """One number of decimals for an estimate and its interval: enough for the
        largest of them, so that the three line up."""
        sizes = [abs(value) for value in values if value is not None and math.isfinite(value)]
        return decimals_for(max(sizes, default=0.0))

    def statistic(self, value: float | None) -> str:
        return self.fixed(value, 2)

    def tau2(self, value: float | None) -> str:
        return self.fixed(value, decimals_for(value or 0.0, 3))

    def percent(self, value: float | None) -> str:
        """A share given in percent (I², R²): 88 %."""
        return DASH if value is None else self.fixed(value, 0) + "%"

    def count(self, value: int) -> str:
        return self.fixed(value, 0)

    def p(self, value: float | None) -> str:
        """A p-value: < 0,001 below that; three decimals below 0,1 (so that 0,0497 does not
        read as 0,05), else two."""
        if value is None or not math.isfinite(value):
            return DASH
        if value < SMALLEST_P:
            return "< " + self.fixed(SMALLEST_P, 3)
        return self.fixed(value, 3 if value < 0.1 else 2)

    def p_phrase(self, value: float | None) -> str:
        """p = 0,43 or p < 0,001, as a sentence writes it."""
        shown = self.p(value)
        return f"p {shown}" if shown.startswith("<") else f"p = {shown}"
