"""Ondersteuning die ertoe doet / Support that matters: the pooled effect per kind of support,
professional role, support style, band of hours and — in a research book only — band of
competence, and how long initiatives keep going per style (Kaplan–Meier, log-rank), computed
by the functions behind GET /v1/analysis/support and /durability (docs/support.md)."""

from datetime import date
from enum import StrEnum
from typing import Any

from sqlmodel import Session

from api.analyses.competence_access import COMPETENCE
from api.analyses.durability.service import gather_cohort, split
from api.analyses.effects import service as effects
from api.analyses.support.effects import support_effects
from api.analyses.support.models import SupportParams
from api.method_book.chapters import Chapter
from api.method_book.chapters.figures import Steps, label, p_value, survival_plot
from api.method_book.chapters.notes import readable_note
from api.method_book.parameters import BookParameters
from api.method_book.render import number, render_fragment
from api.vocabularies.models import ProfessionalRole, SupportKind

KEY = "ondersteuning"
# In the order of the "kinds, styles, hours, competences"; competence comes from the
# assessments of professionals (personal data), so only a research book groups by it.
EFFECT_GROUPINGS = ("supportKind", "professionalRole", "supportStyle", "supportHours")
DURABILITY_BY = "supportStyle"
# Groupings whose labels are codes of a vocabulary (the others' words are in figures.LABELS).
VOCABULARY: dict[str, type[StrEnum]] = {"supportKind": SupportKind,
                                        "professionalRole": ProfessionalRole}
# The competence bands (grouping.COMPETENCE_BANDS) in words: 0.75 is mastery.
BANDS = {
    "nl": {"0-0.5": "onder 0,5", "0.5-0.75": "0,5 tot 0,75", "0.75-1": "0,75 of hoger"},
    "en": {"0-0.5": "below 0.5", "0.5-0.75": "0.5 to 0.75", "0.75-1": "0.75 or higher"},
}
TITLES = {
    "nl": {KEY: "Ondersteuning die ertoe doet", "supportKind": "Effect per soort ondersteuning",
           "professionalRole": "Effect per rol van de professional",
           "supportStyle": "Effect per ondersteuningsstijl",
           "supportHours": "Effect per aantal uren ondersteuning",
           COMPETENCE: "Effect per competentie van de professionals",
           "durability": "Duurzaamheid per ondersteuningsstijl"},
    "en": {KEY: "Support that matters", "supportKind": "Effect by kind of support",
           "professionalRole": "Effect by professional role",
           "supportStyle": "Effect by support style",
           "supportHours": "Effect by hours of support",
           COMPETENCE: "Effect by competence of the professionals",
           "durability": "Durability by support style"},
}


def effect_groupings(params: BookParameters) -> tuple[str, ...]:
    """The groupings of the effects: competence only in a research book."""
    return (*EFFECT_GROUPINGS, COMPETENCE) if params.for_research else EFFECT_GROUPINGS


def support_numbers(session: Session, params: BookParameters, as_of: date
                    ) -> tuple[dict[str, Any], list[Steps]]:
    """The chapter's numbers (those GET /v1/analysis/support gives for the same filters and
    default options, durations counted to `as_of`, the book's data date) and the curves for
    the figure."""
    options = SupportParams.model_validate({})  # the defaults, as the endpoint takes them
    filters = params.filters()
    pool = effects.gather(session, filters, options, as_of)
    report = support_effects(pool, options, effect_groupings(params))
    cohort = gather_cohort(session, filters, as_of, known=pool.facts)
    grouped = split(cohort, DURABILITY_BY)
    groups, curves = [], []
    for found, rows in grouped.members.items():
        curve = cohort.curve(rows, options.level)
        groups.append({"label": found, "n": len(rows), "events": int(cohort.events[rows].sum()),
                       "survival12": curve.survival_at(12), "survival24": curve.survival_at(24),
                       "median": curve.median})
        curves.append(Steps(found, [(point.time, point.survival) for point in curve.points],
                            curve.last_time))
    test = grouped.log_rank
    numbers = {
        "method": options.method, "test": options.test, "level": options.level,
        "effects": {"k": report.k, "groupings": [{
            "by": grouping.by, "testP": grouping.test.p if grouping.test else None,
            "note": grouping.note,
            "groups": [{"label": group.label, "k": group.k, "estimate": group.estimate,
                        "ciLb": group.ci_lb, "ciUb": group.ci_ub, "note": group.note}
                       for group in grouping.groups]} for grouping in report.groupings]},
        "durability": {
            "n": len(cohort.facts), "events": int(cohort.events.sum()),
            "leftOut": cohort.without_follow_up, "by": DURABILITY_BY, "groups": groups,
            "logRank": {"chi2": test.chi2, "df": test.df, "p": test.p} if test else None,
            "logRankNote": grouped.note},
    }
    return numbers, curves


