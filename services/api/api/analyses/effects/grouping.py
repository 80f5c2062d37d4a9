"""What effects are grouped by, and what a meta-regression may take as moderators.

A grouping gives each initiative one label, or several for themes and kinds of support (an
initiative with two themes counts in both; such groups overlap, so no subgroup test is made).
Role and style are those of the most hours of support; initiatives without support get the
label `geen-ondersteuning`. Hours and competence fall into bands, listed in their own order.
"""

from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence

from api.analyses.effects.inputs import InitiativeFacts

NO_SUPPORT = "geen-ondersteuning"
YES, NO = "ja", "nee"


def _most_hours(hours: Mapping[str, float]) -> str:
    # Ties go to the alphabetically first, so that the answer never depends on row order.
    return min(hours, key=lambda label: (-hours[label], label)) if hours else NO_SUPPORT


def _yes_no(value: bool) -> str:
    return YES if value else NO


# (label, lowest value in the band); a value belongs to the last band it reaches.
HOURS_BANDS = (("0", 0.0), ("1-39", 1e-9), ("40-149", 40.0), ("150+", 150.0))
UNKNOWN = "onbekend"
COMPETENCE_BANDS = (("0-0.5", 0.0), ("0.5-0.75", 0.5), ("0.75-1", 0.75))  # 0.75: mastery


def _band(value: float | None, bands: tuple[tuple[str, float], ...]) -> str:
    if value is None or value < 0:
        return UNKNOWN
    return next(label for label, lowest in reversed(bands) if value >= lowest)


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
    "takenOver": lambda facts: (_yes_no(facts.taken_over),),
    "supportHours": lambda facts: (_band(facts.hours, HOURS_BANDS),),
    "competence": lambda facts: (_band(facts.competence, COMPETENCE_BANDS),),
}
OVERLAPPING = frozenset({"theme", "supportKind"})
BAND_ORDER = {"supportHours": [label for label, _ in HOURS_BANDS],
              "competence": [label for label, _ in COMPETENCE_BANDS] + [UNKNOWN]}


def labels_of(grouping: str, facts: InitiativeFacts) -> tuple[str, ...]:
    """GROUPINGS[grouping](facts), kept on the facts: a report groups the same initiatives
    many ways and asks again for each half."""
    found = facts.labels.get(grouping)
    if found is None:
        found = facts.labels[grouping] = GROUPINGS[grouping](facts)
    return found


def positions_by_label(grouping: str, labels: Sequence[tuple[str, ...]]
                       ) -> dict[str, list[int]]:
    """Where each group's initiatives are, from every initiative's labels (as GROUPINGS
    gives them), the groups in order (see in_order)."""
    found: dict[str, list[int]] = defaultdict(list)
    for position, own in enumerate(labels):
        for label in own:
            found[label].append(position)
    return {label: found[label] for label in in_order(grouping, list(found))}


def in_order(grouping: str, labels: list[str]) -> list[str]:
    """Bands low to high; other labels alphabetically."""
    order = BAND_ORDER.get(grouping)
    if order is None:
        return sorted(labels)
    return sorted(labels, key=lambda label: order.index(label) if label in order else len(order))

Moderator = Callable[[InitiativeFacts], float | str | None]
NUMERIC_MODERATORS: dict[str, Moderator] = {
    "hours": lambda facts: facts.hours,
    "hoursSquared": lambda facts: facts.hours ** 2,
    "makelaarInvolved": lambda facts: float(facts.makelaar_involved),
    "residentInitiated": lambda facts: float(facts.resident_initiated),
    "residentInitiatedWithMakelaar": lambda facts: float(
        facts.resident_initiated and facts.makelaar_involved),
    "takenOver": lambda facts: float(facts.taken_over),
    "competence": lambda facts: facts.competence,
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
