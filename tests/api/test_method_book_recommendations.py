"""The method book's 'Aanbevelingen' chapter: every recommendation follows from a documented
rule applied to the numbers of the chapters before, cites numbers that are exactly those at
its pointers, and meets its rule's condition on them; without evidence there is no
recommendation, and the chapter says so. Same numbers → same HTML, in Dutch and English."""

import random
import re
from datetime import date
from typing import Any

import pytest
from sqlmodel import Session

from api.method_book.chapters import effects, recommendations, success_factors, support
from api.method_book.chapters.recommendation_rules import (
    FIRST_LEVELS,
    GOOD_LEVELS,
    MAX_P,
    MODERATE,
    NOT_A_CHOICE,
    NOT_COMPARED,
    PATH_STRENGTH,
    R1_MIN_ESTIMATE,
    R1_MIN_K,
    R4_MIN_CASES,
    R4_MIN_CONSISTENCY,
    R4_MIN_COVERAGE,
    STRONG,
    TENTATIVE,
    TEST_STRENGTH,
    differs,
    resolve,
)
from api.method_book.parameters import BookParameters
from tests.api.method_book_world import build_world

TODAY = date.today()
NOTHING = {"nl": "De gegevens ondersteunen geen enkele aanbeveling",
           "en": "The data do not support any recommendation"}


def _earlier(session: Session, params: BookParameters) -> dict[str, dict[str, Any]]:
    """The numbers of the chapters before, as the book's numbers file holds them."""
    return {effects.KEY: effects.effect_numbers(session, params, TODAY),
            support.KEY: support.support_numbers(session, params, TODAY)[0],
            success_factors.KEY: success_factors.success_numbers(session, params, TODAY)}


def _by_name(found: dict[str, Any]) -> dict[str, list[Any]]:
    """The cited values by the last token of their pointer."""
    named: dict[str, list[Any]] = {}
    for item in found["evidence"]:
        named.setdefault(item["pointer"].rsplit("/", 1)[1], []).append(item["value"])
    return named


def _assert_r1(found: dict[str, Any], named: dict[str, list[Any]]) -> None:
    [k], [estimate], [low], [high] = (named[name] for name in ("k", "estimate", "ciLb", "ciUb"))
    assert low > 0 and k >= R1_MIN_K and estimate >= R1_MIN_ESTIMATE
    assert found["subject"]["group"] not in NOT_A_CHOICE
    levels = {item["pointer"].rsplit("/", 1)[1]: item["value"] for item in found["evidence"]
              if "/evidenceLevels/" in item["pointer"]}
    total = sum(levels.values())
    if found["strength"] == STRONG:  # strong asks for its k, width and levels, all cited
        assert k >= 10 and high - low <= 0.4
        assert sum(n for name, n in levels.items() if name in GOOD_LEVELS) >= total / 2 > 0
    elif found["strength"] != TENTATIVE:
        assert k >= 5 and high - low <= 0.8
        assert not levels or sum(n for name, n in levels.items()
                                 if name in FIRST_LEVELS) >= total / 2


def _assert_compared_strength(strength: str, p: float, sizes: list[Any], groups: int) -> None:
    """R2 and R3: strong or moderate only with the p and the sizes of every compared group
    cited and within that strength's bounds."""
    if strength != TENTATIVE:
        size, below = TEST_STRENGTH[strength]
        assert p < below and len(sizes) == groups and min(sizes) >= size


