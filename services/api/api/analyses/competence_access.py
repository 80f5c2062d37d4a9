"""Who may analyse by competence.

The `competence` fact of an initiative is built from the assessments of the professionals
who supported it, and assessments are personal data: an initiative one professional supported
alone carries that person's own mean judgement, and the initiative filters can pick it out.
So competence, as grouping, moderator, covariate or condition, is for the roles that may read
assessments (not viewers); the other analyses stay open to every signed-in role.
"""

from collections.abc import Iterable

from api.auth.identity import Caller
from api.auth.rules import READ_ASSESSMENTS, allows
from api.errors import Forbidden

COMPETENCE = "competence"


def names_competence(names: Iterable[str | None]) -> bool:
    return any(name is not None and name.partition("=")[0] == COMPETENCE for name in names)


def may_use_competence(caller: Caller) -> bool:
    return allows(READ_ASSESSMENTS, caller)


def check_competence_use(caller: Caller, names: Iterable[str | None]) -> None:
    """403 when a caller who may not read assessments asks for competence."""
    if names_competence(names) and not may_use_competence(caller):
        raise Forbidden(
            f"Competentie komt uit beoordelingen van professionals (persoonsgegevens); uw rol "
            f"({caller.role}) mag die niet gebruiken. / Competence comes from assessments of "
            f"professionals (personal data); your role ({caller.role}) may not use it.")
