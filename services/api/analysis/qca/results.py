"""What minimize() returns: the models with their parameters of fit, as the package prints them."""

from dataclasses import dataclass

from analysis.qca.fit import SufficiencyFit
from analysis.qca.truth_table import TruthTable


@dataclass(frozen=True)
class Solution:
    """One model (M1, M2, …): its expression (essential terms first, each group in the
    package's order), a fit row per term (covU within this model), and the model's inclS, PRI
    and covS. `simplifying_assumptions` are the row numbers of the remainders the model uses
    (None when the property space is too large to list them). For an intermediate model,
    `conservative_model` and `parsimonious_model` name its pair (the package's "C1P1") and
    `easy_counterfactuals` the remainders it may use."""

    name: str
    expression: str
    terms: tuple[SufficiencyFit, ...]
    essential: tuple[str, ...]
    incl_s: float
    pri: float
    cov_s: float
    simplifying_assumptions: tuple[int, ...] | None = None
    conservative_model: int | None = None
    parsimonious_model: int | None = None
    easy_counterfactuals: tuple[int, ...] | None = None


@dataclass(frozen=True, eq=False)
class Minimization:
    """The solutions of one minimisation (several when the minimum is not unique).

    `truncated` is True when not every equally minimal model is listed, because there were more
    than `max_models` or the time limit was reached; `message` then says what is listed. The
    prime implicants are those of the PI chart(s), in the package's order.
    """

    solution_type: str
    outcome: str
    solutions: tuple[Solution, ...]
    prime_implicants: tuple[str, ...]
    essential: tuple[str, ...]
    truncated: bool
    message: str | None
    truth_table: TruthTable
