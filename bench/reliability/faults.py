"""Faults: PostgreSQL restarted under load, then the API killed under the web service.

    python -m bench.reliability.faults [--clients 8] [--outage 5] [--people 4]

Starts a private PostgreSQL 15 cluster (initdb + pg_ctl in a temporary folder, a free port;
as root it runs as the postgres account), migrates it, starts the API and the web on
127.0.0.1 and stops all of it afterwards, also on failure or Ctrl-C.
"""

import argparse
import sys
import tempfile
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx2

from bench.reliability.api_kill import KillFigures, kill_scenario
from bench.reliability.cluster import PrivateCluster, private_cluster
from bench.reliability.concurrency import NEW_INITIATIVE, create_initiative
from bench.reliability.pg_restart import RestartFigures, Target, restart_scenario
from bench.reliability.processes import (
    Prepare,
    Service,
    admin_headers,
    free_port,
    migrate_database,
    running,
    service_environment,
    stop_cleanly_on_sigterm,
)


@dataclass
class Stack:
    """A private cluster with the API on it (and the web in front, when asked)."""

    cluster: PrivateCluster
    api: Service
    web: Service | None
    folder: Path


@dataclass
class Services:
    api: Service
    web: Service | None


@contextmanager
def services(database_url: str, folder: Path, with_web: bool,
             prepare: Prepare = migrate_database) -> Iterator[Services]:
    """The API on `database_url` (prepared first), and the web in front when asked."""
    environment = service_environment(database_url)
    api = Service("api.main:app", free_port(), environment, folder / "api.log")
    web = None
    if with_web:
        web = Service("web.main:app", free_port(), {**environment, "WEB_API_URL": api.url},
                      folder / "web.log")
    with running((api, "/v1"), *([(web, "/health")] if web else []),
                 meanwhile=lambda: prepare(database_url, folder)):
        yield Services(api, web)


@contextmanager
def fault_stack(with_web: bool, prepare: Prepare = migrate_database) -> Iterator[Stack]:
    """A private cluster with the API (and web) on it; all of it gone afterwards."""
    with ExitStack() as stack:
        folder = Path(stack.enter_context(tempfile.TemporaryDirectory()))
        cluster = stack.enter_context(private_cluster(start=False))

        def create_then_prepare(url: str, folder: Path) -> None:
            cluster.create()  # while the services import: no service needs it before then
            cluster.start()
            prepare(url, folder)

        started = stack.enter_context(services(cluster.url, folder, with_web,
                                               create_then_prepare))
        yield Stack(cluster, started.api, started.web, folder)


def target_of(api: str) -> Target:
    existing = create_initiative(api)
    body = httpx2.get(f"{api}/v1/initiatives/{existing}", headers=admin_headers(),
                      timeout=10).json()
    return Target({**NEW_INITIATIVE, "buurtId": body["buurtId"]}, existing)


def run_restart(stack: Stack, clients: int, outage: float, after: float,
                warm_up: float = 2.0) -> RestartFigures:
    return restart_scenario(stack.api.url, stack.cluster, target_of(stack.api.url), clients,
                            warm_up=warm_up, down_for=outage, after=after)


def run_kill(started: Services | Stack, people: int, outage: float, after: float,
             warm_up: float = 2.0, pause: float = 0.05) -> KillFigures:
    assert started.web is not None
    return kill_scenario(started.web.url, started.api, people, warm_up=warm_up,
                         down_for=outage, after=after, pause=pause)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.reliability.faults")
    parser.add_argument("--clients", type=int, default=8, help="API clients during the restart")
    parser.add_argument("--outage", type=float, default=5.0, help="seconds each is down")
    parser.add_argument("--after", type=float, default=8.0, help="seconds of load afterwards")
    parser.add_argument("--people", type=int, default=4, help="web visitors during the kill")
    args = parser.parse_args(argv)
    stop_cleanly_on_sigterm()
    with fault_stack(with_web=True) as stack:
        print(f"1. PostgreSQL stopped (pg_ctl stop -m fast) for {args.outage:.0f} s under "
              f"{args.clients} API clients (list, detail, create)")
        restart = run_restart(stack, args.clients, args.outage, args.after)
        print(restart.report())
        print(f"\n2. The API killed (SIGKILL) for {args.outage:.0f} s under {args.people} web "
              "visitors")
        kill = run_kill(stack, args.people, args.outage, args.after)
        print(kill.report())
    passed = restart.passed and kill.passed
    print(f"\nverdict: {'PASS' if passed else 'FAIL'}")
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main())
