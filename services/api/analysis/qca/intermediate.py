"""Directional expectations and easy counterfactuals, for the intermediate solution."""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from analysis.qca.errors import QcaInputError
from analysis.qca.expressions import Implicant, covers, literal_count, parse_expression
from analysis.qca.sets import BoolArray, IntArray, all_configurations, row_numbers

# The package lists simplifying assumptions only when 3^k < 2^31; here the whole property
# space is held in memory, so it is limited to 65,536 configurations (16 binary conditions).
MAX_SPACE = 1 << 16

Expectation = int | str | Sequence[int]
DirectionalExpectations = Mapping[str, Expectation] | Sequence[str] | str


@dataclass(frozen=True, eq=False)
class PropertySpace:
    """Every configuration of the conditions, with the package's row numbers."""

    rows: IntArray
    numbers: IntArray

    @staticmethod
    def fits(levels: Sequence[int]) -> bool:
        return int(np.prod(levels)) <= MAX_SPACE

    @classmethod
    def of(cls, levels: Sequence[int], purpose: str) -> "PropertySpace":
        size = int(np.prod(levels))
        if size > MAX_SPACE:
            raise QcaInputError(
                f"{purpose} needs the whole property space, at most {MAX_SPACE:,} "
                f"configurations (16 binary conditions); these conditions have {size:,}."
            )
        rows = all_configurations(levels)
        return cls(rows=rows, numbers=row_numbers(rows, levels))

    def inside(self, implicants: Sequence[Implicant]) -> BoolArray:
        """Which configurations lie in at least one of the implicants."""
        result = np.zeros(len(self.rows), dtype=bool)
        for implicant in implicants:
            result |= self.inside_term(implicant)
        return result

    def inside_term(self, implicant: Implicant) -> BoolArray:
        mask = np.ones(len(self.rows), dtype=bool)
        for j, code in enumerate(implicant):
            if code:
                mask &= self.rows[:, j] == code - 1
        return mask

    def mask_of(self, numbers: Sequence[int]) -> BoolArray:
        mask = np.zeros(len(self.rows), dtype=bool)
        mask[np.asarray(list(numbers), dtype=np.int64) - 1] = True
        return mask


def directional_expectations(
    dir_exp: DirectionalExpectations, conditions: Sequence[str], levels: Sequence[int]
) -> list[Implicant]:
    """Expectations as implicants: {NAME: 1 | 0 | "-" | "1;2" | [1, 2]}, or a list of
    expressions as the package writes them ("DEV", "~LIT*IND", "C[1]"), or one string of them
    separated by commas, or the package's positional form "1,1,-,0,1" (one per condition)."""
    if isinstance(dir_exp, Mapping):
        terms = _from_mapping(dir_exp, conditions, levels)
    else:
        texts = [dir_exp] if isinstance(dir_exp, str) else list(dir_exp)
        parts = [
            name
            for text in texts
            for part in text.split(",")
            for name in _sequence(part.strip(), conditions)
        ]
        if parts and all(_is_positional(part) for part in parts):
            terms = _from_positions(parts, conditions, levels)
        else:
            terms = [
                term
                for part in parts
                if part not in ("", "-")
                for term in parse_expression(part, conditions, levels)
            ]
    _check_consistent(terms, conditions, levels)
    return _absorbed(terms)


def selection_terms(
    conservative: Sequence[Implicant],
    parsimonious: Sequence[Implicant],
    expectations: Sequence[Implicant],
) -> list[Implicant]:
    """The conservative terms reduced by the expectations, for each containing parsimonious term.

    As the QCA package (minimize() with dir.exp, its C_getEC): each term c of the conservative
    model is compared with each term p of the parsimonious model that contains it. Of the
    literals c has and p dropped, a literal is also dropped from c when it goes against the
    expectations: an individual expectation ("A", "~B") names its condition with another value,
    or a conjunctural one ("~LIT*IND") disagrees with c on the conditions it shares with those
    literals (all of them are dropped then). The parsimonious model's simplifying assumptions
    inside a reduced term are the easy counterfactuals. Decision here: individual and
    conjunctural expectations act together; in the package's C code each conjunctural
    expectation restarts from c, which undoes the individual ones.
    """
    individual = [e for e in expectations if literal_count(e) == 1]
    conjunctural = [e for e in expectations if literal_count(e) > 1]
    terms = []
    for complex_term in conservative:
        for simple_term in parsimonious:
            if covers(simple_term, complex_term):
                terms.append(_reduced(complex_term, simple_term, individual, conjunctural))
    return terms


