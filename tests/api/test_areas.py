"""The read-only area resources, seeded from the Gemeente Amsterdam files."""

from starlette.testclient import TestClient

from api.areas.models import AreaType, area_id


def all_areas(client: TestClient, query: str) -> list[dict[str, object]]:
    found: list[dict[str, object]] = []
    page = 1
    while True:
        body = client.get(f"/v1/areas?{query}&pageSize=100&page={page}").json()
        found += body["items"]
        if body["_links"]["next"] is None:
            return found
        page += 1


def test_the_2022_indeling_has_its_published_counts(client: TestClient) -> None:
    def total(query: str) -> int:
        return int(client.get(f"/v1/areas?{query}").json()["total"])

    assert total("type=buurt&indeling=2022") == 518
    assert total("type=wijk&indeling=2022") == 110
    assert total("type=gebied") == 25
    assert total("type=stadsdeel") == 9
    assert total("type=buurt&indeling=2015") == 500


def test_a_buurt_has_its_codes_parent_and_validity(client: TestClient) -> None:
    buurt = client.get(f"/v1/areas/{area_id(2022, AreaType.BUURT, 'FD03')}").json()
    assert (buurt["code"], buurt["cbsCode"], buurt["validFrom"]) == ("FD03", "BU0363FD03",
                                                                     "2022-03-24")
    assert buurt["wijkaanpak"] is True
    wijk = client.get(f"/v1/areas/{buurt['parentId']}").json()
    assert (wijk["type"], wijk["code"]) == ("wijk", "FD")


def test_a_2015_buurt_points_to_its_2022_successor(client: TestClient) -> None:
    old = client.get(f"/v1/areas/{area_id(2015, AreaType.BUURT, 'A00a')}").json()
    assert (old["indeling"], old["validTo"]) == (2015, "2022-03-23")
    new = client.get(f"/v1/areas/{old['successorId']}").json()
    assert (new["code"], new["name"]) == ("AE01", "Kop Zeedijk")


def test_the_17_wijkaanpak_buurten_come_with_their_krachtwijk_and_certainty(
    client: TestClient,
) -> None:
    buurten = client.get("/v1/wijkaanpak-buurten").json()
    assert [b["number"] for b in buurten] == list(range(1, 18))
    transvaal = buurten[13]
    assert (transvaal["name2007"], transvaal["certainty"]) == ("Transvaalbuurt", "hoog")
    assert len(transvaal["buurtIds"]) == 2
    assert buurten[0]["certainty"] == "laag"
    flagged = all_areas(client, "type=buurt&indeling=2022&wijkaanpak=true")
    assert len(flagged) == sum(len(b["buurtIds"]) for b in buurten)


def test_areas_filter_by_parent_within_and_name(client: TestClient) -> None:
    wijken = all_areas(client, "parent=FD")
    assert sorted(w["code"] for w in wijken) == ["FD01", "FD02", "FD03", "FD04"]
    below = all_areas(client, "within=T&type=wijk&indeling=2022")
    assert below and all(str(w["code"]).startswith("T") for w in below)
    named = all_areas(client, "q=kolenkit")
    assert {a["code"] for a in named} >= {"ED"}
    assert client.get("/v1/areas?parent=nergens").status_code == 400


def test_areas_sort_both_ways_and_refuse_unknown_keys(client: TestClient) -> None:
    def codes(query: str) -> list[str]:
        return [str(a["code"]) for a in client.get(f"/v1/areas?type=stadsdeel&{query}")
                .json()["items"]]

    assert codes("sort=code") == sorted(codes("sort=code"))
    assert codes("sort=-code") == list(reversed(codes("sort=code")))
    assert codes("sort=name")[0] == "A"  # Centrum
    assert client.get("/v1/areas?sort=size").status_code == 400


def test_the_wijkaanpak_filter_keeps_only_flagged_areas(client: TestClient) -> None:
    flagged = all_areas(client, "wijkaanpak=true&indeling=2015&type=buurt")
    assert flagged and all(a["wijkaanpak"] for a in flagged)
    others = all_areas(client, "wijkaanpak=false&type=stadsdeel")
    assert len(others) == 9


def test_buurt_geometry_is_served_as_geojson(client: TestClient) -> None:
    response = client.get("/v1/buurt-geometries?within=FD")
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/geo+json"
    collection = response.json()
    assert collection["type"] == "FeatureCollection"
    assert [f["properties"]["code"] for f in collection["features"]] == ["FD01", "FD02", "FD03",
                                                                          "FD04"]
    assert collection["features"][0]["geometry"]["type"] in ("Polygon", "MultiPolygon")
    old = client.get("/v1/buurt-geometries?indeling=2015").json()
    assert len(old["features"]) == 500


def test_areas_are_read_only(client: TestClient) -> None:
    assert client.post("/v1/areas", json={"code": "X"}).status_code == 405
    some = area_id(2022, AreaType.BUURT, "FD03")
    assert client.delete(f"/v1/areas/{some}").status_code == 405


def test_an_unknown_area_is_a_404(client: TestClient) -> None:
    response = client.get("/v1/areas/00000000-0000-0000-0000-000000000000")
    assert response.status_code == 404