def _assert_condition(found: dict[str, Any]) -> None:
    """The recommendation meets its rule's condition on the values it cites, and its
    strength's bounds."""
    named = _by_name(found)
    rule = found["rule"]
    if rule == "R1":
        _assert_r1(found, named)
    elif rule == "R2":
        [p] = named.get("subgroupP", []) + named.get("testP", [])
        best, worst = named["estimate"]
        assert p < MAX_P and best > worst
        assert len(named["k"]) == 2 and min(named["k"]) >= R1_MIN_K  # both compared groups
        assert not {found["subject"]["best"], found["subject"]["worst"]} & NOT_COMPARED
        _assert_compared_strength(found["strength"], p, named.get("k", []), 2)
        labels = [item["about"] for item in found["evidence"][1:]]
        assert labels[0] == found["subject"]["best"] and labels[-1] == found["subject"]["worst"]
    elif rule == "R3":
        [p] = named["p"]
        shares = {item["about"]: item["value"] for item in found["evidence"]
                  if item["pointer"].endswith("/survival12")}
        assert p < MAX_P and len(shares) >= 2
        assert shares[found["subject"]["group"]] == max(shares.values()) > min(shares.values())
        assert found["subject"]["group"] not in NOT_A_CHOICE
        _assert_compared_strength(found["strength"], p, named.get("n", []), len(shares))
    else:
        [consistency], [coverage], [cases] = named["inclS"], named["covS"], named["n"]
        assert consistency >= R4_MIN_CONSISTENCY and coverage >= R4_MIN_COVERAGE
        assert cases >= R4_MIN_CASES
        if found["strength"] in (STRONG, MODERATE):
            least_cases, least_consistency = PATH_STRENGTH[found["strength"]]
            assert cases >= least_cases and consistency >= least_consistency


def _assert_cited(chapter: Any, earlier: dict[str, dict[str, Any]]) -> None:
    """Every recommendation has evidence, every pointer resolves to exactly the cited
    value, and the rule's condition holds on the cited values."""
    found = chapter.numbers["recommendations"]
    assert chapter.numbers["count"] == len(found)
    for item in found:
        assert item["evidence"], item
        for cited in item["evidence"]:
            value = resolve(earlier[cited["chapter"]], cited["pointer"])
            assert value == cited["value"] and type(value) is type(cited["value"])
        _assert_condition(item)


@pytest.mark.usefixtures("world")
def test_every_cited_number_is_the_number_at_its_pointer(session: Session) -> None:
    params = BookParameters()
    earlier = _earlier(session, params)
    chapter = recommendations.build(params, earlier)
    assert chapter.key == "aanbevelingen" and chapter.title == "Aanbevelingen"
    assert chapter.numbers["count"] >= 1  # the world shows effects above 0
    _assert_cited(chapter, earlier)
    # Every link goes to a section of the chapter it cites.
    html = {effects.KEY: effects.build(session, params, TODAY).html,
            support.KEY: support.build(session, params, TODAY).html,
            success_factors.KEY: success_factors.build(session, params, TODAY).html}
    for item in chapter.numbers["recommendations"]:
        assert f'id="{item["section"]}"' in html[item["subject"]["chapter"]]
        assert f'href="#{item["section"]}"' in chapter.html
    assert NOTHING["nl"] not in chapter.html


@pytest.fixture
def world(session: Session) -> None:
    build_world(session)


