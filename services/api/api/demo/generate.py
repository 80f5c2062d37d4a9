"""Deterministic demo data for an empty database, with known structure planted in it.

`generate_demo(session, initiatives=700, seed=2026)` writes initiatives (about 80 % in the
17 Wijkaanpak buurten, registered in the 2015 indeling, 2008–2016), professionals of every
role, support episodes, and evaluations with outcome measures for about half the initiatives.
The same seed gives the same rows, ids and timestamps included. docs/demo-data.md describes
every field; the structure later analyses must recover is (constants in api.demo.effects):

True standardised effect of initiative i, in SD units, positive = better (direction-corrected
for indicators where lower is better):

    theta_i = 0.10
            + 0.30 * [resident-initiated and supported by a participatiemakelaar]
            + 0.25 * (h_i / 150) * exp(1 - h_i / 150)      h_i = total support hours
            + form_effect[organisation form]               zelfbeheer, coöperatie,
                                                           right-to-challenge +0.05;
                                                           bewonersvereniging, buurtbeheer
                                                           +0.03; wijkpanel -0.03;
                                                           professioneel-geinitieerd -0.05
            + u_i,  u_i ~ N(0, 0.10²)                      (tau = 0.10)

resident-initiated: initiator_type in RESIDENT_INITIATORS; supported by a participatiemakelaar:
some support episode has role participatiemakelaar. Each outcome measure observes theta_i with
sampling error that fits its n (and pre-post correlation): pre-post (mean change = theta_i
pre-test SDs), two-group (treatment − control = theta_i SDs), counts (log odds ratio =
theta_i · π/√3), direction (the sign of theta_i + N(0, 0.15²), 'none' in [-0.05, 0.15]).

Durability, for initiatives with status afgerond (gestopt ones never continue):

    P(continued_after_support) = logistic(form_logit + (-1.0 if any episode was overnemend))
    form_logit: zelfbeheer, coöperatie 1.2; bewonersvereniging, buurtbeheer 1.0;
    right-to-challenge 0.8; bewonerscommissie 0.6; wijkpanel 0.3; maatschappelijk-initiatief
    0.2; agenda-van-de-buurt -0.2; professioneel-geinitieerd -1.2; the others 0.
"""

import random
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from typing import Any

from sqlalchemy import insert, select
from sqlmodel import Session

from api.areas.seed import seed_areas
from api.data_version import raise_data_version
from api.db import refresh_planner_statistics
from api.demo.evaluations import INDICATOR_CODES, evaluate, evaluation_chance, true_effect
from api.demo.initiatives import Plan, plan_initiatives
from api.demo.professionals import make_professionals, professional_count
from api.demo.support import StaffIndex, settle_durability, support_episodes
from api.demo.world import World, load_world
from api.indicators.seed import seed_indicators
from api.tables import metadata

CHUNK = 5000
FILLED_TABLES = ("initiative", "professional", "support_episode", "evaluation")


class DatabaseNotEmpty(RuntimeError):
    """Demo data goes only into a database without initiatives, professionals or evaluations."""


@dataclass(frozen=True)
class DemoSummary:
    """How many rows of each kind were written."""

    initiatives: int
    initiative_themes: int
    professionals: int
    professional_areas: int
    support_episodes: int
    evaluations: int
    outcome_measures: int

    def __str__(self) -> str:
        return ", ".join(f"{count} {name.replace('_', ' ')}"
                         for name, count in asdict(self).items())


@dataclass
class Rows:
    initiatives: list[dict[str, Any]]
    themes: list[dict[str, Any]]
    professionals: list[dict[str, Any]]
    areas: list[dict[str, Any]]
    episodes: list[dict[str, Any]]
    evaluations: list[dict[str, Any]]
    measures: list[dict[str, Any]]


def _refuse_if_filled(session: Session) -> None:
    for name in FILLED_TABLES:
        table = metadata.tables[name]
        if session.connection().execute(select(table.c.id).limit(1)).first() is not None:
            raise DatabaseNotEmpty(
                f"The database already holds {name} rows; demo data is only written to "
                "an empty database. Start from a fresh one.")


def _support_and_evaluations(rng: random.Random, plans: list[Plan], rows: Rows,
                             index: StaffIndex, world: World) -> None:
    chance = evaluation_chance(plans)
    for plan in plans:
        episodes, received = support_episodes(rng, plan, index, len(rows.episodes) + 1)
        rows.episodes.extend(episodes)
        settle_durability(rng, plan, received)
        effect = true_effect(rng, plan, received)
        if plan.row["start_date"] is not None and rng.random() < chance:
            evaluation, measures = evaluate(rng, plan, effect, world, len(rows.evaluations) + 1)
            rows.evaluations.append(evaluation)
            rows.measures.extend(measures)


def build_rows(session: Session, initiatives: int, seed: int) -> Rows:
    """Every row of the demo data, in memory; the same seed gives the same rows."""
    rng = random.Random(seed)
    world = load_world(session, INDICATOR_CODES)
    plans = plan_initiatives(rng, world, initiatives)
    professionals, areas, staff = make_professionals(
        rng, world, plans, professional_count(initiatives))
    rows = Rows([plan.row for plan in plans],
                [theme for plan in plans for theme in plan.theme_rows],
                professionals, areas, [], [], [])
    _support_and_evaluations(rng, plans, rows, StaffIndex(staff), world)
    return rows


def _write(session: Session, name: str, rows: list[dict[str, Any]]) -> None:
    """Core bulk inserts in chunks: ORM objects one by one would take minutes at 100,000."""
    statement = insert(metadata.tables[name])
    connection = session.connection()
    for start in range(0, len(rows), CHUNK):
        connection.execute(statement, rows[start:start + CHUNK])


def generate_demo(session: Session, initiatives: int = 700, seed: int = 2026) -> DemoSummary:
    """Fill an empty database with demo data in one transaction; see the module docstring."""
    if initiatives < 1:
        raise ValueError("Ask for at least one initiative.")
    seed_areas(session)
    seed_indicators(session)
    _refuse_if_filled(session)
    rows = build_rows(session, initiatives, seed)
    tables: Iterable[tuple[str, list[dict[str, Any]]]] = (
        ("initiative", rows.initiatives), ("initiative_theme", rows.themes),
        ("professional", rows.professionals), ("professional_area", rows.areas),
        ("support_episode", rows.episodes), ("evaluation", rows.evaluations),
        ("outcome_measure", rows.measures))
    try:
        for name, table_rows in tables:
            _write(session, name, table_rows)
        raise_data_version(session.connection())
        session.commit()
    except BaseException:
        session.rollback()
        raise
    refresh_planner_statistics(session)
    return DemoSummary(len(rows.initiatives), len(rows.themes), len(rows.professionals),
                       len(rows.areas), len(rows.episodes), len(rows.evaluations),
                       len(rows.measures))
