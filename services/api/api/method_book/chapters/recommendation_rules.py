"""The rules that turn the numbers of the chapters before into recommendations (R1–R4, see
docs/method-book.md, "Recommendations"). A rule reads those numbers only — no database — and
every recommendation it makes carries the numbers it rests on as evidence: the chapter's key,
an RFC 6901 pointer into that chapter's numbers and the value found there. A value that is
missing, not a number or not finite never satisfies a rule: no evidence, no recommendation.
"""

import math
from collections.abc import Callable, Iterator
from typing import Any

from api.analyses.effects.evidence import ORDER
from api.vocabularies.models import EvidenceLevel

EFFECTS, SUPPORT, SUCCESS = "wat-werkt", "ondersteuning", "succesfactoren"
STRONG, MODERATE, TENTATIVE = "sterk", "matig", "voorlopig"
Numbers = dict[str, dict[str, Any]]

# What each rule asks (the thresholds are data: the chapter's rules table prints them).
R1_MIN_K, R1_MIN_ESTIMATE = 3, 0.2  # Cohen's small effect; the 95 % CI wholly above 0
MAX_P = 0.05  # R2 (subgroup test) and R3 (log-rank)
R4_MIN_CONSISTENCY, R4_MIN_COVERAGE, R4_MIN_CASES = 0.8, 0.1, 3
# Groups that are no choice one could make, so nothing to put effort into (R1 skips them).
# "nee" of a yes/no grouping (no makelaar, not started by residents) and the band of 0 hours
# are the absence of an approach: that both sides work is no advice; which works better is
# R2's. R3 recommends no style that is no choice either.
NOT_A_CHOICE = frozenset({"onbekend", "geen-ondersteuning", "alle", "nee", "0"})
# R2 compares a grouping's highest and lowest estimate, since its test is about all groups.
# It says nothing when either is the unknown or has fewer than R1_MIN_K initiatives (a group
# of one is no basis for "works better", and the test's p may rest on it). The absence of
# support is compared: that support works better than none is worth saying.
NOT_COMPARED = frozenset({"onbekend", "alle"})
# Strength: (minimum k or cases, a second bound) for 'sterk' and for 'matig'; else 'voorlopig'.
GROUP_STRENGTH = {STRONG: (10, 0.4), MODERATE: (5, 0.8)}  # k, widest 95 % CI
GOOD_LEVELS = frozenset(ORDER[ORDER.index(EvidenceLevel.GOEDE_AANWIJZINGEN):])
FIRST_LEVELS = frozenset(ORDER[ORDER.index(EvidenceLevel.EERSTE_AANWIJZINGEN):])
MIN_LEVEL_SHARE = 0.5  # of a group's initiatives at the level sterk / matig asks
TEST_STRENGTH = {STRONG: (10, 0.001), MODERATE: (5, 0.01)}  # smallest group's k or n, p below
PATH_STRENGTH = {STRONG: (10, 0.9), MODERATE: (5, 0.85)}  # cases, consistency at least


def finite(value: Any) -> float | None:
    """A number the rules may use: int or float, finite (bool is not a number here)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value) if math.isfinite(value) else None


def pointer(tokens: tuple[str | int, ...]) -> str:
    """RFC 6901: "/" before each token, "~" written "~0" and "/" written "~1"."""
    return "".join("/" + str(token).replace("~", "~0").replace("/", "~1")
                   for token in tokens)


def resolve(document: Any, path: str) -> Any:
    """The value at an RFC 6901 pointer (KeyError/IndexError when there is none)."""
    found = document
    for raw in path.split("/")[1:]:
        token = raw.replace("~1", "/").replace("~0", "~")
        found = found[int(token)] if isinstance(found, list) else found[token]
    return found


def cite(chapter: str, numbers: dict[str, Any], *tokens: str | int,
         about: str | None = None) -> dict[str, Any]:
    """One evidence item; the value is read at the pointer, so it is the cited number."""
    path = pointer(tokens)
    return {"chapter": chapter, "pointer": path, "value": resolve(numbers, path),
            "about": about}


def cite_numbers(chapter: str, numbers: dict[str, Any], at: tuple[str | int, ...],
                 names: tuple[str, ...], about: str | None) -> list[dict[str, Any]]:
    """The evidence items of those `names` under `at` that hold a finite number."""
    place = resolve(numbers, pointer(at))
    return [cite(chapter, numbers, *at, name, about=about) for name in names
            if finite(place.get(name)) is not None]


def _dicts(value: Any) -> list[tuple[int, dict[str, Any]]]:
    return [(i, item) for i, item in enumerate(value) if isinstance(item, dict)] \
        if isinstance(value, list) else []


def _chapter(earlier: Numbers, key: str) -> dict[str, Any]:
    found = earlier.get(key)
    return found if isinstance(found, dict) else {}


def effect_groupings(earlier: Numbers
                     ) -> Iterator[tuple[str, tuple[str | int, ...], dict[str, Any], str]]:
    """(chapter, pointer tokens, grouping, key of its subgroup p) of every effect grouping:
    what works first, then the support chapter's groupings that what works has not (both
    group by support style, with the same numbers: one recommendation, not two)."""
    seen = set()
    for i, grouping in _dicts(_chapter(earlier, EFFECTS).get("groupings")):
        seen.add(grouping.get("by"))
        yield EFFECTS, ("groupings", i), grouping, "subgroupP"
    effects = _chapter(earlier, SUPPORT).get("effects")
    for i, grouping in _dicts(effects.get("groupings") if isinstance(effects, dict) else None):
        if grouping.get("by") not in seen:
            yield SUPPORT, ("effects", "groupings", i), grouping, "testP"


def _level_counts(group: dict[str, Any]) -> dict[str, float] | None:
    """The group's evidence levels (level → initiatives), None when none are recorded."""
    levels = group.get("evidenceLevels")
    if not isinstance(levels, dict) or not levels:
        return None
    counts = {name: count for name, raw in levels.items() if isinstance(name, str)
              and (count := finite(raw)) is not None and count >= 0}
    return counts if sum(counts.values()) > 0 else None


