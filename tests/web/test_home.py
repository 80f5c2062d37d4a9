"""The home page: totals per stadsdeel, the Wijkaanpak buurten, the buurt map, recent changes."""

import re
import xml.etree.ElementTree as ElementTree

import pytest
from sqlmodel import Session
from starlette.testclient import TestClient

from tests.api.builders import BUURT_AA01, make_initiative
from tests.web.conftest import BOOSTED, HTMX
from web.api_client import home as home_data
from web.svg_map import CountClass, class_of, count_classes, ring_path, thinned

SVG = "{http://www.w3.org/2000/svg}"
BUURTEN_2022 = 518


def _svg(html: str) -> ElementTree.Element:
    """The map, parsed as XML: a well-formed SVG or the test fails."""
    start = html.index('<svg class="bk-map__svg"')
    end = html.index("</svg>", start) + len("</svg>")
    source = html[start:end].replace("<svg ", '<svg xmlns="http://www.w3.org/2000/svg" ', 1)
    return ElementTree.fromstring(source)  # noqa: S314 (our own page, not untrusted input)


def _between(html: str, start: str, end: str) -> str:
    begin = html.index(start)
    return html[begin:html.index(end, begin)]


def _map_titles(html: str) -> dict[str, str]:
    """Title of each buurt link on the map, by the code in its address."""
    return {link.get("href", "").removeprefix("/areas/"): link.findtext(f"{SVG}title") or ""
            for link in _svg(html).iter(f"{SVG}a")}


def _shade_of(html: str, code: str) -> str:
    for link in _svg(html).iter(f"{SVG}a"):
        if link.get("href") == f"/areas/{code}":
            path = link.find(f"{SVG}path")
            assert path is not None
            return path.get("class", "")
    raise AssertionError(code)


@pytest.fixture
def three_initiatives(session: Session) -> None:
    make_initiative(session, title="Moestuin Sloterplein")  # FD03, a Wijkaanpak buurt
    make_initiative(session, title="Speeltuin Meerwaldt")
    make_initiative(session, title="Buurtfeest Centrum", buurtId=str(BUURT_AA01))


@pytest.mark.parametrize("headers", [{}, HTMX, BOOSTED], ids=["plain", "htmx", "boosted"])
def test_the_home_page_draws_every_buurt_as_a_link_with_a_title_and_a_legend(
    web: TestClient, three_initiatives: None, headers: dict[str, str]
) -> None:
    response = web.get("/", headers=headers)
    assert response.status_code == 200
    html = response.text
    titles = _map_titles(html)
    assert len(titles) == BUURTEN_2022 and all(titles.values())
    assert titles["FD03"] == "Meerwaldtbuurt: 2 initiatieven (Wijkaanpak)"
    assert titles["AA01"] == "Planciusbuurt-Noord: 1 initiatief"
    assert titles["AA02"] == "Westelijke eilanden: 0 initiatieven"
    assert 'role="group" aria-labelledby="map-heading"' in html
    legend = _between(html, 'id="map-legend"', "</ul>")
    assert legend.count('class="bk-legend__item"') == 6  # five shades and the outline
    assert "Dikke rand: Wijkaanpak-buurt" in legend
    assert "HX-Request" in response.headers["vary"]
    if headers is HTMX:
        assert html.lstrip().startswith('<div id="home"')
    else:
        assert html.startswith("<!doctype html>")
        assert '<a class="ams-link bk-nav__link" href="/" aria-current="page">' in html


def test_the_shades_follow_the_counts_and_wijkaanpak_buurten_have_an_outline(
    web: TestClient, three_initiatives: None
) -> None:
    html = web.get("/").text
    assert _shade_of(html, "AA02") == "bk-shade-0"
    assert _shade_of(html, "AA01") == "bk-shade-1"
    assert _shade_of(html, "FD03") == "bk-shade-2 bk-map__wijkaanpak"
    outlined = sum("bk-map__wijkaanpak" in (path.get("class") or "")
                   for path in _svg(html).iter(f"{SVG}path"))
    assert outlined == html.count("(Wijkaanpak)</title>") > 17  # the 17 map to more buurten


def test_the_totals_per_stadsdeel_add_up_to_the_total(web: TestClient,
                                                      three_initiatives: None) -> None:
    html = web.get("/").text
    table = _between(html, 'id="stadsdeel-totals"', "</table>")
    assert "<caption" in table and "Initiatieven per stadsdeel" in table
    counts = [int(count) for count in re.findall(r'data-count="(\d+)"', table)]
    total = int(re.findall(r'data-total="(\d+)"', table)[0])
    assert len(counts) >= 8 and sum(counts) == total == 3
    assert re.search(r'href="/areas/F">Nieuw-West</a></th>\s*<td[^>]*>2<', table)
    assert re.search(r'href="/areas/A">Centrum</a></th>\s*<td[^>]*>1<', table)
    assert "Buurtkracht bevat 3 bewonersinitiatieven" in html


