"""HTTP routes of /v1/vocabularies."""

from typing import Annotated

from fastapi import APIRouter, Depends, Path
from pydantic import Field

from api.auth.rules import READ, require
from api.errors import NotFound
from api.vocabularies.labels import BY_NAME, VOCABULARIES, Vocabulary
from api.wire import ApiModel

router = APIRouter(prefix="/v1/vocabularies", tags=["vocabularies"],
                   dependencies=[Depends(require(READ))])


class VocabularySummary(ApiModel):
    name: str = Field(description="Kebab-case name, e.g. participation-level")
    label_nl: str
    label_en: str
    description: str = Field(description="What the vocabulary is for (Dutch)")
    ordered: bool = Field(description="Whether the order of the terms means something")


class Term(ApiModel):
    code: str = Field(description="Stable code, as used in every resource and query")
    label_nl: str
    label_en: str


class VocabularyPublic(VocabularySummary):
    terms: list[Term] = Field(description="Every code, in the vocabulary's own order")


def _summary(vocabulary: Vocabulary) -> VocabularySummary:
    return VocabularySummary(
        name=vocabulary.name, label_nl=vocabulary.label_nl, label_en=vocabulary.label_en,
        description=vocabulary.description, ordered=vocabulary.ordered,
    )


@router.get("")
def list_vocabularies() -> list[VocabularySummary]:
    return [_summary(vocabulary) for vocabulary in VOCABULARIES]


@router.get("/{name}")
def get_vocabulary(
    name: Annotated[str, Path(description="A name from GET /v1/vocabularies",
                              examples=["participation-level"])],
) -> VocabularyPublic:
    vocabulary = BY_NAME.get(name)
    if vocabulary is None:
        raise NotFound(f"Onbekende woordenlijst '{name}'. / Unknown vocabulary '{name}'.")
    terms = [Term(code=code, label_nl=nl, label_en=en) for code, nl, en in vocabulary.terms()]
    return VocabularyPublic(**_summary(vocabulary).model_dump(), terms=terms)
