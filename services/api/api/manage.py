"""Administration commands: `python -m api.manage migrate|demo|setup|create-account|
purge-audit|revision`."""

import argparse
import os
import sys
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlmodel import Session, select

from api.areas.seed import seed_areas
from api.audit.service import purge_older_than
from api.auth import bootstrap
from api.auth.models import Role
from api.competences.seed import seed_frameworks
from api.config import get_settings
from api.db import get_engine
from api.indicators.seed import seed_indicators
from api.initiatives.models import Initiative
from api.qualitative.code_seed import seed_codes

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def alembic_config(url: str | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    # Alembic's config reads "%" as interpolation: a URL may hold one (search_path=…%3D…).
    config.set_main_option("sqlalchemy.url",
                           (url or get_settings().database_url).replace("%", "%%"))
    return config


def migrate() -> None:
    """Bring the schema to the newest revision and load the seed data it needs."""
    command.upgrade(alembic_config(), "head")
    with Session(get_engine()) as session:
        areas = seed_areas(session)
        indicators = seed_indicators(session)
        frameworks = seed_frameworks(session)
        codes = seed_codes(session)
    print(f"Database migrated; seeded {areas} areas, {indicators} indicators, {frameworks} "
          f"competency frameworks and {codes} codes.")


def first_admin() -> None:
    with Session(get_engine()) as session:
        password = bootstrap.ensure_first_admin(session)
    if password is not None:
        # Printed once, here, and stored nowhere but as its Argon2 hash.
        print(f"Administrator '{bootstrap.FIRST_ADMIN}' created with password: {password}\n"
              "Write it down now: it is not shown again. Change it after signing in.")


def demo_accounts() -> None:
    with Session(get_engine()) as session:
        made = bootstrap.ensure_demo_accounts(session)
    if made:
        print(f"Demo accounts {', '.join(made)} created with password "
              f"'{bootstrap.DEMO_PASSWORD}' (demo data only; see README).")


def create_account(args: argparse.Namespace) -> None:
    """The password comes from BUURTKRACHT_PASSWORD: never from the command line, which
    other users of the machine can read."""
    password = os.environ.get("BUURTKRACHT_PASSWORD", "")
    if len(password) < 12:
        raise SystemExit("Set BUURTKRACHT_PASSWORD to a password of at least 12 characters.")
    stadsdelen = [code for code in args.stadsdelen.split(",") if code]
    with Session(get_engine()) as session:
        bootstrap.create_account(session, args.username, args.name or args.username,
                                 Role(args.role), stadsdelen, password)
    print(f"Account '{args.username}' ({args.role}) created.")


def purge_audit() -> None:
    days = get_settings().audit_retention_days
    if days is None:
        print("API_AUDIT_RETENTION_DAYS is not set: every audit event is kept.")
        return
    with Session(get_engine()) as session:
        print(f"Purged {purge_older_than(session, days)} audit events older than {days} days.")


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
    commands.add_parser("migrate", help="upgrade the schema and seed areas, indicators and "
                        "competency frameworks")
    for name in ("demo", "setup"):
        sub = commands.add_parser(name, help="fill an empty database with demo data"
                                  if name == "demo" else "migrate, then demo data if empty")
        sub.add_argument("--initiatives", type=int, default=700)
        sub.add_argument("--seed", type=int, default=2026)
    account = commands.add_parser("create-account", help="an account with a password "
                                  "(read from BUURTKRACHT_PASSWORD)")
    account.add_argument("--username", required=True)
    account.add_argument("--name")
    account.add_argument("--role", required=True, choices=[role.value for role in Role])
    account.add_argument("--stadsdelen", default="", help="codes for an editor, e.g. F,A")
    commands.add_parser("purge-audit", help="delete audit events past API_AUDIT_RETENTION_DAYS")
    revision = commands.add_parser("revision", help="autogenerate a migration from the models")
    revision.add_argument("-m", "--message", required=True)
    args = parser.parse_args(argv)
    if args.command in ("migrate", "setup"):
        migrate()
        first_admin()
    if args.command in ("demo", "setup"):
        demo(args.initiatives, args.seed)
        demo_accounts()
    if args.command == "create-account":
        create_account(args)
    if args.command == "purge-audit":
        purge_audit()
    if args.command == "revision":
        command.revision(alembic_config(), message=args.message, autogenerate=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
