"""The authorization matrix's rows kept beside their areas (competences, qualitative records,
the codebook, coding, method books), gathered here for test_authorization_matrix.py."""

from tests.api.authorization_code_analysis import CODE_ANALYSIS_ENDPOINTS, CODE_ANALYSIS_TOO_FEW
from tests.api.authorization_code_outcomes import (
    CODE_CONDITION_NARROWED,
    CODE_CONDITION_PATHS,
    CODE_OUTCOME_ENDPOINTS,
)
from tests.api.authorization_codes import CODE_ALLOWED, CODE_CHANGES_IN_PLACE, CODE_ENDPOINTS
from tests.api.authorization_competences import COMPETENCE_ALLOWED, COMPETENCE_ENDPOINTS
from tests.api.authorization_method_books import (
    METHOD_BOOK_ACCEPTED,
    METHOD_BOOK_ALLOWED,
    METHOD_BOOK_ENDPOINTS,
)
from tests.api.authorization_pseudonyms import PSEUDONYM_CHANGES_IN_PLACE, PSEUDONYM_ENDPOINTS
from tests.api.authorization_records import (
    RECORD_ALLOWED,
    RECORD_CHANGES_NOTHING,
    RECORD_ENDPOINTS,
)
from tests.api.authorization_search import SEARCH_ENDPOINTS
from tests.api.authorization_segments import SEGMENT_ALLOWED, SEGMENT_ENDPOINTS

PART_ENDPOINTS = {**COMPETENCE_ENDPOINTS, **RECORD_ENDPOINTS, **SEARCH_ENDPOINTS,
                  **CODE_ENDPOINTS, **SEGMENT_ENDPOINTS, **CODE_ANALYSIS_ENDPOINTS,
                  **CODE_OUTCOME_ENDPOINTS, **PSEUDONYM_ENDPOINTS, **METHOD_BOOK_ENDPOINTS}
PART_NARROWED = {**CODE_CONDITION_NARROWED}
PART_NARROWED_PATHS = {**CODE_CONDITION_PATHS}
PART_ALLOWED = {**COMPETENCE_ALLOWED, **RECORD_ALLOWED, **CODE_ALLOWED, **SEGMENT_ALLOWED,
                **METHOD_BOOK_ALLOWED}
PART_CHANGES_IN_PLACE = {*RECORD_CHANGES_NOTHING, *CODE_CHANGES_IN_PLACE,
                         *PSEUDONYM_CHANGES_IN_PLACE}
PART_ACCEPTED = {*METHOD_BOOK_ACCEPTED}
PART_TOO_FEW = {*CODE_ANALYSIS_TOO_FEW}
