"""Demo support episodes, and the durability of finished initiatives that follows from them."""

import math
import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from api.demo.distributions import FINISHED, Weighted, pick, weighted
from api.demo.effects import continuation_probability, stop_hazard
from api.demo.initiatives import DATA_DATE, STARTED, Plan, new_id, stamp
from api.demo.professionals import Staff
from api.demo.world import Buurt
from api.vocabularies.models import (
    InitiativeStatus,
    InitiatorType,
    ProfessionalRole,
    SupportKind,
    SupportStyle,
)

R = ProfessionalRole
K = SupportKind
EPISODES = weighted({0: 0.06, 1: 0.30, 2: 0.32, 3: 0.20, 4: 0.12})
EPISODE_ROLES = weighted({
    R.PARTICIPATIEMAKELAAR: 0.25, R.GEBIEDSMAKELAAR: 0.05, R.STADSDEELMEDEWERKER: 0.08,
    R.OPBOUWWERKER: 0.22, R.PARTICIPATIEMEDEWERKER: 0.07, R.WELZIJNSWERKER: 0.08,
    R.GEBIEDSBEHEERDER: 0.12, R.BUURTCONCIERGE: 0.03, R.BUURTBEMIDDELAAR: 0.02,
    R.PROCESBEGELEIDER: 0.06, R.ONDERZOEKER: 0.02,
})
ADVICE_ROLES = weighted({R.PARTICIPATIEMAKELAAR: 0.5, R.OPBOUWWERKER: 0.3,
                         R.STADSDEELMEDEWERKER: 0.2})
FIRST_ROLE: dict[InitiatorType, ProfessionalRole] = {
    InitiatorType.WELZIJNSORGANISATIE: R.OPBOUWWERKER,
    InitiatorType.WONINGCORPORATIE: R.GEBIEDSBEHEERDER,
    InitiatorType.STADSDEEL: R.STADSDEELMEDEWERKER,
}
# (stimulerend, faciliterend, coproducerend, overnemend) per role
STYLE_WEIGHTS: dict[ProfessionalRole, tuple[float, float, float, float]] = {
    R.PARTICIPATIEMAKELAAR: (0.35, 0.40, 0.18, 0.07), R.GEBIEDSMAKELAAR: (0.25, 0.35, 0.25, 0.15),
    R.STADSDEELMEDEWERKER: (0.15, 0.30, 0.20, 0.35), R.OPBOUWWERKER: (0.45, 0.25, 0.18, 0.12),
    R.PARTICIPATIEMEDEWERKER: (0.30, 0.45, 0.15, 0.10), R.WELZIJNSWERKER: (0.30, 0.30, 0.15, 0.25),
    R.GEBIEDSBEHEERDER: (0.15, 0.40, 0.30, 0.15), R.BUURTCONCIERGE: (0.20, 0.40, 0.30, 0.10),
    R.BUURTBEMIDDELAAR: (0.30, 0.30, 0.20, 0.20), R.PROCESBEGELEIDER: (0.20, 0.25, 0.20, 0.35),
    R.ONDERZOEKER: (0.20, 0.40, 0.40, 0.0),
}
MAIN_KINDS: dict[ProfessionalRole, tuple[SupportKind, ...]] = {
    R.PARTICIPATIEMAKELAAR: (K.INFORMEREN_ADVISEREN, K.VERBINDEN_NETWERKEN, K.FACILITEREN),
    R.GEBIEDSMAKELAAR: (K.VERBINDEN_NETWERKEN, K.SIGNALEREN_AGENDEREN),
    R.STADSDEELMEDEWERKER: (K.INFORMEREN_ADVISEREN, K.FACILITEREN, K.SIGNALEREN_AGENDEREN),
    R.OPBOUWWERKER: (K.ACTIVEREN, K.PROCESBEGELEIDING, K.VERBINDEN_NETWERKEN),
    R.PARTICIPATIEMEDEWERKER: (K.INFORMEREN_ADVISEREN, K.FACILITEREN),
    R.WELZIJNSWERKER: (K.ACTIVEREN, K.SIGNALEREN_AGENDEREN),
    R.GEBIEDSBEHEERDER: (K.FACILITEREN, K.VERBINDEN_NETWERKEN),
    R.BUURTCONCIERGE: (K.SIGNALEREN_AGENDEREN, K.FACILITEREN),
    R.BUURTBEMIDDELAAR: (K.VERBINDEN_NETWERKEN, K.PROCESBEGELEIDING),
    R.PROCESBEGELEIDER: (K.PROCESBEGELEIDING, K.ACTIVEREN),
    R.ONDERZOEKER: (K.SIGNALEREN_AGENDEREN, K.INFORMEREN_ADVISEREN),
}
STYLES: dict[ProfessionalRole, Weighted[SupportStyle]] = {
    role: weighted(dict(zip(SupportStyle, weights, strict=True)))
    for role, weights in STYLE_WEIGHTS.items()
}
HOURS_MEDIAN, HOURS_SPREAD = 100.0, 0.9  # total hours: log-normal (median, SD of the log)


@dataclass
class Received:
    """The support an initiative received: what its planted effect depends on."""

    hours: float = 0.0
    makelaar: bool = False
    styles: set[SupportStyle] = field(default_factory=set)


