"""The authorization matrix's rows for the codebook: every signed-in role reads it (and its
REFI-QDA export); researchers and administrators write it (403 for editors and viewers)."""

from collections.abc import Callable
from typing import Any

from tests.api.authorization_world import World

Build = Callable[[World], tuple[str, dict[str, Any] | None]]
QDC = (b'<?xml version="1.0" encoding="utf-8"?><CodeBook xmlns="urn:QDA-XML:codebook:1.0">'
       b'<Codes><Code guid="0d1e2f30-4a5b-4c6d-8e7f-901234567890" name="Nieuw" '
       b'isCodable="true"/></Codes></CodeBook>')


def _at(path: str, body: dict[str, Any] | None = None) -> Build:
    """A request to `path`, its {placeholders} filled from the world's ids."""
    return lambda world: (path.format(**vars(world)), body)


# (method, OpenAPI path) → (rule, request), as the matrix's ENDPOINTS.
CODE_ENDPOINTS: dict[tuple[str, str], tuple[str, Build]] = {
    ("GET", "/codes"): ("read", _at("/codes")),
    ("POST", "/codes"): ("write-codes", _at("/codes", {"name": "Vertrouwen"})),
    ("GET", "/codes/export"): ("read", _at("/codes/export")),
    ("POST", "/codes/import"): ("write-codes", _at("/codes/import", {"files": {
        "file": ("codeboek.qdc", QDC, "application/xml")}})),
    ("GET", "/codes/{codeId}"): ("read", _at("/codes/{code}")),
    ("PATCH", "/codes/{codeId}"): ("write-codes", _at("/codes/{code}",
                                                      {"name": "Anders genoemd"})),
    ("DELETE", "/codes/{codeId}"): ("write-codes", _at("/codes/{code}")),
}
CODE_ALLOWED = {"write-codes": {"admin", "researcher"}}
# A POST that merges a codebook and answers what it did: 200, not 201.
CODE_CHANGES_IN_PLACE = {"/codes/import"}
