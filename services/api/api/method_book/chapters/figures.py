"""What the chapters share: labels in the book's language (notes: notes.py, numbers:
render.number) and small vector figures, a forest plot and Kaplan–Meier curves, as inline SVG.

Deterministic: fixed decimals, coordinates rounded to one decimal, ids made from the
chapter's key, nothing from the clock or from chance. Every figure is an `<svg role="img">`
with a title and a description; the numbers stand in a table beside it."""

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from markupsafe import Markup, escape

from api.method_book.render import MISSING, number
from api.vocabularies.labels import labels_of

LABELS = {
    "en": {"ja": "yes", "nee": "no", "alle": "all", "geen-ondersteuning": "no support",
           "onbekend": "unknown", "stimulerend": "stimulating", "faciliterend": "facilitating",
           "coproducerend": "co-producing", "overnemend": "taking over"},
    "nl": {"alle": "alle initiatieven", "geen-ondersteuning": "geen ondersteuning"},
}
RANGE = re.compile(r"^(\d+)-(\d+)$")
DASHES = ("", "6 3", "2 2", "8 3 2 3", "1 4", "10 4")


def label(value: str, language: str, vocabulary: type[StrEnum] | None = None) -> str:
    """A group's label as the reader sees it: the book's own word, else the vocabulary's
    label in the book's language, else the stored code."""
    if value in LABELS[language]:
        return LABELS[language][value]
    if vocabulary is not None and value in set(vocabulary):
        return labels_of(vocabulary(value))[1 if language == "en" else 0]
    return RANGE.sub("\\1–\\2", value)  # a band such as 40-149 is a range: an en dash


def p_value(value: float | None, language: str) -> str:
    """With its sign: "= 0,042", "< 0,001"; a dash when there is none."""
    if value is None or not math.isfinite(value):
        return MISSING
    if value < 0.001:
        return "< " + number(0.001, 3, language)
    return "= " + number(value, 3, language)


def _ticks(low: float, high: float) -> tuple[list[float], int]:
    """Round values on an axis from low to high, a few of them, zero among them; and the
    decimals they are written with."""
    span = high - low
    step = next((step for step in (0.1, 0.25, 0.5, 1.0, 2.0) if span / step <= 6), 5.0)
    places = range(math.ceil(low / step), math.floor(high / step) + 1)
    decimals = 2 if step == 0.25 else 1 if step < 1 else 0
    return [round(step * place, 2) for place in places], decimals


def _c(value: float) -> str:
    """A coordinate, rounded: the same numbers give the same text."""
    text = f"{value:.1f}"
    return "0.0" if float(text) == 0 else text


def _frame(key: str, width: float, height: float, title: str, desc: str) -> str:
    return (f'<svg xmlns="http://www.w3.org/2000/svg" role="img" '
            f'aria-labelledby="{key}-title {key}-desc" viewBox="0 0 {_c(width)} {_c(height)}" '
            f'width="{_c(width)}" height="{_c(height)}" font-family="sans-serif" '
            f'font-size="11"><title id="{key}-title">{escape(title)}</title>'
            f'<desc id="{key}-desc">{escape(desc)}</desc>')


@dataclass(frozen=True)
class ForestRow:
    label: str
    estimate: float | None
    lower: float | None
    upper: float | None
    pooled: bool = False  # drawn as a diamond, not a square


def _label_width(rows: Sequence[ForestRow]) -> float:
    """Room for the longest label at 11 units (a generous 0.62 em a character, so a label
    such as "Bewonerscommissie / huurdersvereniging" ends before the plot), at least 170."""
    longest = max((len(row.label) for row in rows), default=0)
    return max(170.0, float(math.ceil(longest * 11 * 0.62)) + 14)


