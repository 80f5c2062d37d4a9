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

from bench.servers import ROOT
from bench.support import INITIATIVES, REPEATS, Run, _reset_schema, build, database_url
from bench.support import in_fresh_process as timed

TARGET_SECONDS = 2.0
REQUESTS = [
    ("effects by supportStyle (baseline)", "/v1/analysis/effects?groupBy=supportStyle"),
    ("codes meet outcomes", "/v1/analysis/codes/outcomes"),
    ("codes by stadsdeel", "/v1/analysis/codes/by-group?groupBy=stadsdeel"),
    ("codes by support style", "/v1/analysis/codes/by-group?groupBy=supportStyle"),
    ("agreement, paragraphs", "/v1/analysis/coding-agreement"),
    ("agreement, characters", "/v1/analysis/coding-agreement?unit=character"),
    ("co-occurrence", "/v1/codes/co-occurrence"),
    ("segments of a top code + subcodes", "/v1/codes/{top}/segments?descendants=true"
                                          "&pageSize=100"),
    ("search 'bewoners'", "/v1/records/search?q=bewoners"),
]


def top_code() -> str:
    """The seeded top code "Succesfactoren": every coded passage lies below it."""
    from api.qualitative.code_seed import code_id

    return str(code_id("succes"))


def report(kind: str, runs: list[tuple[str, Run]], repeats: int) -> None:
    baseline = statistics.median(runs[0][1].seconds)
    print(f"\n{kind}, {INITIATIVES:,} initiatives, {repeats} calls each after one warm-up")
    print(f"{'request':<36} {'median s':>9} {'min s':>7} {'ratio':>6} {'peak MiB':>9} "
          f"{'KiB':>7}")
    for label, run in runs:
        median = statistics.median(run.seconds)
        print(f"{label:<36} {median:>9.3f} {min(run.seconds):>7.3f} {median / baseline:>5.2f}x "
              f"{run.peak_mib:>9.0f} {run.response_kib:>7.0f}")
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
            runs = [(label, timed(url, path.format(top=top_code()), arguments.repeats))
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
