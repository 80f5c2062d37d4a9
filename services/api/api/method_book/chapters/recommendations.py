"""Aanbevelingen / Recommendations: what the chapters before say one could do, each derived
by a documented rule (recommendation_rules: R1 works, R2 differs, R3 lasts, R4 combination)
from those chapters' numbers alone, with the numbers it rests on and its strength. No
database: `build(params, earlier)` takes the numbers of the earlier chapters by key. When no
rule finds evidence the chapter says so, and recommends nothing."""

from typing import Any

from api.method_book.chapters import Chapter, effects, success_factors, support
from api.method_book.chapters.figures import label, p_value
from api.method_book.chapters.recommendation_rules import (
    EFFECTS,
    MAX_P,
    R1_MIN_ESTIMATE,
    R1_MIN_K,
    R4_MIN_CASES,
    R4_MIN_CONSISTENCY,
    R4_MIN_COVERAGE,
    SUCCESS,
    SUPPORT,
    Numbers,
    recommendations,
)
from api.method_book.chapters.recommendation_words import (
    STRENGTHS,
    VALUE_NAMES,
    group_name,
    recommendation_text,
    rule_words,
)
from api.method_book.chapters.success_sentences import condition_words
from api.method_book.parameters import BookParameters
from api.method_book.render import number, render_fragment
from api.vocabularies.models import EvidenceLevel

KEY = "aanbevelingen"
TITLES = {"nl": {KEY: "Aanbevelingen", "rules": "Hoe de aanbevelingen tot stand komen"},
          "en": {KEY: "Recommendations", "rules": "How the recommendations are made"}}
CHAPTER_TITLES = {EFFECTS: effects.TITLES, SUPPORT: support.TITLES,
                  SUCCESS: success_factors.TITLES}
# Decimals per cited value, by the last token of its pointer (counts have none).
DECIMALS = {"estimate": 2, "ciLb": 2, "ciUb": 2, "survival12": 2, "inclS": 2, "covS": 2}
P_VALUES = frozenset({"subgroupP", "testP", "p"})


def _source_title(section: str, chapter: str, language: str) -> str:
    """"Wat werkt — Per organisatievorm": the chapter and the section a number is in."""
    titles = CHAPTER_TITLES[chapter][language]
    part = section.removeprefix(f"{chapter}-")
    return f"{titles[chapter]} — {titles[part]}" if part in titles else titles[chapter]


def _about(item: dict[str, Any], grouping: str | None, language: str) -> str:
    """The group or path a cited value belongs to, in words."""
    about = item["about"]
    if about is None:
        return ""
    if item["chapter"] == SUCCESS:
        return " + ".join(condition_words(about, language))
    return group_name(grouping, about, language)


def _cited(item: dict[str, Any], grouping: str | None, language: str) -> dict[str, str]:
    """A cited number as the reader sees it: whose, what, and the value."""
    tokens = item["pointer"].split("/")
    name = tokens[-1]
    if tokens[-2] == "evidenceLevels":
        what = VALUE_NAMES[language]["evidenceLevel"].format(
            level=label(name, language, EvidenceLevel))
        shown = number(item["value"], 0, language)
    elif name in P_VALUES:
        what, shown = VALUE_NAMES[language][name], f"p {p_value(item['value'], language)}"
    else:
        what = VALUE_NAMES[language].get(name, name)
        shown = number(item["value"], DECIMALS.get(name, 0), language)
    return {"about": _about(item, grouping, language), "what": what, "value": shown}


def _shown(found: dict[str, Any], position: int, language: str) -> dict[str, Any]:
    subject = found["subject"]
    grouping = subject.get("grouping")
    return {"id": f"{KEY}-{position}", "rule": found["rule"],
            "text": recommendation_text(found, language),
            "strength": STRENGTHS[language][found["strength"]],
            "cited": [_cited(item, grouping, language) for item in found["evidence"]],
            "section": found["section"],
            "source": _source_title(found["section"], subject["chapter"], language)}


def thresholds() -> dict[str, Any]:
    """The rules' thresholds, kept with the numbers so that a reader of the numbers file
    can check every recommendation against them."""
    return {"R1": {"minK": R1_MIN_K, "minEstimate": R1_MIN_ESTIMATE, "ciLowerAbove": 0},
            "R2": {"maxP": MAX_P, "minK": R1_MIN_K}, "R3": {"maxP": MAX_P, "survivalAt": 12},
            "R4": {"minConsistency": R4_MIN_CONSISTENCY, "minCoverage": R4_MIN_COVERAGE,
                   "minCases": R4_MIN_CASES}}


def build(params: BookParameters, earlier: Numbers) -> Chapter:
    """The chapter from the numbers of the chapters before it (by key)."""
    language = params.language
    found = recommendations(earlier)
    numbers = {"thresholds": thresholds(), "count": len(found), "recommendations": found}
    shown = [_shown(item, position, language) for position, item in enumerate(found, 1)]
    rules = [{"id": rule, **words} for rule, words in rule_words(language).items()]
    titles = TITLES[language]
    # One section per rule that recommends something, in the rules' order; then the rules.
    sections = [(f"{KEY}-{rule['id']}", rule["title"]) for rule in rules
                if any(item["rule"] == rule["id"] for item in shown)]
    groups = [{"id": section_id, "title": title,
               "items": [item for item in shown if section_id == f"{KEY}-{item['rule']}"]}
              for section_id, title in sections]
    sections.append((f"{KEY}-rules", titles["rules"]))
    html = render_fragment("chapters/recommendations.html", language, key=KEY,
                           title=titles[KEY], groups=groups, rules=rules,
                           rules_id=f"{KEY}-rules", rules_title=titles["rules"])
    return Chapter(key=KEY, title=titles[KEY], numbers=numbers, html=html, sections=sections)
