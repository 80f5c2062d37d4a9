"""Benchmark: issue 8's analyses of support on 10,000 demo initiatives, beside the effects.

Run with `make bench-support` (or `python -m bench.support`). Builds 10,000 demo initiatives
(api.demo.generate, seed 2026) into a fresh database: a SQLite file by default; PostgreSQL
when BENCH_DATABASE_URL (or else TEST_DATABASE_URL) names one, in a schema of its own
(bench_support, dropped afterwards), so the tests' schemas (test_<pid>) are never touched.
Each request then runs in a fresh process, so that its peak memory (ru_maxrss) is its own:
the real API app in that process (Starlette's TestClient, a researcher's token looked up on
every request), called once to warm up and then REPEATS times (median and fastest). The
baseline, in the same run: GET /v1/analysis/effects?groupBy=supportStyle, the effects pooled
per support style — an analysis from before issue 8 over the same initiatives.
Target (issue 8): durability and support under 2 s at 10,000 initiatives.
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
import uuid
from dataclasses import asdict, dataclass

from sqlalchemy import Engine, text
from sqlalchemy.engine import make_url

from bench.servers import ROOT

INITIATIVES, SEED, REPEATS, TARGET_SECONDS = 10_000, 2026, 5, 2.0
SCHEMA = "bench_support"
FRAMEWORK = "participatieprofessional-werklijst"
DURABILITY = "/v1/analysis/durability?by="
# (label, path); the first is the baseline. {professional} is filled in after the build.
REQUESTS = [
    ("effects by supportStyle (baseline)", "/v1/analysis/effects?groupBy=supportStyle"),
    ("durability by supportStyle + Cox", DURABILITY + "supportStyle&covariates=hours"
     "&covariates=makelaarInvolved&covariates=takenOver"),
    ("durability by supportKind", DURABILITY + "supportKind"),
    ("support", "/v1/analysis/support"),
    ("competence team F", f"/v1/competence-teams/F?framework={FRAMEWORK}"),
    ("competence profile", "/v1/professionals/{professional}/competence-profile"
     f"?framework={FRAMEWORK}"),
]
TARGETED = ("durability", "support")


@dataclass(frozen=True)
class Run:
    path: str
    seconds: list[float]
    response_kib: float
    peak_mib: float


def database_url(folder: str) -> tuple[str, str]:
    """(kind, URL the API uses); PostgreSQL's URL points into the benchmark's own schema."""
    given = os.environ.get("BENCH_DATABASE_URL") or os.environ.get("TEST_DATABASE_URL")
    if not given:
        return "sqlite", f"sqlite:///{folder}/bench-support.db"
    url = make_url(given)
    if url.get_backend_name() != "postgresql":
        raise SystemExit("BENCH_DATABASE_URL / TEST_DATABASE_URL must name PostgreSQL")
    scoped = url.update_query_dict({"options": f"-csearch_path={SCHEMA}"})
    return "postgresql", scoped.render_as_string(hide_password=False)


def _reset_schema(url: str, create: bool) -> None:
    from sqlalchemy import create_engine

    # Without the search_path option: the schema itself is made or dropped from outside it.
    admin = create_engine(make_url(url).difference_update_query(["options"]))
    with admin.begin() as connection:
        connection.execute(text(f"DROP SCHEMA IF EXISTS {SCHEMA} CASCADE"))
        if create:
            connection.execute(text(f"CREATE SCHEMA {SCHEMA}"))
    admin.dispose()


def build(kind: str, url: str) -> str:
    """The demo data, as `python -m api.manage demo` writes it; returns a professional id."""
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
        summary = generate_demo(session, initiatives=INITIATIVES, seed=SEED)
    print(f"{kind}: built in {time.perf_counter() - started:.0f} s: {summary}")
    professional = _most_assessed(engine)
    engine.dispose()
    return professional


def _most_assessed(engine: Engine) -> str:
    """The professional with the most assessments in the framework: the largest profile."""
    query = text(
        "SELECT a.professional_id FROM assessment a "
        "JOIN competency c ON c.id = a.competency_id "
        "JOIN competency_framework f ON f.id = c.framework_id WHERE f.code = :code "
        "GROUP BY a.professional_id ORDER BY count(*) DESC, a.professional_id LIMIT 1")
    with engine.connect() as connection:
        found = connection.execute(query, {"code": FRAMEWORK}).scalar()
    assert found is not None, f"no assessments in {FRAMEWORK}"
    # SQLite hands back the stored hex, PostgreSQL a UUID: the path wants the dashed form.
    return str(uuid.UUID(str(found)))


def run_once(path: str, repeats: int) -> Run:
    """In this process: the API app, one warm-up call, then `repeats` timed calls."""
    from starlette.testclient import TestClient

    from api.main import app
    from bench.auth import authorization, bench_token

    headers = authorization(bench_token(os.environ["API_DATABASE_URL"]))
    seconds: list[float] = []
    with TestClient(app) as client:
        # The first call also fills SQLAlchemy's statement cache and the connection pool.
        warm = client.get(path, headers=headers)
        assert warm.status_code == 200, (path, warm.status_code, warm.text[:500])
        for _ in range(repeats):
            started = time.perf_counter()
            response = client.get(path, headers=headers)
            seconds.append(time.perf_counter() - started)
            assert response.status_code == 200, (path, response.status_code)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return Run(path, seconds, len(warm.content) / 1024, peak)


def in_fresh_process(url: str, path: str, repeats: int) -> Run:
    # Jobs inside their requests: no worker threads, and the jobs file in var/ is left alone.
    env = {**os.environ, "API_DATABASE_URL": url, "API_JOBS_URL": "immediate"}
    answer = subprocess.run([sys.executable, "-m", "bench.support", "--one", path,
                             "--repeats", str(repeats)], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=900)
    if answer.returncode != 0:
        raise RuntimeError(f"{path} failed:\n{answer.stderr[-3000:]}")
    return Run(**json.loads(answer.stdout.strip().splitlines()[-1]))


def print_table(kind: str, runs: list[tuple[str, Run]], repeats: int,
                initiatives: int = INITIATIVES) -> None:
    """Median, fastest, ratio to the first run (the baseline), peak memory and size."""
    baseline = statistics.median(runs[0][1].seconds)
    print(f"\n{kind}, {initiatives:,} initiatives, {repeats} calls each after one warm-up")
    print(f"{'request':<36} {'median s':>9} {'min s':>7} {'ratio':>6} {'peak MiB':>9} "
          f"{'KiB':>7}")
    for label, run in runs:
        median = statistics.median(run.seconds)
        print(f"{label:<36} {median:>9.3f} {min(run.seconds):>7.3f} {median / baseline:>5.2f}x "
              f"{run.peak_mib:>9.0f} {run.response_kib:>7.0f}")


def report(kind: str, runs: list[tuple[str, Run]], repeats: int) -> None:
    print_table(kind, runs, repeats)
    for label, run in runs:
        print(f"  {label}: GET {run.path}")
    slowest = max(statistics.median(run.seconds) for label, run in runs
                  if label.startswith(TARGETED))
    verdict = "met" if slowest < TARGET_SECONDS else "NOT met"
    print(f"  → durability and support: slowest median {slowest:.2f} s "
          f"(target < {TARGET_SECONDS:g} s): {verdict}; 'ratio' = median ÷ the baseline's")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--one", metavar="PATH", help="time one request in this process")
    parser.add_argument("--repeats", type=int, default=REPEATS)
    arguments = parser.parse_args()
    if arguments.one:
        print(json.dumps(asdict(run_once(arguments.one, arguments.repeats))))
        return
    with tempfile.TemporaryDirectory() as folder:
        kind, url = database_url(folder)
        try:
            professional = build(kind, url)
            runs = [(label, in_fresh_process(url, path.format(professional=professional),
                                             arguments.repeats)) for label, path in REQUESTS]
        finally:
            if kind == "postgresql":
                _reset_schema(url, create=False)
    report(kind, runs, arguments.repeats)
    results = ROOT / "bench" / "results"
    results.mkdir(exist_ok=True)
    (results / f"support-{kind}.json").write_text(json.dumps(
        [{"label": label, **asdict(run)} for label, run in runs], indent=2))
    print(f"written to bench/results/support-{kind}.json")


if __name__ == "__main__":
    main()
