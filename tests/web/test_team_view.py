"""The team view: a stadsdeel's members, per competency assessed / mastered / coverage /
mean as worked out by hand, the gaps in words, who may see it, and the no-JS form."""

import re
from datetime import date

import pytest
from sqlmodel import Session
from starlette.testclient import TestClient

from tests.web.competence_world import CENTRUM, assess, make_framework, professional_in
from tests.web.conftest import BOOSTED, HTMX, WebFactory

PATH = "/competenties/team"


def _plant_team(session: Session) -> None:
    """Nieuw-West: Anouk, Bram and Cor today; Dirk left in 2020; Eva works in Centrum.

    A member's judgement is the mean of the others' latest, else their own (0–1: score 1 → 0,
    5 → 1); 0.75 or more masters it. Team of 3:
      C1  Anouk others (5, 5) → 1.0 masters; Bram self 2 → 0.25.
          assessed 2, mastered 1, coverage 1/3, mean 0.625 → 1 + 4 × 0.625 = 3.5 on 1–5.
      C2  Anouk self 4 → 0.75 masters; Bram peer 2 → 0.25.
          assessed 2, mastered 1, coverage 1/3, mean 0.5 → 3.
      C3  Anouk self 5 but peer 2 → others win, 0.25. Dirk's and Eva's 5 do not count.
          assessed 1, mastered 0 (a gap), coverage 0, mean 0.25 → 2.
    """
    framework = make_framework(session)
    anouk = professional_in(session, name="Anouk Jansen")
    bram = professional_in(session, name="Bram de Vries", role="opbouwwerker")
    professional_in(session, name="Cor Bakker")
    dirk = professional_in(session, name="Dirk Smit", activeTo="2020-12-31")
    eva = professional_in(session, CENTRUM, name="Eva Visser")
    day = date(2024, 3, 1)
    assess(session, anouk, framework, "peer", day, {"C1": 5, "C3": 2})
    assess(session, anouk, framework, "manager", day, {"C1": 5})
    assess(session, anouk, framework, "self", day, {"C2": 4, "C3": 5})
    assess(session, bram, framework, "self", day, {"C1": 2})
    assess(session, bram, framework, "peer", day, {"C2": 2})
    for outsider in (dirk, eva):
        assess(session, outsider, framework, "manager", day, {"C3": 5})


def _cells(html: str, code: str) -> list[str]:
    row = re.search(rf'<tr id="team-{code}"[^>]*>.*?</tr>', html, re.DOTALL)
    assert row is not None, code
    return [" ".join(re.sub(r"<[^>]+>", " ", cell).split())
            for cell in re.findall(r"<td[^>]*>(.*?)</td>", row.group(0), re.DOTALL)]


def test_the_team_numbers_are_the_ones_worked_out_by_hand(
    web: TestClient, session: Session
) -> None:
    _plant_team(session)
    html = web.get(f"{PATH}?stadsdeel=F&framework=werklijst").text
    assert _cells(html, "C1") == ["2", "1", "33%", "3,5"]
    assert _cells(html, "C2") == ["2", "1", "33%", "3"]
    assert _cells(html, "C3") == ["1", "0", "0%", "2"]
    # The bar: a third of its 120 units for C1, nothing for C3.
    assert re.search(r'<tr id="team-C1".*?<rect class="bk-bar__fill" width="40.0"', html,
                     re.DOTALL)
    assert re.search(r'<tr id="team-C3".*?<rect class="bk-bar__fill" width="0.0"', html,
                     re.DOTALL)
    members = re.findall(r'<a class="ams-link" href="/professionals/[0-9a-f-]{36}/competenties'
                         r'\?framework=werklijst">([^<]+)</a>', html)
    assert members == ["Anouk Jansen", "Bram de Vries", "Cor Bakker"]
    assert "Het team: 3 professionals" in html
    assert "(Opbouwwerker)" in html


