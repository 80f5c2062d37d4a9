"""Wat werkt / What works: the pooled effect overall and per organisation form, support
style, participatiemakelaar and resident initiative, computed by the functions behind
GET /v1/analysis/effects with the book's filters (docs/effects.md)."""

from datetime import date
from enum import StrEnum
from typing import Any

from sqlmodel import Session

from api.analyses.effects import service
from api.analyses.effects.evidence import ORDER
from api.analyses.effects.grouping import OVERLAPPING
from api.analyses.effects.models import GroupOut, GroupParams
from api.analyses.effects.subgroups import subgroup_test
from api.method_book.chapters import Chapter
from api.method_book.chapters.figures import ForestRow, forest_plot, label, p_value
from api.method_book.chapters.notes import readable_note
from api.method_book.parameters import BookParameters
from api.method_book.render import number, render_fragment
from api.vocabularies.models import EvidenceLevel, OrganisationForm

KEY = "wat-werkt"
GROUPINGS = ("organisationForm", "supportStyle", "makelaarInvolved", "residentInitiated")
# Groupings whose labels are codes of a vocabulary (the others' words are in figures.LABELS).
VOCABULARY: dict[str, type[StrEnum]] = {"organisationForm": OrganisationForm}
TITLES = {
    "nl": {KEY: "Wat werkt", "organisationForm": "Per organisatievorm",
           "supportStyle": "Per ondersteuningsstijl",
           "makelaarInvolved": "Met of zonder participatiemakelaar",
           "residentInitiated": "Door bewoners gestart of niet"},
    "en": {KEY: "What works", "organisationForm": "By organisation form",
           "supportStyle": "By support style",
           "makelaarInvolved": "With or without a participatiemakelaar",
           "residentInitiated": "Resident-initiated or not"},
}


def _levels(levels: list[EvidenceLevel]) -> dict[str, int]:
    return {level.value: levels.count(level) for level in ORDER if level in levels}


def group_numbers(group: GroupOut) -> dict[str, Any]:
    """A pooled group as the book reports it, the model's numbers as the API gives them."""
    model = group.model
    return {
        "label": group.label, "k": group.k,
        "estimate": model.estimate if model else None,
        "ciLb": model.ci_lb if model else None, "ciUb": model.ci_ub if model else None,
        "piLb": model.pi_lb if model else None, "piUb": model.pi_ub if model else None,
        "i2": model.i2 if model else None, "tau2": model.tau2 if model else None,
        "pval": model.pval if model else None, "note": group.note,
        "evidenceLevels": _levels([item.evidence_level for item in group.initiatives]),
    }


def effect_numbers(session: Session, params: BookParameters, as_of: date) -> dict[str, Any]:
    """The chapter's numbers: what GET /v1/analysis/effects?groupBy=… answers for each
    grouping, with the book's filters and the default model (REML, z, 95 %), counting
    durations to `as_of` (the book's data date, never the clock)."""
    options = GroupParams.model_validate({})  # the defaults, as the endpoint takes them
    pool = service.gather(session, params.filters(), options, as_of)
    overall = service.pooled_group(pool, service.ALL, pool.effects, options)
    groupings = []
    for name in GROUPINGS:
        members = service.members_by_label(pool, name)
        groups = [service.pooled_group(pool, found, effects, options)
                  for found, effects in members.items()]
        test_p, note = None, None
        if name in OVERLAPPING:
            note = "Groepen overlappen: geen toets. / Groups overlap: no test."
        else:
            test, note = subgroup_test(members, options)
            test_p = test.common_tau2.qm_p if test else None
        groupings.append({"by": name, "groups": [group_numbers(group) for group in groups],
                          "subgroupP": test_p, "subgroupNote": note})
    return {"method": options.method, "test": options.test, "level": options.level,
            "overall": group_numbers(overall), "evidenceLevels": _levels(
                [pool.initiative_level(effect) for effect in pool.effects]),
            "groupings": groupings}


def _row(group: dict[str, Any], language: str, by: str | None = None) -> dict[str, str]:
    """A table row: every number and code written out in the book's language."""
    def n(name: str, decimals: int = 2) -> str:
        return number(group[name], decimals, language)

    return {"label": label(group["label"], language, VOCABULARY.get(by or "")),
            "k": str(group["k"]),
            "estimate": n("estimate"), "ci": f"{n('ciLb')} – {n('ciUb')}",
            "pi": f"{n('piLb')} – {n('piUb')}", "i2": n("i2", 0),
            "note": readable_note(group["note"], language)}


def _levels_in_words(levels: dict[str, int], language: str) -> str:
    """All initiatives' evidence levels in one sentence (the groups' are a table)."""
    return ", ".join(f"{label(level, language, EvidenceLevel)}: {count}"
                     for level, count in levels.items())


def _level_table(groups: list[dict[str, Any]], language: str, by: str) -> dict[str, Any]:
    """The evidence levels of a grouping as a table of counts: a column per level any group
    has (in ORDER), a row per group. A table of its own, since a cell of words per group
    made the effects table too wide for a printed page."""
    present = [level for level in ORDER
               if any(level.value in group["evidenceLevels"] for group in groups)]
    return {"columns": [label(level.value, language, EvidenceLevel) for level in present],
            "rows": [{"label": label(group["label"], language, VOCABULARY.get(by)),
                      "counts": [group["evidenceLevels"].get(level.value, 0)
                                 for level in present]} for group in groups]}


def _forest(key: str, title: str, grouping: dict[str, Any], overall: dict[str, Any],
            language: str) -> Any:
    vocabulary = VOCABULARY.get(grouping["by"])
    rows = [ForestRow(label(group["label"], language, vocabulary), group["estimate"],
                      group["ciLb"], group["ciUb"]) for group in grouping["groups"]]
    rows.append(ForestRow(label(overall["label"], language), overall["estimate"],
                          overall["ciLb"], overall["ciUb"], pooled=True))
    if language == "en":
        desc = ("Forest plot: the pooled effect (SMD) with its 95 % confidence interval per "
                "group; the last row, a diamond, is all initiatives. Numbers in the table.")
    else:
        desc = ("Forestplot: het gepoolde effect (SMD) met het 95%-betrouwbaarheidsinterval "
                "per groep; de laatste rij, een ruit, is alle initiatieven. De getallen staan "
                "in de tabel.")
    return forest_plot(key, title, desc, rows, language)


def build(session: Session, params: BookParameters, as_of: date) -> Chapter:
    language = params.language
    numbers = effect_numbers(session, params, as_of)
    titles = TITLES[language]
    overall = numbers["overall"]
    sections = [(f"{KEY}-{grouping['by']}", titles[grouping["by"]])
                for grouping in numbers["groupings"]]
    blocks = [{
        "id": section_id, "title": title,
        "rows": [_row(group, language, grouping["by"]) for group in grouping["groups"]],
        "levels": _level_table(grouping["groups"], language, grouping["by"]),
        "test": p_value(grouping["subgroupP"], language),
        "note": readable_note(grouping["subgroupNote"], language,
                              VOCABULARY.get(grouping["by"])),
        "figure": _forest(f"{section_id}-fig", title, grouping, overall, language),
    } for (section_id, title), grouping in zip(sections, numbers["groupings"], strict=True)]
    html = render_fragment("chapters/effects.html", language, key=KEY, title=titles[KEY],
                           overall=_row(overall, language), k=overall["k"], blocks=blocks,
                           levels=_levels_in_words(overall["evidenceLevels"], language))
    return Chapter(key=KEY, title=titles[KEY], numbers=numbers, html=html,
                   sections=sections)
