"""Scenario: the soak — the API and the web service together under 32 clients (issue 11).

Run with `make soak` (or `python -m bench.soak --clients 32 --minutes 10 --reuse`). Starts
a PostgreSQL cluster of its own (bench/soak_data.py; on the first run 100,000 demo
initiatives are built in it, about a minute; --reuse keeps them), then the API and the web
service in their own uvicorn processes on 127.0.0.1, then runs the clients
(bench/soak_mix.py: lists with filters, details, comparisons, analyses, edits with
If-Match; pages through the web service signed in with a session cookie, the rest through
the API with a bearer token) for the given minutes, sampling each server's RSS every few
seconds. Prints p50/p99 per request kind, errors, lost If-Match races (412, expected,
counted apart) and memory growth after the first minute (the median RSS of the minute after
it against that of the last minute). Verdict: zero errors, and each server's RSS grows less
than 10 % after warm-up. The servers allocate as in the image (jemalloc for everything,
PYTHONMALLOC=malloc). Stops both servers and the cluster on the way out, also on failure or
Ctrl-C.
"""

import argparse
import asyncio
import json
import random
import statistics
import sys
import time

from bench.servers import ROOT

sys.path[:0] = [str(ROOT / "services" / "api"), str(ROOT / "services" / "web")]

from bench.reliability.processes import stop_cleanly_on_sigterm  # noqa: E402
from bench.soak_data import soak_database  # noqa: E402
from bench.soak_mix import Tally, Targets, choose_kind, one_request  # noqa: E402
from bench.soak_servers import MemoryLog, Server, api_and_web, sample_memory  # noqa: E402

WARM_UP_SECONDS, SAMPLE_EVERY, MAX_GROWTH_PERCENT = 60.0, 5.0, 10.0
TIMEOUT_SECONDS, KEEPALIVE_SECONDS = 60.0, 4.0


def sample_initiatives(url: str, count: int, seed: int) -> list[str]:
    """A fixed sample of initiative ids (the same on every run with the same seed)."""
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    with engine.connect() as connection:
        connection.execute(text("SELECT setseed(:seed)"), {"seed": (seed % 1000) / 1000})
        rows = connection.execute(text(
            "SELECT id FROM initiative ORDER BY random() LIMIT :count"), {"count": count})
        found = [str(row[0]) for row in rows]
    engine.dispose()
    return found


def wijk_codes(url: str) -> list[str]:
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    with engine.connect() as connection:
        codes = [str(row[0]) for row in connection.execute(
            text("SELECT code FROM area WHERE type = 'wijk' ORDER BY code"))]
    engine.dispose()
    return codes


async def client(number: int, targets: Targets, until: float, think: float,
                 tally: Tally) -> None:
    import httpx2

    rng = random.Random(number)
    bearer = {"Authorization": f"Bearer {targets.token}"}
    # As the web's own API client (web/config.py): an idle connection is dropped before
    # uvicorn's 5 s keep-alive ends, so no request is sent on one the server is closing
    # (a run without it lost one request to "Server disconnected").
    limits = httpx2.Limits(keepalive_expiry=KEEPALIVE_SECONDS)
    async with httpx2.AsyncClient(base_url=targets.api, headers=bearer, limits=limits,
                                  timeout=TIMEOUT_SECONDS) as api, \
            httpx2.AsyncClient(base_url=targets.web, cookies={"bk_session": targets.token},
                               limits=limits, timeout=TIMEOUT_SECONDS) as web:
        while time.monotonic() < until:
            await one_request(choose_kind(rng), api, web, rng, targets, tally)
            # A person reads what came back before the next click (0 to 2 × think s).
            await asyncio.sleep(rng.uniform(0, 2 * think))


