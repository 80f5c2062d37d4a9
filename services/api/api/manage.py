"""Administration commands: `python -m api.manage migrate|demo|setup|revision`."""

import argparse
import sys
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlmodel import Session, select

from api.areas.seed import seed_areas
from api.config import get_settings
from api.db import get_engine
from api.indicators.seed import seed_indicators
from api.initiatives.models import Initiative

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def alembic_config(url: str | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("sqlalchemy.url", url or get_settings().database_url)
    return config


def migrate() -> None:
    """Bring the schema to the newest revision and load the seed data it needs."""
    command.upgrade(alembic_config(), "head")
    with Session(get_engine()) as session:
        areas = seed_areas(session)
        indicators = seed_indicators(session)
    print(f"Database migrated; seeded {areas} areas and {indicators} indicators.")


def demo(initiatives: int, seed: int) -> None:
    from api.demo.generate import generate_demo

    with Session(get_engine()) as session:
        if session.exec(select(Initiative.id).limit(1)).first() is not None:
            print("The database already holds initiatives; demo data left out.")
            return
        summary = generate_demo(session, initiatives=initiatives, seed=seed)
    print(f"Demo data written: {summary}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m api.manage", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("migrate", help="upgrade the schema and seed areas and indicators")
    for name in ("demo", "setup"):
        sub = commands.add_parser(name, help="fill an empty database with demo data"
                                  if name == "demo" else "migrate, then demo data if empty")
        sub.add_argument("--initiatives", type=int, default=700)
        sub.add_argument("--seed", type=int, default=2026)
    revision = commands.add_parser("revision", help="autogenerate a migration from the models")
    revision.add_argument("-m", "--message", required=True)
    args = parser.parse_args(argv)
    if args.command in ("migrate", "setup"):
        migrate()
    if args.command in ("demo", "setup"):
        demo(args.initiatives, args.seed)
    if args.command == "revision":
        command.revision(alembic_config(), message=args.message, autogenerate=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
