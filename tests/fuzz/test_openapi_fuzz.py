"""Bounded fuzzing of the API against its OpenAPI document (issue 11).

Schemathesis generates requests for every operation from /v1/openapi.json, valid ones and
invalid ones, and sends them in-process to the app as an administrator. Every response must
be no server error (no 5xx), carry a status code the document lists for the operation, and
match the schema documented for that status: problem responses (application/problem+json)
included. A few examples per operation, derandomized: the same cases on every run, so a
failure here reproduces; `make fuzz` (bench/fuzz.py) runs many more.
"""

from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import HealthCheck, settings
from schemathesis import Case
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    response_schema_conformance,
    status_code_conformance,
)

from tests.fuzz.harness import FuzzWorld, fuzz_schema, fuzz_world, new_app

EXAMPLES, SEED = 3, 2026
CHECKS = [not_a_server_error, response_schema_conformance, status_code_conformance]

APP = new_app()
schema = fuzz_schema(APP, EXAMPLES, SEED)


@pytest.fixture(scope="module")
def world() -> Iterator[FuzzWorld]:
    with fuzz_world(APP) as built:
        yield built


@schema.parametrize()
@settings(max_examples=EXAMPLES, derandomize=True, deadline=None, database=None,
          suppress_health_check=list(HealthCheck))
def test_operation_answers_as_documented(case: Case[Any], world: FuzzWorld) -> None:
    case.call_and_validate(headers=world.headers_for(case.operation.label), checks=CHECKS)
