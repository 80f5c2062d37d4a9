"""Demo qualitative records (issue 9): linked, coded where the passages are, double-coded in
part with realistic disagreement, the same for the same seed, and with the planted relation
to outcomes recoverable."""

import re
import statistics
import uuid
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from sqlalchemy import create_engine
from sqlalchemy.pool import StaticPool
from sqlmodel import Session
from starlette.testclient import TestClient

from analysis.code_agreement import code_agreement
from api.areas.seed import seed_areas
from api.auth.bootstrap import demo_account_id, ensure_demo_accounts
from api.competences.seed import seed_frameworks
from api.demo import generate_demo
from api.demo.effects import planted_effect
from api.demo.generate import build_rows
from api.demo.record_texts import PASSAGES
from api.demo.records import RESEARCHERS
from api.indicators.seed import seed_indicators
from api.qualitative.code_seed import code_id, seed_codes
from api.tables import metadata
from api.vocabularies.models import RESIDENT_INITIATORS
from tests.api.demo.large import Demo, read_demo
from tests.api.demo.rows import rows_of
from tests.api.demo.test_planted_structure import effects_per_initiative

FIRST, SECOND = RESEARCHERS
KEY_OF = {code_id(key): key for key in PASSAGES}


def _pattern(template: str) -> re.Pattern[str]:
    """A passage template as a regular expression: each placeholder stands for some text."""
    parts = re.split(r"\{\w+\}", template)
    return re.compile(".+".join(re.escape(part) for part in parts), re.IGNORECASE)


PATTERNS = {key: [_pattern(template) for template in templates]
            for key, templates in PASSAGES.items()}


@dataclass
class Coded:
    records: dict[uuid.UUID, dict[str, Any]]
    initiative_of: dict[uuid.UUID, uuid.UUID]
    segments: list[dict[str, Any]]

    def carriers(self, key: str, coder: str = FIRST) -> set[uuid.UUID]:
        return {self.initiative_of[row["record_id"]] for row in self.segments
                if row["code_id"] == code_id(key) and row["coder_label"] == coder}


def read_coded(session: Session) -> Coded:
    return Coded({row["id"]: row for row in rows_of(session, "qualitative_record")},
                 {row["record_id"]: row["initiative_id"]
                  for row in rows_of(session, "record_initiative")},
                 rows_of(session, "coded_segment"))


@pytest.fixture(scope="module")
def large() -> Iterator[tuple[Demo, Coded]]:
    """3,000 initiatives (about 400 records) in an SQLite of their own, as the other tests of
    planted structure: the statistics do not depend on the database."""
    engine = create_engine("sqlite://", poolclass=StaticPool)
    metadata.create_all(engine)
    with Session(engine) as session:
        generate_demo(session, initiatives=3000)
        yield read_demo(session), read_coded(session)
    engine.dispose()


def test_records_are_linked_and_their_segments_quote_the_passages_of_their_codes(
    session: Session,
) -> None:
    summary = generate_demo(session)
    coded = read_coded(session)
    assert summary.records == len(coded.records) and 70 <= summary.records <= 150
    assert summary.coded_segments == len(coded.segments)
    supported = {row["initiative_id"]: set() for row in rows_of(session, "support_episode")}
    for row in rows_of(session, "support_episode"):
        supported[row["initiative_id"]].add(row["professional_id"])
    assert set(coded.initiative_of) == set(coded.records)
    assert all(initiative in supported for initiative in coded.initiative_of.values())
    for row in rows_of(session, "record_professional"):
        assert row["professional_id"] in supported[coded.initiative_of[row["record_id"]]]
    assert {row["kind"] for row in coded.records.values()} == {
        "interview", "handelingsbeschrijving", "case-study", "observation", "intervision",
        "expert-meeting"}
    assert all(row["external_ref"].startswith("DEMO-R-") for row in coded.records.values())
    for segment in coded.segments:
        text = coded.records[segment["record_id"]]["text"]
        assert 0 <= segment["start_offset"] < segment["end_offset"] <= len(text)
        if segment["coder_label"] == FIRST:  # exactly the passage that expresses the code
            quoted = text[segment["start_offset"]:segment["end_offset"]]
            key = KEY_OF[segment["code_id"]]
            assert any(pattern.fullmatch(quoted) for pattern in PATTERNS[key]), (key, quoted)
    assert {row["record_id"] for row in coded.segments if row["coder_label"] == FIRST} == set(
        coded.records)


