"""Seed the area tables from the Gemeente Amsterdam files in api/data (see its README)."""

import csv
import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

from sqlmodel import Session, select

from api.areas.models import Area, AreaType, MappingCertainty, WijkaanpakBuurt, area_id

DATA = Path(__file__).resolve().parents[1] / "data"
INDELING_2022_START = date(2022, 3, 24)
INDELING_2015_END = date(2022, 3, 23)
GEMEENTE_ID = area_id(None, AreaType.GEMEENTE, "0363")


def _rows(name: str, delimiter: str = ",") -> Iterator[dict[str, str]]:
    with (DATA / name).open(encoding="utf-8", newline="") as handle:
        yield from csv.DictReader(handle, delimiter=delimiter)


def _rounded(coordinates: Any) -> Any:
    """Six decimals of a degree is about 10 cm: enough for maps, half the bytes."""
    if isinstance(coordinates, float):
        return round(coordinates, 6)
    return [_rounded(part) for part in coordinates]


def _wkt_polygon_to_geojson(wkt: str) -> str:
    body = wkt.strip().removeprefix("POLYGON((").removesuffix("))")
    rings = [[[float(value) for value in point.split()] for point in ring.split(",")]
             for ring in body.split("),(")]
    return json.dumps({"type": "Polygon", "coordinates": _rounded(rings)}, separators=(",", ":"))


def _geometries_2022() -> dict[str, str]:
    collection = json.loads((DATA / "amsterdam_buurten_2022.geojson").read_text("utf-8"))
    return {
        feature["properties"]["code"]: json.dumps(
            {"type": feature["geometry"]["type"],
             "coordinates": _rounded(feature["geometry"]["coordinates"])},
            separators=(",", ":"))
        for feature in collection["features"]
    }


def _wijkaanpak() -> tuple[list[WijkaanpakBuurt], dict[str, int]]:
    buurten, flagged = [], {}
    for row in _rows("wijkaanpak_17_buurten.csv"):
        number = int(row["nr"])
        buurten.append(WijkaanpakBuurt(
            id=number, number=number, name_2007=row["naam_2007"], krachtwijk=row["krachtwijk"],
            stadsdeel_2007=row["stadsdeel_2007"],
            certainty=MappingCertainty(row["zekerheid_koppeling"]),
            explanation=row["toelichting"],
        ))
        flagged.update(dict.fromkeys(row["buurtcodes_2022"].split(), number))
    return buurten, flagged


def _areas_2022(flagged: dict[str, int]) -> list[Area]:
    stadsdelen: dict[str, Area] = {}
    gebieden: dict[str, Area] = {}
    wijken: dict[str, Area] = {}
    for row in _rows("amsterdam_wijken_2022.csv"):
        code = row["stadsdeel_code"]
        stadsdelen.setdefault(code, Area(
            id=area_id(None, AreaType.STADSDEEL, code), type=AreaType.STADSDEEL, code=code,
            name=row["stadsdeel_naam"], parent_id=GEMEENTE_ID))
        parent = stadsdelen[code]
        if row["ggw_gebied_id"]:
            gebied_code = row["ggw_gebied_id"]
            parent = gebieden.setdefault(gebied_code, Area(
                id=area_id(2022, AreaType.GEBIED, gebied_code), type=AreaType.GEBIED,
                code=gebied_code, name=row["ggw_gebied_naam"], indeling=2022,
                valid_from=INDELING_2022_START, parent_id=parent.id))
        wijken[row["wijk_code"]] = Area(
            id=area_id(2022, AreaType.WIJK, row["wijk_code"]), type=AreaType.WIJK,
            code=row["wijk_code"], cbs_code=row["cbs_wijkcode"],
            name=row["wijk_naam"] or f"Wijk {row['wijk_code']}", indeling=2022,
            valid_from=INDELING_2022_START, parent_id=parent.id)
    geometries = _geometries_2022()
    buurten = [
        Area(id=area_id(2022, AreaType.BUURT, row["buurt_code"]), type=AreaType.BUURT,
             code=row["buurt_code"], cbs_code=row["cbs_buurtcode"], name=row["buurt_naam"],
             indeling=2022, valid_from=date.fromisoformat(row["begin_geldigheid"]),
             parent_id=wijken[row["wijk_code"]].id,
             wijkaanpak_buurt_id=flagged.get(row["buurt_code"]),
             lon=float(row["lon"]), lat=float(row["lat"]), geometry=geometries[row["buurt_code"]])
        for row in _rows("amsterdam_buurten_2022.csv")
    ]
    return [*stadsdelen.values(), *gebieden.values(), *wijken.values(), *buurten]


def _areas_2015(flagged: dict[str, int]) -> list[Area]:
    crosswalk = {row["oud_buurt_code"]: row
                 for row in _rows("amsterdam_buurten_2015_naar_2022.csv")}
    wijken: dict[str, Area] = {}
    buurten = []
    for row in _rows("amsterdam_buurten_2015_indeling.csv", delimiter=";"):
        link = crosswalk[row["Buurtcode"]]
        wijk_code = row["Wijkcode"]
        wijk = wijken.setdefault(wijk_code, Area(
            id=area_id(2015, AreaType.WIJK, wijk_code), type=AreaType.WIJK, code=wijk_code,
            cbs_code=link["oud_cbs_wijkcode"], name=f"Buurtcombinatie {wijk_code}",
            indeling=2015, valid_to=INDELING_2015_END,
            parent_id=area_id(None, AreaType.STADSDEEL, row["Stadsdeelcode"])))
        successor = link["nieuw_buurt_code"]
        buurten.append(Area(
            id=area_id(2015, AreaType.BUURT, row["Buurtcode"]), type=AreaType.BUURT,
            code=row["Buurtcode"], cbs_code=link["oud_cbs_buurtcode"], name=row["Buurtnaam"],
            indeling=2015, valid_to=INDELING_2015_END, parent_id=wijk.id,
            successor_id=area_id(2022, AreaType.BUURT, successor),
            wijkaanpak_buurt_id=flagged.get(successor),
            lon=float(row["LNG"]), lat=float(row["LAT"]),
            geometry=_wkt_polygon_to_geojson(row["WKT_LNG_LAT"])))
    return [*wijken.values(), *buurten]


def seed_areas(session: Session) -> int:
    """Fill the area tables once; returns the number of areas added (0 if already there)."""
    if session.exec(select(Area.id).limit(1)).first() is not None:
        return 0
    wijkaanpak, flagged = _wijkaanpak()
    session.add_all(wijkaanpak)
    session.flush()  # the unit of work does not order tables linked without a relationship
    gemeente = Area(id=GEMEENTE_ID, type=AreaType.GEMEENTE, code="0363", cbs_code="GM0363",
                    name="Amsterdam")
    # Parents come before children: the unit of work inserts one table's rows in this order.
    areas = [gemeente, *_areas_2022(flagged), *_areas_2015(flagged)]
    session.add_all(areas)
    session.commit()
    return len(areas)
