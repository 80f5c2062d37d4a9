"""POST /v1/analysis/success-factors and /qca/calibrate as typed results
(docs/success-factors.md)."""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

from web.api_client import ApiClient
from web.api_client.results import Wire

OUTCOMES = ("effect", "durability")
SOLUTIONS = ("conservative", "parsimonious", "intermediate")
NUMBER_ATTRIBUTES = ("hours", "amountGranted", "durationMonths")
YES_NO_ATTRIBUTES = ("residentInitiated", "makelaarInvolved", "residentInitiatedWithMakelaar")


class Thresholds(NamedTuple):
    """A direct fuzzy calibration: fully out (e), the crossover (c), fully in (i)."""

    e: float
    c: float
    i: float

    def calibration(self) -> dict[str, object]:
        return {"type": "fuzzy", "thresholds": {"e": self.e, "c": self.c, "i": self.i}}


# The API's defaults (docs/success-factors.md), shown in the form so they can be changed.
DEFAULT_THRESHOLDS = {"hours": Thresholds(0.0, 40.0, 150.0),
                      "amountGranted": Thresholds(500.0, 2500.0, 10000.0),
                      "durationMonths": Thresholds(3.0, 12.0, 36.0)}
EFFECT_THRESHOLDS = Thresholds(0.0, 0.2, 0.5)
DEFAULT_CONDITIONS = ("residentInitiated", "makelaarInvolved", "hours",
                      "organisationForm=zelfbeheer")


@dataclass(frozen=True)
class SuccessFactorQuery:
    """What the page asks, in the API's own names and codes."""

    outcome: str = "effect"
    indicator: str = ""
    conditions: tuple[str, ...] = DEFAULT_CONDITIONS
    thresholds: Mapping[str, Thresholds] = field(
        default_factory=lambda: dict(DEFAULT_THRESHOLDS))
    effect_thresholds: Thresholds = EFFECT_THRESHOLDS
    solution: str = "parsimonious"
    dir_exp: tuple[str, ...] = ()
    incl_cut: float = 0.8
    n_cut: int = 2
    area: str = ""

    def body(self) -> dict[str, object]:
        outcome: dict[str, object] = {"kind": self.outcome}
        if self.outcome == "effect":
            outcome["calibration"] = self.effect_thresholds.calibration()
            if self.indicator:
                outcome["indicator"] = self.indicator
        conditions = [{"attribute": name, **({"calibration": self.thresholds[name].calibration()}
                                            if name in self.thresholds else {})}
                      for name in self.conditions]
        body: dict[str, object] = {
            "conditions": conditions, "outcome": outcome, "solution": self.solution,
            "inclCut": self.incl_cut, "nCut": self.n_cut,
            "filters": {"area": self.area} if self.area else {}}
        if self.dir_exp:
            body["dirExp"] = list(self.dir_exp)
        return body

    def params(self) -> list[tuple[str, str]]:
        """The page's address for these choices: every field of its form."""
        pairs = [("outcome", self.outcome), ("indicator", self.indicator)]
        pairs += [("conditions", name) for name in self.conditions]
        # Thresholds only where they differ from the defaults: shorter addresses.
        changed = {name: found for name, found in self.thresholds.items()
                   if found != DEFAULT_THRESHOLDS.get(name)}
        if self.effect_thresholds != EFFECT_THRESHOLDS:
            changed["effect"] = self.effect_thresholds
        for name, found in changed.items():
            pairs += [(threshold_field(name, letter), plain(value))
                      for letter, value in found._asdict().items()]
        pairs += [("solution", self.solution), ("dirExp", ", ".join(self.dir_exp)),
                  ("inclCut", plain(self.incl_cut)), ("nCut", str(self.n_cut)),
                  ("area", self.area)]
        return [(key, value) for key, value in pairs if value]


def threshold_field(name: str, letter: str) -> str:
    """The form field of one threshold: hoursE, amountGrantedC, effectI."""
    return f"{name}{letter.upper()}"


def plain(value: float) -> str:
    """A number as a form field and an address hold it: 40, not 40.0; 0.8 with a point."""
    return str(int(value)) if float(value).is_integer() else repr(float(value))


class Case(Wire):
    id: str
    title: str
    memberships: dict[str, float]
    outcome: float
    raw: dict[str, float]


class TermFit(Wire):
    term: str
    incl_s: float | None
    pri: float | None
    cov_s: float | None
    cov_u: float | None
    cases: tuple[str, ...] = ()


class Solution(Wire):
    name: str
    expression: str
    terms: tuple[TermFit, ...]
    incl_s: float | None
    pri: float | None
    cov_s: float | None


class TruthTableRow(Wire):
    configuration: dict[str, int]
    out: str
    n: int
    incl: float | None
    pri: float | None
    cases: tuple[str, ...] = ()


class TruthTable(Wire):
    rows: tuple[TruthTableRow, ...]
    notes: tuple[str, ...] = ()


class SuccessFactorReport(Wire):
    conditions: dict[str, str]  # condition name → attribute, in the order asked
    outcome: str
    cases: tuple[Case, ...]
    left_out: int
    solutions: tuple[Solution, ...]
    prime_implicants: tuple[str, ...] = ()
    truncated: bool = False
    message: str | None = None
    truth_table: TruthTable


class Calibrated(Wire):
    values: tuple[float | None, ...]


async def success_factors(api: ApiClient, query: SuccessFactorQuery) -> SuccessFactorReport:
    response = await api._send("POST", "/v1/analysis/success-factors", body=query.body())
    return SuccessFactorReport.model_validate_json(response.content)


async def calibrate(api: ApiClient, values: Sequence[float], thresholds: Thresholds
                    ) -> tuple[float | None, ...]:
    """Memberships of `values` in a direct fuzzy calibration, as the analysis makes them."""
    body = {"values": list(values), **thresholds.calibration()}
    response = await api._send("POST", "/v1/analysis/qca/calibrate", body=body)
    return Calibrated.model_validate_json(response.content).values
