"""The authorization matrix's rows for competences: frameworks and competencies (read by
everyone, kept by administrators), assessments, profiles and teams (never for viewers)."""

from collections.abc import Callable
from typing import Any

from tests.api.authorization_world import World

Build = Callable[[World], tuple[str, dict[str, Any] | None]]


def _at(path: str, body: dict[str, Any] | None = None) -> Build:
    """A request to `path`, its {placeholders} filled from the world's ids."""
    return lambda world: (path.format(**vars(world)), body)


# (method, OpenAPI path) → (rule, request), as the matrix's ENDPOINTS.
COMPETENCE_ENDPOINTS: dict[tuple[str, str], tuple[str, Build]] = {
    ("GET", "/competency-frameworks"): ("read", _at("/competency-frameworks")),
    ("POST", "/competency-frameworks"): ("administer", _at("/competency-frameworks", {
        "code": "nieuw-kader", "name": "Nieuw kader", "scale": "score"})),
    ("GET", "/competency-frameworks/{frameworkId}"): ("read", _at(
        "/competency-frameworks/{framework}")),
    ("PATCH", "/competency-frameworks/{frameworkId}"): ("administer", _at(
        "/competency-frameworks/{framework}", {"name": "Anders genoemd"})),
    ("DELETE", "/competency-frameworks/{frameworkId}"): ("administer", _at(
        "/competency-frameworks/{free_framework}")),
    ("POST", "/competency-frameworks/{frameworkId}/competencies"): ("administer", _at(
        "/competency-frameworks/{framework}/competencies", {"code": "K9", "name": "Nieuw"})),
    ("GET", "/competencies/{competencyId}"): ("read", _at("/competencies/{competency}")),
    ("PATCH", "/competencies/{competencyId}"): ("administer", _at(
        "/competencies/{competency}", {"name": "Anders genoemd"})),
    ("DELETE", "/competencies/{competencyId}"): ("administer", _at(
        "/competencies/{free_competency}")),
    ("GET", "/professionals/{professionalId}/assessments"): ("read-assessments", _at(
        "/professionals/{professional}/assessments")),
    ("POST", "/professionals/{professionalId}/assessments"): ("write-assessments", lambda w: (
        f"/professionals/{w.professional}/assessments", {
            "frameworkId": str(w.framework), "perspective": "manager",
            "assessedOn": "2024-05-01", "items": [{"competencyId": str(w.competency),
                                                   "score": 3}]})),
    ("DELETE", "/assessments/{assessmentId}"): ("administer", _at("/assessments/{assessment}")),
    ("GET", "/professionals/{professionalId}/competence-profile"): ("read-assessments", _at(
        "/professionals/{professional}/competence-profile?framework={framework}")),
    ("GET", "/competence-teams/{stadsdeel}"): ("read-assessments", _at(
        "/competence-teams/F?framework={framework}")),
}
# Who may, per rule of assessments; editors write them only for their own stadsdelen (the
# world's professional serves stadsdeel F).
COMPETENCE_ALLOWED = {
    "read-assessments": {"admin", "researcher", "editor-own", "editor-other",
                         "token-editor-own"},
    "write-assessments": {"admin", "researcher", "editor-own", "token-editor-own"},
}
