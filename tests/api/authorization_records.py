"""The authorization matrix's rows for qualitative records: researchers and administrators
only, for reading as for writing (403 for editors and viewers)."""

from collections.abc import Callable
from typing import Any

from tests.api.authorization_world import World

Build = Callable[[World], tuple[str, dict[str, Any] | None]]


def _at(path: str, body: dict[str, Any] | None = None) -> Build:
    """A request to `path`, its {placeholders} filled from the world's ids."""
    return lambda world: (path.format(**vars(world)), body)


NEW_RECORD = {"kind": "interview", "title": "Gesprek met de buurtwerker",
              "recordedOn": "2024-03-01", "text": "Wat werkte er?"}
# (method, OpenAPI path) → (rule, request), as the matrix's ENDPOINTS.
RECORD_ENDPOINTS: dict[tuple[str, str], tuple[str, Build]] = {
    ("GET", "/records"): ("read-records", _at("/records")),
    ("POST", "/records"): ("write-records", lambda w: ("/records", {
        **NEW_RECORD, "initiativeIds": [str(w.initiative)]})),
    ("POST", "/records/text"): ("records-text", _at("/records/text", {"files": {
        "file": ("gesprek.txt", b"Een verslag.", "text/plain")}})),
    ("GET", "/records/{recordId}"): ("read-records", _at("/records/{record}")),
    ("PATCH", "/records/{recordId}"): ("write-records", _at("/records/{record}",
                                                            {"title": "Anders genoemd"})),
    ("DELETE", "/records/{recordId}"): ("write-records", _at("/records/{record}")),
}
RECORD_ALLOWED = {role: {"admin", "researcher"}
                  for role in ("read-records", "write-records", "records-text")}
# A POST that turns a file into text and stores nothing: 200, not 201.
RECORD_CHANGES_NOTHING = {"/records/text"}
