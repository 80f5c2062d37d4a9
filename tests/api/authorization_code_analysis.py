"""The authorization matrix's rows for the analyses of coded records: as restricted as the
records (researchers and administrators)."""

from collections.abc import Callable
from typing import Any

Build = Callable[[Any], tuple[str, dict[str, Any] | None]]


def _at(path: str) -> Build:
    return lambda world: (path.format(**vars(world)), None)


# (method, OpenAPI path) → (rule, request), as the matrix's ENDPOINTS.
CODE_ANALYSIS_ENDPOINTS: dict[tuple[str, str], tuple[str, Build]] = {
    ("GET", "/analysis/coding-agreement"): ("read-records", _at(
        "/analysis/coding-agreement?record={record}&unit=character")),
    ("GET", "/analysis/codes/by-group"): ("read-records", _at(
        "/analysis/codes/by-group?groupBy=supportStyle")),
}
# The world's record has one coder: past the rules, agreement has too few to compare (422).
CODE_ANALYSIS_TOO_FEW = {"/analysis/coding-agreement"}
