"""Area tables and their public shapes. Areas are seed data: read-only over the API."""

import uuid
from datetime import date
from enum import StrEnum

from sqlmodel import Field, SQLModel

from api.db import CODE
from api.wire import CAMEL

ATTRIBUTION = "Bron: Gemeente Amsterdam (gebiedsindeling, open geodata)."
AREA_NAMESPACE = uuid.UUID("6f1f4a55-3d0e-4a59-9d77-6a0b2c1d0e00")


class AreaType(StrEnum):
    GEMEENTE = "gemeente"
    STADSDEEL = "stadsdeel"
    GEBIED = "gebied"
    WIJK = "wijk"
    BUURT = "buurt"


class MappingCertainty(StrEnum):
    HOOG = "hoog"
    MIDDEL = "middel"
    LAAG = "laag"


def area_id(indeling: int | None, area_type: AreaType, code: str) -> uuid.UUID:
    """A stable id, the same in every database seeded from the same files."""
    return uuid.uuid5(AREA_NAMESPACE, f"{indeling or 'all'}:{area_type.value}:{code}")


class WijkaanpakBuurtBase(SQLModel):
    model_config = CAMEL

    number: int = Field(ge=1, le=17, description="Number in the 2007 list (1–17)")
    name_2007: str = Field(description="Name as announced in June 2007")
    krachtwijk: str
    stadsdeel_2007: str = Field(description="Stadsdeel in 2007, before the 2010 merger")
    certainty: MappingCertainty = Field(
        sa_type=CODE, description="How certain the mapping to 2022 codes is"
    )
    explanation: str = Field(default="", description="Why the mapping is as it is")


class WijkaanpakBuurt(WijkaanpakBuurtBase, table=True):
    __tablename__ = "wijkaanpak_buurt"

    id: int = Field(primary_key=True)


class WijkaanpakBuurtPublic(WijkaanpakBuurtBase):
    id: int
    buurt_ids: list[uuid.UUID] = Field(description="The 2022 buurten it maps to")


class AreaBase(SQLModel):
    model_config = CAMEL

    type: AreaType = Field(sa_type=CODE)
    code: str = Field(index=True, description="Amsterdam code, e.g. FD03 (buurt) or F (stadsdeel)")
    cbs_code: str | None = Field(default=None, index=True, description="CBS code, e.g. BU0363FD03")
    name: str
    indeling: int | None = Field(
        default=None,
        description="2015 or 2022; empty for areas valid in both (gemeente, stadsdelen)",
    )
    valid_from: date | None = None
    valid_to: date | None = None
    parent_id: uuid.UUID | None = Field(default=None, foreign_key="area.id", index=True)
    successor_id: uuid.UUID | None = Field(
        default=None, foreign_key="area.id",
        description="For a 2015 buurt: the 2022 buurt that holds its representative point",
    )
    wijkaanpak_buurt_id: int | None = Field(
        default=None, foreign_key="wijkaanpak_buurt.id", index=True
    )
    lon: float | None = Field(default=None, description="Representative point, WGS84")
    lat: float | None = None


class Area(AreaBase, table=True):
    id: uuid.UUID = Field(primary_key=True)
    geometry: str | None = Field(default=None, description="GeoJSON geometry (WGS84) as text")


class AreaPublic(AreaBase):
    id: uuid.UUID
    wijkaanpak: bool = Field(description="Lies in one of the 17 Wijkaanpak buurten")
