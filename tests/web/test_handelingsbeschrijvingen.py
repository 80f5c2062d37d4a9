"""Handelingsbeschrijvingen in the web: four labelled parts in the support form, shown under
their headings on the initiative and the professional, and searched with the text marked."""

import re
from html.parser import HTMLParser
from itertools import pairwise

import pytest
from sqlmodel import Session
from starlette.testclient import TestClient

from api.initiatives.models import Initiative
from api.professionals.models import Professional
from tests.api.builders import make_initiative, make_professional, make_support_episode
from tests.web.conftest import BOOSTED, HTMX, WebFactory

HEADERS = [{}, HTMX, BOOSTED]
IDS = ["plain", "htmx", "boosted"]
FIELDS = {"situation": "Situatie", "actionDescription": "Wat deed de professional",
          "reasoning": "Waarom", "result": "Wat gebeurde er"}
ACCOUNT = {
    "situation": "De speeltuin lag er verwaarloosd bij.\nBewoners klaagden.",
    "actionDescription": "Nodigde de klagers uit in het buurthuis.",
    "reasoning": "Wie klaagt, is betrokken.",
    "result": "",
}
MARKUP = '<script>alert("bk")</script>'


class _Headings(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.levels: list[int] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if re.fullmatch(r"h[1-6]", tag):
            self.levels.append(int(tag[1]))


def assert_headings_in_order(html: str) -> None:
    """One h1 first, and no heading more than one level below the one before it."""
    parser = _Headings()
    parser.feed(html[html.index("<main"):])
    levels = parser.levels
    assert levels[0] == 1 and levels.count(1) == 1, levels
    assert all(after <= before + 1 for before, after in pairwise(levels)), levels


def _field(html: str, field_id: str) -> str:
    found = re.search(rf'<(?:input|select|textarea)[^>]*id="{field_id}"[^>]*>', html)
    assert found is not None, field_id
    return found.group(0)


@pytest.fixture
def initiative(session: Session) -> Initiative:
    return make_initiative(session, title="Speeltuin Slotermeer")


@pytest.fixture
def professional(session: Session) -> Professional:
    return make_professional(session, name="Johan de Vries")


def _form(professional: Professional, **parts: str) -> dict[str, str]:
    return {"professionalId": str(professional.id), "startDate": "2011-01-01", "hours": "6",
            **parts}


# --- the form -------------------------------------------------------------------------------

def test_the_form_has_the_four_parts_as_labelled_text_areas_with_hints(
    web: TestClient, initiative: Initiative,
) -> None:
    html = web.get(f"/initiatives/{initiative.id}/support-episodes/new").text
    assert '<legend class="ams-field-set__legend">Handelingsbeschrijving</legend>' in html
    for name, label in FIELDS.items():
        assert re.search(rf'<label class="ams-label" for="f-{name}">{label} ', html), name
        assert f'id="f-{name}-hint"' in html
        assert f'aria-describedby="f-{name}-hint"' in _field(html, f"f-{name}")
    assert_headings_in_order(html)


@pytest.mark.parametrize("headers", HEADERS, ids=IDS)
def test_the_four_parts_are_saved_and_shown_under_their_headings(
    web: TestClient, initiative: Initiative, professional: Professional,
    headers: dict[str, str],
) -> None:
    response = web.post(f"/initiatives/{initiative.id}/support-episodes/new",
                        data=_form(professional, **ACCOUNT), headers=headers,
                        follow_redirects=False)
    assert response.status_code == 303
    html = web.get(f"/initiatives/{initiative.id}").text
    for part in ("situation", "actionDescription", "reasoning"):
        assert f'<h4 class="ams-heading ams-heading--5">{FIELDS[part]}</h4>' in html
    assert "Wat gebeurde er</h4>" not in html  # left empty: not shown
    assert "De speeltuin lag er verwaarloosd bij.\nBewoners klaagden." in html
    assert re.search(r'<h3 [^>]*id="episode-[0-9a-f-]{36}-title">Handelingsbeschrijving: '
                     r"Johan de Vries, ", html)
    assert_headings_in_order(html)


@pytest.mark.parametrize("headers", HEADERS, ids=IDS)
def test_a_part_the_api_refuses_comes_back_at_its_field_with_what_was_typed(
    web: TestClient, session: Session, initiative: Initiative, professional: Professional,
    headers: dict[str, str],
) -> None:
    form = _form(professional, situation="Een drukke straat.", result="x" * 20_001)
    response = web.post(f"/initiatives/{initiative.id}/support-episodes/new", data=form,
                        headers=headers)
    assert response.status_code == 422
    html = response.text
    assert 'aria-invalid="true"' in _field(html, "f-result")
    assert 'aria-describedby="f-result-hint f-result-error"' in _field(html, "f-result")
    assert 'href="#f-result">Wat gebeurde er: ' in html
    assert 'aria-invalid' not in _field(html, "f-situation")
    assert ">Een drukke straat.</textarea>" in html
    assert "Handelingsbeschrijving:" not in web.get(f"/initiatives/{initiative.id}").text


# --- the initiative and the professional ------------------------------------------------------

def test_the_professional_page_shows_each_account_by_initiative(
    web: TestClient, session: Session, initiative: Initiative, professional: Professional,
) -> None:
    episode = make_support_episode(session, initiative.id, professional.id, **ACCOUNT)
    make_support_episode(session, initiative.id, professional.id, situation="",
                         actionDescription="")  # nothing told: no section
    html = web.get(f"/professionals/{professional.id}").text
    assert '<h2 class="ams-heading ams-heading--2" id="accounts">Handelingsbeschrijvingen' in html
    assert html.count('<section class="bk-handeling"') == 1
    assert (f'<a class="ams-link" href="/initiatives/{initiative.id}#episode-{episode.id}">'
            "Speeltuin Slotermeer</a>") in html
    assert "Wie klaagt, is betrokken." in html and "Waarom</h4>" in html
    assert_headings_in_order(html)


def test_a_viewer_sees_no_account_anywhere(
    web_as: WebFactory, session: Session, initiative: Initiative, professional: Professional,
) -> None:
    make_support_episode(session, initiative.id, professional.id, **ACCOUNT)
    viewer = web_as("viewer")
    for path in (f"/initiatives/{initiative.id}", f"/professionals/{professional.id}"):
        html = viewer.get(path).text
        assert "speeltuin lag er" not in html and "bk-handeling" not in html, path
        assert "/handelingsbeschrijvingen" not in html, path
    assert viewer.get("/handelingsbeschrijvingen?q=speeltuin").status_code == 403


# --- the search ---------------------------------------------------------------------------------

def _hit_titles(html: str) -> list[str]:
    return re.findall(r'<h3 class="ams-heading ams-heading--4"><a class="ams-link" '
                      r'href="/initiatives/[0-9a-f-]{36}#episode-[0-9a-f-]{36}">([^<]+)</a>', html)


@pytest.mark.parametrize("headers", HEADERS, ids=IDS)
def test_the_search_finds_the_text_marks_it_and_links_initiative_and_professional(
    web: TestClient, session: Session, initiative: Initiative, professional: Professional,
    headers: dict[str, str],
) -> None:
    make_support_episode(session, initiative.id, professional.id, **ACCOUNT)
    other = make_initiative(session, title="Taalcafé")
    make_support_episode(session, other.id, professional.id, situation="Een taalcafé.")
    response = web.get("/handelingsbeschrijvingen?q=KLAAG", headers=headers)
    assert response.status_code == 200
    assert "HX-Request" in response.headers["vary"]
    html = response.text
    assert _hit_titles(html) == ["Speeltuin Slotermeer"]
    assert f'<a class="ams-link" href="/professionals/{professional.id}">Johan de Vries</a>' \
        in html
    assert "Wie <mark>klaag</mark>t, is betrokken." in html
    assert "Bewoners <mark>klaag</mark>den." in html
    assert "Nodigde" not in html  # a part without the text is left out of the hit
    if headers is HTMX:
        assert html.lstrip().startswith('<div id="results"')
        assert 'id="result-count" hx-swap-oob="innerHTML">' in html
    else:
        assert html.startswith("<!doctype html>")
        assert "1 handelingsbeschrijving gevonden" in html
        assert 'href="/handelingsbeschrijvingen" aria-current="page"' in html


def test_the_search_page_works_without_javascript_and_is_accessible(
    web: TestClient, session: Session, initiative: Initiative, professional: Professional,
) -> None:
    make_support_episode(session, initiative.id, professional.id, **ACCOUNT)
    html = web.get("/handelingsbeschrijvingen?q=speeltuin").text
    form = re.search(r'<form id="filters"[^>]*>', html)
    assert form is not None
    for attribute in ('method="get"', 'action="/handelingsbeschrijvingen"', 'role="search"',
                      'hx-push-url="true"'):
        assert attribute in form.group(0)
    for field in ("q", "role", "style"):
        assert f'<label class="ams-label" for="filter-{field}">' in html
    assert '<main id="main"' in html and 'role="status"' in html
    assert_headings_in_order(html)


def test_role_and_style_narrow_the_search_and_pages_keep_them(
    web: TestClient, session: Session, professional: Professional,
) -> None:
    makelaar = make_professional(session, name="Fatima el Amrani")
    for number in range(23):
        garden = make_initiative(session, title=f"Tuin {number:02d}")
        make_support_episode(session, garden.id, professional.id, style="faciliterend",
                             role="opbouwwerker", startDate=f"{2010 + number % 10}-01-01",
                             endDate=None, situation=f"Moestuin nummer {number}.")
    make_support_episode(session, make_initiative(session, title="Plein").id, makelaar.id,
                         style="faciliterend", situation="Ook een moestuin.")
    first = web.get("/handelingsbeschrijvingen?q=moestuin&role=opbouwwerker&style=faciliterend")
    assert len(_hit_titles(first.text)) == 20 and "Plein" not in first.text
    assert "23 handelingsbeschrijvingen gevonden" in first.text
    assert ('rel="next" href="/handelingsbeschrijvingen?q=moestuin&amp;role=opbouwwerker'
            '&amp;style=faciliterend&amp;page=2"') in first.text
    second = web.get("/handelingsbeschrijvingen?q=moestuin&role=opbouwwerker"
                     "&style=faciliterend&page=2", headers=HTMX)
    assert len(_hit_titles(second.text)) == 3
    only_makelaar = web.get("/handelingsbeschrijvingen?q=moestuin&role=participatiemakelaar")
    assert _hit_titles(only_makelaar.text) == ["Plein"]
    assert "Ook een <mark>moestuin</mark>." in only_makelaar.text


def test_no_hit_says_so_and_a_bad_filter_is_a_422_at_the_field(web: TestClient) -> None:
    empty = web.get("/handelingsbeschrijvingen?q=olifant")
    assert empty.status_code == 200
    assert "Geen handelingsbeschrijvingen gevonden." in empty.text
    refused = web.get("/handelingsbeschrijvingen?style=dwingend")
    assert refused.status_code == 422
    assert 'id="filter-style-error"' in refused.text


def test_markup_in_the_text_and_in_the_query_is_shown_as_text(
    web: TestClient, session: Session, initiative: Initiative, professional: Professional,
) -> None:
    make_support_episode(session, initiative.id, professional.id,
                         reasoning=f"Zij schreef {MARKUP} op het bord.")
    for query in (MARKUP, "script", "bord"):
        html = web.get("/handelingsbeschrijvingen", params={"q": query}).text
        assert "<script>alert(" not in html, query
        assert "&lt;script&gt;alert(" in html or "&lt;<mark>script</mark>&gt;" in html, query
    marked = web.get("/handelingsbeschrijvingen", params={"q": MARKUP}).text
    assert "<mark>&lt;script&gt;alert(&#34;bk&#34;)&lt;/script&gt;</mark>" in marked


def test_the_page_is_in_english_when_asked(web: TestClient) -> None:
    html = web.get("/handelingsbeschrijvingen?lang=en").text
    assert "Descriptions of the actions" in html and "Search in the text" in html


def test_a_researcher_has_the_page_in_the_menu_and_a_viewer_does_not(
    web_as: WebFactory,
) -> None:
    assert 'href="/handelingsbeschrijvingen"' in web_as("researcher").get("/initiatives").text
    assert 'href="/handelingsbeschrijvingen"' not in web_as("viewer").get("/initiatives").text
