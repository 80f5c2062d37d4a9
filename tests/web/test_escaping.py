"""Markup that people typed is shown as text: in every page that shows a stored text field,
and in every filter that echoes what was searched for. The API keeps it exactly
(tests/api/test_injection.py); the templates escape it."""

import pytest
from sqlmodel import Session
from starlette.testclient import TestClient

from tests.api.builders import (
    make_evaluation,
    make_indicator,
    make_initiative,
    make_professional,
    make_support_episode,
    pre_post_measure,
)

MARKUP = '<script>alert("bk")</script><img src=x onerror=alert(1)>'
# What must never reach a page as markup, and what must be there instead.
LIVE = ("<script>alert(", "<img src=x")
ESCAPED = "&lt;script&gt;alert("
FILTERS = (
    "/initiatives?q={m}", "/initiatives?area={m}", "/initiatives?status={m}",
    "/initiatives?theme={m}", "/initiatives?sort={m}", "/initiatives?page={m}",
    "/professionals?q={m}", "/professionals?role={m}", "/professionals?area={m}",
    "/areas?q={m}", "/compare?q={m}", "/compare?initiative={m}", "/compare/buurten?q={m}",
    "/compare/buurten?buurt={m}",
    "/login?next={m}",
)


def _assert_shown_as_text(html: str, where: str, *, echoed: bool = True) -> None:
    for live in LIVE:
        assert live not in html, f"{where} puts {live!r} into the page as markup"
    if echoed:
        assert ESCAPED in html, f"{where} does not show the text at all"


def test_stored_markup_is_shown_as_text_on_every_page(web: TestClient, session: Session) -> None:
    initiative = make_initiative(session, title=f"Tuin {MARKUP}", summary=MARKUP,
                                 initiatorName=MARKUP)
    professional = make_professional(session, name=f"Naam {MARKUP}", organisation=MARKUP)
    make_support_episode(session, initiative.id, professional.id, actionDescription=MARKUP)
    indicator = make_indicator(session, name=f"Meting {MARKUP}")
    make_evaluation(session, initiative.id, evaluator=MARKUP, summary=MARKUP,
                    outcomeMeasures=[pre_post_measure(indicator.id, note=MARKUP)])
    for path in (
        "/initiatives", "/initiatives?q=Tuin", f"/initiatives/{initiative.id}",
        f"/initiatives/{initiative.id}/edit", f"/initiatives/{initiative.id}/delete",
        f"/initiatives/{initiative.id}/support-episodes/new",
        f"/initiatives/{initiative.id}/evaluations/new",
        "/professionals", f"/professionals/{professional.id}",
        f"/professionals/{professional.id}/edit", f"/professionals/{professional.id}/delete",
        f"/compare?initiative={initiative.id}&q=Tuin",
    ):
        response = web.get(path)
        assert response.status_code == 200, path
        _assert_shown_as_text(response.text, path)


@pytest.mark.parametrize("address", FILTERS)
def test_every_filter_echoes_markup_as_text(web: TestClient, address: str) -> None:
    response = web.get(address.format(m=MARKUP), follow_redirects=False)
    assert response.status_code < 500, address
    # Some filters do not repeat what they were given (a page number, an unknown sort);
    # none may put it into the page as markup.
    _assert_shown_as_text(response.text, address, echoed=False)
    if address.startswith(("/initiatives?q=", "/professionals?q=", "/compare?q=",
                              "/compare/buurten?q=")):
        _assert_shown_as_text(response.text, address)


def test_a_form_sent_back_with_markup_shows_it_as_text(web: TestClient) -> None:
    """A refused form repeats what was typed, escaped."""
    response = web.post("/initiatives/new", data={"title": MARKUP, "summary": MARKUP},
                        headers={"Origin": "http://testserver"})
    assert response.status_code == 422
    _assert_shown_as_text(response.text, "the refused new-initiative form")
