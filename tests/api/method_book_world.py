"""A small world for the method book's chapter tests: evaluated, supported initiatives with
follow-ups in two stadsdelen (Nieuw-West F and Centrum A), and helpers to read a chapter's
figures."""

import re
from typing import Any

from defusedxml import ElementTree
from sqlmodel import Session
from starlette.testclient import TestClient

from tests.api.builders import (
    BUURT_AA01,
    BUURT_FD03,
    make_evaluation,
    make_indicator,
    make_professional,
    pre_post_measure,
)
from tests.api.survival_builders import follow_to, supported

STYLES = ("faciliterend", "overnemend", "stimulerend")
FORMS = ("bewonersinitiatief", "buurtbudget")
SVG = re.compile(r"<svg\b.*?</svg>", re.DOTALL)


def build_world(session: Session) -> None:
    """Twenty initiatives: three styles, hours 10–390, half with a makelaar, half started by
    residents, two organisation forms; F holds the numbers 0–11, A the rest. Each has an
    effect and a follow-up (every fourth one still running)."""
    indicator = make_indicator(session)
    makelaar = make_professional(session)
    opbouwwerker = make_professional(session, name="Johan de Vries", role="opbouwwerker",
                                     organisation="Dynamo",
                                     organisationKind="welzijnsorganisatie")
    for number in range(20):
        person = makelaar if number % 2 else opbouwwerker
        initiative = supported(
            session, f"Initiatief {number:02d}", person, style=STYLES[number % 3],
            hours=10 + 20 * number, organisationForm=FORMS[number % 5 % 2],
            initiatorType="bewonersgroep" if number % 4 < 2 else "welzijnsorganisatie",
            buurtId=str(BUURT_FD03 if number < 12 else BUURT_AA01))
        change = 0.15 + 0.04 * number + (0.3 if number % 2 else 0.0) - 0.2 * (number % 3 == 1)
        make_evaluation(session, initiative.id, outcomeMeasures=[pre_post_measure(
            indicator.id, meanPre=5.0, meanPost=5.0 + change * 1.2, n=30 + 5 * number)])
        months = 4 + (number * 7) % 30
        follow_to(session, initiative.id, -months if number % 4 == 0 else months)


def get(client: TestClient, path: str, **params: Any) -> dict[str, Any]:
    response = client.get(path, params=params)
    assert response.status_code == 200, response.text
    found: dict[str, Any] = response.json()
    return found


def check_figures(html: str) -> int:
    """Every inline SVG parses and names itself; the number of them."""
    figures = SVG.findall(html)
    for figure in figures:
        root = ElementTree.fromstring(figure)
        assert root.tag == "{http://www.w3.org/2000/svg}svg" and root.get("role") == "img"
        ids = {child.get("id") for child in root}
        assert set(str(root.get("aria-labelledby")).split()) <= ids
        assert root.find("{http://www.w3.org/2000/svg}title") is not None
        assert root.find("{http://www.w3.org/2000/svg}desc") is not None
    return len(figures)
