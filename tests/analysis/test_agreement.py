"""Cohen's kappa and Krippendorff's alpha against published worked examples.

Kappa:
- 50 grant proposals read by two readers, yes/yes 20, yes/no 5, no/yes 10, no/no 15: p_o 0.70,
  p_e 0.50, kappa 0.40 (the textbook example of Wikipedia's "Cohen's kappa", reprinted e.g. in
  the tutorialspoint/howcodex statistics tutorial "Cohen's Kappa Coefficient").
- Cohen (1968), Psychological Bulletin 70:213, the 3×3 table of proportions .44 .07 .09 /
  .05 .20 .05 / .01 .03 .06 (n = 200): unweighted kappa .492 (quoted in the examples of R's
  psych::cohen.kappa: "cohen reports .492").
- A SAS PROC FREQ printout for the 3×3 table 0 4 1 / 0 8 0 / 0 1 5, reproduced in statsmodels'
  stats/tests/test_inter_rater.py: kappa 0.4842, ASE 0.1380, 95 % CI 0.2137–0.7547; ASE under
  H0 0.1484, Z 3.2626, two-sided p 0.0011.
- R statpsych (Bonett), help of ci.kappa, citing Fleiss, Levin & Paik (2003):
  ci.kappa(.05, 31, 12, 4, 58) gives Cohen's kappa 0.6756757, SE 0.07344761, CI 0.5317210 to
  0.8196303.
- R irr's `diagnoses` (Fleiss 1971, 30 patients, 6 raters, 5 categories; the rows as in irr and
  in statsmodels' test_inter_rater.py): Light's kappa, the mean of the 15 pairwise Cohen's
  kappas, 0.459 (irr help of kappam.light, "Kappa = 0.459"); kappa2 of raters 1–2, 1–3 and 2–3
  0.651, 0.384 and 0.631 (L. Curini, lab 8 part 4 "inter-coder reliability" R script, 2022).

Alpha, Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability" (Annenberg School
for Communication, departmental paper 43):
- A. binary data, two observers, ten units: alpha 0.095.
- B. nominal data, two observers, twelve units (a..e written 1..5): alpha 0.692.
- C. nominal data, four observers, twelve units with missing values: alpha 0.743, 40 pairable
  values with the marginals 9, 13, 10, 5, 3 (the paper's coincidence matrix; R's irr and
  DescTools use these data as the "C" data from Krippendorff in their kripp.alpha examples).
  The same data at other levels: ordinal 0.815, interval 0.849, ratio 0.797, Krippendorff's
  figures for them; ordinal 0.815 and ratio 0.797 are also what the Python package
  krippendorff (pln-fing-udelar/fast-krippendorff, tests/test_krippendorff.py) expects.
- Wikipedia "Krippendorff's alpha", computational example (three coders, fifteen units):
  nominal 0.691, interval 0.811.
"""

import math
from collections.abc import Hashable, Sequence

import pytest

from analysis.agreement import alpha_from_counts, cohen_kappa, cohen_kappa_table, krippendorff_alpha

DIAGNOSES = ["444444", "222555", "233335", "555555", "222444", "113333", "333355", "113334",
             "114444", "555555", "144444", "124444", "222333", "144444", "224445", "333335",
             "111455", "111112", "224444", "133555", "555555", "244444", "224555", "114444",
             "144445", "222224", "111155", "224444", "133333", "555555"]
RATERS = [[int(row[j]) for row in DIAGNOSES] for j in range(6)]

C_DATA = [[1, 2, 3, 3, 2, 1, 4, 1, 2, None, None, None],
          [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, None, 3],
          [None, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, None],
          [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, None]]
NAN = math.nan
WIKIPEDIA = [[NAN, NAN, NAN, NAN, NAN, 3, 4, 1, 2, 1, 1, 3, 3, NAN, 3],
             [1, NAN, 2, 1, 3, 3, 4, 3, NAN, NAN, NAN, NAN, NAN, NAN, NAN],
             [NAN, NAN, 2, 1, 3, 4, 4, NAN, 2, 1, 1, 3, 3, NAN, 4]]


