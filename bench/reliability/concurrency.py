"""Concurrency: 50 clients PATCH one initiative with If-Match at once, round after round.

Every client reads the initiative (and its ETag), waits at a barrier until all have read it,
then all PATCH at once with that ETag and a title of their own. Per round exactly one may
win (200), every other must get 412; afterwards the version has advanced by exactly the
number of wins and the stored title is the winner's: no lost update.

    python -m bench.reliability.concurrency [--rounds 20] [--clients 50] [--workers 2]
        [--database postgresql|sqlite]

PostgreSQL is a private cluster the scenario starts on a free port of 127.0.0.1 and stops
and removes afterwards (bench/reliability/cluster.py).
"""

import argparse
import asyncio
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import httpx2

from bench.reliability.databases import scenario_database
from bench.reliability.processes import (
    Prepare,
    Service,
    admin_headers,
    free_port,
    migrate_database,
    percentile,
    running,
    service_environment,
    stop_cleanly_on_sigterm,
)

NEW_INITIATIVE = {
    "title": "Gelijktijdig bewerkt initiatief", "summary": "Doelwit van de race.",
    "themes": ["groen"], "targetGroups": ["alle-bewoners"],
    "organisationForm": "bewonersinitiatief", "initiatorType": "bewonersgroep",
    "participationLevel": "coproduceren", "status": "in-uitvoering", "startDate": "2020-04-01",
}


@dataclass
class RaceFigures:
    rounds: int = 0
    clients: int = 0
    wins: int = 0
    refused: int = 0  # 412
    other: Counter[int] = field(default_factory=Counter)
    latencies_ms: list[float] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def passed(self) -> bool:
        return not self.problems and not self.other and self.wins == self.rounds

    def report(self) -> str:
        other = ", ".join(f"{status}×{count}" for status, count in sorted(self.other.items()))
        lines = [
            f"rounds {self.rounds}, clients per round {self.clients}, "
            f"{self.seconds:.1f} s",
            f"200 (wins) {self.wins}, 412 {self.refused}, other statuses: {other or 'none'}",
            f"PATCH latency p50 {percentile(self.latencies_ms, 0.5):.1f} ms, "
            f"p99 {percentile(self.latencies_ms, 0.99):.1f} ms, "
            f"max {max(self.latencies_ms, default=0):.1f} ms",
            *[f"PROBLEM: {problem}" for problem in self.problems[:10]],
            f"verdict: {'PASS' if self.passed else 'FAIL'}",
        ]
        return "\n".join(lines)


async def _read_then_write(client: httpx2.AsyncClient, path: str, title: str,
                           barrier: asyncio.Barrier) -> tuple[str, int, float]:
    read = await client.get(path)
    etag = read.headers["ETag"]
    await barrier.wait()  # nobody writes before everybody has read
    started = time.perf_counter()
    written = await client.patch(path, json={"title": title}, headers={"If-Match": etag})
    return etag, written.status_code, (time.perf_counter() - started) * 1000


async def _one_round(client: httpx2.AsyncClient, path: str, number: int,
                     figures: RaceFigures) -> None:
    barrier = asyncio.Barrier(figures.clients)
    titles = [f"Ronde {number} schrijver {writer}" for writer in range(figures.clients)]
    results = await asyncio.gather(*(_read_then_write(client, path, title, barrier)
                                     for title in titles))
    etags = {etag for etag, _, _ in results}
    winners = [title for title, (_, status, _) in zip(titles, results, strict=True)
               if status == 200]
    for _, status, latency in results:
        figures.latencies_ms.append(latency)
        if status == 412:
            figures.refused += 1
        elif status != 200:
            figures.other[status] += 1
    figures.wins += len(winners)
    figures.rounds += 1
    if len(etags) != 1:
        figures.problems.append(f"round {number}: clients read different versions {etags}")
    if len(winners) != 1:
        figures.problems.append(f"round {number}: {len(winners)} writes won, not 1")
        return
    stored = (await client.get(path)).json()
    if stored["title"] != winners[0]:
        figures.problems.append(f"round {number}: stored {stored['title']!r}, "
                                f"the winner wrote {winners[0]!r} (lost update)")


async def race(api: str, initiative_id: str, rounds: int, clients: int) -> RaceFigures:
    """`rounds` races of `clients` writers over one initiative, checked round by round."""
    figures = RaceFigures(clients=clients)
    path = f"/v1/initiatives/{initiative_id}"
    limits = httpx2.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx2.AsyncClient(base_url=api, headers=admin_headers(), limits=limits,
                                  timeout=30) as client:
        first = (await client.get(path)).json()["version"]
        started = time.perf_counter()
        for number in range(1, rounds + 1):
            await _one_round(client, path, number, figures)
        figures.seconds = time.perf_counter() - started
        last = (await client.get(path)).json()["version"]
    if last - first != figures.wins:
        figures.problems.append(f"version went from {first} to {last}, "
                                f"yet {figures.wins} writes won")
    return figures


def create_initiative(api: str) -> str:
    headers = admin_headers()
    buurten = httpx2.get(f"{api}/v1/areas", params={"type": "buurt", "indeling": 2022,
                                                    "q": "Meerwaldtbuurt"},
                         headers=headers, timeout=10).json()["items"]
    created = httpx2.post(f"{api}/v1/initiatives", headers=headers, timeout=10,
                          json={**NEW_INITIATIVE, "buurtId": buurten[0]["id"]})
    created.raise_for_status()
    return str(created.json()["id"])


@contextmanager
def api_over(database_url: str, folder: Path, workers: int,
             prepare: Prepare = migrate_database) -> Iterator[str]:
    """The API, its database prepared, started on `database_url`; its URL while the block
    runs."""
    api = Service("api.main:app", free_port(), service_environment(database_url),
                  folder / "api.log", workers)
    with running((api, "/v1"), meanwhile=lambda: prepare(database_url, folder)):
        yield api.url


def run(kind: str, rounds: int, clients: int, workers: int,
        prepare: Prepare = migrate_database) -> RaceFigures:
    with ExitStack() as stack:
        folder = Path(stack.enter_context(tempfile.TemporaryDirectory()))
        database_url = stack.enter_context(scenario_database(kind, folder, "rel_concurrency"))
        api = stack.enter_context(api_over(database_url, folder, workers, prepare))
        initiative_id = create_initiative(api)
        return asyncio.run(race(api, initiative_id, rounds, clients))
    raise AssertionError("unreachable")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.reliability.concurrency")
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--workers", type=int, default=2, help="uvicorn worker processes")
    parser.add_argument("--database", choices=["postgresql", "sqlite"], default="postgresql")
    args = parser.parse_args(argv)
    stop_cleanly_on_sigterm()
    print(f"Concurrency: {args.clients} clients PATCH one initiative with If-Match, "
          f"{args.rounds} rounds, {args.database}, {args.workers} uvicorn workers")
    figures = run(args.database, args.rounds, args.clients, args.workers)
    print(figures.report())
    return 0 if figures.passed else 1


if __name__ == "__main__":
    sys.exit(main())
