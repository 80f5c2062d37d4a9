"""The soak's request mix: what one client does, kind by kind, and how each answer counts.

A client is one person at work: mostly lists and details (in the web service and through the
API), now and then a comparison or an analysis, and sometimes an edit: the initiative read
for its ETag, then PATCHed with If-Match. Edits go to a small set of "hot" initiatives, so
that clients now and then edit the same one at once: the loser's 412 is what If-Match is for,
counted apart, never as an error.
"""

import random
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field

import httpx2

STADSDELEN = ("A", "E", "F", "K", "M", "N", "T")
STATUSES = ("afgerond", "in-uitvoering", "gestopt")
SORTS = ("-startDate", "title", "-amountGranted")
# (kind, weight): the share of a client's requests of each kind.
MIX = (("api list", 22), ("api detail", 22), ("api analysis", 1), ("api write", 7),
       ("web list", 20), ("web detail", 18), ("web compare", 9), ("web analysis", 1))
HOT_INITIATIVES = 50


@dataclass(frozen=True)
class Targets:
    api: str
    web: str
    token: str
    initiatives: list[str]
    # Analyses over one wijk (~460 of the 100,000 initiatives): what a district office asks
    # about a neighbourhood. Over a gebied (~4,000) the effects take ~1.8 s alone and answer
    # 1.1 MB; under saturation the web page's API call then passes its 10 s timeout.
    wijken: list[str]

    @property
    def hot(self) -> list[str]:
        return self.initiatives[:HOT_INITIATIVES]


@dataclass
class Tally:
    """Latencies (s) per kind; errors and lost If-Match races apart."""

    seconds: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    errors: Counter[str] = field(default_factory=Counter)
    error_examples: dict[str, str] = field(default_factory=dict)
    lost_races: int = 0

    def error(self, kind: str, what: str) -> None:
        self.errors[kind] += 1
        self.error_examples.setdefault(f"{kind}: {what}"[:120], what)


def _list_query(rng: random.Random) -> str:
    return (f"area={rng.choice(STADSDELEN)}&status={rng.choice(STATUSES)}"
            f"&sort={rng.choice(SORTS)}&page={rng.randint(1, 5)}")


def _check(response: httpx2.Response, kind: str, tally: Tally, expected: int = 200) -> bool:
    if response.status_code == expected:
        return True
    tally.error(kind, f"{response.request.method} {response.request.url.path} → "
                      f"{response.status_code} {response.text[:160]!r}")
    return False


async def _write(api: httpx2.AsyncClient, rng: random.Random, targets: Targets,
                 tally: Tally) -> httpx2.Response | None:
    """GET for the ETag, then PATCH with If-Match; a lost race (412) is counted apart."""
    path = f"/v1/initiatives/{rng.choice(targets.hot)}"
    read = await api.get(path)
    if not _check(read, "api write", tally):
        return None
    changed = {"summary": f"Bijgewerkt tijdens de duurtest {rng.random():.6f}"}
    written = await api.patch(path, json=changed, headers={"If-Match": read.headers["ETag"]})
    if written.status_code == 412:
        tally.lost_races += 1
        return None
    return written


async def one_request(kind: str, api: httpx2.AsyncClient, web: httpx2.AsyncClient,
                      rng: random.Random, targets: Targets, tally: Tally) -> None:
    """One request (two for a write) of `kind`, timed, its answer checked."""
    one = rng.choice(targets.initiatives)
    started = time.perf_counter()
    try:
        response: httpx2.Response | None
        if kind == "api list":
            response = await api.get(f"/v1/initiatives?{_list_query(rng)}&pageSize=25")
        elif kind == "api detail":
            response = await api.get(f"/v1/initiatives/{one}")
        elif kind == "api analysis":
            response = await api.get(f"/v1/analysis/effects?groupBy=supportStyle"
                                     f"&area={rng.choice(targets.wijken)}")
        elif kind == "api write":
            response = await _write(api, rng, targets, tally)
        elif kind == "web list":
            response = await web.get(f"/initiatives?{_list_query(rng)}")
        elif kind == "web detail":
            response = await web.get(f"/initiatives/{one}")
        elif kind == "web compare":
            other = rng.choice(targets.initiatives)
            response = await web.get(f"/compare?initiative={one}&initiative={other}")
        else:
            response = await web.get(f"/effects?groupBy=supportStyle&area="
                                     f"{rng.choice(targets.wijken)}")
    except httpx2.HTTPError as error:
        tally.error(kind, f"{type(error).__name__}: {error}")
        return
    if response is not None and not _check(response, kind, tally):
        return
    tally.seconds[kind].append(time.perf_counter() - started)


def choose_kind(rng: random.Random) -> str:
    kinds, weights = zip(*MIX, strict=True)
    chosen: str = rng.choices(kinds, weights)[0]
    return chosen
