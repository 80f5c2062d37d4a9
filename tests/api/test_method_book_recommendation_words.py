"""The recommendations' sentences read as Dutch and English do: the absence of support is
'zonder ondersteuning', not 'geen ondersteuning ondersteunen'; 'an' before a vowel; a name
such as 'Right to Challenge' keeps its capitals."""

from typing import Any

import pytest

from api.method_book.chapters.recommendation_words import recommendation_text


def _r2(chapter: str, grouping: str, best: str, worst: str) -> dict[str, Any]:
    return {"rule": "R2", "subject": {"chapter": chapter, "grouping": grouping,
                                      "best": best, "worst": worst}}


def _r1(chapter: str, grouping: str, group: str) -> dict[str, Any]:
    return {"rule": "R1", "subject": {"chapter": chapter, "grouping": grouping, "group": group}}


@pytest.mark.parametrize(("found", "language", "sentence"), [
    (_r2("wat-werkt", "supportStyle", "coproducerend", "geen-ondersteuning"), "nl",
     "Het effect is groter bij coproducerend ondersteunen dan zonder ondersteuning."),
    (_r2("wat-werkt", "supportStyle", "coproducerend", "geen-ondersteuning"), "en",
     "The effect is larger with co-producing support than without support."),
    (_r2("ondersteuning", "professionalRole", "welzijnswerker", "geen-ondersteuning"), "nl",
     "Het effect is groter bij ondersteuning door een welzijnswerker dan zonder "
     "ondersteuning."),
    (_r2("ondersteuning", "supportHours", "150+", "0"), "en",
     "The effect is larger with 150+ hours of support than without support (0 hours)."),
    (_r1("ondersteuning", "professionalRole", "gebiedsbeheerder"), "en",
     "Invest in support by an estate manager (housing association)."),
    (_r1("wat-werkt", "organisationForm", "right-to-challenge"), "nl",
     "Zet in op de organisatievorm Right to Challenge (uitdaagrecht)."),
    (_r1("wat-werkt", "organisationForm", "bewonersinitiatief"), "nl",
     "Zet in op de organisatievorm bewonersinitiatief."),
    (_r1("ondersteuning", "professionalRole", "participatiemedewerker"), "nl",
     "Zet in op ondersteuning door een participatiemedewerker (Huis van de Wijk)."),
], ids=["r2-style-nl", "r2-style-en", "r2-role-nl", "r2-hours-en", "r1-article-en",
        "r1-name-nl", "r1-lower-nl", "r1-aside-nl"])
def test_a_recommendation_reads_as_a_sentence(found: dict[str, Any], language: str,
                                              sentence: str) -> None:
    assert recommendation_text(found, language) == sentence
