"""Solutions in words: literals read off a formula, a phrase per condition present or absent,
the phrases of a path joined, several paths as alternative ways."""

import pytest

from web.api_client.results import Term, Vocabulary
from web.api_client.success_factors import Solution, TermFit
from web.effect_labels import Labels
from web.effect_numbers import Numbers
from web.qca_sentences import Sentences, condition_label, literals, terms_of

CONDITIONS = {"RESIDENT_INITIATED": "residentInitiated", "MAKELAAR_INVOLVED": "makelaarInvolved",
              "HOURS": "hours", "ORGANISATION_FORM_ZELFBEHEER": "organisationForm=zelfbeheer",
              "STADSDEEL_F": "stadsdeel=F", "THEME_GROEN": "theme=groen"}
FORMS = Vocabulary(name="organisation-form", label_nl="Organisatievorm",
                   label_en="Organisation form", ordered=False,
                   terms=(Term(code="zelfbeheer", label_nl="Zelfbeheer",
                               label_en="Self-management"),))


def _sentences(lang: str = "nl", outcome: str = "EFFECTIEF") -> Sentences:
    labels = Labels(lang, {"organisation-form": FORMS}, {"F": "Nieuw-West"})
    return Sentences(labels, Numbers(lang), CONDITIONS, outcome)


def _term(term: str, incl: float, cov: float) -> TermFit:
    return TermFit(term=term, incl_s=incl, pri=incl, cov_s=cov, cov_u=cov)


def test_a_formula_is_read_into_paths_and_literals() -> None:
    assert terms_of("A*~B + C") == ["A*~B", "C"]
    assert literals("RESIDENT_INITIATED*~MAKELAAR_INVOLVED") == [
        ("RESIDENT_INITIATED", True), ("MAKELAAR_INVOLVED", False)]
    assert literals("1") == []


def test_one_path_of_two_conditions_is_the_sentence_of_the_issue() -> None:
    assert _sentences().sentence("RESIDENT_INITIATED*MAKELAAR_INVOLVED", 0.912, 0.4849) == (
        "Initiatieven van bewoners zelf, met ondersteuning van een participatiemakelaar, "
        "zijn effectief (consistentie 0,91; dekking 0,48).")


@pytest.mark.parametrize(("term", "phrase"), [
    ("ORGANISATION_FORM_ZELFBEHEER", "in de organisatievorm „Zelfbeheer”"),
    ("~MAKELAAR_INVOLVED", "zonder participatiemakelaar"),
    ("~HOURS", "zonder veel uren ondersteuning"),
    ("STADSDEEL_F", "in stadsdeel Nieuw-West"),
    ("~THEME_GROEN", "zonder het thema „groen”"),  # no vocabulary loaded: the code
    ("UNKNOWN", "met „UNKNOWN”"),
    ("RESIDENT_INITIATED*~HOURS*ORGANISATION_FORM_ZELFBEHEER",
     "van bewoners zelf, zonder veel uren ondersteuning en in de organisatievorm „Zelfbeheer”,"),
    ("A*B*C*D", "met „A”, met „B”, met „C” en met „D”,"),
])
def test_each_literal_is_a_phrase_and_absence_says_zonder(term: str, phrase: str) -> None:
    assert _sentences().conditions_phrase(term) == phrase


def test_several_paths_are_alternative_ways_with_the_fit_of_all_together() -> None:
    solution = Solution(name="M1", expression="ORGANISATION_FORM_ZELFBEHEER + HOURS*~X",
                        terms=(_term("ORGANISATION_FORM_ZELFBEHEER", 0.84, 0.08),
                               _term("RESIDENT_INITIATED*MAKELAAR_INVOLVED", 0.96, 0.37)),
                        incl_s=0.94, pri=0.93, cov_s=0.43)
    paths = _sentences(outcome="DUURZAAM").paths(solution)
    assert paths.introduction == "Er zijn twee wegen naar een duurzaam initiatief:"
    assert paths.sentences == (
        "Initiatieven in de organisatievorm „Zelfbeheer” zijn duurzaam "
        "(consistentie 0,84; dekking 0,08).",
        "Initiatieven van bewoners zelf, met ondersteuning van een participatiemakelaar, zijn "
        "duurzaam (consistentie 0,96; dekking 0,37).")
    assert paths.together == "Alle wegen samen: consistentie 0,94; dekking 0,43."


def test_a_model_of_one_path_is_one_sentence_with_the_models_fit() -> None:
    solution = Solution(name="M1", expression="HOURS", terms=(_term("HOURS", 0.7, 0.2),),
                        incl_s=0.81, pri=0.8, cov_s=0.55)
    paths = _sentences().paths(solution)
    assert paths.introduction is None and paths.together is None
    assert paths.sentences == ("Initiatieven met veel uren ondersteuning zijn effectief "
                               "(consistentie 0,81; dekking 0,55).",)


def test_in_english_the_words_and_the_decimal_point_follow() -> None:
    assert _sentences("en").sentence("ORGANISATION_FORM_ZELFBEHEER*~MAKELAAR_INVOLVED",
                                     0.9, 0.25) == (
        "Initiatives in the organisation form “Self-management”, without a "
        "participation broker, are effective (consistency 0.90; coverage 0.25).")


def test_a_condition_is_labelled_by_its_attribute() -> None:
    labels = Labels("nl", {"organisation-form": FORMS}, {})
    assert condition_label("hours", labels) == "Uren ondersteuning"
    assert condition_label("organisationForm=zelfbeheer", labels) == "Organisatievorm: Zelfbeheer"