def _reduced(
    complex_term: Implicant,
    simple_term: Implicant,
    individual: Sequence[Implicant],
    conjunctural: Sequence[Implicant],
) -> Implicant:
    reduced = list(complex_term)
    dropped = [j for j, code in enumerate(complex_term) if code and not simple_term[j]]
    for j in dropped:
        expected = {e[j] for e in individual if e[j]}
        if expected and complex_term[j] not in expected:
            reduced[j] = 0
    for expectation in conjunctural:
        shared = [j for j in dropped if expectation[j]]
        if any(expectation[j] != complex_term[j] for j in shared):
            for j in shared:
                reduced[j] = 0
    return tuple(reduced)


def _from_mapping(
    dir_exp: Mapping[str, Expectation], conditions: Sequence[str], levels: Sequence[int]
) -> list[Implicant]:
    unknown = [name for name in dir_exp if name not in conditions]
    if unknown:
        raise QcaInputError(f"Directional expectations for unknown conditions: {unknown}.")
    terms = []
    for name, expected in dir_exp.items():
        j = list(conditions).index(name)
        for value in _values(expected, name, levels[j]):
            terms.append(tuple(value + 1 if i == j else 0 for i in range(len(conditions))))
    return terms


def _from_positions(
    parts: Sequence[str], conditions: Sequence[str], levels: Sequence[int]
) -> list[Implicant]:
    if len(parts) != len(conditions):
        raise QcaInputError(
            f"{len(parts)} directional expectations for {len(conditions)} conditions."
        )
    return _from_mapping(dict(zip(conditions, parts, strict=True)), conditions, levels)


def _sequence(part: str, conditions: Sequence[str]) -> list[str]:
    """The package's "DEV:STB": every condition from DEV to STB, each expected present."""
    ends = [end.strip() for end in part.split(":")]
    if len(ends) != 2:
        return [part]
    if not all(end in conditions for end in ends):
        raise QcaInputError(f"Inexisting condition(s) in the sequence {part!r}.")
    first, last = (list(conditions).index(end) for end in ends)
    return list(conditions[first : last + 1])


def _is_positional(part: str) -> bool:
    return all(value.strip() == "-" or value.strip().isdigit() for value in part.split(";"))


def _values(expected: Expectation, name: str, nof_levels: int) -> list[int]:
    if isinstance(expected, str):
        raw = [v.strip() for v in expected.split(";") if v.strip() not in ("", "-")]
        if not all(v.isdigit() for v in raw):
            raise QcaInputError(f"Expectation {expected!r} for {name}: use 1, 0, '-' or '1;2'.")
        values = [int(v) for v in raw]
    elif isinstance(expected, int):
        values = [expected]
    else:
        values = [int(v) for v in expected]
    bad = [v for v in values if not 0 <= v < nof_levels]
    if bad:
        raise QcaInputError(
            f"Expected value(s) {bad} of {name} do not occur (0 … {nof_levels - 1})."
        )
    return values


def _check_consistent(
    terms: Sequence[Implicant], conditions: Sequence[str], levels: Sequence[int]
) -> None:
    for j, name in enumerate(conditions):
        values = {t[j] for t in terms if literal_count(t) == 1 and t[j]}
        if levels[j] == 2 and len(values) == 2:
            raise QcaInputError(
                f"Directional expectations for {name} and ~{name} cancel each other out."
            )


def _absorbed(terms: Sequence[Implicant]) -> list[Implicant]:
    """Drop repeated terms and terms that contain another term (A absorbs A*B)."""
    unique = list(dict.fromkeys(terms))
    return [
        term
        for term in unique
        if not any(other != term and covers(other, term) for other in unique)
    ]