def forest_plot(key: str, title: str, desc: str, rows: Sequence[ForestRow],
                language: str) -> Markup:
    """Estimates and intervals on one axis, a line at zero; rows without an estimate keep
    their place and get a dash."""
    label_width, plot_width, row_height, top = _label_width(rows), 260.0, 20.0, 10.0
    width, height = label_width + plot_width + 20, top + row_height * len(rows) + 34
    ends = [v for row in rows for v in (row.lower, row.upper, row.estimate)
            if v is not None and math.isfinite(v)]
    low, high = min([0.0, *ends]), max([0.0, *ends])
    pad = (high - low) * 0.05 or 0.5
    low, high = low - pad, high + pad

    def x(value: float) -> float:
        return label_width + (value - low) / (high - low) * plot_width

    parts = [_frame(key, width, height, title, desc)]
    bottom = top + row_height * len(rows)
    parts.append(f'<line x1="{_c(x(0))}" y1="{_c(top)}" x2="{_c(x(0))}" y2="{_c(bottom)}" '
                 f'stroke="#555" stroke-dasharray="3 3"/>')
    for place, row in enumerate(rows):
        y = top + row_height * (place + 0.5)
        weight = ' font-weight="bold"' if row.pooled else ""
        parts.append(f'<text x="4.0" y="{_c(y + 4)}"{weight}>{escape(row.label)}</text>')
        if row.estimate is None or not math.isfinite(row.estimate):
            parts.append(f'<text x="{_c(x(0) + 4)}" y="{_c(y + 4)}">—</text>')
            continue
        if row.lower is not None and row.upper is not None:
            parts.append(f'<line x1="{_c(x(row.lower))}" y1="{_c(y)}" x2="{_c(x(row.upper))}" '
                         f'y2="{_c(y)}" stroke="#000"/>')
        centre = x(row.estimate)
        if row.pooled:
            left = x(row.lower) if row.lower is not None else centre - 5
            right = x(row.upper) if row.upper is not None else centre + 5
            parts.append(f'<polygon points="{_c(left)},{_c(y)} {_c(centre)},{_c(y - 6)} '
                         f'{_c(right)},{_c(y)} {_c(centre)},{_c(y + 6)}" fill="#000"/>')
        else:
            parts.append(f'<rect x="{_c(centre - 4)}" y="{_c(y - 4)}" width="8.0" '
                         f'height="8.0" fill="#000"/>')
    parts.append(f'<line x1="{_c(label_width)}" y1="{_c(bottom)}" '
                 f'x2="{_c(label_width + plot_width)}" y2="{_c(bottom)}" stroke="#000"/>')
    ticks, decimals = _ticks(low, high)
    for tick in ticks:
        parts.append(f'<text x="{_c(x(tick))}" y="{_c(bottom + 14)}" text-anchor="middle">'
                     f'{number(tick, decimals, language)}</text>')
    axis = "SMD (positive is better)" if language == "en" else "SMD (positief is beter)"
    parts.append(f'<text x="{_c(label_width + plot_width / 2)}" y="{_c(bottom + 28)}" '
                 f'text-anchor="middle">{axis}</text></svg>')
    return Markup("".join(parts))  # noqa: S704 (every text in it escaped above)


@dataclass(frozen=True)
class Steps:
    """One Kaplan–Meier curve: (month, survival just after it), in time order."""

    label: str
    points: list[tuple[float, float]]
    last_time: float


def survival_plot(key: str, title: str, desc: str, curves: Sequence[Steps],
                  language: str) -> Markup:
    """Step curves from S = 1 at month 0, told apart by dash pattern and named at their
    right end (not by colour)."""
    left, top, plot_width, plot_height = 40.0, 10.0, 300.0, 160.0
    width, height = left + plot_width + 130, top + plot_height + 36
    longest = max([1.0, *(curve.last_time for curve in curves)])

    def x(month: float) -> float:
        return left + month / longest * plot_width

    def y(survival: float) -> float:
        return top + (1 - survival) * plot_height

    parts = [_frame(key, width, height, title, desc)]
    bottom = top + plot_height
    parts.append(f'<path d="M{_c(left)},{_c(top)} V{_c(bottom)} H{_c(left + plot_width)}" '
                 f'fill="none" stroke="#000"/>')
    ends: list[tuple[float, str]] = []
    for place, curve in enumerate(curves):
        survival, path = 1.0, [f"M{_c(x(0))},{_c(y(1))}"]
        for month, after in curve.points:
            if after != survival:  # a step down; censored times only go on
                path.append(f"H{_c(x(month))} V{_c(y(after))}")
                survival = after
        path.append(f"H{_c(x(curve.last_time))}")
        dash = DASHES[place % len(DASHES)]
        dashed = f' stroke-dasharray="{dash}"' if dash else ""
        parts.append(f'<path d="{" ".join(path)}" fill="none" stroke="#000" '
                     f'stroke-width="1.5"{dashed}/>')
        ends.append((y(survival), curve.label))
    placed = -math.inf
    for end, name in sorted(ends):  # direct labels, nudged apart top to bottom
        placed = max(end + 4, placed + 12)
        parts.append(f'<text x="{_c(left + plot_width + 6)}" y="{_c(placed)}">'
                     f'{escape(name)}</text>')
    for share in (0.0, 0.5, 1.0):
        parts.append(f'<text x="{_c(left - 4)}" y="{_c(y(share) + 4)}" text-anchor="end">'
                     f'{number(share, 1, language)}</text>')
    for month in sorted({0.0, 12.0, 24.0, round(longest)}):
        if month <= longest:
            parts.append(f'<text x="{_c(x(month))}" y="{_c(bottom + 14)}" '
                         f'text-anchor="middle">{number(month, 0, language)}</text>')
    axis = ("Months after support ended" if language == "en"
            else "Maanden na het einde van de ondersteuning")
    parts.append(f'<text x="{_c(left + plot_width / 2)}" y="{_c(bottom + 30)}" '
                 f'text-anchor="middle">{axis}</text></svg>')
    return Markup("".join(parts))  # noqa: S704 (every text in it escaped above)