def _units(coders: Sequence[Sequence[Hashable | None]]) -> list[list[Hashable | None]]:
    """Krippendorff prints coders in rows; the functions take one row per unit."""
    return [list(unit) for unit in zip(*coders, strict=True)]


def test_kappa_of_the_textbook_grant_proposals() -> None:
    reader_a = ["yes"] * 25 + ["no"] * 25
    reader_b = ["yes"] * 20 + ["no"] * 5 + ["yes"] * 10 + ["no"] * 15
    result = cohen_kappa(reader_a, reader_b)
    assert round(result.observed_agreement, 2) == 0.70
    assert round(result.expected_agreement, 2) == 0.50
    assert round(result.kappa, 2) == 0.40
    assert result.categories == ("no", "yes") and result.units == 50


def test_kappa_of_cohens_1968_table() -> None:
    proportions = [[.44, .07, .09], [.05, .20, .05], [.01, .03, .06]]
    counts = [[round(200 * p) for p in row] for row in proportions]
    assert round(cohen_kappa_table(counts).kappa, 3) == 0.492


def test_kappa_standard_errors_and_test_as_sas_prints_them() -> None:
    result = cohen_kappa_table([[0, 4, 1], [0, 8, 0], [0, 1, 5]])
    printed = [result.kappa, result.std_error, result.ci_lower, result.ci_upper,
               result.std_error_null, result.z, result.p_value]
    assert [round(x, 4) for x in printed] == [0.4842, 0.1380, 0.2137, 0.7547, 0.1484, 3.2626,
                                              0.0011]


def test_kappa_interval_as_statpsych_documents_it() -> None:
    result = cohen_kappa_table([[31, 12], [4, 58]])
    assert result.kappa == pytest.approx(0.6756757, abs=1e-7)
    assert result.std_error == pytest.approx(0.07344761, abs=1e-8)
    assert result.ci_lower == pytest.approx(0.5317210, abs=1e-7)
    assert result.ci_upper == pytest.approx(0.8196303, abs=1e-7)


def test_kappa_of_the_diagnoses_raters() -> None:
    pairs = [(a, b) for a in range(6) for b in range(a + 1, 6)]
    kappas = {pair: cohen_kappa(RATERS[pair[0]], RATERS[pair[1]]).kappa for pair in pairs}
    assert [round(kappas[p], 3) for p in [(0, 1), (0, 2), (1, 2)]] == [0.651, 0.384, 0.631]
    assert round(sum(kappas.values()) / len(kappas), 3) == 0.459


def test_kappa_leaves_out_units_a_coder_did_not_code() -> None:
    full = cohen_kappa(["yes"] * 25 + ["no"] * 25,
                       ["yes"] * 20 + ["no"] * 5 + ["yes"] * 10 + ["no"] * 15)
    gaps = cohen_kappa(["yes"] * 25 + ["no"] * 25 + [None, "yes", NAN],
                       ["yes"] * 20 + ["no"] * 5 + ["yes"] * 10 + ["no"] * 15 + ["no", None, "no"])
    assert gaps.kappa == full.kappa and gaps.units == 50


def test_kappa_of_one_shared_category_is_undefined() -> None:
    result = cohen_kappa(["x"] * 5, ["x"] * 5)
    assert math.isnan(result.kappa) and math.isnan(result.std_error)
    assert result.observed_agreement == 1.0 and result.expected_agreement == 1.0
    assert result.note is not None and "undefined" in result.note


def test_perfect_kappa_has_no_spread() -> None:
    result = cohen_kappa(["a", "b", "a", "b"], ["a", "b", "a", "b"])
    assert result.kappa == 1.0 and result.std_error == 0.0 and result.ci_lower == 1.0


@pytest.mark.parametrize(("coder_a", "coder_b", "message"), [
    ([], [], "empty"), (["a"], ["a", "b"], "every unit"),
    (["a", None], [None, "b"], "no pairable values")])