def test_a_gap_is_said_in_words(web: TestClient, session: Session) -> None:
    _plant_team(session)
    html = web.get(f"{PATH}?stadsdeel=F").text
    gap_row = re.search(r'<tr id="team-C3" class="bk-team__gap">.*?</tr>', html, re.DOTALL)
    assert gap_row is not None
    assert "Niemand in het team beheerst deze competentie" in gap_row.group(0)
    assert html.count("Niemand in het team beheerst deze competentie") == 1
    assert "1 competentie beheerst niemand in het team" in html
    assert '<a class="ams-link" href="#team-C3">C3 Verbinden en netwerken</a>' in html


def test_a_team_without_gaps_says_so(web: TestClient, session: Session) -> None:
    framework = make_framework(session, items=(("C1", "Verbinden"),))
    assess(session, professional_in(session), framework, "self", date(2024, 1, 1), {"C1": 5})
    html = web.get(f"{PATH}?stadsdeel=F").text
    assert "Elke competentie wordt door minstens één teamlid beheerst." in html


@pytest.mark.parametrize(("role", "stadsdelen", "status"), [
    ("admin", (), 200), ("editor", ("A",), 200), ("researcher", (), 200), ("viewer", (), 403)])
def test_the_team_is_for_those_who_may_read_assessments(
    web_as: WebFactory, session: Session, role: str, stadsdelen: tuple[str, ...], status: int
) -> None:
    _plant_team(session)
    response = web_as(role, stadsdelen).get(f"{PATH}?stadsdeel=F")
    assert response.status_code == status
    assert ("Anouk Jansen" in response.text) is (status == 200)
    if status == 403:
        assert "Geen toestemming" in response.text


@pytest.mark.parametrize("address", [PATH, f"{PATH}?stadsdeel=../initiatives"])
def test_a_viewer_is_refused_before_anything_is_asked(
    web_as: WebFactory, address: str
) -> None:
    """No framework yet, or a stadsdeel that never reaches the API: still no page."""
    response = web_as("viewer").get(address)
    assert response.status_code == 403
    assert "Geen toestemming" in response.text


def test_an_editor_starts_at_their_own_stadsdeel(web_as: WebFactory, session: Session) -> None:
    _plant_team(session)
    html = web_as("editor", ("F",)).get(PATH).text
    assert '<option value="F" selected>Nieuw-West</option>' in html
    assert "Team Nieuw-West, kader Werklijst participatieprofessional" in html


@pytest.mark.parametrize("headers", [{}, HTMX, BOOSTED], ids=["plain", "htmx", "boosted"])
def test_the_choice_works_without_javascript_and_swaps_with_htmx(
    web: TestClient, session: Session, headers: dict[str, str]
) -> None:
    _plant_team(session)
    response = web.get(f"{PATH}?stadsdeel=f", headers=headers)  # any case will do
    assert response.status_code == 200
    assert "Anouk Jansen" in response.text
    if headers is HTMX:
        assert response.text.lstrip().startswith('<div id="team"')
        assert "<html" not in response.text
    else:
        form = re.search(r'<form id="team-filters"[^>]*>', response.text)
        assert form is not None
        assert 'method="get"' in form.group(0) and 'action="/competenties/team"' in form.group(0)
        assert 'hx-target="#team"' in form.group(0)
        assert '<option value="F" selected>Nieuw-West</option>' in response.text


def test_an_empty_team_and_an_unknown_stadsdeel(web: TestClient, session: Session) -> None:
    make_framework(session)
    empty = web.get(f"{PATH}?stadsdeel=N")
    assert "Er werken vandaag geen professionals in dit stadsdeel." in empty.text
    unknown = web.get(f"{PATH}?stadsdeel=Q")
    assert unknown.status_code == 422
    assert 'id="filter-stadsdeel-error">Stadsdeel Q bestaat niet.</p>' in unknown.text
    odd = web.get(f"{PATH}?stadsdeel=../initiatives")
    assert odd.status_code == 422
    assert "Kies een stadsdeel uit de lijst." in odd.text
