"""Personal data (AVG/GDPR): which fields hold it, in one registry.

Viewers get these fields as null; the audit trail records that they changed, never their
values; logs never carry them. A field is personal when it names or describes a person:
professionals' names and contact details, and free texts that may name residents.
"""

from collections.abc import Mapping
from typing import Any

HIDDEN = "[persoonsgegeven]"

PERSONAL_FIELDS: Mapping[str, frozenset[str]] = {
    "professional": frozenset({"name", "email"}),
    "initiative": frozenset({"initiatorName"}),
    "support-episode": frozenset({"situation", "actionDescription", "reasoning", "result"}),
    "follow-up": frozenset({"note"}),
    "assessment": frozenset({"note"}),
    "qualitative-record": frozenset({"author", "text"}),
    "coded-segment": frozenset({"quote"}),
    "evaluation": frozenset({"summary"}),
    "outcome-measure": frozenset({"note"}),
    "account": frozenset({"displayName", "email"}),
}
# Lists of other resources inside a resource's JSON.
NESTED: Mapping[str, Mapping[str, str]] = {"evaluation": {"outcomeMeasures": "outcome-measure"}}


def personal_fields_of(resource_type: str) -> frozenset[str]:
    return PERSONAL_FIELDS.get(resource_type, frozenset())


def masked(resource_type: str, body: Mapping[str, Any], mask: Any) -> dict[str, Any]:
    """The body with every personal value that is set replaced by `mask` (None: redacted
    for a viewer; HIDDEN: for the audit trail), nested resources included."""
    personal = personal_fields_of(resource_type)
    found = {key: (mask if key in personal and value not in (None, "") else value)
             for key, value in body.items()}
    for key, nested_type in NESTED.get(resource_type, {}).items():
        if isinstance(found.get(key), list):
            found[key] = [masked(nested_type, item, mask) if isinstance(item, Mapping) else item
                          for item in found[key]]
    return found
