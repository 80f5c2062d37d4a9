"""50 clients PATCH one initiative with If-Match at once: one wins per version, the other 49
get 412, and nothing is lost (bench/reliability/concurrency.py, bounded). On SQLite in
`make test`; in the PostgreSQL pass on a private cluster the scenario starts."""

import pytest

from bench.reliability.cluster import cannot_run
from bench.reliability.concurrency import run
from tests.conftest import TEST_DATABASE_URL
from tests.reliability.conftest import prepare_in_process

CLIENTS = 50
ROUNDS = 3


def test_one_write_wins_per_version_and_every_other_gets_412() -> None:
    kind = "postgresql" if TEST_DATABASE_URL else "sqlite"
    if kind == "postgresql" and (reason := cannot_run()) is not None:
        pytest.skip(f"no private PostgreSQL cluster here: {reason}")
    figures = run(kind, ROUNDS, CLIENTS, workers=1, prepare=prepare_in_process)

    assert figures.passed, figures.report()
    assert (figures.rounds, figures.wins) == (ROUNDS, ROUNDS)
    assert figures.refused == ROUNDS * (CLIENTS - 1)
    # The races alone; starting the API (importing it) takes ~5-10 s more on 2 cores.
    assert figures.seconds < 15, figures.report()
