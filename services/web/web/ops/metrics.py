"""Prometheus metrics: requests, latency and server errors per route.

A registry per app, not prometheus-client's global one: the tests make many apps in one
process, and each must count only its own requests.
"""

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Histogram,
    disable_created_metrics,
)
from prometheus_client.exposition import generate_latest

# From a cached page (~2 ms) to the web's timeout (10 s).
LATENCY_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)
UNMATCHED = "<unmatched>"  # a path no route knows: one label, however many such paths come
# No `_created` series beside every counter: twice the lines for a start time nobody graphs.
disable_created_metrics()  # type: ignore[no-untyped-call]


class RequestMetrics:
    def __init__(self, prefix: str) -> None:
        self.registry = CollectorRegistry()
        self.requests = Counter(f"{prefix}_http_requests", "Requests answered",
                                ["method", "route", "status"], registry=self.registry)
        self.latency = Histogram(f"{prefix}_http_request_duration_seconds",
                                 "Time from the request's arrival to the end of its answer",
                                 ["method", "route"], buckets=LATENCY_BUCKETS,
                                 registry=self.registry)
        self.errors = Counter(f"{prefix}_http_server_errors", "Answers with a 5xx status",
                              ["method", "route"], registry=self.registry)

    def observe(self, method: str, route: str, status: int, seconds: float) -> None:
        self.requests.labels(method, route, str(status)).inc()
        self.latency.labels(method, route).observe(seconds)
        if status >= 500:
            self.errors.labels(method, route).inc()

    def exposition(self) -> tuple[bytes, str]:
        return generate_latest(self.registry), CONTENT_TYPE_LATEST