def test_the_demo_researchers_are_the_coders_once_their_accounts_exist(
    session: Session, client: TestClient,
) -> None:
    generate_demo(session, initiatives=150)
    ensure_demo_accounts(session)
    coders = {(row["coder_id"], row["coder_label"]) for row in rows_of(session, "coded_segment")}
    assert coders == {(demo_account_id(name), name) for name in RESEARCHERS}
    accounts = {row["username"]: row["id"] for row in rows_of(session, "account")}
    assert all(accounts[name] == demo_account_id(name) for name in RESEARCHERS)
    record = min((row for row in rows_of(session, "qualitative_record")
                  if row["kind"] == "interview"), key=lambda row: row["external_ref"])
    resident = re.match(r"Interview met (.+) over ", record["title"])
    assert resident is not None and resident.group(1) in record["text"]
    found = client.get("/v1/records/search", params={"q": resident.group(1)})
    assert found.status_code == 200
    assert str(record["id"]) in {item["id"] for item in found.json()["items"]}


def _paragraph_units(coded: Coded) -> list[list[set[str] | None]]:
    by_record: dict[uuid.UUID, list[dict[str, Any]]] = defaultdict(list)
    for segment in coded.segments:
        by_record[segment["record_id"]].append(segment)
    units: list[list[set[str] | None]] = []
    for record_id, segments in by_record.items():
        if {row["coder_label"] for row in segments} != {FIRST, SECOND}:
            continue
        start = 0
        for block in coded.records[record_id]["text"].split("\n\n"):
            end = start + len(block)
            units.append([{str(row["code_id"]) for row in segments if row["coder_label"] == coder
                           and row["start_offset"] < end and row["end_offset"] > start}
                          for coder in (FIRST, SECOND)])
            start = end + 2
    return units


def test_a_quarter_is_double_coded_with_agreement_well_above_chance_but_not_perfect(
    large: tuple[Demo, Coded],
) -> None:
    _, coded = large
    double = {row["record_id"] for row in coded.segments if row["coder_label"] == SECOND}
    assert 0.18 <= len(double) / len(coded.records) <= 0.32
    alpha = code_agreement(_paragraph_units(coded)).overall.alpha
    assert 0.65 <= alpha <= 0.85


def _share(carriers: set[uuid.UUID], initiatives: list[uuid.UUID]) -> float:
    return sum(initiative in carriers for initiative in initiatives) / len(initiatives)


def test_eigen_kracht_goes_with_a_higher_effect_and_toerusting_with_continuing(
    large: tuple[Demo, Coded],
) -> None:
    demo, coded = large
    recorded = sorted(set(coded.initiative_of.values()))
    planted = {initiative: planted_effect(
        demo.initiatives[initiative]["initiator_type"] in RESIDENT_INITIATORS,
        initiative in demo.makelaar, demo.hours[initiative],
        demo.initiatives[initiative]["organisation_form"]) for initiative in recorded}
    middle = statistics.median(planted.values())
    high = [initiative for initiative in recorded if planted[initiative] > middle]
    low = [initiative for initiative in recorded if planted[initiative] <= middle]
    assert _share(coded.carriers("wns2"), high) - _share(coded.carriers("wns2"), low) > 0.15
    # What an analysis sees: the observed effects of those carrying the code are higher.
    observed = effects_per_initiative(demo)
    carrying = [observed[i] for i in recorded if i in observed and i in coded.carriers("wns2")]
    others = [observed[i] for i in recorded if i in observed and i not in coded.carriers("wns2")]
    assert statistics.mean(carrying) - statistics.mean(others) > 0.05
    went_on = [i for i in recorded if demo.initiatives[i]["continued_after_support"] is True]
    did_not = [i for i in recorded if demo.initiatives[i]["continued_after_support"] is False]
    toerusting = coded.carriers("toerusting")
    assert _share(toerusting, went_on) - _share(toerusting, did_not) > 0.25
    # A code without a planted relation occurs about as often either way.
    animo = coded.carriers("animo")
    assert abs(_share(animo, high) - _share(animo, low)) < 0.12
    assert abs(_share(animo, went_on) - _share(animo, did_not)) < 0.12


def test_the_same_seed_gives_the_same_records_and_another_seed_others(session: Session) -> None:
    for seed in (seed_areas, seed_indicators, seed_frameworks, seed_codes):
        seed(session)
    first = build_rows(session, 150, 7).qualitative
    again = build_rows(session, 150, 7).qualitative
    other = build_rows(session, 150, 8).qualitative
    assert first.records and first == again
    assert {row["text"] for row in first.records}.isdisjoint(
        row["text"] for row in other.records)
