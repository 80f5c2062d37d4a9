"""What effects are grouped by, and what a meta-regression may take as moderators.

A grouping gives each initiative one label, or several for themes and kinds of support (an
initiative with two themes counts in both; such groups overlap, so no subgroup test is made).
Role and style are those of the most hours of support; initiatives without support get the
label `geen-ondersteuning`.
"""

from collections.abc import Callable, Mapping

from api.analyses.effects.inputs import InitiativeFacts

NO_SUPPORT = "geen-ondersteuning"
YES, NO = "ja", "nee"


def _most_hours(hours: Mapping[str, float]) -> str:
    # Ties go to the alphabetically first, so that the answer never depends on row order.
    return min(hours, key=lambda label: (-hours[label], label)) if hours else NO_SUPPORT


def _yes_no(value: bool) -> str:
    return YES if value else NO


GROUPINGS: dict[str, Callable[[InitiativeFacts], tuple[str, ...]]] = {
    "organisationForm": lambda facts: (facts.organisation_form,),
    "theme": lambda facts: facts.themes,
    "supportKind": lambda facts: tuple(sorted(facts.kinds)) or (NO_SUPPORT,),
    "professionalRole": lambda facts: (_most_hours(facts.hours_by_role),),
    "supportStyle": lambda facts: (_most_hours(facts.hours_by_style),),
    "stadsdeel": lambda facts: (facts.stadsdeel,),
    "participationLevel": lambda facts: (facts.participation_level,),
    "initiatorType": lambda facts: (facts.initiator_type,),
    "residentInitiated": lambda facts: (_yes_no(facts.resident_initiated),),
    "makelaarInvolved": lambda facts: (_yes_no(facts.makelaar_involved),),
    "residentInitiatedWithMakelaar": lambda facts: (
        _yes_no(facts.resident_initiated and facts.makelaar_involved),),
}
OVERLAPPING = frozenset({"theme", "supportKind"})

Moderator = Callable[[InitiativeFacts], float | str | None]
NUMERIC_MODERATORS: dict[str, Moderator] = {
    "hours": lambda facts: facts.hours,
    "hoursSquared": lambda facts: facts.hours ** 2,
    "makelaarInvolved": lambda facts: float(facts.makelaar_involved),
    "residentInitiated": lambda facts: float(facts.resident_initiated),
    "residentInitiatedWithMakelaar": lambda facts: float(
        facts.resident_initiated and facts.makelaar_involved),
    "amountGranted": lambda facts: facts.amount_granted,
    "durationMonths": lambda facts: facts.duration_months,
}


def _label_of(grouping: str) -> Moderator:
    return lambda facts: GROUPINGS[grouping](facts)[0]


FACTOR_MODERATORS: dict[str, Moderator] = {
    name: _label_of(name) for name in ("organisationForm", "professionalRole", "supportStyle",
                                       "stadsdeel", "participationLevel", "initiatorType")
}
MODERATORS: dict[str, Moderator] = {**NUMERIC_MODERATORS, **FACTOR_MODERATORS}