def _group_label(by: str, value: str, language: str) -> str:
    if by == COMPETENCE and value in BANDS[language]:
        return BANDS[language][value]
    return label(value, language, VOCABULARY.get(by))


def _effect_block(grouping: dict[str, Any], language: str) -> dict[str, Any]:
    by = grouping["by"]
    rows = [{"label": _group_label(by, group["label"], language), "k": str(group["k"]),
             "estimate": number(group["estimate"], 2, language),
             "ci": (f"{number(group['ciLb'], 2, language)} – "
                    f"{number(group['ciUb'], 2, language)}")} for group in grouping["groups"]]
    return {"id": f"{KEY}-{by}", "title": TITLES[language][by], "by": by, "rows": rows,
            "test": p_value(grouping["testP"], language),
            "note": readable_note(grouping["note"], language,
                                  name=lambda group: _group_label(by, group, language))}


def _durability_block(durability: dict[str, Any], curves: list[Steps],
                      language: str) -> dict[str, Any]:
    title = TITLES[language]["durability"]
    named = [Steps(label(curve.label, language), curve.points, curve.last_time)
             for curve in curves]
    if language == "en":
        desc = ("Kaplan–Meier curves: the share of initiatives still running by months after "
                "support ended, one line per support style, told apart by dash pattern and "
                "named at their end. Numbers in the table.")
    else:
        desc = ("Kaplan–Meiercurven: het deel van de initiatieven dat nog loopt, per maand na "
                "het einde van de ondersteuning, één lijn per ondersteuningsstijl, te "
                "onderscheiden door het streeppatroon en met de naam aan het eind. De getallen "
                "staan in de tabel.")
    test = durability["logRank"]
    return {"id": f"{KEY}-durability", "title": title,
            "figure": survival_plot(f"{KEY}-durability-fig", title, desc, named, language),
            "rows": [{"label": label(group["label"], language), "n": str(group["n"]),
                      "events": str(group["events"]),
                      "s12": number(group["survival12"], 2, language),
                      "s24": number(group["survival24"], 2, language),
                      "median": number(group["median"], 1, language)}
                     for group in durability["groups"]],
            "test": p_value(test["p"] if test else None, language),
            "note": readable_note(durability["logRankNote"], language), "n": durability["n"],
            "leftOut": durability["leftOut"]}


def build(session: Session, params: BookParameters, as_of: date) -> Chapter:
    language = params.language
    numbers, curves = support_numbers(session, params, as_of)
    titles = TITLES[language]
    blocks = [_effect_block(grouping, language)
              for grouping in numbers["effects"]["groupings"]]
    durability = _durability_block(numbers["durability"], curves, language)
    sections = [(block["id"], block["title"]) for block in [*blocks, durability]]
    html = render_fragment("chapters/support.html", language, key=KEY, title=titles[KEY],
                           k=numbers["effects"]["k"], blocks=blocks, durability=durability)
    return Chapter(key=KEY, title=titles[KEY], numbers=numbers, html=html, sections=sections)
