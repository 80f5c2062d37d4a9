"""How the effects page writes numbers and names codes, in Dutch and in English."""

import pytest

from web.api_client.results import Term, Vocabulary
from web.effect_labels import Labels
from web.effect_numbers import Numbers, decimals_for


@pytest.mark.parametrize(("value", "decimals"), [
    (0.36, 2), (0.0, 2), (0.036, 4), (9.66e-05, 7), (4.03e-06, 8), (1e-12, 9), (-0.012, 4),
    (12.5, 2)])
def test_small_values_keep_three_significant_digits(value: float, decimals: int) -> None:
    assert decimals_for(value) == decimals


def test_numbers_are_written_the_readers_way() -> None:
    dutch, english = Numbers("nl"), Numbers("en")
    assert (dutch.effect(0.3564), english.effect(0.3564)) == ("0,36", "0.36")
    assert (dutch.count(1268), english.count(1268)) == ("1.268", "1,268")
    assert dutch.effect(-0.001) == "0,00"  # not −0,00
    assert dutch.effect(None) == "—" and dutch.effect(float("nan")) == "—"
    assert dutch.coefficient(9.657e-05) == "0,0000966"
    assert dutch.percent(88.5) == "88%" and dutch.tau2(0.0361) == "0,0361"
    # An estimate and its interval share the decimals of the largest: they line up.
    assert dutch.decimals(-4.03e-06, -8.05e-06, 1.2e-08) == 8
    assert dutch.decimals(0.41, -0.0132, 0.84) == 2 and dutch.decimals(None) == 2


def test_p_values_below_a_thousandth_are_not_spelled_out() -> None:
    dutch = Numbers("nl")
    assert (dutch.p(0.43), dutch.p(0.0042), dutch.p(2e-60)) == ("0,43", "0,004", "< 0,001")
    assert dutch.p(0.0497) == "0,050"  # not 0,05: it is below the 0,05 that the page names
    assert (dutch.p_phrase(0.43), dutch.p_phrase(1e-9)) == ("p = 0,43", "p < 0,001")


def _labels(lang: str = "nl") -> Labels:
    terms = (Term(code="zelfbeheer", label_nl="Zelfbeheer", label_en="Self-management"),
             Term(code="wijkpanel", label_nl="Wijkpanel", label_en="Panel"))
    forms = Vocabulary(name="organisation-form", label_nl="Organisatievorm",
                       label_en="Organisation form", ordered=False, terms=terms)
    return Labels(lang, {"organisation-form": forms}, {"F": "Nieuw-West"})


def test_groups_and_coefficients_are_named_in_words() -> None:
    labels = _labels()
    assert labels.group("organisationForm", "zelfbeheer") == "Zelfbeheer"
    assert labels.group("stadsdeel", "F") == "Nieuw-West"
    assert labels.group("makelaarInvolved", "nee") == "Zonder participatiemakelaar"
    assert labels.group("professionalRole", "geen-ondersteuning") == "Geen ondersteuning"
    assert labels.group(None, "alle") == "Alle initiatieven"
    assert labels.group("organisationForm", "nieuw") == "nieuw"
    assert labels.coefficient("intrcpt") == "Constante (intercept)"
    assert labels.coefficient("hoursSquared") == "Uren ondersteuning (kwadraat)"
    assert labels.coefficient("organisationFormzelfbeheer") == "Organisatievorm: Zelfbeheer"
    assert labels.coefficient("stadsdeelF") == "Stadsdeel: Nieuw-West"
    assert _labels("en").coefficient("organisationFormzelfbeheer").endswith("Self-management")


def test_groups_follow_their_vocabulary_and_no_support_comes_last() -> None:
    labels = _labels()
    codes = sorted(["wijkpanel", "anders", "zelfbeheer"],
                   key=lambda code: labels.group_order("organisationForm", code))
    assert codes == ["zelfbeheer", "wijkpanel", "anders"]
    assert labels.group_order("supportStyle", "geen-ondersteuning") > \
        labels.group_order("supportStyle", "stimulerend")
