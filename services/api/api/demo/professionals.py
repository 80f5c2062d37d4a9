"""Demo professionals: fictitious people in roles, organisations and areas that fit together."""

import random
import unicodedata
import uuid
from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from api.demo import texts
from api.demo.distributions import pick, weighted
from api.demo.initiatives import Plan, new_id, stamp
from api.demo.world import World
from api.vocabularies.models import OrganisationKind, ProfessionalRole

R = ProfessionalRole
ROLES = weighted({
    R.PARTICIPATIEMAKELAAR: 0.17, R.GEBIEDSMAKELAAR: 0.06, R.STADSDEELMEDEWERKER: 0.08,
    R.OPBOUWWERKER: 0.20, R.PARTICIPATIEMEDEWERKER: 0.08, R.WELZIJNSWERKER: 0.10,
    R.GEBIEDSBEHEERDER: 0.12, R.BUURTCONCIERGE: 0.05, R.BUURTBEMIDDELAAR: 0.04,
    R.PROCESBEGELEIDER: 0.06, R.ONDERZOEKER: 0.04,
})
DISTRICT_ROLES = frozenset({R.PARTICIPATIEMAKELAAR, R.GEBIEDSMAKELAAR, R.STADSDEELMEDEWERKER})
WELFARE_ROLES = frozenset({R.OPBOUWWERKER, R.PARTICIPATIEMEDEWERKER, R.WELZIJNSWERKER,
                           R.BUURTBEMIDDELAAR})
CITY_WIDE_ROLES = frozenset({R.PROCESBEGELEIDER, R.ONDERZOEKER})
PER_INITIATIVE = 150 / 700
FEWEST, MOST = 30, 3000
EARLIEST = date(2008, 1, 1)


@dataclass(frozen=True)
class Staff:
    """A professional as the support generator sees it."""

    id: uuid.UUID
    role: ProfessionalRole
    stadsdeel: str
    areas: frozenset[uuid.UUID]  # the areas served: their stadsdeel, wijken or the city
    active_from: date
    active_to: date | None


def professional_count(initiatives: int) -> int:
    """About 150 for 700 initiatives; at least 30, at most 3,000."""
    return max(FEWEST, min(MOST, round(initiatives * PER_INITIATIVE)))


def _ascii(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "".join(char for char in folded.lower() if char.isalnum())


def _organisation(rng: random.Random, role: ProfessionalRole, stadsdeel: str, world: World
                  ) -> tuple[str, OrganisationKind]:
    if role in DISTRICT_ROLES:
        return f"Stadsdeel {world.stadsdelen[stadsdeel][1]}", OrganisationKind.STADSDEEL
    welfare = texts.WELFARE.get(stadsdeel, "Welzijn Amsterdam")
    if role in WELFARE_ROLES or (role is R.BUURTCONCIERGE and rng.random() < 0.5):
        return welfare, OrganisationKind.WELZIJNSORGANISATIE
    if role in (R.GEBIEDSBEHEERDER, R.BUURTCONCIERGE):
        return rng.choice(texts.CORPORATIONS), OrganisationKind.WONINGCORPORATIE
    if role is R.PROCESBEGELEIDER:
        if rng.random() < 0.6:
            return rng.choice(texts.BUREAUS), OrganisationKind.ADVIESBUREAU
        return "Eigen praktijk procesbegeleiding", OrganisationKind.ZELFSTANDIGE
    if rng.random() < 0.8:
        return rng.choice(texts.INSTITUTES), OrganisationKind.KENNISINSTELLING
    return "Gemeente Amsterdam, Onderzoek en Statistiek", OrganisationKind.GEMEENTE


def _areas(rng: random.Random, role: ProfessionalRole, stadsdeel: str, world: World,
           wijken: dict[str, list[uuid.UUID]]) -> list[uuid.UUID]:
    """Their stadsdeel for district roles, the city for city-wide ones, else 1–3 wijken."""
    if role in DISTRICT_ROLES and role is not R.GEBIEDSMAKELAAR:
        return [world.stadsdelen[stadsdeel][0]]
    if role in CITY_WIDE_ROLES:
        return [world.gemeente_id]
    options = wijken[stadsdeel]
    return sorted(set(rng.choices(options, k=rng.randint(1, 3))))


def _period(rng: random.Random, throughout: bool) -> tuple[date, date | None]:
    """First and last day active; `throughout` covers the whole demo period (2008–2016)."""
    if throughout or rng.random() < 0.8:
        start = date(rng.randint(2000, 2007), rng.randint(1, 12), 1)
    else:
        start = date(rng.randint(2008, 2012), rng.randint(1, 12), 1)
    if throughout or rng.random() < 0.7:
        return start, None
    year, month = rng.randint(2013, 2016), rng.randint(1, 12)
    return start, date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)


def _professional(rng: random.Random, number: int, role: ProfessionalRole, stadsdeel: str,
                  world: World, wijken: dict[str, list[uuid.UUID]]
                  ) -> tuple[dict[str, Any], Staff]:
    organisation, kind = _organisation(rng, role, stadsdeel, world)
    first, last = rng.choice(texts.FIRST_NAMES), rng.choice(texts.SURNAMES)
    active_from, active_to = _period(rng, throughout=number <= len(R))
    areas = _areas(rng, role, stadsdeel, world, wijken)
    created = stamp(rng, max(active_from, EARLIEST))
    professional_id = new_id(rng)
    row = {
        "id": professional_id, "name": f"{first} {last}",
        "email": f"{_ascii(first)}.{_ascii(last)}.{number}@example.org",
        "role": role.value, "organisation": organisation, "organisation_kind": kind.value,
        "fte": round(rng.uniform(0.4, 1.0), 1), "active_from": active_from,
        "active_to": active_to, "external_ref": f"DEMO-P-{number:05d}", "version": 1,
        "created_at": created, "updated_at": created,
    }
    return row, Staff(professional_id, role, stadsdeel, frozenset(areas), active_from, active_to)


def make_professionals(rng: random.Random, world: World, plans: list[Plan], count: int
                       ) -> tuple[list[dict[str, Any]], list[dict[str, Any]], list[Staff]]:
    """Rows for professional and professional_area, and the staff list support draws from.

    Every role occurs at least once, the first of each role active throughout; stadsdelen
    get staff in proportion to their initiatives, and wijk-based staff work in the wijken
    where initiatives are.
    """
    districts = weighted(dict(sorted(Counter(plan.buurt.stadsdeel for plan in plans).items())))
    wijken: dict[str, list[uuid.UUID]] = {}
    for plan in plans:
        wijken.setdefault(plan.buurt.stadsdeel, []).append(plan.buurt.wijk_id)
    rows: list[dict[str, Any]] = []
    staff: list[Staff] = []
    for number in range(1, count + 1):
        role = list(R)[number - 1] if number <= len(R) else pick(rng, ROLES)
        row, person = _professional(rng, number, role, pick(rng, districts), world, wijken)
        rows.append(row)
        staff.append(person)
    area_rows = [{"professional_id": person.id, "area_id": area}
                 for person in staff for area in sorted(person.areas)]
    return rows, area_rows, staff
