"""Scenario: the long fuzzing run of the API against its OpenAPI document (issue 11).

Run with `make fuzz` (or `python -m bench.fuzz --examples 100`). The world of the bounded
test (tests/fuzz/harness.py: the real app in-process, a small demo, an administrator's
token), on a private PostgreSQL cluster started for the run and removed afterwards
(`--database sqlite`: an in-memory SQLite), but many more examples, both valid requests
(positive) and invalid ones (negative), and every failure collected instead of stopping at
the first. Checks: no server error, the status code documented for the
operation, the body matching the schema documented for that status (problems included).
Prints the figures — operations, cases, failures by check and by operation — and a verdict:
passed only when no check failed.
"""

import argparse
import os
import sys
import time
from collections import Counter
from contextlib import ExitStack
from dataclasses import dataclass, field

from bench.reliability.cluster import private_cluster
from bench.reliability.processes import stop_cleanly_on_sigterm
from bench.servers import ROOT

sys.path[:0] = [str(ROOT / "services" / "api"), str(ROOT / "services" / "web")]
# Jobs (imports, method books) inside the request that sends them, as in the tests: no
# worker threads, and the jobs file in var/ is left alone.
os.environ.setdefault("API_JOBS_URL", "immediate")

from tests.fuzz.harness import FuzzWorld, fuzz_schema, fuzz_world, new_app  # noqa: E402

CHECK_NAMES = ("not_a_server_error", "status_code_conformance", "response_schema_conformance")


@dataclass
class Tally:
    cases: int = 0
    without_invalid: int = 0
    statuses: Counter[int] = field(default_factory=Counter)
    by_check: Counter[str] = field(default_factory=Counter)
    by_operation: Counter[tuple[str, str]] = field(default_factory=Counter)
    examples: dict[tuple[str, str], str] = field(default_factory=dict)

    def fail(self, operation: str, check: str, detail: str) -> None:
        self.by_check[check] += 1
        self.by_operation[(operation, check)] += 1
        self.examples.setdefault((operation, check), detail)


def _check_name(failure: BaseException) -> str:
    names = getattr(failure, "checks", ()) or (type(failure).__name__,)
    return str(names[0])


def fuzz_operation(operation: object, world: FuzzWorld, examples: int,
                   tally: Tally) -> None:
    """Both generation modes of one operation; failures are counted, never raised."""
    from hypothesis import HealthCheck, given, settings
    from hypothesis.errors import Unsatisfiable
    from schemathesis import GenerationMode
    from schemathesis.core.failures import Failure, FailureGroup

    from tests.fuzz.test_openapi_fuzz import CHECKS

    label = str(getattr(operation, "label", operation))
    for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
        strategy = operation.as_strategy(generation_mode=mode)  # type: ignore[attr-defined]

        @given(case=strategy)
        @settings(max_examples=examples, derandomize=True, deadline=None, database=None,
                  suppress_health_check=list(HealthCheck))
        def run(case: object) -> None:
            tally.cases += 1
            try:
                response = case.call(headers=world.headers_for(label))  # type: ignore[attr-defined]
            except Exception as error:
                tally.fail(label, "exception", f"{type(error).__name__}: {error}"[:300])
                return
            tally.statuses[response.status_code] += 1
            try:
                case.validate_response(response, checks=CHECKS)  # type: ignore[attr-defined]
            except FailureGroup as group:
                for failure in group.exceptions:
                    tally.fail(label, _check_name(failure), _detail(case, response, failure))
            except Failure as failure:
                tally.fail(label, _check_name(failure), _detail(case, response, failure))

        try:
            run()
        except Unsatisfiable:
            tally.without_invalid += mode == GenerationMode.NEGATIVE  # nothing to make invalid
        except Exception as error:
            tally.fail(label, "generation", f"{type(error).__name__}: {error}"[:200])


def _detail(case: object, response: object, failure: BaseException) -> str:
    """The status, the whole request as a curl command (to replay it) and the message."""
    status = getattr(response, "status_code", "?")
    message = str(getattr(failure, "message", failure)).replace("\n", " ")[:300]
    request = case.as_curl_command(base_url="http://127.0.0.1:8000")  # type: ignore[attr-defined]
    return f"{status} for {request[:2000]} — {message}"


def report(tally: Tally, operations: int, seconds: float, top: int) -> bool:
    failures = sum(tally.by_check.values())
    print(f"\nfuzzed {operations} operations, {tally.cases:,} cases in {seconds:.0f} s "
          f"({tally.cases / max(seconds, 1e-9):.0f} cases/s)")
    print(f"operations with no invalid request to make (no parameters, no body): "
          f"{tally.without_invalid}")
    print("statuses: " + ", ".join(f"{code}×{n}" for code, n in sorted(tally.statuses.items())))
    print("failures by check: " + (", ".join(f"{name} {n}" for name, n
                                             in tally.by_check.most_common()) or "none"))
    failing = {operation for operation, _ in tally.by_operation}
    print(f"operations with a failure: {len(failing)} of {operations}")
    for (operation, check), count in tally.by_operation.most_common(top):
        print(f"  {count:>5}  {check:<28} {operation}\n         e.g. "
              f"{tally.examples[(operation, check)]}")
    verdict = failures == 0
    print(f"→ verdict: {'PASSED' if verdict else 'FAILED'} ({failures} failures)")
    return verdict


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--examples", type=int, default=100,
                        help="examples per operation and generation mode")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--top", type=int, default=40, help="failing operations to list")
    parser.add_argument("--only", default="", help="fuzz only labels containing this text")
    parser.add_argument("--database", choices=["postgresql", "sqlite"], default="postgresql",
                        help="a private PostgreSQL cluster started for the run, or SQLite")
    arguments = parser.parse_args()
    stop_cleanly_on_sigterm()  # so that the cluster is stopped and removed on SIGTERM too
    with ExitStack() as stack:
        if arguments.database == "postgresql":
            # The harness reads TEST_DATABASE_URL: here a cluster of the run's own, removed
            # afterwards (PostgreSQL is the stricter judge of what the requests carry).
            cluster = stack.enter_context(private_cluster())
            os.environ["TEST_DATABASE_URL"] = cluster.url
        else:
            os.environ.pop("TEST_DATABASE_URL", None)
        passed = fuzz(arguments.examples, arguments.seed, arguments.only, arguments.top)
    raise SystemExit(0 if passed else 1)


def fuzz(examples: int, seed: int, only: str, top: int) -> bool:
    """Every operation whose label holds `only`, `examples` per mode; the verdict."""
    import logging

    from schemathesis.core.result import Ok

    logging.disable(logging.INFO)  # the access log of thousands of requests says nothing here

    app = new_app()
    schema = fuzz_schema(app, examples, seed)
    tally, started = Tally(), time.monotonic()
    operations = []
    for result in schema.get_all_operations():
        if isinstance(result, Ok):
            operations.append(result.ok())
        else:  # an operation the document describes so that no request can be made
            tally.fail(str(result.err()), "invalid schema", str(result.err())[:300])
    operations = [op for op in operations if only in op.label]
    with fuzz_world(app) as world:
        for operation in operations:
            fuzz_operation(operation, world, examples, tally)
    return report(tally, len(operations), time.monotonic() - started, top)


if __name__ == "__main__":
    main()
