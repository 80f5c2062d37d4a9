"""The scenarios' private PostgreSQL clusters (bench/reliability/cluster.py): a kept cluster
keeps its data between runs and is stopped after each; a temporary one leaves nothing."""

import shutil
import tempfile
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from bench.reliability.cluster import cannot_run, kept_cluster, private_cluster


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
