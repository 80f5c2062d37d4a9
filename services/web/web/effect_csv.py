"""The numbers of the effects page as CSV files, one per table.

Comma-separated (RFC 4180), a decimal point and numbers in full precision, so that R,
Python and spreadsheets read them as numbers in any language; UTF-8 with a byte-order mark,
so that Excel shows ë and € right. Column names are stable English codes; labels follow
the page's language.
"""

import csv
import io
import math
from collections.abc import Iterable, Sequence

from fastapi.responses import Response

from web.api_client.effects import EffectsReport, Group, MetaModel, ModeratorReport
from web.effect_labels import Labels

PARTS = ("groups", "initiatives", "subgroup-test", "counts", "regression")
Cell = str | int | float | None


def _cell(value: Cell) -> str | int:
    if value is None:
        return ""
    if isinstance(value, float):
        return repr(value) if math.isfinite(value) else ""
    return value


def csv_text(header: Sequence[str], rows: Iterable[Sequence[Cell]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows([_cell(value) for value in row] for row in rows)
    return "\ufeff" + buffer.getvalue()


def csv_response(text: str, name: str) -> Response:
    return Response(text.encode("utf-8"), media_type="text/csv; charset=utf-8", headers={
        "Content-Disposition": f'attachment; filename="{name}.csv"',
        "Cache-Control": "no-store"})


GROUP_HEADER = ("group", "label", "k", "estimate", "se", "ci_lb", "ci_ub", "pi_lb", "pi_ub",
                "pval", "tau2", "i2", "qe", "qe_df", "qe_p", "note")


def _group_row(labels: Labels, grouping: str | None, group: Group) -> list[Cell]:
    model: MetaModel | None = group.model
    numbers: list[Cell] = [None] * 12
    if model is not None:
        numbers = [model.estimate, model.se, model.ci_lb, model.ci_ub, model.pi_lb,
                   model.pi_ub, model.pval, model.tau2, model.i2, model.qe, model.qe_df,
                   model.qe_p]
    return [group.label, labels.group(grouping, group.label), group.k, *numbers, group.note]


def groups_csv(report: EffectsReport, labels: Labels) -> str:
    rows = [_group_row(labels, report.group_by, group) for group in report.groups]
    rows.append(_group_row(labels, None, report.overall))
    return csv_text(GROUP_HEADER, rows)


def initiatives_csv(report: EffectsReport, labels: Labels) -> str:
    """One row per initiative: its effect and standard error (the funnel plot's points),
    interval, evidence level, and the groups it counts in."""
    member_of: dict[str, list[str]] = {}
    for group in report.groups:
        for effect in group.initiatives:
            member_of.setdefault(effect.id, []).append(group.label)
    rows: list[list[Cell]] = [[
        effect.id, effect.title, effect.yi, effect.vi, math.sqrt(effect.vi), effect.ci_lb,
        effect.ci_ub, effect.evidence_level, labels.evidence_level(effect.evidence_level),
        "|".join(member_of.get(effect.id, []))] for effect in report.overall.initiatives]
    return csv_text(("initiative", "title", "yi", "vi", "se", "ci_lb", "ci_ub",
                     "evidence_level", "evidence_level_label", "groups"), rows)


def subgroup_csv(report: EffectsReport) -> str:
    test = report.subgroup_test
    rows: list[list[Cell]] = []
    if test is not None:
        common, separate, fixed = test.common_tau2, test.separate_tau2, test.fixed_effect
        rows = [["common_tau2", "qm", common.qm, common.qm_df, common.qm_p, common.tau2],
                ["separate_tau2", "qb", separate.qb, separate.df, separate.p, None],
                ["fixed_effect", "q_between", fixed.q_between, fixed.q_between_df,
                 fixed.q_between_p, None],
                ["fixed_effect", "q_within", fixed.q_within, fixed.q_within_df,
                 fixed.q_within_p, None]]
    return csv_text(("test", "statistic", "value", "df", "p", "tau2"), rows)


def counts_csv(report: EffectsReport, labels: Labels) -> str:
    """The measures not pooled, by reason, and the initiatives per evidence level."""
    unused, directions = report.not_pooled, report.not_pooled.directions
    rows: list[list[Cell]] = [
        ["not_pooled", "direction_positive", "", directions.positive],
        ["not_pooled", "direction_none", "", directions.none],
        ["not_pooled", "direction_negative", "", directions.negative],
        ["not_pooled", "no_comparison", "", unused.no_comparison],
        ["not_pooled", "no_common_scale", "", unused.no_common_scale],
        ["not_pooled", "undefined", "", unused.undefined]]
    order = labels.vocabularies["evidence-level"].terms if "evidence-level" in \
        labels.vocabularies else ()
    rows += [["evidence_level", term.code, term.label(labels.lang),
              report.evidence_levels.get(term.code, 0)] for term in order]
    return csv_text(("table", "code", "label", "count"), rows)


def regression_csv(report: ModeratorReport | None, labels: Labels) -> str:
    rows: list[list[Cell]] = []
    if report is not None:
        model = report.model
        rows = [[found.name, labels.coefficient(found.name), found.estimate, found.se,
                 found.zval, found.pval, found.ci_lb, found.ci_ub, report.k, report.left_out,
                 model.qm, model.qm_df, model.qm_p, model.tau2, model.r2]
                for found in model.coefficients]
    return csv_text(("coefficient", "label", "estimate", "se", "zval", "pval", "ci_lb",
                     "ci_ub", "k", "left_out", "qm", "qm_df", "qm_p", "tau2", "r2"), rows)
