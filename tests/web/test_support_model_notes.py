"""What "Wat vraagt ondersteuning" says beside its models: the API's warning on a Cox model
it did fit, the reason a group has no estimate, the API's default moderators (competence
only on request, and never offered to a viewer) and what choosing competence leaves out."""

import re
from collections.abc import Sequence
from typing import Any

import pytest
from sqlmodel import Session
from starlette.testclient import TestClient

from analysis.meta import MetaFitError, rma
from api.analyses.support import effects as support_effects
from api.analyses.support.models import DEFAULT_MODERATORS as API_DEFAULTS
from tests.web.conftest import WebFactory
from tests.web.support_world import build_world, rows_of, text_of

PAGE = "/ondersteuning"
DEFAULTS = ["hours", "hoursSquared", "makelaarInvolved", "residentInitiatedWithMakelaar",
            "supportStyle"]


def _paragraph(html: str, element_id: str) -> str:
    start = html.index(f'id="{element_id}"')
    return text_of(html[html.index(">", start) + 1:html.index("</p>", start)])


def test_the_cox_models_warning_stands_under_its_summary(web: TestClient, session: Session
                                                        ) -> None:
    """Seven followed initiatives, five stopped, three covariates: fewer than 10 events per
    coefficient, which the API fits but warns about."""
    build_world(session)
    html = web.get(PAGE).text
    assert 'id="cox-table"' in html
    summary = _paragraph(html, "cox-summary")
    assert summary.endswith("Minder dan 10 gebeurtenissen per coëfficiënt: onzeker.")
    english = _paragraph(web.get(PAGE, params={"lang": "en"}).text, "cox-summary")
    assert english.endswith("Fewer than 10 events per coefficient: unstable estimates.")


def test_a_group_without_an_estimate_says_why(
    web: TestClient, session: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The API pools each group on its own; when a fit fails it sends the reason as the
    group's note (here made to fail for the three overnemend initiatives alone)."""
    def failing(yi: Sequence[float], vi: Sequence[float], **options: Any) -> Any:
        if len(yi) == 3 and "moderators" not in options:
            raise MetaFitError("Het model convergeert niet. / The model does not converge.")
        return rma(yi, vi, **options)

    monkeypatch.setattr(support_effects, "rma", failing)
    build_world(session)
    rows = rows_of(web.get(PAGE).text, "effects-supportStyle-table")
    assert rows["Overnemend"] == ["3 initiatieven", "Geen schatting: Het model convergeert niet."]
    english = rows_of(web.get(PAGE, params={"lang": "en"}).text, "effects-supportStyle-table")
    assert ["3 groups", "No estimate: The model does not converge."] in english.values() or [
        "3 initiatives", "No estimate: The model does not converge."] in english.values()


def test_the_first_regression_takes_the_apis_defaults_without_competence(
    web: TestClient, session: Session
) -> None:
    """Nobody's competence is assessed: with competence every initiative would drop out,
    so the page starts from the API's own defaults, which leave it out."""
    build_world(session)
    html = web.get(PAGE).text
    ticked = re.findall(r'name="moderators" value="([^"]+)" form="support-form" checked', html)
    assert sorted(ticked) == sorted(API_DEFAULTS) == sorted(DEFAULTS)
    assert "competence" not in ticked
    assert "Geen initiatieven met effecten en deze moderatoren." not in html
    assert _paragraph(html, "regression-competence") == (
        "Kiest u competentie van de professionals als kenmerk, dan tellen alleen initiatieven "
        "mee waarvan minstens één professional is beoordeeld; de andere vallen weg.")


def test_competence_on_request_leaves_out_the_unassessed_and_the_page_says_why(
    web: TestClient, session: Session
) -> None:
    build_world(session)
    chosen = [("method", "REML"), ("moderators", "hours"), ("moderators", "competence"),
              ("covariates", "hours")]
    html = web.get(PAGE, params=chosen).text
    assert re.search(r'name="moderators" value="competence" form="support-form" checked', html)
    assert _paragraph(html, "regression-problem").startswith(
        "Geen initiatieven met effecten en deze moderatoren.")
    assert 'id="regression-competence"' in html


def test_a_viewer_is_not_offered_competence_which_the_api_refuses_them(
    web_as: WebFactory, session: Session
) -> None:
    build_world(session)
    html = web_as("viewer").get(PAGE).text
    assert 'id="support-moderators"' in html
    assert 'value="competence"' not in html
    admin = web_as("admin").get(PAGE).text
    assert 'name="moderators" value="competence"' in admin
    assert '<option value="competence">' in admin
