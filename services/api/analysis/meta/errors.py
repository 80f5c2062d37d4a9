"""Errors raised by the meta-analytic models."""


class MetaInputError(ValueError):
    """The data or arguments given to rma() cannot be fitted (metafor stops with an error)."""


class MetaFitError(RuntimeError):
    """An iterative tau² estimator did not converge (metafor: 'did not converge')."""
