"""Demo initiatives: where, what, who, when and how much (rows for the initiative table)."""

import math
import random
import uuid
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from api.demo import distributions as odds
from api.demo import texts
from api.demo.distributions import pick
from api.demo.world import Buurt, World
from api.vocabularies.models import (
    RESIDENT_INITIATORS,
    ActivityType,
    CoFunder,
    FundingScheme,
    InitiativeStatus,
    InitiatorType,
    OrganisationForm,
    TargetGroup,
    Theme,
)

FIRST_DAY = date(2008, 1, 1)
LAST_APPLICATION = date(2016, 9, 30)
RECENT = date(2016, 3, 1)  # applications from here on may still be undecided
DATA_DATE = date(2016, 12, 31)  # the data's "today"
RIGHT_TO_CHALLENGE_FROM = date(2013, 6, 1)
WIJKAANPAK_SHARE = 0.8
STADSDEEL_WEIGHT = {"N": 3.0, "E": 3.0, "F": 3.0, "M": 3.0, "T": 3.0}  # others weigh 1

STARTED = frozenset({InitiativeStatus.IN_UITVOERING, InitiativeStatus.AFGEROND,
                     InitiativeStatus.GESTOPT})


@dataclass
class Plan:
    """An initiative's row plus what the support and evaluation generators need to know."""

    row: dict[str, Any]
    themes: list[Theme]
    buurt: Buurt
    form: OrganisationForm
    status: InitiativeStatus
    resident: bool
    period: tuple[date, date]  # when professionals can support it
    theme_rows: list[dict[str, Any]] = field(default_factory=list)


def new_id(rng: random.Random) -> uuid.UUID:
    return uuid.UUID(int=rng.getrandbits(128), version=4)


def stamp(rng: random.Random, day: date) -> datetime:
    """A working-hours UTC timestamp on `day`."""
    return datetime.combine(day, time(8, 0), UTC) + timedelta(minutes=rng.randrange(600))


def draw_day(rng: random.Random, first: date, last: date) -> date:
    return first + timedelta(days=rng.randint(0, max(0, (last - first).days)))


def buurt_chooser(world: World) -> tuple[tuple[Buurt, ...], tuple[float, ...]]:
    """The other (non-Wijkaanpak) buurten with cumulative weights favouring the krachtwijken."""
    cumulative, total = [], 0.0
    for buurt in world.other_buurten:
        total += STADSDEEL_WEIGHT.get(buurt.stadsdeel, 1.0)
        cumulative.append(total)
    return tuple(world.other_buurten), tuple(cumulative)


def _themes(rng: random.Random) -> list[Theme]:
    first = rng.choice(list(Theme))
    related = odds.RELATED_THEMES.get(first, (Theme.ONTMOETING,))
    extra: int = pick(rng, odds.EXTRA_THEMES)
    return list(dict.fromkeys([first, *rng.sample(related, min(extra, len(related)))]))


