"""A small world for the "Wat vraagt ondersteuning" tests, and readers of its tables."""

import html as markup
import re
from datetime import date
from typing import Any

from sqlmodel import Session
from starlette.testclient import TestClient

from api.follow_ups.models import FollowUp
from tests.api.builders import (
    make_evaluation,
    make_indicator,
    make_initiative,
    make_professional,
    make_support_episode,
)

# (title, style, role, hours, effect, follow-ups as (month, running, stopped after)).
# Faciliterend stops at 3 and 9 months and is last seen running at 12 and 24: Kaplan–Meier
# 3/4 = 75% after 3 months, 3/4 · 2/3 = 50% after 9. Overnemend stops at 2, 6 and 10
# months: 2/3 = 67% after 2, 2/3 · 1/2 = 33% after 6, 0% after 10.
WORLD = [
    ("Moestuin", "faciliterend", "participatiemakelaar", 120, 0.8,
     [(6, True, None), (12, False, 9)]),
    ("Buurtkamer", "faciliterend", "participatiemakelaar", 150, 0.6,
     [(6, True, None), (12, True, None), (24, True, None)]),
    ("Speeltuin", "faciliterend", "opbouwwerker", 80, 0.7, [(6, True, None), (12, True, None)]),
    ("Repair café", "faciliterend", "participatiemakelaar", 60, 0.5, [(6, False, 3)]),
    ("Straatfeest", "overnemend", "opbouwwerker", 40, 0.1, [(6, False, 2)]),
    ("Buurtkrant", "overnemend", "opbouwwerker", 30, 0.2, [(6, False, None)]),
    ("Klussendienst", "overnemend", "participatiemakelaar", 50, 0.3,
     [(6, True, None), (12, False, 10)]),
]
FACILITEREND = {"Moestuin", "Buurtkamer", "Speeltuin", "Repair café"}
OVERNEMEND = {"Straatfeest", "Buurtkrant", "Klussendienst"}


def build_world(session: Session) -> dict[str, str]:
    """Seven supported initiatives with an effect and follow-ups; their ids by title."""
    indicator = make_indicator(session)
    ids: dict[str, str] = {}
    for number, (title, style, role, hours, change, looks) in enumerate(WORLD):
        initiative = make_initiative(session, title=title)
        professional = make_professional(session, name=f"Professional {number}", role=role,
                                         email=f"p{number}@example.org")
        make_support_episode(session, initiative.id, professional.id, style=style, role=role,
                             hours=hours)
        make_evaluation(session, initiative.id, outcomeMeasures=[{
            "indicatorId": str(indicator.id), "kind": "pre-post", "meanPre": 5.0,
            "sdPre": 1.0, "meanPost": 5.0 + change, "sdPost": 1.0, "n": 30 + 5 * number,
            "prePostCorrelation": 0.5}])
        for month, running, stopped in looks:
            session.add(FollowUp(initiative_id=initiative.id, months_after_support=month,
                                 observed_on=date(2012, 1, 1), still_running=running,
                                 stopped_after_months=stopped))
        session.commit()
        ids[title] = str(initiative.id)
    return ids


def text_of(fragment: str) -> str:
    return markup.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", fragment))).strip()


def rows_of(html: str, table_id: str) -> dict[str, list[str]]:
    """A table's body rows: the row header's text → the texts of its cells."""
    table = html[html.index(f'id="{table_id}"'):]
    body = table[table.index("<tbody>"):table.index("</tbody>")]
    found: dict[str, list[str]] = {}
    for row in re.findall(r"<tr[^>]*>(.*?)</tr>", body, flags=re.DOTALL):
        cells = [text_of(cell) for cell in
                 re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, flags=re.DOTALL)]
        found[cells[0]] = cells[1:]
    return found


def links_of(html: str, table_id: str) -> dict[str, list[tuple[str, str]]]:
    """Per row of a table: (address, text) of its links."""
    table = html[html.index(f'id="{table_id}"'):]
    body = table[table.index("<tbody>"):table.index("</tbody>")]
    found: dict[str, list[tuple[str, str]]] = {}
    for row in re.findall(r"<tr[^>]*>(.*?)</tr>", body, flags=re.DOTALL):
        header = text_of(re.findall(r"<th[^>]*>(.*?)</th>", row, flags=re.DOTALL)[0])
        found[header] = [(markup.unescape(href), text_of(text)) for href, text in
                         re.findall(r'<a class="ams-link" href="([^"]+)">(.*?)</a>', row)]
    return found


def listed(web: TestClient, address: str) -> dict[str, list[str]]:
    response = web.get(address)
    assert response.status_code == 200, address
    return rows_of(response.text, "listed-table")


def api_json(client: TestClient, path: str, **params: Any) -> Any:
    response = client.get(path, params=params)
    assert response.status_code == 200, response.text
    return response.json()
