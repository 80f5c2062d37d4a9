"""The Cox model of stopping after support, with the notes that say when there is none
(docs/support.md): too few events, a singular design, a coefficient that runs off."""

import numpy as np
from numpy.typing import NDArray
from scipy import stats

from analysis.cox import cox
from analysis.survival import FloatArray
from api.analyses.durability.curves import z_of
from api.analyses.durability.design import Design, singular_note
from api.analyses.durability.models import CoxCoefficient, CoxOut, Population, Ties

EVENTS_PER_COLUMN = 10  # fewer: the estimates are shaky (a note says so)
RUNAWAY = 10.0  # a log hazard ratio per SD this large means the likelihood has no maximum


def cox_model(times: FloatArray, events: NDArray[np.bool_], design: Design, ties: Ties,
              population: Population, level: float) -> tuple[CoxOut | None, str | None]:
    """The model, or None and why. `times` and `events` are those of the design's rows."""
    count, columns = int(events.sum()), design.x.shape[1]
    if count < 2 or count <= columns:
        return None, (f"Te weinig gebeurtenissen ({count}) voor {columns} coëfficiënten. / "
                      f"Too few events ({count}) for {columns} coefficients.")
    singular = singular_note(design)
    if singular is not None:
        return None, singular
    centred = design.x - design.x.mean(axis=0)  # as coxph: same coefficients, no overflow
    try:
        fit = cox(times.tolist(), events.tolist(), centred.tolist(), ties=ties)
    except (ValueError, np.linalg.LinAlgError) as error:
        return None, (f"Het model is niet te schatten ({error}). / "
                      f"The model cannot be fitted: {error}")
    spread = centred.std(axis=0)
    z = z_of(level)
    # A confidence bound beyond a float (exp overflows) is a runaway too: it would be sent
    # as null where the document promises a number (found by fuzzing, issue 11).
    with np.errstate(over="ignore"):
        widest = np.exp(np.abs(fit.coefficients) + z * fit.std_errors)
    if (not fit.converged or not np.all(np.isfinite(fit.std_errors))
            or np.any(np.abs(fit.coefficients * spread) > RUNAWAY)
            or not np.all(np.isfinite(widest))):
        return None, ("Het model convergeert niet: een coëfficiënt loopt weg (bijvoorbeeld "
                      "een groep waarin niemand of iedereen stopt). / The model does not "
                      "converge: a coefficient runs off to infinity (say, a group in which "
                      "no one, or everyone, stops).")
    note = None
    if count < EVENTS_PER_COLUMN * columns:
        note = (f"Minder dan {EVENTS_PER_COLUMN} gebeurtenissen per coëfficiënt: onzeker. / "
                f"Fewer than {EVENTS_PER_COLUMN} events per coefficient: unstable estimates.")
    coefficients = [
        CoxCoefficient(name=name, coef=float(b), se=float(se), hazard_ratio=float(np.exp(b)),
                       lower=float(np.exp(b - z * se)), upper=float(np.exp(b + z * se)),
                       z=float(b / se), p=float(2 * stats.norm.sf(abs(b / se))))
        for name, b, se in zip(design.columns, fit.coefficients, fit.std_errors, strict=True)]
    return CoxOut(covariates=coefficients, references=design.references, n=len(design.rows),
                  events=count, left_out=design.left_out, population=population, ties=ties,
                  level=level, note=note), None
