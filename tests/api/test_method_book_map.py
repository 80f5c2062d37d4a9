"""The initiatives chapter's map: counts per buurt equal to the API's list totals and adding
up to the chapter's total; an accessible vector figure (title, description, a legend of five
shades in words, hatched buurten without initiatives, Wijkaanpak outlined) of every 2022
buurt in scope; small and the same every time."""

import re
from typing import Any

from defusedxml import ElementTree
from sqlalchemy import Engine, func, select
from starlette.testclient import TestClient

from api.areas.models import AreaType, area_id
from api.method_book.areas import AREAS
from api.method_book.chapters.map import Shade, shade_of, shades
from tests.api.builders import BUURT_AA01, BUURT_F76A_2015, initiative_payload
from tests.api.test_method_book import _book, _html

SVG = "{http://www.w3.org/2000/svg}"
MAP = re.compile(r'<svg[^>]*aria-labelledby="initiatives-map-title.*?</svg>', re.DOTALL)
OUTLINE = {"fill": "none", "stroke": "#000", "stroke-width": "2"}


def _world(client: TestClient) -> None:
    """Nieuw-West: FD03 twice and once more through its 2015 buurt F76a, FA01 once, FA02
    once without the theme "ontmoeting"; Centrum: AA01 once."""
    placed = [("FD03", None), ("FD03", None), ("FA01", None), ("FA02", ["groen"])]
    bodies = [initiative_payload(title=f"Initiatief {number}", buurtId=str(
        area_id(2022, AreaType.BUURT, code)), **({"themes": themes} if themes else {}))
        for number, (code, themes) in enumerate(placed)]
    bodies += [initiative_payload(title="Oud geregistreerd", buurtId=str(BUURT_F76A_2015)),
               initiative_payload(title="In Centrum", buurtId=str(BUURT_AA01))]
    for body in bodies:
        answer = client.post("/v1/initiatives", json=body)
        assert answer.status_code == 201, answer.text


def _chapter(client: TestClient, **parameters: Any) -> tuple[dict[str, Any], str]:
    book = _book(client, **parameters)
    numbers = client.get(book["_links"]["numbers"]).json()["chapters"]["initiatives"]
    return numbers, _html(client, book)


def _buurten(engine: Engine, prefix: str, wijkaanpak: bool = False) -> int:
    """The 2022 buurten whose code starts with `prefix` (a stadsdeel's letter, or "")."""
    query = select(func.count()).select_from(AREAS).where(
        AREAS.c.type == "buurt", AREAS.c.indeling == 2022, AREAS.c.code.startswith(prefix))
    if wijkaanpak:
        query = query.where(AREAS.c.wijkaanpak_buurt_id.is_not(None))
    with engine.connect() as connection:
        return int(connection.execute(query).scalar_one())


def test_the_counts_per_buurt_equal_the_api_and_add_up_to_the_total(
        client: TestClient) -> None:
    _world(client)
    chapter, _ = _chapter(client, stadsdeel="F", theme="ontmoeting")
    assert chapter["byBuurt"] == {"FA01": 1, "FD03": 3}  # F76a lies in FD03 now; FA02 has none
    assert list(chapter["byBuurt"]) == sorted(chapter["byBuurt"])
    for code, count in chapter["byBuurt"].items():
        answer = client.get(f"/v1/initiatives?area={code}&theme=ontmoeting")
        assert answer.json()["total"] == count, code
    assert sum(chapter["byBuurt"].values()) == chapter["total"] == 4
    city, _ = _chapter(client)
    assert city["byBuurt"] == {"AA01": 1, "FA01": 1, "FA02": 1, "FD03": 3}
    assert sum(city["byBuurt"].values()) == city["total"] == client.get(
        "/v1/initiatives").json()["total"]
    assert city["mapClasses"][0] == {"low": 1, "high": 1}
    assert len(city["mapClasses"]) == 5


def _map(html: str) -> Any:
    [figure] = MAP.findall(html)
    return figure, ElementTree.fromstring(figure)


