"""PostgreSQL stopped and started again under load: the API answers 503 problems while it
is down, serves again by itself afterwards, and every create it acknowledged is stored."""

import asyncio
import itertools
import time
import uuid
from dataclasses import dataclass, field

import httpx2
from sqlalchemy import create_engine, text

from bench.reliability.cluster import PrivateCluster
from bench.reliability.outage import OutageFigures, Sample, Window, judge
from bench.reliability.processes import admin_headers

PROBLEM_JSON = "application/problem+json"


@dataclass(frozen=True)
class Target:
    """What the load writes (a create body) and reads (one initiative that exists)."""

    body: dict[str, object]
    existing_id: str


@dataclass
class WriteLog:
    """The client's own record: ids of the creates the API acknowledged with 201."""

    acknowledged: list[str] = field(default_factory=list)
    unknown: int = 0  # a 503 or no answer: stored or not, nobody can tell


@dataclass
class RestartFigures:
    outage: OutageFigures
    acknowledged: int
    found: int
    unknown_outcome: int
    rows_created: int

    @property
    def passed(self) -> bool:
        return not self.outage.problems and self.found == self.acknowledged

    def report(self) -> str:
        lines = [*self.outage.lines(),
                 f"acknowledged creates (201) {self.acknowledged}, found in the database "
                 f"{self.found}; not acknowledged (503 or no answer, stored or not) "
                 f"{self.unknown_outcome}; rows created in all {self.rows_created}",
                 *[f"PROBLEM: {problem}" for problem in self.outage.problems]]
        if self.found != self.acknowledged:
            lines.append(f"PROBLEM: {self.acknowledged - self.found} acknowledged writes lost")
        lines.append(f"verdict: {'PASS' if self.passed else 'FAIL'}")
        return "\n".join(lines)


def _is_promised_503(response: httpx2.Response) -> bool:
    return (response.status_code == 503
            and response.headers.get("content-type", "").startswith(PROBLEM_JSON)
            and "retry-after" in response.headers)


async def _request(client: httpx2.AsyncClient, kind: str, target: Target,
                   log: WriteLog) -> Sample:
    started = time.monotonic()
    try:
        if kind == "create":
            title = f"Storing {uuid.uuid4().hex[:12]}"
            response = await client.post("/v1/initiatives", json={**target.body, "title": title})
        elif kind == "list":
            response = await client.get("/v1/initiatives", params={"pageSize": 20})
        else:
            response = await client.get(f"/v1/initiatives/{target.existing_id}")
    except httpx2.TransportError as error:
        if kind == "create":
            log.unknown += 1
        return Sample(f"{kind} ({type(error).__name__})", started,
                      time.monotonic() - started, 0, False)
    if kind == "create":
        if response.status_code == 201:
            log.acknowledged.append(str(response.json()["id"]))
        else:
            log.unknown += 1
    return Sample(kind, started, time.monotonic() - started, response.status_code,
                  _is_promised_503(response))


async def _client(api: str, target: Target, stop: asyncio.Event,
                  samples: list[Sample], log: WriteLog, offset: int) -> None:
    kinds = itertools.islice(itertools.cycle(["list", "detail", "create"]), offset, None)
    async with httpx2.AsyncClient(base_url=api, headers=admin_headers(),
                                  timeout=httpx2.Timeout(10.0)) as client:
        for kind in kinds:
            if stop.is_set():
                return
            samples.append(await _request(client, kind, target, log))
            await asyncio.sleep(0.01)


async def _outage(cluster: PrivateCluster, window: Window, warm_up: float,
                  down_for: float, after: float) -> None:
    await asyncio.sleep(warm_up)
    window.mark_down()
    await asyncio.to_thread(cluster.stop)
    await asyncio.sleep(down_for)
    window.mark_asked_up()
    await asyncio.to_thread(cluster.start)  # returns once the server accepts connections
    window.mark_up()
    await asyncio.sleep(after)


async def load_with_restart(api: str, cluster: PrivateCluster, target: Target,
                            clients: int, warm_up: float, down_for: float,
                            after: float) -> tuple[list[Sample], Window, WriteLog]:
    samples: list[Sample] = []
    window = Window()
    log = WriteLog()
    stop = asyncio.Event()
    tasks = [asyncio.create_task(_client(api, target, stop, samples, log, number))
             for number in range(clients)]
    try:
        await _outage(cluster, window, warm_up, down_for, after)
    finally:
        stop.set()
        await asyncio.gather(*tasks)
    return samples, window, log


def count_stored(database_url: str, ids: list[str]) -> tuple[int, int]:
    """(how many of `ids` are stored, how many 'Storing' initiatives there are in all)."""
    engine = create_engine(database_url)
    try:
        with engine.connect() as connection:
            stored = {str(row[0]) for row in connection.execute(
                text("SELECT id FROM initiative WHERE title LIKE 'Storing %'"))}
    finally:
        engine.dispose()
    return len(stored & {str(uuid.UUID(found)) for found in ids}), len(stored)


def restart_scenario(api: str, cluster: PrivateCluster, target: Target,
                     clients: int, warm_up: float, down_for: float,
                     after: float) -> RestartFigures:
    samples, window, log = asyncio.run(load_with_restart(api, cluster, target, clients,
                                                         warm_up, down_for, after))
    found, created = count_stored(cluster.url, log.acknowledged)
    return RestartFigures(judge(samples, window), len(log.acknowledged), found, log.unknown,
                          created)
