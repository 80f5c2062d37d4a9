"""What a condition can be made of: the facts Buurtkracht holds about an initiative, as a
number before calibration (docs/success-factors.md).

Numbers (hours of support, amount granted, duration) are calibrated into sets; yes/no facts
are crisp sets already; a category becomes a crisp set by naming one of its codes, as
`organisationForm=zelfbeheer` or `supportHours=150+`. Role and style are those of the most
hours of support; competence is that of the professionals who gave it (docs/support.md).
`code=<codeId>` is crisp too: 1 when a record about the initiative carries the code or one of
its subcodes (docs/codebook.md).
"""

import re
import uuid
from collections.abc import Callable

from api.analyses.effects.grouping import GROUPINGS
from api.analyses.effects.inputs import InitiativeFacts
from api.errors import FieldError, InvalidInput
from api.qualitative.carried_codes import CODE, CarriedCodes

Reader = Callable[[InitiativeFacts], float | None]

NUMBERS: dict[str, Reader] = {
    "hours": lambda facts: facts.hours,
    "competence": lambda facts: facts.competence,
    "amountGranted": lambda facts: facts.amount_granted,
    "durationMonths": lambda facts: facts.duration_months,
}
YES_NO: dict[str, Reader] = {
    "residentInitiated": lambda facts: float(facts.resident_initiated),
    "makelaarInvolved": lambda facts: float(facts.makelaar_involved),
    "residentInitiatedWithMakelaar": lambda facts: float(
        facts.resident_initiated and facts.makelaar_involved),
    "takenOver": lambda facts: float(facts.taken_over),
}
CATEGORIES = ("organisationForm", "theme", "supportKind", "professionalRole", "supportStyle",
              "supportHours", "stadsdeel", "participationLevel", "initiatorType")
# Sensible starting points for the web's form; every one can be changed per analysis.
DEFAULT_CALIBRATIONS: dict[str, dict[str, object]] = {
    "hours": {"type": "fuzzy", "thresholds": {"e": 0, "c": 40, "i": 150}},
    # The mean judgement on 0–1 (docs/support.md): 0.75 is mastery, as in the team view.
    "competence": {"type": "fuzzy", "thresholds": {"e": 0.25, "c": 0.5, "i": 0.75}},
    "amountGranted": {"type": "fuzzy", "thresholds": {"e": 500, "c": 2500, "i": 10000}},
    "durationMonths": {"type": "fuzzy", "thresholds": {"e": 3, "c": 12, "i": 36}},
}


def reader(attribute: str, pointer: str,
           carried: Callable[[], CarriedCodes] | None = None) -> Reader:
    """How to read `attribute` off an initiative's facts; 400 for an unknown one. `carried`
    gives the codes the records carry, for `code=<codeId>` (read only when one is asked)."""
    if attribute in NUMBERS:
        return NUMBERS[attribute]
    if attribute in YES_NO:
        return YES_NO[attribute]
    category, _, code = attribute.partition("=")
    if category in CATEGORIES and code:
        labels_of = GROUPINGS[category]
        return lambda facts: float(code in labels_of(facts))
    if category == CODE and code and carried is not None:
        code_id = _known_code(code, carried(), pointer)
        return lambda facts: float(code_id in carried().codes_of(facts.id))
    raise InvalidInput([FieldError(pointer, "unknown-attribute",
                                   f"Onbekend kenmerk {attribute!r}. / Unknown attribute: "
                                   f"choose one of {', '.join([*NUMBERS, *YES_NO])}, "
                                   f"category=code for {', '.join(CATEGORIES)}, or "
                                   f"code=<codeId>.")])


def _known_code(text: str, carried: CarriedCodes, pointer: str) -> uuid.UUID:
    try:
        code_id = uuid.UUID(text)
    except ValueError:
        code_id = None
    if code_id is None or code_id not in carried.codes:
        raise InvalidInput([FieldError(pointer, "unknown-code",
                                       f"Code {text!r} bestaat niet. / No such code.")])
    return code_id


def is_number(attribute: str) -> bool:
    return attribute in NUMBERS


def condition_name(attribute: str) -> str:
    """The name a condition has in expressions: upper case, as QCA writes conditions
    (`residentInitiated` → RESIDENT_INITIATED, `organisationForm=zelfbeheer` →
    ORGANISATION_FORM_ZELFBEHEER)."""
    spaced = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", attribute)
    return re.sub(r"[^A-Za-z0-9]+", "_", spaced).strip("_").upper()
