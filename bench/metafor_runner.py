"""Timing metafor's rma() in a child Rscript on data written to a temporary CSV."""

import csv
import shutil
import subprocess
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

# Only the rma() calls are timed; the best of `repeats` is printed with the coefficients
# (metafor's control as the fixtures': the same convergence rule as analysis.meta).
R_SCRIPT = r"""
suppressMessages(library(metafor))
args <- commandArgs(trailingOnly = TRUE)
dat <- read.csv(args[1], colClasses = c("numeric", "numeric", "numeric", "character"))
repeats <- as.integer(args[2])
ctrl <- list(threshold = 1e-10, maxiter = 1000)
fit <- if (args[3] == "1") {
  function() rma(yi, vi, data = dat, method = "REML", control = ctrl)
} else {
  mods <- as.formula(paste("~", args[3]))
  function() rma(yi, vi, mods = mods, data = dat, method = "REML", control = ctrl)
}
best <- Inf
outcome <- tryCatch({
  for (r in seq_len(repeats)) {
    started <- proc.time()[["elapsed"]]
    res <- fit()
    best <- min(best, proc.time()[["elapsed"]] - started)
  }
  sprintf("RESULT\t%.6f\t%s", best, paste(sprintf("%.17g", c(res$beta)), collapse = ","))
}, error = function(e) sprintf("ERROR\t%s", gsub("[\t\n]", " ", conditionMessage(e))))
cat(outcome, "\n", sep = "")
"""


@dataclass(frozen=True)
class MetaforTiming:
    seconds: float | None  # best elapsed time of the rma() calls; None if it failed
    beta: tuple[float, ...]
    note: str


def metafor_available() -> tuple[bool, str]:
    if shutil.which("Rscript") is None:
        return False, "Rscript is not installed (Debian: apt-get install r-cran-metafor)."
    probe = subprocess.run(
        ["Rscript", "-e", "suppressMessages(library(metafor))"],
        capture_output=True, text=True, check=False, timeout=120,
    )
    if probe.returncode != 0:
        return False, "R's metafor package is not installed (Debian: r-cran-metafor)."
    return True, ""


def write_data(folder: Path, data: Mapping[str, np.ndarray]) -> Path:
    """The data as a CSV that R reads back to the same doubles (repr round-trips)."""
    path = folder / "data.csv"
    with path.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["yi", "vi", "x1", "grp"])
        for yi, vi, x1, grp in zip(data["yi"], data["vi"], data["x1"], data["grp"], strict=True):
            writer.writerow([repr(float(yi)), repr(float(vi)), repr(float(x1)), str(grp)])
    return path


def time_metafor(
    csv_path: Path, moderators: Sequence[str], *, repeats: int, seconds: float | None
) -> MetaforTiming:
    """metafor's best time of `repeats` rma() calls, in one Rscript stopped after `seconds`."""
    script = csv_path.parent / "time_rma.R"
    script.write_text(R_SCRIPT)
    formula = " + ".join(moderators) or "1"
    command = ["Rscript", str(script), str(csv_path), str(repeats), formula]
    try:
        done = subprocess.run(command, capture_output=True, text=True, check=False,
                              timeout=seconds)
    except subprocess.TimeoutExpired:
        return MetaforTiming(None, (), f"metafor did not finish within {seconds:.0f} s (stopped)")
    return _parse(done.stdout, done.stderr)


def _parse(output: str, errors: str) -> MetaforTiming:
    for line in output.splitlines():
        kind, *rest = line.rstrip().split("\t")
        if kind == "RESULT":
            beta = tuple(float(value) for value in rest[1].split(","))
            return MetaforTiming(float(rest[0]), beta, "")
        if kind == "ERROR":
            return MetaforTiming(None, (), f"metafor failed: {rest[0].strip()}")
    last = errors.strip().splitlines()[-1:] or ["no output"]
    return MetaforTiming(None, (), f"metafor gave no result: {last[0]}")
