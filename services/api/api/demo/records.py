"""Demo qualitative records (issue 9): interviews, handelingsbeschrijvingen and the other kinds
about a sample of supported initiatives, coded with the seeded codebook by the demo researchers.

About one in eight supported initiatives (at most `MAX_INITIATIVES`) gets one or two records.
A record is Dutch text in paragraphs (wording in api.demo.record_texts) naming the initiative,
its buurt, a professional's role and a fictitious resident (something for pseudonymisation);
some paragraphs carry a passage that expresses a seeded code. The first researcher codes every
passage with the code it expresses; the second double-codes `DOUBLE_CODED` of the records and
misses, confuses or adds codes now and then (paragraph agreement α ≈ 0.75).

Three in four records (by their number: all but every fourth) are pseudonymised as
POST /v1/records/{id}/pseudonymise would: the resident's and the author's names become
`[Naam …]` codes under the configured pseudonym key in the text, title and author, and
`pseudonymised_at` is set; the others keep the names, so the method book's voices chapter
has records it may quote and records it must leave out. The text is pseudonymised
paragraph by paragraph as it is drafted (names never cross a paragraph), before the
passages' offsets are taken, so the segments cover the pseudonymised passages.

Planted relation to outcomes (docs/demo-data.md): "Gebaseerd op eigen kracht van de burger"
(wns2) occurs more often the higher the initiative's planted effect θ, and ACTIE "Toerusting"
more often when it continued after support; every other code occurs with the same chance
everywhere. Everything is drawn from a stream of its own, so the other demo rows stay as they
were for the same seed.
"""

import math
import random
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from sqlalchemy import text
from sqlmodel import Session, col, select

from api.auth.bootstrap import demo_account_id
from api.auth.models import Account
from api.config import get_settings
from api.demo import record_texts as words
from api.demo.distributions import pick, weighted
from api.demo.initiatives import DATA_DATE, Plan, draw_day, new_id, stamp
from api.demo.texts import FIRST_NAMES, ROLE_LABELS, SURNAMES
from api.qualitative import stemming
from api.qualitative.code_seed import code_id
from api.qualitative.models import Code
from api.qualitative.pseudonyms import pseudonymise
from api.qualitative.search import CREATE_SEARCH_TABLE
from api.vocabularies.models import RecordKind as K

SAMPLE_SHARE = 1 / 8  # of the initiatives that had support
MAX_INITIATIVES = 1500
SECOND_RECORD = 0.25  # chance an initiative in the sample has two records
DOUBLE_CODED = 0.25  # share of records the second researcher codes too
KINDS = weighted({K.INTERVIEW: 40, K.HANDELINGSBESCHRIJVING: 35, K.CASE_STUDY: 8,
                  K.OBSERVATION: 7, K.INTERVISION: 5, K.EXPERT_MEETING: 5})
BASE_CHANCE = 0.22  # of a passage for a code without planted relation
# Planted: P(wns2 passage) = logistic(EIGEN_KRACHT_LOGIT + EIGEN_KRACHT_SLOPE·(θ − θ_CENTRE)).
EIGEN_KRACHT_LOGIT, EIGEN_KRACHT_SLOPE, THETA_CENTRE = -0.9, 5.0, 0.3
# Planted: P(toerusting passage) by continued_after_support: True, False, None (not finished).
TOERUSTING_CHANCE = {True: 0.55, False: 0.15, None: 0.3}
# The second coder, per passage of the first: the same code, a confused one, or none.
SAME, CONFUSED = 0.75, 0.1
WHOLE_PARAGRAPH = 0.3  # the second coder marks the whole paragraph, not just the passage
STRAY = 0.1  # chance the second coder codes a paragraph the first left uncoded
RESEARCHERS = ("onderzoeker", "onderzoeker-2")
PSEUDONYMISED_OUT_OF = 4  # every record but each fourth (by number) is pseudonymised


@dataclass(frozen=True)
class Outcome:
    """A supported initiative and what the main stream settled for it."""

    plan: Plan
    episodes: list[dict[str, Any]]
    effect: float  # the planted true effect θ


@dataclass(frozen=True)
class Coder:
    id: uuid.UUID
    label: str


@dataclass
class RecordRows:
    records: list[dict[str, Any]] = field(default_factory=list)
    initiatives: list[dict[str, Any]] = field(default_factory=list)
    professionals: list[dict[str, Any]] = field(default_factory=list)
    segments: list[dict[str, Any]] = field(default_factory=list)


@dataclass(frozen=True)
class Passage:
    key: str
    start: int
    end: int
    paragraph: tuple[int, int]