def group_strength(k: float, width: float, levels: dict[str, float] | None) -> str:
    """'sterk': k ≥ 10, a CI at most 0.4 wide and at least half the initiatives with good
    or strong indications; 'matig': k ≥ 5, at most 0.8 wide and, where levels are recorded,
    at least half with first indications or better; else 'voorlopig'."""
    total = sum(levels.values()) if levels else 0

    def share(wanted: frozenset[EvidenceLevel]) -> float:
        return sum(n for name, n in (levels or {}).items() if name in wanted) / total \
            if total else 0.0

    strong_k, strong_width = GROUP_STRENGTH[STRONG]
    if k >= strong_k and width <= strong_width and share(GOOD_LEVELS) >= MIN_LEVEL_SHARE:
        return STRONG
    moderate_k, moderate_width = GROUP_STRENGTH[MODERATE]
    if k >= moderate_k and width <= moderate_width and (
            levels is None or share(FIRST_LEVELS) >= MIN_LEVEL_SHARE):
        return MODERATE
    return TENTATIVE


def works(earlier: Numbers) -> Iterator[dict[str, Any]]:
    """R1: a group whose pooled 95 % CI lies wholly above 0, with k ≥ 3 and an estimate of
    at least 0.2."""
    for chapter, at, grouping, _ in effect_groupings(earlier):
        for j, group in _dicts(grouping.get("groups")):
            k, estimate = finite(group.get("k")), finite(group.get("estimate"))
            low, high = finite(group.get("ciLb")), finite(group.get("ciUb"))
            if (k is None or estimate is None or low is None or high is None
                    or group.get("label") in NOT_A_CHOICE or not isinstance(
                        group.get("label"), str)):
                continue
            if low > 0 and high >= low and k >= R1_MIN_K and estimate >= R1_MIN_ESTIMATE:
                numbers, here, label = earlier[chapter], (*at, "groups", j), group["label"]
                levels = _level_counts(group)
                evidence = [cite(chapter, numbers, *here, name, about=label)
                            for name in ("estimate", "ciLb", "ciUb", "k")]
                evidence += [cite(chapter, numbers, *here, "evidenceLevels", name, about=label)
                             for name in sorted(levels or {}, key=_level_rank)]
                yield {"rule": "R1", "strength": group_strength(k, high - low, levels),
                       "subject": {"chapter": chapter, "grouping": grouping.get("by"),
                                   "group": label},
                       "section": f"{chapter}-{grouping.get('by')}", "evidence": evidence}


def _level_rank(name: str) -> int:
    codes = [level.value for level in ORDER]
    return codes.index(name) if name in codes else len(codes)


def compared_strength(p: float, smallest: float) -> str:
    """'sterk': p < 0.001 and the smallest compared group ≥ 10; 'matig': p < 0.01 and ≥ 5."""
    for strength in (STRONG, MODERATE):
        size, below = TEST_STRENGTH[strength]
        if p < below and smallest >= size:
            return strength
    return TENTATIVE


def _extremes(groups: list[tuple[int, dict[str, Any]]], name: str
              ) -> tuple[int, int] | None:
    """The positions of the highest and the lowest `name` (ties: the first in the chapter's
    order); None when fewer than two groups have one or they are all equal."""
    valued = [(i, value) for i, group in groups
              if (value := finite(group.get(name))) is not None]
    if len(valued) < 2:
        return None
    best = max(valued, key=lambda pair: pair[1])
    worst = min(valued, key=lambda pair: pair[1])
    return (best[0], worst[0]) if best[1] > worst[1] else None


