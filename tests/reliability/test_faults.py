"""Bounded fault scenarios (bench/reliability/faults.py): PostgreSQL stopped for 2 s under
load on a private cluster, and the API killed for 2 s under the web service."""

import tempfile
from pathlib import Path

import pytest

from bench.reliability.cluster import cannot_run
from bench.reliability.faults import fault_stack, run_kill, run_restart, services
from tests.reliability.conftest import prepare_in_process

OUTAGE_SECONDS = 2.0


def test_a_postgresql_restart_gives_quick_503s_and_loses_no_acknowledged_write() -> None:
    reason = cannot_run()
    if reason is not None:
        pytest.skip(f"no private PostgreSQL cluster here: {reason}")
    with fault_stack(with_web=False, prepare=prepare_in_process) as stack:
        figures = run_restart(stack, clients=4, outage=OUTAGE_SECONDS, after=3.0,
                              warm_up=1.0)

    assert figures.passed, figures.report()
    assert figures.outage.statuses_during[503] > 0
    assert figures.acknowledged > 0
    assert figures.found == figures.acknowledged


def test_the_web_shows_its_503_page_while_the_api_is_killed_and_recovers() -> None:
    with tempfile.TemporaryDirectory() as folder, services(
        f"sqlite:///{folder}/reliability.db", Path(folder), with_web=True,
        prepare=prepare_in_process,
    ) as started:
        figures = run_kill(started, people=2, outage=OUTAGE_SECONDS, after=2.0, warm_up=1.0,
                           pause=0.25)

    assert figures.passed, figures.report()
    assert figures.outage.statuses_during[503] > 0
