"""Benchmark: issue 9's retrieval and analyses of coded records on 10,000 demo initiatives.

Run with `make bench-codes` (or `python -m bench.codes`). The same set-up as bench/support.py,
whose build and per-request fresh process it reuses: 10,000 demo initiatives (seed 2026,
with their demo records and codings) in a fresh SQLite file, or in PostgreSQL when
BENCH_DATABASE_URL (or TEST_DATABASE_URL) names one; each request in a process of its own
(median of REPEATS calls after a warm-up, peak memory). The baseline, in the same run:
GET /v1/analysis/effects?groupBy=supportStyle, an analysis from before issue 9 over the
same initiatives. Target (issue 9, set here): every request under 2 s at 10,000 initiatives.
"""

import argparse
import json
import statistics
import tempfile
import uuid

from bench.servers import ROOT
from bench.support import REPEATS, Run, _reset_schema, build, database_url, print_table
from bench.support import in_fresh_process as timed

TARGET_SECONDS = 2.0
REQUESTS = [
    ("effects by supportStyle (baseline)", "/v1/analysis/effects?groupBy=supportStyle"),
    ("codes meet outcomes", "/v1/analysis/codes/outcomes"),
    ("codes by stadsdeel", "/v1/analysis/codes/by-group?groupBy=stadsdeel"),
    ("codes by support style", "/v1/analysis/codes/by-group?groupBy=supportStyle"),
    ("agreement, paragraphs", "/v1/analysis/coding-agreement"),
    # Every double-coded record by character is past the API's size limit (a 422): 20 of them.
    ("agreement, characters, 20 records", "/v1/analysis/coding-agreement?unit=character"
                                          "&{records}"),
    ("co-occurrence", "/v1/codes/co-occurrence"),
    ("segments of a top code + subcodes", "/v1/codes/{top}/segments?descendants=true"
                                          "&pageSize=100"),
    ("search 'bewoners'", "/v1/records/search?q=bewoners"),
]


def top_code() -> str:
    """The seeded top code "Succesfactoren": every coded passage lies below it."""
    from api.qualitative.code_seed import code_id

    return str(code_id("succes"))


def double_coded(url: str, how_many: int = 20) -> str:
    """`record=…` for the first records that two coders coded."""
    from sqlalchemy import text

    from api.db import make_engine

    engine = make_engine(url)
    with engine.connect() as connection:
        found = connection.execute(text(
            "SELECT record_id FROM coded_segment GROUP BY record_id "
            "HAVING count(DISTINCT coder_id) >= 2 ORDER BY record_id LIMIT :n"),
            {"n": how_many}).scalars().all()
    engine.dispose()
    return "&".join(f"record={uuid.UUID(str(found_id))}" for found_id in found)


def report(kind: str, runs: list[tuple[str, Run]], repeats: int) -> None:
    print_table(kind, runs, repeats)
    slowest = max(statistics.median(run.seconds) for _, run in runs[1:])
    verdict = "met" if slowest < TARGET_SECONDS else "NOT met"
    print(f"  → issue 9's requests: slowest median {slowest:.2f} s (target < "
          f"{TARGET_SECONDS:g} s): {verdict}; 'ratio' = median ÷ the baseline's")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeats", type=int, default=REPEATS)
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        kind, url = database_url(folder)
        try:
            build(kind, url)
            fill = {"top": top_code(), "records": double_coded(url)}
            runs = [(label, timed(url, path.format(**fill), arguments.repeats))
                    for label, path in REQUESTS]
        finally:
            if kind == "postgresql":
                _reset_schema(url, create=False)
    report(kind, runs, arguments.repeats)
    results = ROOT / "bench" / "results"
    results.mkdir(exist_ok=True)
    (results / f"codes-{kind}.json").write_text(json.dumps(
        [{"label": label, **run.__dict__} for label, run in runs], indent=2))
    print(f"written to bench/results/codes-{kind}.json")


if __name__ == "__main__":
    main()