def differs(earlier: Numbers) -> Iterator[dict[str, Any]]:
    """R2: a grouping whose subgroup test has p < 0.05: its best against its worst group,
    when both are compared (not NOT_COMPARED, k ≥ R1_MIN_K)."""
    for chapter, at, grouping, p_key in effect_groupings(earlier):
        p = finite(grouping.get(p_key))
        groups = [(i, group) for i, group in _dicts(grouping.get("groups"))
                  if group.get("label") != "alle"]
        found = _extremes(groups, "estimate")
        if p is None or p >= MAX_P or found is None:
            continue
        numbers, by_position = earlier[chapter], dict(groups)
        best, worst = (by_position[j] for j in found)
        if any(group.get("label") in NOT_COMPARED or (finite(group.get("k")) or 0) < R1_MIN_K
               for group in (best, worst)):
            continue
        evidence = [cite(chapter, numbers, *at, p_key)]
        for j in found:
            evidence += cite_numbers(chapter, numbers, (*at, "groups", j), ("estimate", "k"),
                                     str(by_position[j].get("label")))
        smallest = min(finite(best.get("k")) or 0.0, finite(worst.get("k")) or 0.0)
        yield {"rule": "R2", "strength": compared_strength(p, smallest),
               "subject": {"chapter": chapter, "grouping": grouping.get("by"),
                           "best": best.get("label"), "worst": worst.get("label")},
               "section": f"{chapter}-{grouping.get('by')}", "evidence": evidence}


def lasts(earlier: Numbers) -> Iterator[dict[str, Any]]:
    """R3: durability by support style with a log-rank p < 0.05: the style with the highest
    S(12), citing every style's S(12) and n."""
    numbers = _chapter(earlier, SUPPORT)
    durability = numbers.get("durability")
    if not isinstance(durability, dict) or not isinstance(durability.get("logRank"), dict):
        return
    p = finite(durability["logRank"].get("p"))
    groups = [(i, group) for i, group in _dicts(durability.get("groups"))
              if finite(group.get("survival12")) is not None]
    found = _extremes(groups, "survival12")
    if p is None or p >= MAX_P or found is None or (
            dict(groups)[found[0]].get("label") in NOT_A_CHOICE):
        return
    evidence = [cite(SUPPORT, numbers, "durability", "logRank", "p")]
    for i, group in groups:
        evidence += cite_numbers(SUPPORT, numbers, ("durability", "groups", i),
                                 ("survival12", "n"), str(group.get("label")))
    smallest = min(finite(group.get("n")) or 0.0 for _, group in groups)
    yield {"rule": "R3", "strength": compared_strength(p, smallest),
           "subject": {"chapter": SUPPORT, "grouping": durability.get("by"),
                       "group": dict(groups)[found[0]].get("label")},
           "section": f"{SUPPORT}-durability", "evidence": evidence}


def path_strength(cases: float, consistency: float) -> str:
    """'sterk': ≥ 10 cases and consistency ≥ 0.9; 'matig': ≥ 5 cases and ≥ 0.85."""
    for strength in (STRONG, MODERATE):
        size, least = PATH_STRENGTH[strength]
        if cases >= size and consistency >= least:
            return strength
    return TENTATIVE


def path_passes(consistency: float | None, coverage: float | None, cases: float | None
                ) -> bool:
    """R4's condition on one path: consistency ≥ 0.8, raw coverage ≥ 0.1, ≥ 3 cases."""
    return (consistency is not None and coverage is not None and cases is not None
            and consistency >= R4_MIN_CONSISTENCY and coverage >= R4_MIN_COVERAGE
            and cases >= R4_MIN_CASES)


def combination(earlier: Numbers) -> Iterator[dict[str, Any]]:
    """R4: each success-factor path (a term of a solution) that passes path_passes; a path
    in two solutions of one outcome is recommended once, from the first."""
    numbers = _chapter(earlier, SUCCESS)
    seen: set[tuple[Any, Any]] = set()
    for i, outcome in _dicts(numbers.get("outcomes")):
        for j, solution in _dicts(outcome.get("solutions")):
            for t, term in _dicts(solution.get("terms")):
                name, key = term.get("term"), (outcome.get("outcome"), term.get("term"))
                consistency, coverage = finite(term.get("inclS")), finite(term.get("covS"))
                cases = finite(term.get("n"))
                if not isinstance(name, str) or key in seen or not path_passes(
                        consistency, coverage, cases):
                    continue
                seen.add(key)
                here = ("outcomes", i, "solutions", j, "terms", t)
                yield {"rule": "R4", "strength": path_strength(cases or 0.0, consistency or 0.0),
                       "subject": {"chapter": SUCCESS, "outcome": outcome.get("outcome"),
                                   "term": name},
                       "section": f"{SUCCESS}-{outcome.get('outcome')}",
                       "evidence": [cite(SUCCESS, numbers, *here, field, about=name)
                                    for field in ("inclS", "covS", "n")]}


RULES: tuple[tuple[str, Callable[[Numbers], Iterator[dict[str, Any]]]], ...] = (
    ("R1", works), ("R2", differs), ("R3", lasts), ("R4", combination))


def recommendations(earlier: Numbers) -> list[dict[str, Any]]:
    """Every rule's recommendations, rule by rule, each in its chapter's order; none
    without evidence."""
    return [found for _, rule in RULES for found in rule(earlier) if found["evidence"]]
