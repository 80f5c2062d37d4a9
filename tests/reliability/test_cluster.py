"""The scenarios' private PostgreSQL clusters (bench/reliability/cluster.py): a kept cluster
keeps its data between runs and is stopped after each; a temporary one leaves nothing."""

import os
import shutil
import signal
import subprocess
import tempfile
import time
from contextlib import suppress
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from bench.reliability.cluster import (
    SERVER_ACCOUNT,
    cannot_run,
    kept_cluster,
    private_cluster,
)


@pytest.fixture(autouse=True)
def _a_cluster_can_run() -> None:
    if (reason := cannot_run()) is not None:
        pytest.skip(f"no private PostgreSQL cluster here: {reason}")


def _execute(url: str, *statements: str) -> object:
    """The first column of the last statement's first row (None when it returns no rows)."""
    engine = create_engine(url)
    try:
        with engine.begin() as connection:
            for statement in statements:
                result = connection.execute(text(statement))
            return result.scalar() if result.returns_rows else None
    finally:
        engine.dispose()


def test_a_kept_cluster_keeps_its_data_and_is_stopped_after_each_run() -> None:
    # Not pytest's tmp_path: the server's account must be able to reach the folder.
    folder = Path(tempfile.mkdtemp(prefix="buurtkracht-kept-")) / "cluster"
    folder.parent.chmod(0o755)
    try:
        with kept_cluster(folder) as first:
            _execute(first.url, "CREATE TABLE kept (n int)", "INSERT INTO kept VALUES (42)")
        assert not first.is_running()
        with kept_cluster(folder) as second:
            assert second.port != 0
            assert _execute(second.url, "SELECT n FROM kept") == 42
        assert not second.is_running()
        assert (folder / "data" / "PG_VERSION").exists()
    finally:
        shutil.rmtree(folder.parent, ignore_errors=True)


def test_a_private_cluster_is_removed_when_its_block_ends() -> None:
    with private_cluster() as cluster:
        assert _execute(cluster.url, "SELECT 1") == 1
    assert not cluster.folder.exists()


def test_a_stale_pid_file_naming_another_process_is_left_alone() -> None:
    """A killed run's postmaster.pid may name a process that is not ours by now, even one of
    the server's account (the shared server's): pg_ctl stop would send it SIGINT."""
    folder = Path(tempfile.mkdtemp(prefix="buurtkracht-kept-")) / "cluster"
    folder.parent.chmod(0o755)
    as_server = ["runuser", "-u", SERVER_ACCOUNT, "--"] if os.geteuid() == 0 else []
    started = subprocess.Popen([*as_server, "sleep", "60"])
    bystander = _sleeper(started)
    try:
        with kept_cluster(folder) as first:
            pass
        (first.data / "postmaster.pid").write_text(f"{bystander}\n{first.data}\n")
        with kept_cluster(folder) as second:
            assert _execute(second.url, "SELECT 1") == 1
        assert not second.is_running()
        assert started.poll() is None, "the bystander was signalled"
    finally:
        with suppress(ProcessLookupError):
            os.kill(bystander, signal.SIGKILL)
        started.wait()
        shutil.rmtree(folder.parent, ignore_errors=True)


def _sleeper(started: subprocess.Popen[bytes]) -> int:
    """The pid of `sleep` itself (under runuser, the child of the process started)."""
    for _ in range(100):
        children = Path(f"/proc/{started.pid}/task/{started.pid}/children").read_text().split()
        if not children and Path(f"/proc/{started.pid}/comm").read_text().strip() == "sleep":
            return started.pid
        if children:
            return int(children[0])
        time.sleep(0.02)
    raise AssertionError("sleep did not start")


def test_an_initdb_cut_short_is_made_again() -> None:
    folder = Path(tempfile.mkdtemp(prefix="buurtkracht-kept-")) / "cluster"
    folder.parent.chmod(0o755)
    try:
        (folder / "data").mkdir(parents=True)
        (folder / "data" / "PG_VERSION").write_text("15\n")  # written before bootstrap ends
        with kept_cluster(folder) as cluster:
            assert _execute(cluster.url, "SELECT 1") == 1
    finally:
        shutil.rmtree(folder.parent, ignore_errors=True)