def test_the_map_is_an_accessible_vector_figure_with_a_legend(client: TestClient,
                                                              engine: Engine) -> None:
    _world(client)
    _, html = _chapter(client, stadsdeel="F", theme="ontmoeting")
    text, root = _map(html)
    assert root.get("role") == "img" and "<image" not in text
    title, desc = root.find(f"{SVG}title"), root.find(f"{SVG}desc")
    assert title is not None and title.text == "Initiatieven per buurt, Nieuw-West"
    assert desc is not None and "staan in de tabel" in str(desc.text)
    assert "vijf klassen" in str(desc.text) and "gearceerd" in str(desc.text)
    assert root.find(f"{SVG}defs/{SVG}pattern") is not None  # the hatch
    [areas] = [group for group in root.findall(f"{SVG}g") if group.get("fill-rule")]
    fills = {group.get("fill"): [path.get("d") for path in group] for group in areas}
    assert sum(map(len, fills.values())) == _buurten(engine, "F")  # every buurt, once
    assert len(fills["url(#initiatives-map-none)"]) == _buurten(engine, "F") - 2
    # Counts 1 and 3 give the shades 1, 2, 3, 4, 5: FA01 the lightest, FD03 the middle one.
    assert len(fills["#c6dbef"]) == 1 and len(fills["#6baed6"]) == 1
    [outlines] = [group for group in root.findall(f"{SVG}g")
                  if group.attrib == OUTLINE]
    assert len(outlines) == _buurten(engine, "F", wijkaanpak=True) > 0
    assert all(re.fullmatch(r"(M\d+ \d+l[-\d ]+z)+", str(path.get("d")))
               for path in [*areas.iter(f"{SVG}path"), *outlines])  # whole units only
    legend = [str(node.text) for node in root.findall(f"{SVG}text")]
    assert legend == ["Initiatieven per buurt", "1", "2", "3", "4", "5", "geen initiatieven",
                      "Wijkaanpak-buurt (dikke rand)"]
    assert len(root.findall(f"{SVG}rect")) == 5 + 2  # five shades, none, Wijkaanpak
    rows = re.findall(r'<tr><th scope="row">([^<]+)</th><td>(F\w+)</td><td>(\w*)</td>'
                      r'<td>(\d+)</td></tr>', html)
    assert rows == [("Sloterdijk De Heining", "FA01", "", "1"),
                    ("Meerwaldtbuurt", "FD03", "ja", "3")]


def test_the_city_map_holds_every_buurt_and_stays_small(client: TestClient,
                                                         engine: Engine) -> None:
    _world(client)
    _, html = _chapter(client, language="en")
    text, root = _map(html)
    assert len(text.encode()) < 150_000
    [areas] = [group for group in root.findall(f"{SVG}g") if group.get("fill-rule")]
    assert len(list(areas.iter(f"{SVG}path"))) == _buurten(engine, "") > 400
    legend = [str(node.text) for node in root.findall(f"{SVG}text")]
    assert "no initiatives" in legend and "Wijkaanpak buurt (thick outline)" in legend
    title, desc = root.find(f"{SVG}title"), root.find(f"{SVG}desc")
    assert title is not None and title.text == "Initiatives per buurt, Amsterdam"
    assert desc is not None and "table below the map" in str(desc.text)
    assert _map(_html(client, _book(client, language="en")))[0] == text


def test_five_shades_by_quintiles_each_above_the_one_before() -> None:
    assert shades([]) == [Shade(1, 1), Shade(2, 2), Shade(3, 3), Shade(4, 4), Shade(5, 5)]
    assert shades([0, 3, 3, 3]) == [Shade(1, 3), Shade(4, 4), Shade(5, 5), Shade(6, 6),
                                    Shade(7, 7)]
    spread = shades(range(1, 101))
    assert [(shade.low, shade.high) for shade in spread] == [
        (1, 20), (21, 40), (41, 60), (61, 80), (81, 100)]
    assert [shade_of(count, spread) for count in (1, 20, 21, 100, 500)] == [0, 0, 1, 4, 4]


def test_a_redrawn_buurt_without_initiatives_changes_the_hash(client: TestClient,
                                                               engine: Engine) -> None:
    """The map draws every buurt in scope, so the hash covers their geometry: a book whose
    hash is unchanged has the same map."""
    _world(client)
    before = _book(client, stadsdeel="F")
    where = (AREAS.c.code == "FB01") & (AREAS.c.indeling == 2022)  # no initiative there
    with engine.begin() as connection:
        shape = connection.execute(select(AREAS.c.geometry).where(where)).scalar_one()
    try:
        with engine.begin() as connection:  # areas are seed data: put back below
            connection.execute(AREAS.update().where(where).values(
                geometry='{"type": "Polygon", "coordinates": '
                         '[[[4.80, 52.37], [4.81, 52.37], [4.81, 52.38], [4.80, 52.37]]]}'))
        after = _book(client, stadsdeel="F")
        assert after["dataHash"] != before["dataHash"]
        assert _html(client, after) != _html(client, before)
        assert _book(client, stadsdeel="A")["dataHash"] == _book(
            client, stadsdeel="A")["dataHash"]
    finally:
        with engine.begin() as connection:
            connection.execute(AREAS.update().where(where).values(geometry=shape))
