"""Benchmark: analysis.meta.rma beside metafor's rma(), REML, on the same synthetic data.

Run with `make bench-meta` (or `python -m bench.meta`). For k = 1,000, 10,000 and 100,000
studies (seeded: vᵢ ~ U(0.005, 0.3), a numeric moderator x1 and a three-level factor grp,
tau² = 0.04) it times an intercept-only and a mixed-effects model `~ x1 + grp`: ours as the
best of several calls in this process; metafor's in one Rscript on the same data (a CSV),
timing only the rma() calls with proc.time() and keeping the best. Both use the same
convergence rule (threshold 1e-10, at most 1000 steps), and the bench checks that they give
the same coefficients to 1e-6. metafor builds k×k matrices, so at k = 100,000 it is tried
once with a time limit and its error (or time-out) is reported. Without Rscript or metafor
only ours is timed. Target (issue 5): k = 100,000 REML in under 1 s.
"""

import argparse
import json
import tempfile
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np

from analysis.meta import rma
from bench.metafor_runner import MetaforTiming, metafor_available, time_metafor, write_data
from bench.servers import ROOT

MODELS = {"intercept-only": (), "~ x1 + grp": ("x1", "grp")}
AGREEMENT = 1e-6
LIMITED_FROM = 10_000  # from this k on metafor gets one call within --metafor-seconds


@dataclass(frozen=True)
class Row:
    k: int
    model: str
    ours_seconds: float
    metafor_seconds: float | None
    metafor_note: str
    largest_difference: float | None  # max |β_ours − β_metafor| over the coefficients


def synthetic(k: int, seed: int) -> dict[str, np.ndarray]:
    rng = np.random.default_rng(seed)
    vi = rng.uniform(0.005, 0.3, k)
    x1 = rng.normal(size=k)
    grp = rng.choice(np.array(["north", "south", "east"]), k)
    yi = 0.3 + 0.2 * x1 + 0.15 * (grp == "south") + rng.normal(0.0, np.sqrt(vi + 0.04))
    return {"yi": yi, "vi": vi, "x1": x1, "grp": grp}


def time_ours(
    data: dict[str, np.ndarray], moderators: Sequence[str], repeats: int
) -> tuple[float, list[float]]:
    """Best wall time of `repeats` calls after one to warm up, and β.

    The columns are Python lists, as rma() is typed to take; their conversion is timed too.
    """
    yi, vi = data["yi"].tolist(), data["vi"].tolist()
    mods = {name: data[name].tolist() for name in moderators} or None
    best, beta = float("inf"), []
    for _ in range(repeats + 1):
        started = time.perf_counter()
        model = rma(yi, vi, method="REML", moderators=mods)
        best = min(best, time.perf_counter() - started)
        beta = [row.estimate for row in model.coefficients]
    return best, beta


def measure(sizes: Sequence[int], seed: int, repeats: int, limit: float,
            metafor_repeats: int) -> list[Row]:
    use_metafor, why_not = metafor_available()
    if not use_metafor:
        print(f"metafor is not timed: {why_not}")
    rows = []
    for k in sizes:
        data = synthetic(k, seed)
        with tempfile.TemporaryDirectory(prefix="bench-meta-") as folder:
            csv_path = write_data(Path(folder), data) if use_metafor else None
            for name, moderators in MODELS.items():
                ours_seconds, ours_beta = time_ours(data, moderators, repeats)
                timing = None
                if csv_path is not None:
                    # metafor's cost grows as k³ (P %*% P on k×k matrices): one try, limited.
                    limited = k >= LIMITED_FROM
                    timing = time_metafor(csv_path, moderators,
                                          repeats=1 if limited else metafor_repeats,
                                          seconds=limit if limited else None)
                rows.append(_row(k, name, ours_seconds, ours_beta, timing))
                print(_format(rows[-1]), flush=True)
    return rows


def _row(
    k: int, name: str, seconds: float, beta: list[float], timing: MetaforTiming | None
) -> Row:
    if timing is None or timing.seconds is None:
        note = "metafor not timed" if timing is None else timing.note
        return Row(k, name, seconds, None, note, None)
    difference = max(abs(a - b) for a, b in zip(beta, timing.beta, strict=True))
    note = "same β" if difference <= AGREEMENT else f"β differ by {difference:.1e}!"
    return Row(k, name, seconds, timing.seconds, note, difference)


HEADER = (f"{'k':>8}  {'model':<15} {'ours (s)':>9} {'metafor (s)':>12} {'metafor/ours':>13}"
          "  check")


def _format(row: Row) -> str:
    theirs = "—" if row.metafor_seconds is None else f"{row.metafor_seconds:.3f}"
    ratio = "—" if row.metafor_seconds is None else f"{row.metafor_seconds / row.ours_seconds:.0f}×"
    return (f"{row.k:>8,}  {row.model:<15} {row.ours_seconds:>9.4f} {theirs:>12} {ratio:>13}"
            f"  {row.metafor_note}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000, 100_000])
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--metafor-repeats", type=int, default=3,
                        help="metafor's calls per model below k = 10,000 (best is kept)")
    parser.add_argument("--metafor-seconds", type=float, default=120.0,
                        help="time limit of metafor's one call per model from k = 10,000 on")
    args = parser.parse_args()
    print(HEADER, flush=True)
    rows = measure(args.sizes, args.seed, args.repeats, args.metafor_seconds,
                   args.metafor_repeats)
    disagreements = [row for row in rows if row.largest_difference is not None
                     and row.largest_difference > AGREEMENT]
    largest = [row for row in rows if row.k == max(args.sizes)]
    print(f"  → k = {max(args.sizes):,}: ours "
          + ", ".join(f"{row.model} {row.ours_seconds:.3f} s" for row in largest)
          + " (target < 1 s)")
    if disagreements:
        print(f"  → {len(disagreements)} model(s) where the coefficients differ by more than 1e-6")
    out = ROOT / "bench" / "results" / "meta.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps([asdict(row) for row in rows], indent=2))
    print(f"written to {out.relative_to(ROOT)}")
    if disagreements:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
