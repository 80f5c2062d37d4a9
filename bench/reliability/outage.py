"""What clients saw around an outage: every request's timing and answer, judged against
the window in which a dependency was down."""

import time
from collections import Counter
from dataclasses import dataclass, field

from bench.reliability.processes import percentile

# No request may take longer than this, outage or not.
MAX_SECONDS = 5.0
# After the dependency is back, the service answers normally again within this long.
RECOVERY_SECONDS = 5.0


@dataclass(frozen=True)
class Sample:
    kind: str
    started: float  # time.monotonic()
    seconds: float
    status: int  # 0: no answer at all (connection refused, timeout)
    well_formed: bool  # a 503 as promised: problem+json (API) or the 503 page (web)

    @property
    def ended(self) -> float:
        return self.started + self.seconds

    @property
    def ok(self) -> bool:
        return 200 <= self.status < 300


@dataclass
class Window:
    """When the dependency went down (the stop was asked for) and was back (accepting)."""

    down: float = 0.0
    asked_up: float = 0.0  # the start command was given
    up: float = 0.0

    def mark_down(self) -> None:
        self.down = time.monotonic()

    def mark_asked_up(self) -> None:
        self.asked_up = time.monotonic()

    def mark_up(self) -> None:
        self.up = time.monotonic()


@dataclass
class OutageFigures:
    requests: int = 0
    during: int = 0
    statuses_during: Counter[int] = field(default_factory=Counter)
    max_ms_during: float = 0.0
    p50_ms_during: float = 0.0
    max_ms: float = 0.0
    outage_seconds: float = 0.0
    start_seconds: float = 0.0
    recovery_seconds: float = 0.0
    problems: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        statuses = ", ".join(f"{status or 'no answer'}×{count}"
                             for status, count in sorted(self.statuses_during.items()))
        return [
            f"requests {self.requests}; during the outage ({self.outage_seconds:.1f} s) "
            f"{self.during}: {statuses or 'none'}",
            f"latency during the outage p50 {self.p50_ms_during:.0f} ms, max "
            f"{self.max_ms_during:.0f} ms; max of the whole run {self.max_ms:.0f} ms",
            f"the dependency took {self.start_seconds:.1f} s to start again; the service "
            f"recovered {self.recovery_seconds:.2f} s after it was back",
        ]


def judge(samples: list[Sample], window: Window) -> OutageFigures:
    """Before: all fine. During: fine or a well-formed 503, quickly. After: fine again
    within RECOVERY_SECONDS. Never a request slower than MAX_SECONDS."""
    figures = OutageFigures(requests=len(samples), outage_seconds=window.up - window.down,
                            start_seconds=window.up - window.asked_up)
    during = [sample for sample in samples
              if sample.ended >= window.down and sample.started <= window.up]
    figures.during = len(during)
    figures.statuses_during = Counter(sample.status for sample in during)
    latencies = [sample.seconds * 1000 for sample in during]
    figures.max_ms_during = max(latencies, default=0.0)
    figures.p50_ms_during = percentile(latencies, 0.5)
    figures.max_ms = max((sample.seconds * 1000 for sample in samples), default=0.0)
    failed_after = [sample.ended for sample in samples
                    if sample.started > window.up and not sample.ok]
    figures.recovery_seconds = max(failed_after, default=window.up) - window.up
    _find_problems(samples, during, window, figures)
    return figures


def _find_problems(samples: list[Sample], during: list[Sample], window: Window,
                   figures: OutageFigures) -> None:
    problems = figures.problems
    before = [sample for sample in samples if sample.ended < window.down]
    if any(not sample.ok for sample in before):
        problems.append(f"{sum(not s.ok for s in before)} requests failed before the outage")
    wrong = [s for s in during if not s.ok and not (s.status == 503 and s.well_formed)]
    if wrong:
        problems.append(f"{len(wrong)} answers during the outage were neither a success nor "
                        f"the promised 503 (e.g. {wrong[0].kind} → {wrong[0].status})")
    if not any(s.status == 503 for s in during):
        problems.append("no request met the outage: nothing was tested")
    slow = [s for s in samples if s.seconds > MAX_SECONDS]
    if slow:
        problems.append(f"{len(slow)} requests took longer than {MAX_SECONDS:.0f} s")
    if figures.recovery_seconds > RECOVERY_SECONDS:
        problems.append(f"recovery took {figures.recovery_seconds:.1f} s, over "
                        f"{RECOVERY_SECONDS:.0f} s")
    if not any(s.ok for s in samples if s.started > window.up):
        problems.append("no request succeeded after the outage")
