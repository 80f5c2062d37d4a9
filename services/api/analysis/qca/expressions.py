"""Sum-of-products expressions as R's QCA package writes them: A, ~A, A[2], * for AND, + for OR."""

import re
from collections.abc import Iterable, Sequence

from analysis.qca.errors import QcaInputError

# One entry per condition, in the package's encoding: 0 when the condition is absent from the
# term, v + 1 when the term requires value v (so ~A is 1 and A is 2 for a binary condition).
Implicant = tuple[int, ...]

_LITERAL = re.compile(
    r"^(?P<tilde>~?)\s*(?P<name>[A-Za-z_.][A-Za-z0-9_.]*)\s*"
    r"(?:\[\s*(?P<square>\d+)\s*\]|\{\s*(?P<curly>\d+)\s*\})?$"
)
_ABSENT_LAST = 1 << 30


def write_literal(name: str, value: int, multivalue: bool) -> str:
    """NAME[v] for multi-value data; NAME for presence and ~NAME for absence otherwise."""
    if multivalue:
        return f"{name}[{value}]"
    return name if value == 1 else f"~{name}"


def write_term(implicant: Implicant, conditions: Sequence[str], multivalue: bool) -> str:
    """The literals joined by *, in the order of the conditions (the package's order)."""
    literals = [
        write_literal(name, code - 1, multivalue)
        for name, code in zip(conditions, implicant, strict=True)
        if code
    ]
    return "*".join(literals) if literals else "1"


def write_expression(
    implicants: Iterable[Implicant], conditions: Sequence[str], multivalue: bool
) -> str:
    """The terms joined by ' + ', in the order given (see `sort_terms`)."""
    return " + ".join(write_term(term, conditions, multivalue) for term in implicants)


def term_order(implicant: Implicant) -> tuple[int, tuple[int, ...]]:
    """The package's order of terms: fewer literals first; then condition by condition, a
    literal before its absence and lower values first (~A before A)."""
    literals = sum(1 for code in implicant if code)
    return literals, tuple(code if code else _ABSENT_LAST for code in implicant)


def sort_terms(implicants: Iterable[Implicant]) -> list[Implicant]:
    return sorted(set(implicants), key=term_order)


def literal_count(implicant: Implicant) -> int:
    return sum(1 for code in implicant if code)


def covers(general: Implicant, specific: Implicant) -> bool:
    """Whether every configuration of `specific` lies in `general` (its literals are a subset)."""
    return all(g == 0 or g == s for g, s in zip(general, specific, strict=True))


def parse_expression(
    text: str, conditions: Sequence[str], levels: Sequence[int]
) -> list[Implicant]:
    """Parse a sum of products such as "~A*B + C[2]" into implicants over `conditions`.

    A binary condition is written NAME (presence) or ~NAME (absence), or NAME[1] / NAME[0];
    a multi-value condition needs the bracket notation NAME[v] (NAME{v} is accepted too).
    Terms are separated by +, literals by *. Repeated terms are kept once, in the order given.
    """
    if not text or not text.strip():
        raise QcaInputError("The expression is empty; write terms such as 'A*~B + C'.")
    if re.search(r"<=|=>|<-|->", text):
        raise QcaInputError(
            f"The expression {text!r} contains an arrow; give the outcome separately."
        )
    terms: list[Implicant] = []
    for raw_term in text.split("+"):
        term = parse_term(raw_term, conditions, levels, source=text)
        if term not in terms:
            terms.append(term)
    return terms


def parse_term(
    text: str, conditions: Sequence[str], levels: Sequence[int], *, source: str | None = None
) -> Implicant:
    """Parse one conjunction such as "A*~B*C[2]"."""
    where = source if source is not None else text
    if not text.strip():
        raise QcaInputError(f"The expression {where!r} has an empty term.")
    codes = [0] * len(conditions)
    for raw_literal in text.split("*"):
        index, code = _parse_literal(raw_literal.strip(), conditions, levels, where)
        if codes[index] not in (0, code):
            raise QcaInputError(
                f"The term {text.strip()!r} asks for two values of {conditions[index]}; "
                "it describes no case."
            )
        codes[index] = code
    return tuple(codes)


def _parse_literal(
    text: str, conditions: Sequence[str], levels: Sequence[int], where: str
) -> tuple[int, int]:
    match = _LITERAL.match(text)
    if match is None:
        raise QcaInputError(f"Cannot read {text!r} in {where!r}: write NAME, ~NAME or NAME[value].")
    name = match["name"]
    if name not in conditions:
        known = ", ".join(conditions)
        raise QcaInputError(f"{name!r} in {where!r} is not one of the conditions ({known}).")
    index = list(conditions).index(name)
    nof_levels = levels[index]
    bracket = match["square"] if match["square"] is not None else match["curly"]
    negated = match["tilde"] == "~"
    if bracket is None:
        if nof_levels > 2:
            raise QcaInputError(
                f"{name} is multi-value ({nof_levels} values); write {name}[v] in {where!r}."
            )
        return index, 1 if negated else 2
    value = int(bracket)
    if value >= nof_levels:
        raise QcaInputError(
            f"{name}[{value}] in {where!r}: {name} takes the values 0 to {nof_levels - 1}."
        )
    if negated:
        if nof_levels > 2:
            raise QcaInputError(
                f"~{name}[{value}] in {where!r} means several values of a multi-value "
                f"condition; write each value as its own term ({name}[v] + ...)."
            )
        value = 1 - value
    return index, value + 1
