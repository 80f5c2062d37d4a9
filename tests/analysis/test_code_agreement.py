"""Per-code agreement of coded segments, against the same published examples as
test_agreement.py, written as codes applied to units:
- a code applied like the textbook grant proposals (50 units; reader A applies it to 25, reader
  B to 30, both to 20): kappa 0.40 (Wikipedia, "Cohen's kappa").
- a code applied like Krippendorff's (2011) binary example A (10 units, two observers):
  alpha 0.095 ("Computing Krippendorff's Alpha-Reliability").
The pooled overall alpha is checked against krippendorff_alpha itself on the (unit, code)
presence data, which test_agreement.py checks against Krippendorff's published values.
"""

import math

import pytest

from analysis.agreement import krippendorff_alpha
from analysis.code_agreement import code_agreement

GRANT_A = [i < 25 for i in range(50)]
GRANT_B = [i < 20 or 25 <= i < 35 for i in range(50)]
BINARY_A = [0, 1, 0, 0, 0, 0, 0, 0, 1, 0]
BINARY_B = [1, 1, 1, 0, 0, 1, 0, 0, 0, 0]


def _codes(flags: list[bool], code: str) -> list[set[str]]:
    return [{code} if flag else set() for flag in flags]


def test_kappa_per_code_is_the_textbook_kappa() -> None:
    units = [list(pair) for pair in zip(_codes(GRANT_A, "support"), _codes(GRANT_B, "support"),
                                        strict=True)]
    (code,) = code_agreement(units).codes
    assert code.code == "support" and code.applied == (25, 30)
    assert code.kappa is not None and round(code.kappa.kappa, 2) == 0.40


def test_alpha_per_code_is_krippendorffs_binary_alpha() -> None:
    units = [list(pair) for pair in zip(_codes([bool(v) for v in BINARY_A], "trust"),
                                        _codes([bool(v) for v in BINARY_B], "trust"),
                                        strict=True)]
    (code,) = code_agreement(units).codes
    assert round(code.alpha.alpha, 3) == 0.095
    assert code.alpha.values == (False, True)


def test_overall_alpha_pools_the_unit_code_pairs() -> None:
    trust_a = [bool(v) for v in BINARY_A] + [False] * 40
    trust_b = [bool(v) for v in BINARY_B] + [False] * 40
    units = [[({"support"} if GRANT_A[u] else set()) | ({"trust"} if trust_a[u] else set()),
              ({"support"} if GRANT_B[u] else set()) | ({"trust"} if trust_b[u] else set())]
             for u in range(50)]
    result = code_agreement(units)
    pairs = [[GRANT_A[u], GRANT_B[u]] for u in range(50)] + [[trust_a[u], trust_b[u]]
                                                            for u in range(50)]
    assert result.overall.alpha == pytest.approx(krippendorff_alpha(pairs).alpha, abs=1e-12)
    assert [code.code for code in result.codes] == ["support", "trust"]
    assert result.coders == 2 and result.units == 50


def test_a_coder_who_did_not_code_a_unit_is_missing_not_absent() -> None:
    base: list[list[set[str] | None]] = [[{"x"}, {"x"}], [set(), {"x"}], [set(), set()],
                                         [{"x"}, set()], [{"x"}, {"x"}]]
    with_gap = [*base, [None, {"x"}], [{"x"}, None]]
    (full,) = code_agreement(base).codes
    (gaps,) = code_agreement(with_gap).codes
    assert gaps.alpha.alpha == full.alpha.alpha
    assert gaps.kappa is not None and full.kappa is not None
    assert gaps.kappa.kappa == full.kappa.kappa and gaps.kappa.units == 5


def test_a_codebook_code_nobody_applied_is_undefined() -> None:
    result = code_agreement([[{"x"}, {"x"}], [set(), set()]], codes=["x", "unused"])
    unused = result.codes[1]
    assert unused.applied == (0, 0)
    assert math.isnan(unused.alpha.alpha) and unused.alpha.note is not None
    assert unused.kappa is not None and math.isnan(unused.kappa.kappa)


def test_three_coders_have_alpha_but_no_kappa() -> None:
    units: list[list[set[str] | None]] = [[{"x"}, {"x"}, set()], [set(), set(), set()],
                                          [{"x"}, {"x"}, {"x"}], [set(), {"x"}, None]]
    (code,) = code_agreement(units).codes
    flags = [[None if s is None else "x" in s for s in unit] for unit in units]
    assert code.kappa is None
    assert code.alpha.alpha == pytest.approx(krippendorff_alpha(flags).alpha, abs=1e-12)


@pytest.mark.parametrize(("units", "codes", "message"), [
    ([], None, "empty"), ([[{"x"}], [set()]], None, "at least two coders"),
    ([[{"x"}, {"y"}]], ["x"], "not in the codebook"), ([["x", {"x"}]], None, "collection"),
    ([[set(), set()]], None, "no codes"), ([[{"x"}, None], [None, {"x"}]], None, "no pairable"),
    ([[{"x"}, {"x"}]], ["x", "x"], "twice")])
def test_unusable_codings_are_refused(units: list[list[object]], codes: list[str] | None,
                                      message: str) -> None:
    with pytest.raises(ValueError, match=message):
        code_agreement(units, codes=codes)  # type: ignore[arg-type]