def test_kappa_refuses_unusable_codings(coder_a: list[Hashable | None],
                                        coder_b: list[Hashable | None], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        cohen_kappa(coder_a, coder_b)


@pytest.mark.parametrize(("table", "message"), [
    ([[1, 2, 3]], "square"), ([[1, -1], [0, 2]], "counts"), ([[0.5, 0.5], [0, 0]], "counts"),
    ([[0, 0], [0, 0]], "all zeros")])
def test_kappa_table_refuses_what_is_not_a_table_of_counts(table: list[list[float]],
                                                           message: str) -> None:
    with pytest.raises(ValueError, match=message):
        cohen_kappa_table(table)


def test_kappa_checks_the_confidence_level() -> None:
    with pytest.raises(ValueError, match="confidence"):
        cohen_kappa_table([[1, 0], [0, 1]], confidence=95)


def test_alpha_of_binary_data_two_observers() -> None:
    data = [[0, 1, 0, 0, 0, 0, 0, 0, 1, 0], [1, 1, 1, 0, 0, 1, 0, 0, 0, 0]]
    assert round(krippendorff_alpha(_units(data)).alpha, 3) == 0.095


def test_alpha_of_nominal_data_two_observers() -> None:
    data = [[1, 1, 2, 2, 4, 3, 3, 3, 5, 4, 4, 1], [2, 1, 2, 2, 2, 3, 3, 3, 5, 4, 4, 4]]
    assert round(krippendorff_alpha(_units(data)).alpha, 3) == 0.692


def test_alpha_of_four_observers_with_missing_values() -> None:
    result = krippendorff_alpha(_units(C_DATA))
    assert round(result.alpha, 3) == 0.743
    assert result.pairable_values == 40 and result.pairable_units == 11
    assert result.coincidences.sum(axis=1).tolist() == pytest.approx([9, 13, 10, 5, 3])
    assert result.values == (1, 2, 3, 4, 5)


@pytest.mark.parametrize(("level", "published"), [
    ("ordinal", 0.815), ("interval", 0.849), ("ratio", 0.797)])
def test_alpha_of_the_same_data_at_other_levels(level: str, published: float) -> None:
    assert round(krippendorff_alpha(_units(C_DATA), level=level).alpha, 3) == published


def test_ordinal_labels_follow_the_given_order() -> None:
    labels = {1: "very low", 2: "low", 3: "mid", 4: "high", 5: "very high"}
    data = [[None if v is None else labels[v] for v in coder] for coder in C_DATA]
    result = krippendorff_alpha(_units(data), level="ordinal", order=list(labels.values()))
    assert round(result.alpha, 3) == 0.815


@pytest.mark.parametrize(("level", "published"), [("nominal", 0.691), ("interval", 0.811)])
def test_alpha_of_the_wikipedia_example(level: str, published: float) -> None:
    assert round(krippendorff_alpha(_units(WIKIPEDIA), level=level).alpha, 3) == published


def test_alpha_from_value_counts_equals_alpha_from_the_data() -> None:
    counts = [[sum(v == value for v in unit) for value in range(1, 6)] for unit in _units(C_DATA)]
    assert alpha_from_counts(counts, [1, 2, 3, 4, 5]).alpha == pytest.approx(0.743421, abs=1e-6)


def test_alpha_of_a_single_value_is_undefined() -> None:
    result = krippendorff_alpha([["x", "x"], ["x", None], ["x", "x"]])
    assert math.isnan(result.alpha) and result.expected_disagreement == 0.0
    assert result.note is not None and "undefined" in result.note


@pytest.mark.parametrize(("units", "options", "message"), [
    ([], {}, "empty"), ([[1], [2]], {}, "at least two coders"), ([[1, 2], [1]], {}, "every unit"),
    ([[1, None], [None, 2]], {}, "no pairable values"), ([[1, 2]], {"level": "metric"}, "level"),
    ([["a", "b"]], {"level": "interval"}, "numbers"), ([[-1, 2]], {"level": "ratio"}, "≥ 0"),
    ([["lo", "hi"]], {"level": "ordinal"}, "order"),
    ([["lo", "hi"]], {"level": "ordinal", "order": ["lo"]}, "not in the order"),
    ([[1, 2]], {"order": [1, 2]}, "ordinal data only")])
def test_alpha_refuses_unusable_data(units: list[list[object]], options: dict[str, object],
                                     message: str) -> None:
    with pytest.raises(ValueError, match=message):
        krippendorff_alpha(units, **options)  # type: ignore[arg-type]
