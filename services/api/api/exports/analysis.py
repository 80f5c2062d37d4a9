"""Analysis results as tables: what works (pooled effects per group; every initiative's
effect) and success factors (every path of every model, with its fit), each as CSV, XLSX or
JSON with its field dictionary and the source, like the tables of records."""

from collections.abc import Sequence

from fastapi import Response

from api.analyses.effects.models import EffectsReport, GroupOut
from api.analyses.success_factors.models import SuccessFactorResult
from api.exports import service
from api.tabular.columns import Column, Kind, Table
from api.tabular.writers import Cell

EXPORT_FORMATS = ("csv", "xlsx")


def _number(name: str, label: str, label_en: str, meaning: str, meaning_en: str,
            kind: Kind = "decimal") -> Column:
    return Column(name, label, label_en, kind, meaning, meaning_en)


def _text(name: str, label: str, label_en: str, meaning: str, meaning_en: str) -> Column:
    return Column(name, label, label_en, "text", meaning, meaning_en)


EFFECT_GROUPS = Table("effect-groups", "Effecten per groep", "Effects per group", (
    _text("group", "Groep", "Group", "De groep (code); 'alle' voor alle initiatieven samen.",
          "The group (code); 'alle' for all initiatives together."),
    _number("k", "Aantal", "k", "Initiatieven met een effect.", "Initiatives with an effect.",
            "integer"),
    _number("estimate", "Effect", "Estimate", "Gepoold effect (SMD; positief is beter).",
            "Pooled effect (SMD; positive is better)."),
    _number("se", "SE", "SE", "Standaardfout.", "Standard error."),
    _number("ciLb", "BI onder", "CI lower", "Ondergrens betrouwbaarheidsinterval.",
            "Confidence interval, lower bound."),
    _number("ciUb", "BI boven", "CI upper", "Bovengrens betrouwbaarheidsinterval.",
            "Confidence interval, upper bound."),
    _number("piLb", "VI onder", "PI lower", "Ondergrens voorspellingsinterval.",
            "Prediction interval, lower bound."),
    _number("piUb", "VI boven", "PI upper", "Bovengrens voorspellingsinterval.",
            "Prediction interval, upper bound."),
    _number("pval", "p", "p", "p-waarde van het effect.", "p-value of the effect."),
    _number("tau2", "tau²", "tau²", "Spreiding tussen initiatieven.",
            "Between-initiative variance."),
    _number("i2", "I²", "I²", "Aandeel heterogeniteit (%).", "Share of heterogeneity (%)."),
    _text("note", "Opmerking", "Note", "Waarom er geen model is.", "Why there is no model."),
))

EFFECT_INITIATIVES = Table("effect-initiatives", "Effecten per initiatief",
                           "Effects per initiative", (
    _text("initiative", "Initiatief", "Initiative", "Id van het initiatief.",
          "Id of the initiative."),
    _text("title", "Titel", "Title", "Titel van het initiatief.", "Title of the initiative."),
    _number("yi", "Effect", "yi", "Effect (SMD).", "Effect (SMD)."),
    _number("vi", "Variantie", "vi", "Steekproefvariantie.", "Sampling variance."),
    _number("ciLb", "BI onder", "CI lower", "Ondergrens.", "Lower bound."),
    _number("ciUb", "BI boven", "CI upper", "Bovengrens.", "Upper bound."),
    _text("evidenceLevel", "Bewijsniveau", "Evidence level", "Erkenningsniveau.",
          "Recognition level."),
    _text("groups", "Groepen", "Groups", "Groepen waarin het meetelt, gescheiden door ;.",
          "Groups it counts in, separated by ;."),
))

SUCCESS_PATHS = Table("success-paths", "Succespaden", "Success paths", (
    _text("model", "Model", "Model", "Het model (M1, M2, …: even minimale oplossingen).",
          "The model (M1, M2, …: equally minimal solutions)."),
    _text("term", "Pad", "Path", "De combinatie van condities (QCA-notatie).",
          "The combination of conditions (QCA notation)."),
    _number("inclS", "Consistentie", "Consistency", "inclS.", "inclS."),
    _number("pri", "PRI", "PRI", "Proportional reduction in inconsistency.",
            "Proportional reduction in inconsistency."),
    _number("covS", "Dekking", "Coverage", "covS (ruwe dekking).", "covS (raw coverage)."),
    _number("covU", "Unieke dekking", "Unique coverage", "covU.", "covU."),
    _number("cases", "Initiatieven", "Initiatives", "Initiatieven die het pad volgen.",
            "Initiatives on the path.", "integer"),
))


def _group_row(group: GroupOut) -> list[Cell]:
    model = group.model
    numbers: list[Cell] = [None] * 9 if model is None else [
        model.estimate, model.se, model.ci_lb, model.ci_ub, model.pi_lb, model.pi_ub,
        model.pval, model.tau2, model.i2]
    return [group.label, group.k, *numbers, group.note]


def effect_tables(report: EffectsReport) -> list[service.Extract]:
    groups = [_group_row(group) for group in [*report.groups, report.overall]]
    member_of: dict[str, list[str]] = {}
    for group in report.groups:
        for effect in group.initiatives:
            member_of.setdefault(str(effect.id), []).append(group.label)
    initiatives: list[list[Cell]] = [[
        str(effect.id), effect.title, effect.yi, effect.vi, effect.ci_lb, effect.ci_ub,
        effect.evidence_level.value, member_of.get(str(effect.id), [])]
        for effect in report.overall.initiatives]
    return [service.Extract(EFFECT_GROUPS, EFFECT_GROUPS.columns, groups),
            service.Extract(EFFECT_INITIATIVES, EFFECT_INITIATIVES.columns, initiatives)]


def success_tables(result: SuccessFactorResult) -> list[service.Extract]:
    rows: list[list[Cell]] = [[solution.name, term.term, term.incl_s, term.pri, term.cov_s,
                               term.cov_u, len(term.cases)]
                              for solution in result.solutions for term in solution.terms]
    return [service.Extract(SUCCESS_PATHS, SUCCESS_PATHS.columns, rows)]


def download(tables: Sequence[service.Extract], export_format: str, name: str) -> Response:
    """CSV of the first table, or every table as a sheet of one workbook."""
    if export_format == "csv":
        content = service.render(tables[0], "csv")
    else:
        content = service.workbook(tables)
    return Response(content, media_type=service.FORMATS[export_format], headers={
        "Content-Disposition": f'attachment; filename="{name}.{export_format}"'})