def _money(rng: random.Random, scheme: FundingScheme, status: InitiativeStatus
           ) -> tuple[int | None, int | None, int | None]:
    """Requested, granted and own contribution in whole euros, as far as the status goes."""
    if scheme is FundingScheme.GEEN:
        return None, None, rng.randrange(0, 500, 25)
    if status is InitiativeStatus.IDEE:
        return None, None, None
    low, high, step = odds.AMOUNTS[scheme]
    requested = rng.randrange(low, high + 1, step)
    if status is InitiativeStatus.AANGEVRAAGD:
        return requested, None, None
    if status is InitiativeStatus.AFGEWEZEN:
        return requested, 0, None
    granted = max(step, int(requested * rng.uniform(0.6, 1.0)) // step * step)
    return requested, granted, int(granted * rng.uniform(0.0, 0.3)) // 5 * 5


def _co_funders(rng: random.Random, scheme: FundingScheme, applied: date) -> list[str]:
    if scheme is FundingScheme.GEEN:
        return []
    options = [funder for funder in CoFunder
               if funder is not CoFunder.CROWDFUNDING or applied.year >= 2012]
    chosen = rng.sample(options, pick(rng, odds.CO_FUNDER_COUNT))
    return sorted(funder.value for funder in chosen)


def _timeline(rng: random.Random, form: OrganisationForm, activity: ActivityType
              ) -> tuple[InitiativeStatus, dict[str, date | None], tuple[date, date]]:
    """Status, the four dates it implies, and the period in which support can happen."""
    first = RIGHT_TO_CHALLENGE_FROM if form is OrganisationForm.RIGHT_TO_CHALLENGE else FIRST_DAY
    applied = draw_day(rng, first, LAST_APPLICATION)
    status: InitiativeStatus = pick(rng, odds.RECENT_STATUSES if applied >= RECENT
                                    else odds.PAST_STATUSES)
    decided = applied + timedelta(days=rng.randint(14, 70))
    started = min(decided + timedelta(days=rng.randint(7, 90)), DATA_DATE)
    low, high = odds.DAYS_RUNNING.get(activity, (180, 1500))
    days = rng.randint(low, high)
    if status is InitiativeStatus.GESTOPT:
        days = int(days * rng.uniform(0.2, 0.7))
    ended = started + timedelta(days=days)
    if status in (InitiativeStatus.AFGEROND, InitiativeStatus.GESTOPT) and ended >= DATA_DATE:
        status = InitiativeStatus.IN_UITVOERING
    dates: dict[str, date | None] = {
        "application_date": applied if status is not InitiativeStatus.IDEE else None,
        "decision_date": decided if status not in odds.UNDECIDED else None,
        "start_date": started if status in STARTED else None,
        "end_date": ended if status in odds.FINISHED else None,
    }
    if status in odds.FINISHED:
        period = (applied, ended)
    elif status is InitiativeStatus.IN_UITVOERING:
        period = (applied, DATA_DATE)
    else:
        period = (applied, min(applied + timedelta(days=60), DATA_DATE))
    return status, dates, period


def _reach(rng: random.Random, activity: ActivityType, status: InitiativeStatus
           ) -> dict[str, int | None]:
    core = rng.randint(2, 12)
    if status not in STARTED:
        return {"core_team_size": core, "volunteers": None, "participants": None,
                "residents_reached": None}
    volunteers = core + int(rng.expovariate(1 / 8))
    median = 200 if activity is ActivityType.EENMALIG_EVENEMENT else 40
    participants = max(volunteers, int(rng.lognormvariate(math.log(median), 0.8)))
    return {"core_team_size": core, "volunteers": volunteers, "participants": participants,
            "residents_reached": int(participants * rng.uniform(1.5, 6.0))}


def _initiator_name(rng: random.Random, initiator: InitiatorType, buurt: Buurt, world: World
                    ) -> str:
    name = buurt.title_name
    if initiator is InitiatorType.BEWONER:
        return f"Bewoners {name}"
    if initiator is InitiatorType.ONDERNEMER:
        return f"Ondernemers {name}"
    if initiator is InitiatorType.WELZIJNSORGANISATIE:
        return texts.WELFARE.get(buurt.stadsdeel, "Welzijn Amsterdam")
    if initiator is InitiatorType.WONINGCORPORATIE:
        return rng.choice(texts.CORPORATIONS)
    if initiator is InitiatorType.STADSDEEL:
        return f"Stadsdeel {world.stadsdelen[buurt.stadsdeel][1]}"
    return rng.choice(texts.GROUP_NAMES).format(buurt=name)


def _texts(rng: random.Random, theme: Theme, initiator: InitiatorType, buurt: Buurt
           ) -> dict[str, str]:
    name = buurt.title_name
    title, activity = rng.choice(texts.PROJECTS[theme])
    summary = f"{texts.SUBJECTS[initiator]} {activity} in {name}. {texts.GOALS[theme]}"
    return {"title": title.format(buurt=name), "summary": summary,
            "location": f"{texts.PLACES.get(theme, texts.DEFAULT_PLACE)} {name}"}


def _target_groups(rng: random.Random, theme: Theme) -> list[str]:
    options = odds.TARGETS.get(theme, (TargetGroup.ALLE_BEWONERS, TargetGroup.HERKOMSTGROEP))
    chosen = rng.sample(options, rng.randint(1, min(2, len(options))))
    return sorted(group.value for group in chosen)


def plan_initiative(rng: random.Random, world: World, number: int, buurt: Buurt) -> Plan:
    """One initiative in `buurt`: its row without durability, which support decides later."""
    form: OrganisationForm = pick(rng, odds.FORMS)
    initiator: InitiatorType = pick(rng, odds.INITIATORS.get(form, odds.RESIDENT_MIX))
    themes = _themes(rng)
    activity: ActivityType = (ActivityType.BELANGENBEHARTIGING if form in odds.ADVOCACY_FORMS
                              else pick(rng, odds.ACTIVITIES.get(themes[0], odds.RECURRING)))
    status, dates, period = _timeline(rng, form, activity)
    scheme: FundingScheme = pick(rng, odds.SCHEMES.get(form, odds.DEFAULT_SCHEMES))
    requested, granted, own = _money(rng, scheme, status)
    known = [day for day in dates.values() if day is not None] or [period[0]]
    created = stamp(rng, min(known))
    row: dict[str, Any] = {
        "id": new_id(rng), **_texts(rng, themes[0], initiator, buurt),
        "buurt_id": buurt.id, "current_buurt_id": buurt.current_id,
        "target_groups": _target_groups(rng, themes[0]), "activity_type": activity.value,
        "organisation_form": form.value, "initiator_type": initiator.value,
        "initiator_name": _initiator_name(rng, initiator, buurt, world),
        "participation_level": pick(rng, odds.LEVELS.get(form, odds.DEFAULT_LEVELS)).value,
        "status": status.value, **dates, "funding_scheme": scheme.value,
        "amount_requested": requested, "amount_granted": granted, "own_contribution": own,
        "co_funders": _co_funders(rng, scheme, period[0]), **_reach(rng, activity, status),
        "continued_after_support": None, "continued_months": None,
        "external_ref": f"DEMO-{number:06d}", "version": 1, "created_at": created,
        "updated_at": max(created, stamp(rng, max(known))),
    }
    theme_rows = [{"initiative_id": row["id"], "theme": theme.value} for theme in themes]
    return Plan(row, themes, buurt, form, status, initiator in RESIDENT_INITIATORS, period,
                theme_rows)


def plan_initiatives(rng: random.Random, world: World, count: int) -> list[Plan]:
    others, cumulative = buurt_chooser(world)
    plans = []
    for number in range(1, count + 1):
        if rng.random() < WIJKAANPAK_SHARE:
            buurt = rng.choice(world.wijkaanpak_buurten)
        else:
            buurt = pick(rng, (others, cumulative))
        plans.append(plan_initiative(rng, world, number, buurt))
    return plans