def test_the_seventeen_wijkaanpak_buurten_are_listed_with_their_2022_buurten(
    web: TestClient,
) -> None:
    html = web.get("/").text
    table = _between(html, 'id="wijkaanpak-buurten"', "</table>")
    assert table.count('<th class="ams-table__cell" scope="row">') == 17
    assert "De 17 Wijkaanpak-buurten" in html
    assert "Nieuwendam Noord" in table and "Hoog" in table and "Laag" in table
    assert 'href="/areas/FD03">Meerwaldtbuurt</a>' in table


def test_the_map_has_a_table_of_the_buurten_by_number_of_initiatives(
    web: TestClient, three_initiatives: None
) -> None:
    html = web.get("/").text
    details = _between(html, '<details class="bk-map-table"', "</details>")
    assert "<summary>De kaart als tabel: buurten naar aantal initiatieven</summary>" in details
    rows = re.findall(r'<tr><th scope="row"><a href="/areas/(\w+)">[^<]+</a></th>'
                      r"<td>[^<]*</td><td>(\d+)</td>", details)
    assert len(rows) == BUURTEN_2022
    assert rows[:2] == [("FD03", "2"), ("AA01", "1")]


def test_the_ten_most_recently_changed_initiatives_are_shown_newest_first(
    web: TestClient, session: Session
) -> None:
    made = [make_initiative(session, title=f"Initiatief nummer {number:02}")
            for number in range(12)]
    html = web.get("/").text
    recent = _between(html, 'id="recent-changes"', "</table>")
    assert "De 10 laatst gewijzigde initiatieven" in recent
    assert recent.count("<tr>") == 11  # the header and ten rows
    assert recent.index("Initiatief nummer 11") < recent.index("Initiatief nummer 02")
    assert "Initiatief nummer 01" not in recent
    assert f'href="/initiatives/{made[-1].id}"' in recent
    assert 'href="/areas/FD03">Meerwaldtbuurt</a>' in recent


def test_the_home_page_weighs_well_under_300_kb(web: TestClient, three_initiatives: None
                                               ) -> None:
    assert len(web.get("/").content) < 250_000


def test_with_many_initiatives_the_map_is_shaded_by_the_wijk_and_says_so(
    web: TestClient, three_initiatives: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(home_data, "COUNT_BY_PAGING", 2)
    html = web.get("/").text
    titles = _map_titles(html)
    assert titles["FD03"] == ("Meerwaldtbuurt: 2 initiatieven in wijk Slotermeer-Noordoost"
                              " (Wijkaanpak)")
    assert titles["FD01"].startswith("Arondeusbuurt: 2 initiatieven in wijk Slotermeer-Noordoost")
    assert titles["AA02"].startswith("Westelijke eilanden: 1 initiatief in wijk ")
    assert "Legenda: initiatieven per wijk" in html
    assert "gekleurd naar het aantal initiatieven in haar wijk" in html


def test_the_home_page_speaks_english(web: TestClient, three_initiatives: None) -> None:
    html = web.get("/?lang=en").text
    assert '<html lang="en">' in html
    assert "What the system holds" in html and "Map: initiatives per neighbourhood" in html
    assert _map_titles(html)["AA01"] == "Planciusbuurt-Noord: 1 initiative"
    assert "Buurtkracht holds 3 residents' initiatives" in html.replace("&#39;", "'")
    assert "Thick outline: Wijkaanpak neighbourhood" in html


@pytest.mark.parametrize("headers", [{}, HTMX], ids=["plain", "htmx"])
def test_without_the_api_the_home_page_is_a_503(web_without_api: TestClient,
                                                headers: dict[str, str]) -> None:
    response = web_without_api.get("/", headers=headers)
    assert response.status_code == 503
    assert response.headers["content-type"].startswith("text/html")
    assert "Even niet bereikbaar" in response.text


def test_five_count_classes_from_none_to_the_highest_count() -> None:
    classes = count_classes([0, 0, 1, 1, 2, 5, 9, 30])
    assert classes == (CountClass(0, 0, 0), CountClass(1, 1, 1), CountClass(2, 2, 2),
                       CountClass(3, 3, 9), CountClass(4, 10, 30))
    assert [class_of(count, classes) for count in (0, 1, 4, 30, 31)] == [0, 1, 3, 4, 4]
    assert [shade.high for shade in count_classes([])] == [0, 1, 2, 3, 4]


def test_paths_are_relative_and_points_closer_than_a_step_are_dropped() -> None:
    assert thinned([(0, 0), (1, 0), (2, 1), (3, 1), (3, 3)]) == [(0, 0), (2, 1), (3, 3)]
    assert ring_path([(10, 20), (12, 18), (9, 18)]) == "M10 20l2-2-3 0z"
