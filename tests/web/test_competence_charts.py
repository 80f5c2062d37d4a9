"""The competence charts' geometry, with positions worked out by hand, and the marks the
profile page draws for known scores."""

import re
from datetime import date

from sqlmodel import Session
from starlette.testclient import TestClient

from tests.web.competence_world import assess, make_framework, professional_in
from web.competence_charts import (
    ProfileInput,
    coverage_width,
    profile_chart,
    scale_top,
    sparkline,
)


def test_scores_sit_on_a_scale_from_1_to_5_across_the_plot() -> None:
    # The plot runs from x = 250 (score 1) to x = 610 (score 5): 90 units per point.
    chart = profile_chart([ProfileInput("C1 Verbinden", 3, 4), ProfileInput("C2 Praten", 5, None),
                           ProfileInput("C3 Luisteren", None, 1.5)], scale_top("score"))
    assert [tick.position for tick in chart.ticks] == [250, 340, 430, 520, 610]
    first, second, third = chart.rows
    # Rows are 30 high below a 46-unit legend: their middles at 61, 91 and 121.
    assert (first.y, second.y, third.y) == (61, 91, 121)
    assert (first.self_x, first.others_x) == (430, 520)
    assert first.gap == (430, 520)
    assert first.others_marker == "M514 55h12v12h-12z"  # a 12-unit square around (520, 61)
    assert (second.self_x, second.others_x, second.gap, second.others_marker) == (610, None,
                                                                                  None, "")
    assert (third.self_x, third.others_x) == (None, 295)  # 1.5: half a step past 250
    assert chart.axis_y == 46 + 3 * 30 + 4


def test_levels_sit_on_a_scale_from_1_to_3() -> None:
    chart = profile_chart([ProfileInput("Regie", 2, 3)], scale_top("level"))
    assert [tick.position for tick in chart.ticks] == [250, 430, 610]
    assert (chart.rows[0].self_x, chart.rows[0].others_x) == (430, 610)


def test_a_long_label_is_shortened_to_fit_its_column() -> None:
    chart = profile_chart([ProfileInput("C9 " + "heel lang " * 10, 3, 3)], 5)
    assert len(chart.rows[0].label) <= 34 and chart.rows[0].label.endswith("…")


def test_the_sparkline_spreads_time_in_proportion_and_values_upwards() -> None:
    # 120 wide and 32 high with 5 units of room: days 0 and 30 at x = 5 and 115; a score of
    # 1 at y = 27, 5 at y = 5, 3 halfway at 16. Day 15 lies halfway, at x = 60.
    line = sparkline([(date(2024, 1, 1), True, 1), (date(2024, 1, 16), False, 3),
                      (date(2024, 1, 31), True, 5), (date(2024, 1, 31), False, 4)], 5)
    assert line.self_points == ((5, 27), (115, 5))
    assert line.self_line == "M5 27L115 5"
    assert line.others_line == "M60 16L115 10.5"
    assert line.others_marks == "M57.5 13.5h5v5h-5zM112.5 8h5v5h-5z"


def test_a_sparkline_of_one_day_stands_in_the_middle() -> None:
    line = sparkline([(date(2024, 5, 1), True, 3)], 5)
    assert line.self_points == ((60, 16),)
    assert line.self_line == ""  # one point is no line


def test_the_coverage_bar_is_the_share_of_its_width() -> None:
    assert coverage_width(0.5) == 60
    assert coverage_width(0.25) == 30
    assert coverage_width(0) == 0
    assert coverage_width(1.2) == 120  # never past the track


def _circle_at(html: str, x: float, y: float) -> bool:
    return re.search(rf'<circle class="bk-profile__self" cx="{x}" cy="{y}"', html) is not None


def test_the_profile_draws_self_and_others_where_the_scores_put_them(
    web: TestClient, session: Session
) -> None:
    framework = make_framework(session)
    professional = professional_in(session)
    assess(session, professional, framework, "self", date(2024, 1, 10), {"C1": 3, "C2": 5})
    assess(session, professional, framework, "peer", date(2024, 2, 1), {"C1": 4})
    # The others' judgement is the mean of each perspective's latest: (4 + 2) / 2 = 3.
    assess(session, professional, framework, "manager", date(2024, 3, 1), {"C1": 2, "C3": 2})
    html = web.get(f"/professionals/{professional.id}/competenties").text
    svg = re.search(r"<svg class=\"bk-plot__svg bk-profile__chart\".*?</svg>", html, re.DOTALL)
    assert svg is not None
    chart = svg.group(0)
    assert 'role="img" aria-labelledby="profile-title" aria-describedby="profile-desc"' in chart
    assert "<title id=\"profile-title\">Competentieprofiel van Fatima el Amrani" in chart
    assert "open cirkel" in chart and "gevuld vierkant" in chart  # the desc names the marks
    # C1 at y = 61: self 3 at x = 430, others (4 + 2) / 2 = 3 on the same spot.
    assert _circle_at(chart, 430.0, 61.0)
    assert 'd="M424 55h12v12h-12z"' in chart
    # C2 at y = 91: self 5 at x = 610, no others.
    assert _circle_at(chart, 610.0, 91.0)
    # C3 at y = 121: others 2 at x = 340, no self.
    assert 'd="M334 115h12v12h-12z"' in chart
    assert len(re.findall(r'class="bk-profile__self" cx', chart)) == 1 + 2  # legend + 2 rows
    # The same numbers in the table beside it.
    row = re.search(r'<tr id="profile-C1">.*?</tr>', html, re.DOTALL)
    assert row is not None
    cells = re.findall(r"<td[^>]*>([^<]*)</td>", row.group(0))
    assert cells == ["3", "10 jan 2024", "3", "2", "1 mrt 2024", "0"]


def test_each_competencys_history_is_a_row_group_of_its_own(
    web: TestClient, session: Session
) -> None:
    """A header cell with scope="rowgroup" covers its <tbody>: one body per competency, its
    header spanning exactly that body's rows."""
    framework = make_framework(session)
    professional = professional_in(session)
    assess(session, professional, framework, "self", date(2024, 1, 10), {"C1": 3, "C2": 5})
    assess(session, professional, framework, "peer", date(2024, 2, 1), {"C1": 4})
    html = web.get(f"/professionals/{professional.id}/competenties").text
    table = html[html.index('id="history-table"'):]
    table = table[:table.index("</table>")]
    bodies = re.findall(r"<tbody>(.*?)</tbody>", table, re.DOTALL)
    assert len(bodies) == 2  # C1 and C2; C3 was never judged
    for body, (code, rows) in zip(bodies, [("C1", 2), ("C2", 1)], strict=True):
        headers = re.findall(r'<th [^>]*scope="rowgroup" rowspan="(\d+)">\s*(\w+)', body)
        assert headers == [(str(rows), code)]
        assert len(re.findall(r"<tr>", body)) == rows
