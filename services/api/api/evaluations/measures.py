"""The per-kind rules of an outcome measure's raw statistics (pure: no session, no HTTP)."""

from collections.abc import Mapping
from typing import Any

from pydantic.alias_generators import to_camel

from api.errors import FieldError
from api.evaluations.models import MEASURE_FIELDS, STATISTIC_FIELDS
from api.vocabularies.models import MeasureKind

# Events counted out of a group: (events, group size) per kind.
EVENTS_OUT_OF: dict[MeasureKind, tuple[tuple[str, str], ...]] = {
    MeasureKind.COUNTS: (("events_treatment", "n_treatment"), ("events_control", "n_control")),
    MeasureKind.PROPORTION: (("events", "n"),),
}


def statistic_errors(values: Mapping[str, Any], pointer: str = "") -> list[FieldError]:
    """What is wrong with the statistics in `values` (snake_case) for their `kind`.

    Each statistic gets at most one error, under `pointer` + its camelCase name: a kind's own
    statistics are required, any other is refused so that no number is silently ignored, and
    events cannot outnumber the group they were counted in.
    """
    kind = MeasureKind(values["kind"])
    needed = MEASURE_FIELDS[kind]
    errors: list[FieldError] = []
    for name in STATISTIC_FIELDS:
        present = values.get(name) is not None
        if name in needed and not present:
            errors.append(FieldError(f"{pointer}/{to_camel(name)}", "required",
                                     f"Verplicht bij soort '{kind}'. / Required for kind {kind}."))
        elif present and name not in needed:
            errors.append(FieldError(f"{pointer}/{to_camel(name)}", "not-used-for-kind",
                                     f"Hoort niet bij soort '{kind}'. / Not used for kind {kind}."))
    for events, size in EVENTS_OUT_OF.get(kind, ()):
        counted, out_of = values.get(events), values.get(size)
        if counted is not None and out_of is not None and counted > out_of:
            errors.append(FieldError(f"{pointer}/{to_camel(events)}", "exceeds-n",
                                     f"Meer gebeurtenissen dan {to_camel(size)}. / "
                                     f"More events than {to_camel(size)}."))
    return errors