async def run_clients(targets: Targets, servers: list[Server], clients: int, seconds: float,
                      think: float, memory: MemoryLog) -> Tally:
    tally, stop = Tally(), asyncio.Event()
    sampler = asyncio.create_task(sample_memory(servers, memory, SAMPLE_EVERY, stop))
    until = time.monotonic() + seconds
    try:
        await asyncio.gather(*(client(n, targets, until, think, tally)
                               for n in range(clients)))
    finally:
        stop.set()
        await sampler
    return tally


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def report(tally: Tally, memory: MemoryLog, seconds: float, clients: int,
           warm_up: float) -> dict[str, object]:
    total = sum(len(times) for times in tally.seconds.values())
    errors = sum(tally.errors.values())
    print(f"\n{clients} clients for {seconds / 60:.1f} min: {total:,} requests answered "
          f"({total / seconds:.0f}/s), {errors} errors, {tally.lost_races} lost If-Match "
          "races (412, expected)")
    print(f"{'kind':<14} {'requests':>9} {'p50 ms':>9} {'p99 ms':>9} {'max ms':>9} {'errors':>7}")
    kinds: dict[str, object] = {}
    for kind in sorted(set(tally.seconds) | set(tally.errors)):
        times = tally.seconds.get(kind) or [0.0]
        p50, p99 = statistics.median(times) * 1000, _percentile(times, 0.99) * 1000
        print(f"{kind:<14} {len(tally.seconds.get(kind, [])):>9,} {p50:>9.1f} {p99:>9.1f} "
              f"{max(times) * 1000:>9.1f} {tally.errors[kind]:>7}")
        kinds[kind] = {"requests": len(tally.seconds.get(kind, [])), "p50_ms": p50,
                       "p99_ms": p99, "errors": tally.errors[kind]}
    for example in list(tally.error_examples.values())[:10]:
        print(f"  error: {example}")
    growth: dict[str, object] = {}
    for name in memory.samples:
        first, last, percent = memory.growth_after(name, warm_up)
        peak = max(rss for _, rss in memory.samples[name])
        print(f"RSS {name}: {first:.0f} MiB after warm-up → {last:.0f} MiB in the last minute "
              f"({percent:+.1f} %), peak {peak:.0f} MiB, {len(memory.samples[name])} samples")
        minutes = " ".join(f"{rss:.0f}" for rss in memory.per_minute(name))
        print(f"  {name} RSS per minute (median, MiB): {minutes}")
        growth[name] = {"after_warm_up_mib": first, "end_mib": last, "growth_percent": percent,
                        "peak_mib": peak, "samples": memory.samples[name]}
    stable = all(g["growth_percent"] < MAX_GROWTH_PERCENT for g in growth.values())  # type: ignore[index]
    verdict = errors == 0 and stable and total > 0
    print(f"→ verdict: {'PASSED' if verdict else 'FAILED'} (zero errors: {errors == 0}; "
          f"RSS growth after warm-up < {MAX_GROWTH_PERCENT:g} %: {stable})")
    return {"clients": clients, "seconds": seconds, "requests": total, "errors": errors,
            "lost_races": tally.lost_races, "kinds": kinds, "memory": growth,
            "passed": verdict}


def soak(url: str, clients: int, seconds: float, think: float, seed: int,
         system_allocator: bool) -> tuple[Tally, MemoryLog]:
    """Both servers on `url`, under `clients` for `seconds`; stopped on the way out."""
    from api.auth.models import Role
    from bench.auth import bench_token

    token = bench_token(url, Role.ADMIN)  # edits need an editor; the admin reads everything
    targets_ids = sample_initiatives(url, 5000, seed)
    memory = MemoryLog()
    with api_and_web(url, token, system_allocator) as servers:
        targets = Targets(servers[0].base, servers[1].base, token, targets_ids,
                          wijk_codes(url))
        tally = asyncio.run(run_clients(targets, servers, clients, seconds, think, memory))
    return tally, memory


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--clients", type=int, default=32)
    parser.add_argument("--minutes", type=float, default=10)
    parser.add_argument("--initiatives", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--think", type=float, default=1.0,
                        help="mean pause (s) of a client between requests; 0: flat out")
    parser.add_argument("--reuse", action="store_true",
                        help="keep the soak's database when it already holds the initiatives")
    parser.add_argument("--system-allocator", action="store_true",
                        help="glibc malloc and pymalloc instead of the image's jemalloc")
    arguments = parser.parse_args()
    stop_cleanly_on_sigterm()  # so that the servers and the cluster stop on SIGTERM too
    seconds = arguments.minutes * 60
    with soak_database(arguments.initiatives, arguments.seed, arguments.reuse) as url:
        tally, memory = soak(url, arguments.clients, seconds, arguments.think, arguments.seed,
                             arguments.system_allocator)
    warm_up = min(WARM_UP_SECONDS, seconds / 4)
    summary = report(tally, memory, seconds, arguments.clients, warm_up)
    out = ROOT / "bench" / "results" / "soak.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(summary, indent=2))
    print(f"written to {out.relative_to(ROOT)}")
    raise SystemExit(0 if summary["passed"] else 1)


if __name__ == "__main__":
    main()
