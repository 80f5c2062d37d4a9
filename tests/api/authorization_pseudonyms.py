"""The authorization matrix's row for pseudonymising a record: a write on records, so
researchers and administrators only; it changes the record in place (200, not 201)."""

from collections.abc import Callable
from typing import Any

from tests.api.authorization_world import World

Build = Callable[[World], tuple[str, dict[str, Any] | None]]

# (method, OpenAPI path) → (rule, request), as the matrix's ENDPOINTS. "koffie" occurs in
# the world's record and is coded there: the write moves a segment too.
PSEUDONYM_ENDPOINTS: dict[tuple[str, str], tuple[str, Build]] = {
    ("POST", "/records/{recordId}/pseudonymise"): ("write-records", lambda w: (
        f"/records/{w.record}/pseudonymise", {"names": ["koffie"], "apply": True})),
}
PSEUDONYM_CHANGES_IN_PLACE = {"/records/{recordId}/pseudonymise"}