def _no_evidence() -> list[dict[str, dict[str, Any]]]:
    """Numbers where no rule finds evidence."""
    crossing = {"label": "buurtbudget", "k": 12, "estimate": 0.5, "ciLb": -0.1, "ciUb": 1.1,
                "evidenceLevels": {"sterke-aanwijzingen": 12}}
    small = {**crossing, "label": "bewonersinitiatief", "estimate": 0.15, "ciLb": 0.05}
    few = {**crossing, "label": "ja", "k": 2, "ciLb": 0.3}
    unknown = {**crossing, "label": "onbekend", "ciLb": 0.3}
    absent = {**crossing, "label": "nee", "ciLb": 0.3}  # e.g. without a makelaar: no approach
    empty = {"label": "x", "k": 0, "estimate": None, "ciLb": None, "ciUb": None}
    return [
        {},
        {"wat-werkt": {"groupings": []}, "ondersteuning": {"effects": {"groupings": []},
                                                          "durability": {"groups": []}}},
        {"wat-werkt": {"groupings": [
            {"by": "organisationForm", "groups": [crossing, small, few, unknown, absent],
             "subgroupP": 0.2},
            {"by": "supportStyle", "groups": [empty, {**empty, "label": "y"}],
             "subgroupP": 0.001}]},
         "ondersteuning": {"effects": {"groupings": [
             {"by": "supportHours", "groups": [crossing], "testP": None}]},
             "durability": {"by": "supportStyle", "logRank": None, "groups": [
                 {"label": "faciliterend", "n": 10, "survival12": 0.9},
                 {"label": "overnemend", "n": 10, "survival12": 0.2}]}},
         "succesfactoren": {"outcomes": [{"outcome": "effect", "solutions": [{"terms": [
             {"term": "HOURS", "inclS": 0.79, "covS": 0.5, "n": 10},
             {"term": "MAKELAAR_INVOLVED", "inclS": 0.95, "covS": 0.05, "n": 10},
             {"term": "RESIDENT_INITIATED", "inclS": 0.95, "covS": 0.5, "n": 2}]}]}]}},
        {"ondersteuning": {"durability": {"by": "supportStyle", "logRank": {"p": 0.01},
                                          "groups": [{"label": "a", "survival12": None},
                                                     {"label": "b", "survival12": 0.5}]}},
         "succesfactoren": {"outcomes": [{"outcome": "effect", "note": "te weinig",
                                          "solutions": []}]}},
    ]


@pytest.mark.parametrize("earlier", _no_evidence())
@pytest.mark.parametrize("language", ["nl", "en"])
def test_without_evidence_there_is_no_recommendation_and_the_chapter_says_so(
    earlier: dict[str, dict[str, Any]], language: str,
) -> None:
    chapter = recommendations.build(BookParameters(language=language), earlier)
    assert chapter.numbers["recommendations"] == [] and chapter.numbers["count"] == 0
    assert NOTHING[language] in chapter.html
    assert "<article" not in chapter.html
    assert [section for section, _ in chapter.sections] == ["aanbevelingen-rules"]


def test_an_empty_world_recommends_nothing(session: Session) -> None:
    params = BookParameters(language="en")
    chapter = recommendations.build(params, _earlier(session, params))
    assert chapter.numbers["count"] == 0 and NOTHING["en"] in chapter.html


def _value(rng: random.Random, low: float, high: float) -> Any:
    """A number in [low, high], or an edge: None, a string, a bool, zero, infinity."""
    roll = rng.random()
    if roll < 0.08:
        return rng.choice([None, "0,5", True, 0, float("inf"), -1])
    value = rng.uniform(low, high)
    return round(value, 3) if roll < 0.9 else int(value)


def _group(rng: random.Random, with_levels: bool) -> dict[str, Any]:
    estimate = _value(rng, -0.5, 1.2)
    half = rng.uniform(0.01, 0.9)
    number = estimate if isinstance(estimate, float) else 0.3
    group = {"label": rng.choice(["a", "b", "c", "ja", "nee", "onbekend", "faciliterend", "0"]),
             "k": _value(rng, 0, 30), "estimate": estimate,
             "ciLb": round(number - half, 3), "ciUb": round(number + half, 3)}
    if with_levels:
        group["evidenceLevels"] = {level: rng.randint(0, 8) for level in rng.sample(
            ["goed-beschreven", "eerste-aanwijzingen", "goede-aanwijzingen",
             "sterke-aanwijzingen"], rng.randint(0, 3))}
    return group


