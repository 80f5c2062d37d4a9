"""The time budget of one minimisation, checked by its searches."""

import time


class OutOfTime(Exception):
    """Raised inside a search when the time budget is spent; minimize() reports it."""


class TimeBudget:
    """A deadline `seconds` from now; `check()` raises OutOfTime once it has passed."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self._deadline = time.monotonic() + seconds

    def exceeded(self) -> bool:
        return time.monotonic() > self._deadline

    def seconds_left(self) -> float:
        return self._deadline - time.monotonic()

    def check(self) -> None:
        if self.exceeded():
            raise OutOfTime
