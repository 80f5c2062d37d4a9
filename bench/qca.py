"""Benchmark: truth table plus conservative and parsimonious minimisation on crisp data.

Run with `make bench-qca` (or `python -m bench.qca`). As issue 6 asks: 2,000 cases with 8,
10, 12 and 14 conditions (seeded), drawn from 40 prototype configurations (the limited
diversity real QCA data has), each with an outcome; without noise and with 5 % noise. "5 %
noise" is read as 5 % of the cases: `outcomes` flips their outcome; `cases` misrecords them
(one condition value and the outcome flipped), which makes many more observed configurations
and more than 1,000 equally minimal models. Two harder designs go beyond the issue's and are
reported beside it: `random cases` (5 % of the cases replaced by a random configuration and
outcome) and `cells` (5 % of all condition values flipped, so about half of the cases stray
from their prototype). Their charts are hard set-cover problems (HiGHS alone needs over 10 s to
prove the minimum of the 12-condition `cells` chart): they show the time limit at work.
Each run is a fresh process, so that its peak memory (ru_maxrss) is its own. The reference,
R's QCA package, cannot be installed here (CRAN unreachable, not in Debian); its figures from
the issue are printed beside ours.
Targets (issue 6): 12 conditions in under 2 s, 14 in under 20 s, memory under 1 GiB.
"""

import argparse
import json
import resource
import subprocess
import sys
import time
from dataclasses import asdict, dataclass

import numpy as np

from analysis.qca import minimize, truth_table
from bench.servers import ROOT

CASES, PROTOTYPES, NOISE, SEED = 2_000, 40, 0.05, 2026
NOISES = ("none", "outcomes", "cases", "random cases", "cells")
ISSUE_DESIGNS = NOISES[:3]
# What the issue measured for the QCA package on the noise-free design (parsimonious).
PACKAGE_SECONDS = {8: "1.1 s", 10: "—", 12: "20.6 s", 14: "> 2 min"}


@dataclass(frozen=True)
class Run:
    conditions: int
    noise: str
    rows: int
    seconds: float
    conservative_models: int
    parsimonious_models: int
    truncated: bool
    peak_mib: float


def design(conditions: int, noise: str) -> dict[str, list[float]]:
    rng = np.random.default_rng(SEED + conditions)
    prototypes = rng.integers(0, 2, size=(PROTOTYPES, conditions))
    outcomes = rng.integers(0, 2, size=PROTOTYPES)
    chosen = rng.integers(0, PROTOTYPES, size=CASES)
    values, outcome = prototypes[chosen].copy(), outcomes[chosen].copy()
    noisy = np.flatnonzero(rng.random(CASES) < NOISE)
    if noise in ("outcomes", "cases"):
        outcome[noisy] = 1 - outcome[noisy]
    if noise == "cases":
        values[noisy, rng.integers(0, conditions, size=len(noisy))] ^= 1
    if noise == "random cases":
        values[noisy] = rng.integers(0, 2, size=(len(noisy), conditions))
        outcome[noisy] = rng.integers(0, 2, size=len(noisy))
    if noise == "cells":
        outcome[noisy] = 1 - outcome[noisy]
        flip = rng.random(values.shape) < NOISE
        values[flip] = 1 - values[flip]
    data = {f"C{number + 1:02d}": values[:, number].astype(float).tolist()
            for number in range(conditions)}
    data["Y"] = outcome.astype(float).tolist()
    return data


def run_once(conditions: int, noise: str) -> Run:
    data = design(conditions, noise)
    names = [name for name in data if name != "Y"]
    started = time.perf_counter()
    table = truth_table(data, "Y", names, incl_cut=0.8)
    conservative = minimize(table, solution="conservative")
    parsimonious = minimize(table, solution="parsimonious")
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    observed = sum(row.out != "?" for row in table.rows)
    return Run(conditions, noise, observed, seconds, len(conservative.solutions),
               len(parsimonious.solutions), conservative.truncated or parsimonious.truncated,
               peak)


def in_fresh_process(conditions: int, noise: str) -> Run:
    answer = subprocess.run(
        [sys.executable, "-m", "bench.qca", "--one", str(conditions), noise],
        cwd=ROOT, capture_output=True, text=True, check=True, timeout=600)
    return Run(**json.loads(answer.stdout))


def report(runs: list[Run]) -> None:
    print(f"{'conditions':>10} {'noise':<20} {'rows':>5} {'seconds':>8} {'models C/P':>11} "
          f"{'peak MiB':>9}  QCA package (issue)")
    for run in runs:
        models = f"{run.conservative_models}/{run.parsimonious_models}" + (
            "+" if run.truncated else "")
        package = PACKAGE_SECONDS.get(run.conditions, "") if run.noise == "none" else (
            "out of memory / failed")
        print(f"{run.conditions:>10} {run.noise:<20} {run.rows:>5} {run.seconds:>8.2f} "
              f"{models:>11} {run.peak_mib:>9.0f}  {package}")
    for conditions, limit in ((12, 2.0), (14, 20.0)):
        worst = max(run.seconds for run in runs
                    if run.conditions == conditions and run.noise in ISSUE_DESIGNS)
        print(f"  → {conditions} conditions: slowest of the issue's designs {worst:.2f} s "
              f"(target < {limit:g} s)")
    print(f"  → peak memory {max(run.peak_mib for run in runs):.0f} MiB (target < 1024 MiB); "
          "'+' = more equally minimal models than listed (bounded at 1,000 models or 10 s)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--one", nargs=2, metavar=("CONDITIONS", "NOISE"))
    arguments = parser.parse_args()
    if arguments.one:
        print(json.dumps(asdict(run_once(int(arguments.one[0]), arguments.one[1]))))
        return
    runs = [in_fresh_process(conditions, noise) for conditions in (8, 10, 12, 14)
            for noise in NOISES]
    report(runs)
    results = ROOT / "bench" / "results"
    results.mkdir(exist_ok=True)
    (results / "qca.json").write_text(json.dumps([asdict(run) for run in runs], indent=2))
    print("written to bench/results/qca.json")


if __name__ == "__main__":
    main()
