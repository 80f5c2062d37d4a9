"""The authorization matrix's rows for codes meet outcomes: which initiatives carry a code
tells what their records say, so the table and the success-factor condition `code=<codeId>`
are as restricted as the records (researchers and administrators)."""

from collections.abc import Callable
from typing import Any

Build = Callable[[Any], tuple[str, dict[str, Any] | None]]

# (method, OpenAPI path) → (rule, request), as the matrix's ENDPOINTS.
CODE_OUTCOME_ENDPOINTS: dict[tuple[str, str], tuple[str, Build]] = {
    ("GET", "/analysis/codes/outcomes"): ("read-records", lambda world: (
        "/analysis/codes/outcomes?organisationForm=bewonersinitiatief", None)),
}
# A request whose rule follows from its body, as the matrix's NARROWED; its OpenAPI path in
# CODE_CONDITION_PATHS: past the rules the world's one initiative is too few to analyse (422).
CONDITION = "POST /analysis/success-factors with code=…"
CODE_CONDITION_NARROWED: dict[str, tuple[str, str, Build]] = {
    CONDITION: ("read-records", "POST", lambda world: (
        "/analysis/success-factors", {"conditions": [{"attribute": f"code={world.code}"}],
                                      "outcome": {"kind": "effect"}})),
}
CODE_CONDITION_PATHS = {CONDITION: "/analysis/success-factors"}