def _random_numbers(rng: random.Random) -> dict[str, dict[str, Any]]:
    def groupings(p_key: str, levels: bool) -> list[dict[str, Any]]:
        return [{"by": by, p_key: _value(rng, 0, 0.2),
                 "groups": [_group(rng, levels) for _ in range(rng.randint(0, 4))]}
                for by in rng.sample(["organisationForm", "supportStyle", "supportHours",
                                      "makelaarInvolved", "competence"], rng.randint(0, 3))]

    styles = [{"label": style, "n": _value(rng, 0, 30), "survival12": _value(rng, 0, 1)}
              for style in rng.sample(["faciliterend", "overnemend", "stimulerend",
                                       "geen-ondersteuning"], rng.randint(0, 4))]
    terms = [{"term": rng.choice(["HOURS", "~HOURS*MAKELAAR_INVOLVED", "RESIDENT_INITIATED"]),
              "inclS": _value(rng, 0.6, 1), "covS": _value(rng, 0, 0.6),
              "n": _value(rng, 0, 15)} for _ in range(rng.randint(0, 4))]
    found: dict[str, dict[str, Any]] = {
        "wat-werkt": {"groupings": groupings("subgroupP", True)},
        "ondersteuning": {"effects": {"groupings": groupings("testP", False)},
                          "durability": {"by": "supportStyle", "groups": styles,
                                         "logRank": rng.choice([None, {"p": _value(
                                             rng, 0, 0.1)}])}},
        "succesfactoren": {"outcomes": [{"outcome": outcome, "solutions": [{"terms": terms}]}
                                        for outcome in ("effect", "durability")]}}
    for key in rng.sample(sorted(found), rng.randint(0, 1)):
        del found[key]  # a chapter missing
    return found


@pytest.mark.parametrize("seed", range(4))
def test_every_recommendation_of_random_numbers_meets_its_rule(seed: int) -> None:
    """A property test (seeded, so it is the same test every run): 300 random sets of
    chapter numbers, with missing, non-numeric and infinite values among them."""
    rng = random.Random(seed)
    made = 0
    for _ in range(300):
        earlier = _random_numbers(rng)
        chapter = recommendations.build(BookParameters(language=rng.choice(["nl", "en"])),
                                        earlier)
        _assert_cited(chapter, earlier)
        made += chapter.numbers["count"]
        shown = len(re.findall(r'<article class="recommendation"', chapter.html))
        assert shown == chapter.numbers["count"]
        assert (NOTHING["nl"] in chapter.html or NOTHING["en"] in chapter.html) == (shown == 0)
    assert made > 0  # the generator does reach the rules


def test_the_same_numbers_give_the_same_html_in_dutch_and_english() -> None:
    earlier = next(found for found in (_random_numbers(random.Random(seed))
                                       for seed in range(100))
                   if recommendations.build(BookParameters(), found).numbers["count"])
    dutch = recommendations.build(BookParameters(), earlier)
    assert dutch.html.encode() == recommendations.build(BookParameters(), earlier).html.encode()
    english = recommendations.build(BookParameters(language="en"), earlier)
    assert english.numbers == dutch.numbers and english.title == "Recommendations"
    assert "Strength" in english.html and "Sterkte" in dutch.html
    assert english.html.count("<article") == dutch.html.count("<article")
    assert english.sections[-1] == ("aanbevelingen-rules", "How the recommendations are made")


@pytest.mark.parametrize(("worst", "says"), [
    ({"label": "onbekend", "k": 20, "estimate": -1.0}, False),
    ({"label": "cooperatie", "k": 1, "estimate": -1.0}, False),
    ({"label": "cooperatie", "k": 3, "estimate": -1.0}, True),
], ids=["unknown-lowest", "one-initiative-lowest", "three-initiatives-lowest"])
def test_r2_says_nothing_when_the_difference_may_rest_on_a_group_it_does_not_compare(
        worst: dict[str, Any], says: bool) -> None:
    """The test's p is about every group: a tiny difference between two groups beside an
    unknown or one-initiative outlier is no "works better"."""
    groups = [{"label": "buurtbudget", "k": 12, "estimate": 0.301},
              {"label": "zelfbeheer", "k": 12, "estimate": 0.300}, worst]
    earlier = {"wat-werkt": {"groupings": [
        {"by": "organisationForm", "groups": groups, "subgroupP": 0.0001}]}}
    found = list(differs(earlier))
    assert [(item["subject"]["best"], item["subject"]["worst"]) for item in found] == (
        [("buurtbudget", "cooperatie")] if says else [])
