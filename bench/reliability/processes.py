"""The API and web services as uvicorn processes of their own, each in its own process
group, so a scenario can kill one outright and stop all of them however it ends."""

import ctypes
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType

import httpx2

ROOT = Path(__file__).resolve().parents[2]
STARTUP_SECONDS = 60.0
STOP_SECONDS = 10.0
# An admin API token that needs no row in the database (API_BOOTSTRAP_ADMIN_TOKEN); new
# for every run, as the servers are.
ADMIN_TOKEN = secrets.token_urlsafe(32)


def die_with_parent() -> None:
    """Linux: SIGTERM when the scenario itself dies, so no server outlives it."""
    set_parent_death_signal = 1
    ctypes.CDLL(None, use_errno=True).prctl(set_parent_death_signal, signal.SIGTERM)


def stop_cleanly_on_sigterm() -> None:
    """SIGTERM unwinds like Ctrl-C: every `with` stops what it started."""
    def interrupt(signum: int, frame: FrameType | None) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, interrupt)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def service_environment(database_url: str, **extra: str) -> dict[str, str]:
    paths = [str(ROOT / "services" / "api"), str(ROOT / "services" / "web")]
    inherited = os.environ.get("PYTHONPATH")
    return {**os.environ,
            "PYTHONPATH": os.pathsep.join([*paths, *([inherited] if inherited else [])]),
            "API_DATABASE_URL": database_url, "API_BOOTSTRAP_ADMIN_TOKEN": ADMIN_TOKEN,
            # Jobs inside the request: no worker threads or queue file to clean up.
            "API_JOBS_URL": "immediate", **extra}


def migrate_database(database_url: str, folder: Path) -> None:
    """How the scenarios prepare a new database: as an operator would."""
    migrate(service_environment(database_url), folder / "manage.log")


def migrate(environment: dict[str, str], log: Path) -> None:
    """`python -m api.manage migrate`: the schema at head, areas and vocabularies seeded."""
    with log.open("ab") as output:
        done = subprocess.run([sys.executable, "-m", "api.manage", "migrate"], cwd=ROOT,
                              env=environment, stdout=output, stderr=subprocess.STDOUT,
                              check=False, timeout=300)
    if done.returncode != 0:
        tail = "\n".join(log.read_text(errors="replace").splitlines()[-15:])
        raise RuntimeError(f"api.manage migrate failed:\n{tail}")


@dataclass
class Service:
    """One uvicorn server; `kill` and `start` again keep its address."""

    app: str
    port: int
    environment: dict[str, str]
    log: Path
    workers: int = 1
    process: subprocess.Popen[bytes] | None = field(default=None, repr=False)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, ready_path: str) -> None:
        self.launch()
        self.wait_until_ready(ready_path)

    def launch(self) -> None:
        """The process started, not yet answering: services that do not need each other
        to start can import side by side."""
        command = [sys.executable, "-m", "uvicorn", self.app, "--host", "127.0.0.1",
                   "--port", str(self.port), "--no-access-log", "--log-level", "warning"]
        if self.workers > 1:
            command += ["--workers", str(self.workers)]
        with self.log.open("ab") as output:
            # A session of its own: killpg reaches uvicorn's worker processes too.
            self.process = subprocess.Popen(command, cwd=ROOT, env=self.environment,
                                            stdout=output, stderr=subprocess.STDOUT,
                                            start_new_session=True,
                                            preexec_fn=die_with_parent)

    def wait_until_ready(self, ready_path: str) -> None:
        url = self.url + ready_path
        deadline = time.monotonic() + STARTUP_SECONDS
        while time.monotonic() < deadline:
            assert self.process is not None
            if self.process.poll() is not None:
                raise RuntimeError(f"{self.app} exited with {self.process.returncode}; "
                                   f"see {self.log}")
            try:
                if httpx2.get(url, timeout=2).status_code == 200:
                    return
            except httpx2.TransportError:
                pass
            time.sleep(0.1)
        raise TimeoutError(f"{url} did not answer within {STARTUP_SECONDS} s; see {self.log}")

    def kill(self) -> None:
        """SIGKILL to the whole group: a crash, no graceful shutdown."""
        self._signal(signal.SIGKILL)

    def stop(self) -> None:
        self._signal(signal.SIGTERM)

    def _signal(self, signum: int) -> None:
        process, self.process = self.process, None
        if process is None or process.poll() is not None:
            return
        try:
            os.killpg(process.pid, signum)
            process.wait(STOP_SECONDS)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(STOP_SECONDS)
        except ProcessLookupError:
            process.wait(STOP_SECONDS)


Prepare = Callable[[str, Path], None]


@contextmanager
def running(*started: tuple[Service, str],
            meanwhile: Callable[[], None] | None = None) -> Iterator[None]:
    """Each (service, ready path) launched at once, then waited for; all stopped when the
    block ends, however it ends. `meanwhile` runs while they import (seconds each): the
    database is prepared then, as no service touches it before its first request."""
    with ExitStack() as stack:
        for service, _ in started:
            stack.callback(service.stop)
            service.launch()
        if meanwhile is not None:
            meanwhile()
        for service, ready_path in started:
            service.wait_until_ready(ready_path)
        yield


def admin_headers() -> dict[str, str]:
    return {"Authorization": f"Bearer {ADMIN_TOKEN}"}


def percentile(values: list[float], share: float) -> float:
    """Nearest-rank percentile; 0 for no values."""
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered) + 0.5) - 1))]