class StaffIndex:
    """Finds a professional of a role who works near a buurt and is active in a month.

    Professionals start on the first of a month and leave on the last day of one, so who is
    active depends only on the month, and the answers are cached per month.
    """

    def __init__(self, staff: list[Staff]) -> None:
        self.near: dict[tuple[ProfessionalRole, Any], list[Staff]] = {}
        for person in staff:
            for key in [(person.role, person.stadsdeel), (person.role, None),
                        *((person.role, area) for area in person.areas)]:
                self.near.setdefault(key, []).append(person)
        self.active: dict[tuple[ProfessionalRole, Any, int, int], list[Staff]] = {}

    def _active(self, role: ProfessionalRole, place: Any, day: date) -> list[Staff]:
        key = (role, place, day.year, day.month)
        if key not in self.active:
            first = day.replace(day=1)
            self.active[key] = [person for person in self.near.get((role, place), ())
                                if person.active_from <= first
                                and (person.active_to is None or person.active_to >= first)]
        return self.active[key]

    def choose(self, rng: random.Random, role: ProfessionalRole, buurt: Buurt, day: date
               ) -> Staff:
        for place in (buurt.wijk_id, buurt.stadsdeel, None):
            active = self._active(role, place, day)
            if active:
                return rng.choice(active)
        return rng.choice(self.near[(role, None)])


def _kinds(rng: random.Random, role: ProfessionalRole) -> list[str]:
    first = rng.choice(MAIN_KINDS[role])
    extra = rng.sample([kind for kind in K if kind is not first], rng.choice((0, 0, 1, 1, 2)))
    return [first.value, *(kind.value for kind in extra)]


def _shape(rng: random.Random, plan: Plan) -> tuple[int, float]:
    """How many episodes and how many hours in total."""
    if plan.status not in STARTED:
        return rng.choice((0, 1)), rng.uniform(1.0, 12.0)
    hours = rng.lognormvariate(math.log(HOURS_MEDIAN), HOURS_SPREAD)
    return pick(rng, EPISODES), min(1500.0, max(2.0, hours))


def _role(rng: random.Random, plan: Plan, position: int) -> ProfessionalRole:
    if plan.status not in STARTED:
        return pick(rng, ADVICE_ROLES)
    initiator = InitiatorType(plan.row["initiator_type"])
    if position == 0 and initiator in FIRST_ROLE:
        return FIRST_ROLE[initiator]
    return pick(rng, EPISODE_ROLES)


def support_episodes(rng: random.Random, plan: Plan, index: StaffIndex, first_number: int
                     ) -> tuple[list[dict[str, Any]], Received]:
    """The episodes of one initiative, numbered from `first_number`, and what they add up to."""
    count, total = _shape(rng, plan)
    shares = [rng.expovariate(1.0) for _ in range(count)]
    begin, finish = plan.period
    rows, received = [], Received()
    for position, share in enumerate(shares):
        role = _role(rng, plan, position)
        start = begin + timedelta(days=rng.randint(0, int((finish - begin).days * 0.7)))
        person = index.choose(rng, role, plan.buurt, start)
        end: date | None = start + timedelta(days=int((finish - start).days * rng.uniform(0.2, 1)))
        if person.active_to is not None and end is not None and person.active_to < end:
            end = max(start, person.active_to)
        if (plan.status is InitiativeStatus.IN_UITVOERING and position == count - 1
                and person.active_to is None and rng.random() < 0.5):
            end = None  # still going on
        hours = max(0.5, round(total * share / sum(shares) * 2) / 2)
        style = pick(rng, STYLES[role])
        kinds = _kinds(rng, role)
        created = stamp(rng, start)
        rows.append({
            "id": new_id(rng), "initiative_id": plan.row["id"], "professional_id": person.id,
            "role": role.value, "start_date": start, "end_date": end, "hours": hours,
            "kinds": kinds, "style": style.value,
            "external_ref": f"DEMO-S-{first_number + position:07d}", "version": 1,
            "created_at": created, "updated_at": max(created, stamp(rng, end or start)),
        })
        received.hours += hours
        received.makelaar |= role is R.PARTICIPATIEMAKELAAR
        received.styles.add(style)
    return rows, received


def settle_durability(rng: random.Random, plan: Plan, received: Received) -> int | None:
    """Did a finished initiative go on after support ended, and for how many months?

    Returns the month after support in which an afgerond initiative stopped (0: it did not
    go on; the month may lie past the data date), from which its follow-ups are drawn;
    None for the others.
    """
    if plan.status not in FINISHED:
        return None
    continued = (plan.status is InitiativeStatus.AFGEROND
                 and rng.random() < continuation_probability(plan.form, received.styles))
    plan.row["continued_after_support"] = continued
    if not continued:
        return 0 if plan.status is InitiativeStatus.AFGEROND else None
    ended: date = plan.row["end_date"]
    months_since = (DATA_DATE.year - ended.year) * 12 + DATA_DATE.month - ended.month
    # Months it keeps going: exponential with the planted hazard. It stops in the month
    # that holds that moment, so a follow-up after m months finds it running when stop > m.
    hazard = stop_hazard(received.styles, received.makelaar, received.hours)
    stop = 1 + int(rng.expovariate(hazard))
    plan.row["continued_months"] = max(1, min(months_since, stop))
    return stop
