"""Bounded versions of issue 11's reliability scenarios (bench/reliability): real servers
in processes of their own, each test well under 30 s."""

from pathlib import Path

from sqlmodel import Session

from api.areas.seed import seed_areas
from api.db import make_engine
from api.tables import metadata


def prepare_in_process(database_url: str, folder: Path) -> None:
    """The schema and the areas, as tests/conftest.py makes them: seconds faster than
    `api.manage migrate` in a new process, which the full scenarios use."""
    engine = make_engine(database_url, pool_size=1)
    try:
        metadata.create_all(engine)
        with Session(engine) as session:
            seed_areas(session)
    finally:
        engine.dispose()
