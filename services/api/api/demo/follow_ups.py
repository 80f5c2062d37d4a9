"""Demo follow-ups: how afgerond initiatives fared 6, 12 and 24 months after support ended.

They are read off the month in which the initiative stopped (support.settle_durability, from
the planted hazard): a look after m months finds it running when it stopped in a later month.
"""

import math
import random
from datetime import date, timedelta
from typing import Any

from api.demo import texts
from api.demo.effects import FOLLOW_UP_MONTHS
from api.demo.initiatives import DATA_DATE, Plan, new_id, stamp
from api.demo.support import Received
from api.vocabularies.models import SupportStyle

LOOK_CHANCE = 0.9  # each planned look took place
STOP_MONTH_UNKNOWN = 0.1  # a look that found it stopped could not say in which month
NOTE_CHANCE = 0.5
# Residents in the lead of a running initiative: log-odds, and the chance a later look finds
# the same as the one before. Plausible, not planted: no analysis is expected to recover them.
LEAD_BASE = 0.5
LEAD_RESIDENT_INITIATED = 0.8
LEAD_TAKEN_OVER = -1.5  # some episode was 'overnemend'
LEAD_KEPT = 0.85
JOINERS_PER_SIX_MONTHS = 1.0  # plus a quarter of the core team, more when residents lead
RUNNING_NOTES = ("Volgens {name} komt de groep nog elke week bij elkaar.",
                 "{name} heeft de coördinatie van de professional overgenomen.",
                 "Gesproken met {name}: het loopt, maar er zijn weinig nieuwe vrijwilligers.",
                 "Nieuwe buren sloten aan via {name}.")
STOPPED_NOTES = ("Volgens {name} is de groep uit elkaar gevallen.",
                 "{name} is verhuisd en niemand nam het over.",
                 "Gestopt toen het geld op was, aldus {name}.")


def months_later(day: date, months: int) -> date:
    """The same day `months` later (the 28th at most, so every month has it)."""
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, min(day.day, 28))


def _lead_chance(plan: Plan, received: Received) -> float:
    logit = LEAD_BASE + (LEAD_RESIDENT_INITIATED if plan.resident else 0.0)
    if SupportStyle.OVERNEMEND in received.styles:
        logit += LEAD_TAKEN_OVER
    return 1.0 / (1.0 + math.exp(-logit))


def _poisson(rng: random.Random, mean: float) -> int:
    """Knuth's method: fine for the small means here."""
    limit, count, product = math.exp(-mean), 0, rng.random()
    while product > limit:
        count += 1
        product *= rng.random()
    return count


def _note(rng: random.Random, running: bool) -> str:
    if rng.random() >= NOTE_CHANCE:
        return ""
    name = rng.choice(texts.FIRST_NAMES)
    return rng.choice(RUNNING_NOTES if running else STOPPED_NOTES).format(name=name)


def follow_ups(rng: random.Random, plan: Plan, received: Received, stop: int,
               first_number: int) -> list[dict[str, Any]]:
    """The looks at an afgerond initiative that stopped in month `stop` after support (0: at
    once), numbered from `first_number`; none after the first that finds it stopped."""
    ended: date = plan.row["end_date"]
    rows: list[dict[str, Any]] = []
    lead, previous = rng.random() < _lead_chance(plan, received), 0
    for month in FOLLOW_UP_MONTHS:
        due = months_later(ended, month)
        if due > DATA_DATE or rng.random() >= LOOK_CHANCE:
            continue
        running = stop > month
        stopped_after = None if running or (stop and rng.random() < STOP_MONTH_UNKNOWN) else stop
        if running and rows and rng.random() >= LEAD_KEPT:
            lead = rng.random() < _lead_chance(plan, received)
        joined = None
        if running:
            mean = (month - previous) / 6 * (JOINERS_PER_SIX_MONTHS
                                             + plan.row["core_team_size"] / 4)
            joined = _poisson(rng, mean * (1.3 if lead else 0.7))
        observed = min(DATA_DATE, due + timedelta(days=rng.randint(0, 40)))
        created = stamp(rng, observed)
        rows.append({
            "id": new_id(rng), "initiative_id": plan.row["id"], "months_after_support": month,
            "observed_on": observed, "still_running": running,
            "stopped_after_months": stopped_after,
            "residents_in_lead": lead if running else None, "new_people_joined": joined,
            "note": _note(rng, running),
            "external_ref": f"DEMO-F-{first_number + len(rows):07d}", "version": 1,
            "created_at": created, "updated_at": created,
        })
        previous = month
        if not running:
            break
    return rows
