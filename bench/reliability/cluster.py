"""A private PostgreSQL 15 cluster in a temporary folder, on a free port, with trust
authentication: a scenario may stop and start it, which the shared server must never be."""

import os
import pwd
import shutil
import signal
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path

from bench.reliability.processes import free_port

BINARIES = Path(os.environ.get("PG_BINARIES", "/usr/lib/postgresql/15/bin"))
# initdb and postgres refuse to run as root: as root the cluster runs as this account.
SERVER_ACCOUNT = "postgres"
SUPERUSER = "postgres"


def cannot_run() -> str | None:
    """Why no private cluster can be started here, or None when one can."""
    for tool in ("initdb", "pg_ctl", "postgres"):
        if not (BINARIES / tool).exists():
            return f"{BINARIES / tool} is missing (install postgresql-15)"
    if os.geteuid() == 0:
        try:
            pwd.getpwnam(SERVER_ACCOUNT)
        except KeyError:
            return f"running as root and there is no '{SERVER_ACCOUNT}' account to run as"
    return None


@dataclass
class PrivateCluster:
    folder: Path
    port: int

    @property
    def data(self) -> Path:
        return self.folder / "data"

    @property
    def url(self) -> str:
        return f"postgresql+psycopg://{SUPERUSER}@127.0.0.1:{self.port}/postgres"

    def _run(self, *arguments: str) -> None:
        command = [str(BINARIES / arguments[0]), *arguments[1:]]
        if os.geteuid() == 0:
            command = ["runuser", "-u", SERVER_ACCOUNT, "--", *command]
        done = subprocess.run(command, capture_output=True, text=True, check=False,
                              timeout=60)
        if done.returncode != 0:
            raise RuntimeError(f"{' '.join(arguments[:1])} failed: {done.stderr or done.stdout}")

    def create(self) -> None:
        self._run("initdb", "-D", str(self.data), "-U", SUPERUSER, "-A", "trust",
                  "-E", "UTF8", "--no-sync", "--locale", "C")

    def start(self) -> None:
        # Its socket in its own folder; only 127.0.0.1. fsync stays on: a fast stop is a
        # clean shutdown, and what was committed must be there afterwards.
        options = (f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 "
                   "-c max_connections=100")
        self._run("pg_ctl", "-D", str(self.data), "-l", str(self.folder / "postgres.log"),
                  "-o", options, "-w", "-t", "30", "start")

    def stop(self) -> None:
        """`pg_ctl stop -m fast`: open sessions are ended, running transactions rolled back."""
        self._run("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "-t", "30", "stop")

    def postmaster(self) -> int | None:
        """The process id of this cluster's running server, or None. A postmaster.pid left
        by a killed run may name a process that is not ours by now: the server is the one
        whose working directory is this cluster's data (the postmaster moves there)."""
        try:
            pid = int((self.data / "postmaster.pid").read_text().split()[0])
            if _alive(pid) and Path(f"/proc/{pid}/cwd").resolve() == self.data.resolve():
                return pid
        except (OSError, ValueError, IndexError):
            pass
        return None

    def is_running(self) -> bool:
        return self.postmaster() is not None


@contextmanager
def private_cluster(start: bool = True) -> Iterator[PrivateCluster]:
    """A new cluster, started (or only its folder and port, for `create` and `start` later);
    stopped and removed when the block ends, however it ends."""
    folder = Path(tempfile.mkdtemp(prefix="buurtkracht-pg-"))
    try:
        with _owned(PrivateCluster(folder, free_port())) as cluster:
            if start:
                cluster.create()
                cluster.start()
            yield cluster
    finally:
        shutil.rmtree(folder, ignore_errors=True)


@contextmanager
def kept_cluster(folder: Path) -> Iterator[PrivateCluster]:
    """A cluster whose data stays in `folder` between runs (made on the first), started on a
    free port for the block and stopped when it ends, however it ends."""
    folder.mkdir(parents=True, exist_ok=True)
    made = folder / "initialised"  # written once initdb has finished, not before
    with _owned(PrivateCluster(folder, free_port())) as cluster:
        if cluster.is_running():  # left running by a run that was killed
            _stop(cluster)
        (cluster.data / "postmaster.pid").unlink(missing_ok=True)  # stale: nothing runs
        if not made.exists():
            shutil.rmtree(cluster.data, ignore_errors=True)  # an initdb cut short
            cluster.create()
            made.touch()
        cluster.start()
        yield cluster


@contextmanager
def _owned(cluster: PrivateCluster) -> Iterator[PrivateCluster]:
    """The cluster's folder given to the server's account; the server stopped at the end,
    killed should the stop itself be interrupted."""
    reason = cannot_run()
    if reason is not None:
        raise RuntimeError(f"no private PostgreSQL cluster: {reason}")
    if os.geteuid() == 0:
        shutil.chown(cluster.folder, SERVER_ACCOUNT)
    try:
        yield cluster
    finally:
        if cluster.is_running():
            try:
                _stop(cluster)
            except BaseException:
                _kill_postmaster(cluster)
                raise


def _stop(cluster: PrivateCluster) -> None:
    try:
        cluster.stop()
    except (RuntimeError, subprocess.TimeoutExpired):
        _kill_postmaster(cluster)


def _kill_postmaster(cluster: PrivateCluster) -> None:
    """SIGKILL to the server and its backends: pg_ctl starts the postmaster in a session of
    its own, so its process group holds them all. Returns once they are gone."""
    pid = cluster.postmaster()
    if pid is None:
        return
    with suppress(ProcessLookupError):
        os.killpg(pid, signal.SIGKILL)
    deadline = time.monotonic() + 10
    while _alive(pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    (cluster.data / "postmaster.pid").unlink(missing_ok=True)


def _alive(pid: int) -> bool:
    """Running: its /proc entry exists and it is no zombie waiting to be reaped."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state != "Z"
