"""Benchmark: writing the method book (issue 10) from the demo data, beside an analysis it runs.

Run with `make bench-book` (or `python -m bench.method_book --initiatives N`). Builds N demo
initiatives (api.demo.generate, seed 2026; 10,000 by default, 700 as `make run` has) into a
fresh database, as bench/support.py does: a SQLite file, or PostgreSQL when
BENCH_DATABASE_URL (or TEST_DATABASE_URL) names one, in a schema of its own. Each request
runs in a fresh process (its own peak memory): the real API app with the job queue set to
`immediate`, so POST /v1/method-books returns once the whole book is written and stored —
the time a researcher waits, less the queue's hand-over. One warm-up, then the median of
REPEATS. The baseline, in the same run: GET /v1/analysis/support, one of the analyses the
book runs. Target (issue 10): a book of the demo data is ready in under 30 s.
"""

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict
from typing import Any

from bench.servers import ROOT
from bench.support import Run, _reset_schema, database_url, print_table

SEED, REPEATS, TARGET_SECONDS = 2026, 3, 30.0
BASELINE = ("support analysis (baseline)", "GET", "/v1/analysis/support", None)
# (label, method, path, body); {book} is a book written in the warm-up.
REQUESTS = [
    BASELINE,
    ("book, city, research", "POST", "/v1/method-books", {}),
    ("book, city, for everyone", "POST", "/v1/method-books", {"audience": "everyone"}),
    ("book, Nieuw-West, research", "POST", "/v1/method-books", {"stadsdeel": "F"}),
    ("book, city, English", "POST", "/v1/method-books", {"language": "en"}),
    ("PDF of the city's book", "GET", "/v1/method-books/{book}/pdf", None),
]


def build(kind: str, url: str, initiatives: int) -> None:
    from sqlmodel import Session

    from api.db import make_engine
    from api.demo.generate import generate_demo
    from api.tables import metadata

    if kind == "postgresql":
        _reset_schema(url, create=True)
    engine = make_engine(url)
    metadata.create_all(engine)
    started = time.perf_counter()
    with Session(engine) as session:
        summary = generate_demo(session, initiatives=initiatives, seed=SEED)
    print(f"{kind}: built in {time.perf_counter() - started:.0f} s: {summary}")
    engine.dispose()


def _call(client: Any, headers: dict[str, str], method: str, path: str,
          body: dict[str, Any] | None) -> Any:
    response = client.request(method, path, headers=headers, json=body)
    assert response.status_code in (200, 202), (path, response.status_code, response.text[:500])
    if method == "POST":  # the job ran inside the request: the book must be done
        assert response.json()["status"] == "done", response.text[:500]
    return response


def run_once(method: str, path: str, body: dict[str, Any] | None, repeats: int) -> Run:
    """In this process: the API app, a city book for {book}, one warm-up, `repeats` calls."""
    from starlette.testclient import TestClient

    from api.main import app
    from bench.auth import authorization, bench_token

    headers = authorization(bench_token(os.environ["API_DATABASE_URL"]))
    seconds: list[float] = []
    with TestClient(app) as client:
        if "{book}" in path:
            book = _call(client, headers, "POST", "/v1/method-books", {}).json()["id"]
            path = path.format(book=book)
        warm = _call(client, headers, method, path, body)
        for _ in range(repeats):
            started = time.perf_counter()
            _call(client, headers, method, path, body)
            seconds.append(time.perf_counter() - started)
        size = len(warm.content)
        if method == "POST":  # the book's HTML, not the status resource
            size = len(client.get(f"{path}/{warm.json()['id']}/html", headers=headers).content)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return Run(path, seconds, size / 1024, peak)


def in_fresh_process(url: str, request: tuple[str, str, str, dict[str, Any] | None],
                     repeats: int) -> Run:
    _, method, path, body = request
    env = {**os.environ, "API_DATABASE_URL": url, "API_JOBS_URL": "immediate"}
    answer = subprocess.run(
        [sys.executable, "-m", "bench.method_book", "--one", json.dumps([method, path, body]),
         "--repeats", str(repeats)], cwd=ROOT, env=env, capture_output=True, text=True,
        timeout=1800)
    if answer.returncode != 0:
        raise RuntimeError(f"{path} failed:\n{answer.stderr[-3000:]}")
    return Run(**json.loads(answer.stdout.strip().splitlines()[-1]))


def report(kind: str, initiatives: int, runs: list[tuple[str, Run]], repeats: int) -> None:
    print_table(kind, runs, repeats, initiatives)
    slowest = max(statistics.median(run.seconds) for label, run in runs[1:])
    verdict = "met" if slowest < TARGET_SECONDS else "NOT met"
    print(f"  → slowest median {slowest:.2f} s (target < {TARGET_SECONDS:g} s): {verdict}; "
          f"'ratio' = median ÷ the baseline's; KiB = the book's HTML (the PDF's bytes)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--one", metavar="JSON", help="time one request in this process")
    parser.add_argument("--repeats", type=int, default=REPEATS)
    parser.add_argument("--initiatives", type=int, default=10_000)
    arguments = parser.parse_args()
    if arguments.one:
        method, path, body = json.loads(arguments.one)
        print(json.dumps(asdict(run_once(method, path, body, arguments.repeats))))
        return
    with tempfile.TemporaryDirectory() as folder:
        kind, url = database_url(folder)
        try:
            build(kind, url, arguments.initiatives)
            runs = [(request[0], in_fresh_process(url, request, arguments.repeats))
                    for request in REQUESTS]
        finally:
            if kind == "postgresql":
                _reset_schema(url, create=False)
    report(kind, arguments.initiatives, runs, arguments.repeats)
    results = ROOT / "bench" / "results"
    results.mkdir(exist_ok=True)
    name = f"method-book-{kind}-{arguments.initiatives}.json"
    (results / name).write_text(json.dumps(
        [{"label": label, **asdict(run)} for label, run in runs], indent=2))
    print(f"written to bench/results/{name}")


if __name__ == "__main__":
    main()