@dataclass
class Draft:
    """A record's text built paragraph by paragraph, remembering where its passages are."""

    fill: dict[str, str]
    hide: Callable[[str], str] = str  # what a paragraph's text becomes (pseudonymised)
    parts: list[str] = field(default_factory=list)
    passages: list[Passage] = field(default_factory=list)
    uncoded: list[tuple[int, int]] = field(default_factory=list)

    def _at(self) -> int:
        return sum(len(part) + 2 for part in self.parts)  # paragraphs joined by a blank line

    def paragraph(self, template: str) -> None:
        start = self._at()
        self.parts.append(self.hide(_sentence(template.format(**self.fill))))
        self.uncoded.append((start, start + len(self.parts[-1])))

    def passage(self, key: str, template: str, lead: str | None) -> None:
        start = self._at()
        head = "" if lead is None else self.hide(_sentence(lead.format(**self.fill))) + " "
        body = self.hide(_sentence(template.format(**self.fill)))
        self.parts.append(head + body)
        end = start + len(self.parts[-1])
        self.passages.append(Passage(key, start + len(head), end, (start, end)))

    @property
    def text(self) -> str:
        return "\n\n".join(self.parts)


def _sentence(text: str) -> str:
    return text[0].upper() + text[1:]


def logistic(value: float) -> float:
    return 1 / (1 + math.exp(-value))


def code_chance(key: str, outcome: Outcome) -> float:
    """How likely a record of this initiative expresses the code: the planted relation."""
    if key == "wns2":
        return logistic(EIGEN_KRACHT_LOGIT
                        + EIGEN_KRACHT_SLOPE * (outcome.effect - THETA_CENTRE))
    if key == "toerusting":
        return TOERUSTING_CHANCE[outcome.plan.row.get("continued_after_support")]
    return BASE_CHANCE


def demo_coders(session: Session) -> tuple[Coder, Coder]:
    """The demo researchers: their accounts when they exist, else the ids
    `ensure_demo_accounts` will give them, so their codings are theirs once they sign in."""
    found = dict(session.exec(select(Account.username, Account.id)
                              .where(col(Account.username).in_(RESEARCHERS))).all())
    first, second = (Coder(found.get(name, demo_account_id(name)), name) for name in RESEARCHERS)
    return first, second


def stored_code_keys(session: Session) -> list[str]:
    """The seeded codes still in the codebook that a passage can express, in seed order."""
    stored = set(session.exec(select(Code.id)).all())
    return [key for key in words.PASSAGES if code_id(key) in stored]


def sample(rng: random.Random, outcomes: list[Outcome]) -> list[Outcome]:
    count = min(MAX_INITIATIVES, round(len(outcomes) * SAMPLE_SHARE))
    chosen = rng.sample(outcomes, count)
    return sorted(chosen, key=lambda outcome: outcome.plan.row["external_ref"])


def _draft(rng: random.Random, kind: K, keys: list[str], draft: Draft,
           outcome: Outcome) -> Draft:
    draft.paragraph(rng.choice(words.OPENINGS[kind]))
    chosen = [key for key in keys if rng.random() < code_chance(key, outcome)]
    if not chosen:  # every record says something codable; never a planted code by default
        chosen = [rng.choice([key for key in keys if key not in ("wns2", "toerusting")] or keys)]
    fillers = rng.sample(words.FILLERS, rng.randint(1, 3))
    pieces = [(key, True) for key in chosen] + [(filler, False) for filler in fillers]
    rng.shuffle(pieces)
    for piece, coded in pieces:
        if coded:
            lead = rng.choice(words.LEADS) if rng.random() < 0.35 else None
            draft.passage(piece, rng.choice(words.PASSAGES[piece]), lead)
        else:
            draft.paragraph(piece)
    draft.paragraph(rng.choice(words.CLOSINGS))
    return draft


def _segment(rng: random.Random, record_id: uuid.UUID, key: str, coder: Coder,
             span: tuple[int, int], day: date) -> dict[str, Any]:
    return {"id": new_id(rng), "record_id": record_id, "code_id": code_id(key),
            "coder_id": coder.id, "coder_label": coder.label, "start_offset": span[0],
            "end_offset": span[1], "created_at": stamp(rng, day)}


def _second_coding(rng: random.Random, draft: Draft, keys: list[str]
                   ) -> list[tuple[str, tuple[int, int]]]:
    """What the second researcher codes: mostly what the first did, not quite."""
    found = []
    for passage in draft.passages:
        draw = rng.random()
        span = passage.paragraph if rng.random() < WHOLE_PARAGRAPH else (passage.start, passage.end)
        if draw < SAME:
            found.append((passage.key, span))
        elif draw < SAME + CONFUSED and words.CONFUSED.get(passage.key) in keys:
            found.append((words.CONFUSED[passage.key], span))
    found.extend((rng.choice(keys), paragraph) for paragraph in draft.uncoded[1:-1]
                 if rng.random() < STRAY)
    return found


