"""The authorization matrix's row for searching qualitative records: the rule that reads
records (researchers and administrators; 403 for editors and viewers)."""

from collections.abc import Callable
from typing import Any

from tests.api.authorization_world import World

Build = Callable[[World], tuple[str, dict[str, Any] | None]]

# (method, OpenAPI path) → (rule, request), as the matrix's ENDPOINTS.
SEARCH_ENDPOINTS: dict[tuple[str, str], tuple[str, Build]] = {
    ("GET", "/records/search"): ("read-records", lambda world: ("/records/search?q=gesprek",
                                                                None)),
}
