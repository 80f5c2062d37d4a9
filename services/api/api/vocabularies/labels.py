"""Dutch and English labels of every vocabulary's codes, and what each vocabulary is for."""

from enum import StrEnum

from api.vocabularies.competence_labels import COMPETENCE_VOCABULARIES
from api.vocabularies.initiative_labels import INITIATIVE_VOCABULARIES
from api.vocabularies.support_labels import SUPPORT_AND_EVALUATION_VOCABULARIES
from api.vocabularies.vocabulary import Vocabulary

__all__ = ["BY_NAME", "VOCABULARIES", "Vocabulary", "labels_of"]

VOCABULARIES: tuple[Vocabulary, ...] = (
    INITIATIVE_VOCABULARIES + SUPPORT_AND_EVALUATION_VOCABULARIES + COMPETENCE_VOCABULARIES
)

BY_NAME: dict[str, Vocabulary] = {vocabulary.name: vocabulary for vocabulary in VOCABULARIES}
_BY_ENUM: dict[type[StrEnum], Vocabulary] = {v.codes: v for v in VOCABULARIES}


def labels_of(code: StrEnum) -> tuple[str, str]:
    """The Dutch and English label of one code, e.g. for reports and exports."""
    return _BY_ENUM[type(code)].labels[code]
