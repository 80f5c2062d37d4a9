"""Deterministic demo data for an empty database, with known structure planted in it.

`generate_demo(session, initiatives=700, seed=2026)` writes initiatives (about 80 % in the
17 Wijkaanpak buurten, registered in the 2015 indeling, 2008–2016), professionals of every
role, support episodes with their handelingsbeschrijving, evaluations with outcome measures
for about half the initiatives, follow-ups after support ended, assessments of
professionals on the seeded competency frameworks, and coded qualitative records about one in
eight supported initiatives (api.demo.records, with its own planted relation to outcomes).
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

A continued initiative keeps going for T ~ Exponential(hazard) months after support ended,

    hazard = 1/30 · exp(0.8·[some episode overnemend] − 0.6·[participatiemakelaar]
                        − 0.3·hours/100)

and stops in month 1 + ⌊T⌋ (continued_months, capped at the data date). Follow-ups look at
afgerond initiatives with support 6, 12 and 24 months after their end date, before the data
date, and stop looking once they find it stopped. Assessments (2012–2016) and the
handelingsbeschrijvingen come from random streams of their own; competence has no planted
effect on anything.
"""

import random
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from typing import Any

from sqlalchemy import insert, select
from sqlmodel import Session

from api.areas.seed import seed_areas
from api.competences.seed import seed_frameworks
from api.data_version import raise_data_version
from api.db import refresh_planner_statistics
from api.demo.accounts import account
from api.demo.assessments import assessments, load_frameworks
from api.demo.evaluations import INDICATOR_CODES, evaluate, evaluation_chance, true_effect
from api.demo.follow_ups import follow_ups
from api.demo.initiatives import Plan, plan_initiatives
from api.demo.professionals import make_professionals, professional_count
from api.demo.records import (
    Outcome,
    RecordRows,
    demo_coders,
    demo_records,
    index_for_search,
    stored_code_keys,
)
from api.demo.support import StaffIndex, settle_durability, support_episodes
from api.demo.world import World, load_world
from api.indicators.seed import seed_indicators
from api.qualitative.code_seed import seed_codes
from api.tables import metadata

CHUNK = 5000
FILLED_TABLES = ("initiative", "professional", "support_episode", "evaluation", "follow_up",
                 "assessment", "qualitative_record")


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
    follow_ups: int
    assessments: int
    # Issue 9; left out of == so that comparisons written before it still hold.
    records: int = field(default=0, compare=False)
    coded_segments: int = field(default=0, compare=False)

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
    follow_ups: list[dict[str, Any]] = field(default_factory=list)
    assessments: list[dict[str, Any]] = field(default_factory=list)
    outcomes: list[Outcome] = field(default_factory=list)  # what the records are drawn from
    qualitative: RecordRows = field(default_factory=RecordRows)


@dataclass(frozen=True)
class SideStreams:
    """Random streams of their own for what issue 8 added, so that the rows the main stream
    draws (initiatives, support, evaluations) stayed what they were before it."""

    accounts: random.Random
    follow_ups: random.Random
    assessments: random.Random

    @classmethod
    def of(cls, seed: int) -> "SideStreams":
        # A str seed is hashed with SHA-512: the same streams in every process.
        return cls(*(random.Random(f"{seed}/{name}")
                     for name in ("accounts", "follow-ups", "assessments")))


def _refuse_if_filled(session: Session) -> None:
    for name in FILLED_TABLES:
        table = metadata.tables[name]
        if session.connection().execute(select(table.c.id).limit(1)).first() is not None:
            raise DatabaseNotEmpty(
                f"The database already holds {name} rows; demo data is only written to "
                "an empty database. Start from a fresh one.")


def _support_and_evaluations(rng: random.Random, side: SideStreams, plans: list[Plan],
                             rows: Rows, index: StaffIndex, world: World) -> None:
    chance = evaluation_chance(plans)
    for plan in plans:
        episodes, received = support_episodes(rng, plan, index, len(rows.episodes) + 1)
        for episode in episodes:
            episode.update(account(side.accounts, plan, episode))
        rows.episodes.extend(episodes)
        stop = settle_durability(rng, plan, received)
        if stop is not None and episodes:
            rows.follow_ups.extend(follow_ups(side.follow_ups, plan, received, stop,
                                              len(rows.follow_ups) + 1))
        effect = true_effect(rng, plan, received)
        rows.outcomes.append(Outcome(plan, episodes, effect))
        if plan.row["start_date"] is not None and rng.random() < chance:
            evaluation, measures = evaluate(rng, plan, effect, world, len(rows.evaluations) + 1)
            rows.evaluations.append(evaluation)
            rows.measures.extend(measures)


def build_rows(session: Session, initiatives: int, seed: int) -> Rows:
    """Every row of the demo data, in memory; the same seed gives the same rows."""
    rng, side = random.Random(seed), SideStreams.of(seed)
    world = load_world(session, INDICATOR_CODES)
    plans = plan_initiatives(rng, world, initiatives)
    professionals, areas, staff = make_professionals(
        rng, world, plans, professional_count(initiatives))
    rows = Rows([plan.row for plan in plans],
                [theme for plan in plans for theme in plan.theme_rows],
                professionals, areas, [], [], [])
    _support_and_evaluations(rng, side, plans, rows, StaffIndex(staff), world)
    rows.assessments = assessments(side.assessments, staff, load_frameworks(session))
    # Issue 9's records: a stream of their own too, drawn after everything they describe.
    rows.qualitative = demo_records(random.Random(f"{seed}/records"), rows.outcomes,
                                    stored_code_keys(session), demo_coders(session))
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
    seed_frameworks(session)
    seed_codes(session)
    _refuse_if_filled(session)
    rows = build_rows(session, initiatives, seed)
    tables: Iterable[tuple[str, list[dict[str, Any]]]] = (
        ("initiative", rows.initiatives), ("initiative_theme", rows.themes),
        ("professional", rows.professionals), ("professional_area", rows.areas),
        ("support_episode", rows.episodes), ("evaluation", rows.evaluations),
        ("outcome_measure", rows.measures), ("follow_up", rows.follow_ups),
        ("assessment", rows.assessments), ("qualitative_record", rows.qualitative.records),
        ("record_initiative", rows.qualitative.initiatives),
        ("record_professional", rows.qualitative.professionals),
        ("coded_segment", rows.qualitative.segments))
    try:
        for name, table_rows in tables:
            _write(session, name, table_rows)
        index_for_search(session, rows.qualitative.records)
        raise_data_version(session.connection())
        session.commit()
    except BaseException:
        session.rollback()
        raise
    refresh_planner_statistics(session)
    return DemoSummary(len(rows.initiatives), len(rows.themes), len(rows.professionals),
                       len(rows.areas), len(rows.episodes), len(rows.evaluations),
                       len(rows.measures), len(rows.follow_ups), len(rows.assessments),
                       len(rows.qualitative.records), len(rows.qualitative.segments))
