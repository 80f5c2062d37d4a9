"""Benchmark: importing 10,000 initiatives from CSV and from XLSX (issue 7: under 10 s).

Run with `make bench-import` (or `python -m bench.imports`). Each run is a fresh process with
a fresh database (SQLite file; PostgreSQL on 127.0.0.1 too when it answers), so its peak
memory (ru_maxrss) is its own. Measured: the whole job as a worker runs it (read, check every
cell, write in one transaction, report), for a new file (10,000 created) and for the same
file again (10,000 unchanged). The baseline, in the same process: only reading the file with
the csv module or calamine (the readers the import uses) — the floor no import goes under.
"""

import argparse
import csv
import io
import json
import resource
import subprocess
import sys
import time
import uuid
from dataclasses import asdict, dataclass

import openpyxl
from python_calamine import CalamineWorkbook
from sqlalchemy import text
from sqlmodel import Session

ROWS = 10_000
PG_ADMIN = "postgresql+psycopg://root@127.0.0.1:5432/test"
HEADER = ["Referentie", "Titel", "Buurt", "Thema's", "Organisatievorm",
          "Initiatiefnemer (soort)", "Participatieniveau", "Status", "Startdatum", "Einddatum",
          "Toegekend bedrag", "Deelnemers"]
BUURTEN = ["FD03", "AA01", "F76a", "K52a", "N60a", "T93a"]


@dataclass(frozen=True)
class Run:
    database: str
    file_format: str
    read_only_seconds: float
    import_seconds: float
    again_seconds: float
    created: int
    unchanged: int
    peak_mib: float


def rows() -> list[list[str]]:
    return [[f"B-{n:05d}", f"Initiatief {n}", BUURTEN[n % len(BUURTEN)], "groen;ontmoeting",
             "bewonersinitiatief", "bewonersgroep", "coproduceren", "afgerond",
             f"{1 + n % 28}-{1 + n % 12}-2010", f"{1 + n % 28}-{1 + n % 12}-2011",
             f"{1000 + n % 500}", str(10 + n % 90)] for n in range(ROWS)]


def csv_bytes() -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow(HEADER)
    writer.writerows(rows())
    return buffer.getvalue().encode("utf-8-sig")


def xlsx_bytes() -> bytes:
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("Initiatieven")
    sheet.append(HEADER)
    for row in rows():
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def read_only(content: bytes, file_format: str) -> float:
    started = time.perf_counter()
    if file_format == "csv":
        list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))
    else:
        book = CalamineWorkbook.from_filelike(io.BytesIO(content))
        book.get_sheet_by_index(0).to_python()
    return time.perf_counter() - started


def _database(kind: str, folder: str) -> str:
    if kind == "sqlite":
        return f"sqlite:///{folder}/bench-import-{uuid.uuid4().hex}.db"
    return PG_ADMIN


def run_once(kind: str, file_format: str, folder: str) -> Run:
    from api.areas.seed import seed_areas
    from api.db import make_engine
    from api.imports.models import ImportJob, ImportStatus
    from api.imports.run import run_import
    from api.tables import metadata

    engine = make_engine(_database(kind, folder))
    if kind == "postgres":
        with engine.begin() as connection:
            connection.execute(text("DROP SCHEMA IF EXISTS bench_import CASCADE"))
            connection.execute(text("CREATE SCHEMA bench_import"))
        engine.dispose()
        engine = make_engine(PG_ADMIN + "?options=-csearch_path%3Dbench_import")
    metadata.create_all(engine)
    with Session(engine) as session:
        seed_areas(session)
    content = csv_bytes() if file_format == "csv" else xlsx_bytes()
    floor = read_only(content, file_format)

    def job() -> tuple[float, dict[str, int]]:
        job_id = uuid.uuid4()
        with Session(engine) as session:
            session.add(ImportJob(id=job_id, resource="initiatives", file_name=f"b.{file_format}",
                                  dry_run=False, status=ImportStatus.QUEUED, content=content,
                                  actor_kind="system", actor_label="bench", actor_role="admin"))
            session.commit()
        started = time.perf_counter()
        run_import(engine, job_id)
        seconds = time.perf_counter() - started
        with Session(engine) as session:
            stored = session.get(ImportJob, job_id)
            assert stored is not None and stored.report["problemCount"] == 0, stored
            return seconds, stored.report

    first, report = job()
    again, repeated = job()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return Run(kind, file_format, floor, first, again, report["created"],
               repeated["unchanged"], peak)


def in_fresh_process(kind: str, file_format: str, folder: str) -> Run:
    answer = subprocess.run([sys.executable, "-m", "bench.imports", "--one", kind, file_format,
                             folder], capture_output=True, text=True, check=True, timeout=900)
    return Run(**json.loads(answer.stdout.strip().splitlines()[-1]))


def postgres_answers() -> bool:
    try:
        import psycopg
        psycopg.connect("host=127.0.0.1 port=5432 dbname=test user=root", connect_timeout=2).close()
        return True
    except Exception:
        return False


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--one", nargs=3, metavar=("DATABASE", "FORMAT", "FOLDER"))
    arguments = parser.parse_args()
    if arguments.one:
        print(json.dumps(asdict(run_once(*arguments.one))))
        return
    import tempfile
    kinds = ["sqlite", *(["postgres"] if postgres_answers() else [])]
    with tempfile.TemporaryDirectory() as folder:
        runs = [in_fresh_process(kind, file_format, folder)
                for kind in kinds for file_format in ("csv", "xlsx")]
    print(f"{'database':<9} {'format':<6} {'read only':>9} {'import':>8} {'ratio':>6} "
          f"{'again':>7} {'peak MiB':>9}")
    for run in runs:
        print(f"{run.database:<9} {run.file_format:<6} {run.read_only_seconds:>8.2f}s "
              f"{run.import_seconds:>7.2f}s {run.import_seconds / run.read_only_seconds:>5.1f}x "
              f"{run.again_seconds:>6.2f}s {run.peak_mib:>9.0f}")
    print(f"  → {ROWS:,} initiatives: slowest import {max(r.import_seconds for r in runs):.2f} s "
          "(target < 10 s); 'ratio' = import ÷ reading the file alone")


if __name__ == "__main__":
    main()