def _hider(names: list[str] | None, key: bytes) -> Callable[[str], str]:
    """A text with the names pseudonymised (as the API does), or as it is (None)."""
    if names is None:
        return str
    return lambda text: pseudonymise(text, names, key).text


def _record(rng: random.Random, outcome: Outcome, number: int, keys: list[str],
            coders: tuple[Coder, Coder], rows: RecordRows) -> None:
    plan, kind = outcome.plan, pick(rng, KINDS)
    episode = rng.choice(outcome.episodes)
    resident = f"{rng.choice(FIRST_NAMES)} {rng.choice(SURNAMES)}"
    role = ROLE_LABELS[episode["role"]]
    fill = {"naam": resident, "rol": role[0].lower() + role[1:], "titel": plan.row["title"],
            "buurt": plan.buurt.title_name}
    pseudonymised = number % PSEUDONYMISED_OUT_OF != 0
    key = get_settings().pseudonym_key.get_secret_value().encode()
    text_hide = _hider([resident] if pseudonymised else None, key)
    draft = _draft(rng, kind, keys, Draft(fill, text_hide), outcome)
    last = min(DATA_DATE, (episode["end_date"] or DATA_DATE) + timedelta(days=180))
    day = draw_day(rng, episode["start_date"], last)
    record_id, created = new_id(rng), stamp(rng, day)
    author = f"{rng.choice(FIRST_NAMES)} {rng.choice(SURNAMES)}"
    hide = _hider([resident, author] if pseudonymised else None, key)
    rows.records.append({
        "id": record_id, "kind": kind.value,
        "title": hide(_sentence(words.TITLES[kind].format(**fill))), "recorded_on": day,
        "author": hide(author), "text": draft.text,
        "external_ref": f"DEMO-R-{number:06d}", "version": 1, "created_at": created,
        "updated_at": created, "pseudonymised_at": created if pseudonymised else None})
    rows.initiatives.append({"record_id": record_id, "initiative_id": plan.row["id"]})
    # A handelingsbeschrijving is about one episode; the other kinds about the first two.
    about = [episode] if kind is K.HANDELINGSBESCHRIJVING else [episode, *outcome.episodes[:2]]
    people = {row["professional_id"] for row in about}
    rows.professionals.extend({"record_id": record_id, "professional_id": person}
                              for person in sorted(people))
    coded_on = min(DATA_DATE, day + timedelta(days=rng.randint(1, 60)))
    rows.segments.extend(_segment(rng, record_id, passage.key, coders[0],
                                  (passage.start, passage.end), coded_on)
                         for passage in draft.passages)
    if rng.random() < DOUBLE_CODED:
        rows.segments.extend(_segment(rng, record_id, key, coders[1], span, coded_on)
                             for key, span in _second_coding(rng, draft, keys))


def demo_records(rng: random.Random, outcomes: list[Outcome], keys: list[str],
                 coders: tuple[Coder, Coder]) -> RecordRows:
    """Records of a sample of the supported initiatives, their links and codings."""
    rows = RecordRows()
    if not keys:  # the codebook lost every seeded code: nothing to express
        return rows
    for outcome in sample(rng, [outcome for outcome in outcomes if outcome.episodes]):
        for _ in range(2 if rng.random() < SECOND_RECORD else 1):
            _record(rng, outcome, len(rows.records) + 1, keys, coders, rows)
    return rows


def index_for_search(session: Session, records: list[dict[str, Any]]) -> None:
    """SQLite's search table is kept by the records service, which the bulk insert bypasses:
    fill it as `index_record` would (PostgreSQL searches an expression index instead)."""
    if session.connection().dialect.name != "sqlite" or not records:
        return
    session.connection().execute(text(CREATE_SEARCH_TABLE))  # as the records service finds it
    cache: dict[str, str] = {}
    session.connection().execute(
        text("INSERT INTO record_search (record_id, stems) VALUES (:id, :stems)"),
        [{"id": row["id"].hex, "stems": _stems(f"{row['title']} {row['text']}", cache)}
         for row in records])


def _stems(text: str, cache: dict[str, str]) -> str:
    """As `stemming.stems`, remembering each word's stem: the templates repeat a small
    vocabulary, and stemming every word anew took seconds at 100,000 initiatives."""
    found = []
    for match in stemming.words(text):
        word = match.group().lower()
        if word not in stemming.STOP_WORDS:
            if word not in cache:
                cache[word] = stemming.stem(word)
            found.append(cache[word])
    return " ".join(found)
