"""The API and web services as real processes on 127.0.0.1, over a fresh SQLite file."""

import ctypes
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path

from tests.e2e.provision import ROOT

DEMO_INITIATIVES = 120
STARTUP_SECONDS = 30.0
STOP_SECONDS = 5.0


@dataclass(frozen=True)
class Servers:
    api: str
    web: str
    logs: Path


class ServerFailed(Exception):
    pass


def free_ports(count: int) -> list[int]:
    """Ports no one listens on now; held together while asked, so they differ."""
    with ExitStack() as held:
        probes = [held.enter_context(socket.socket()) for _ in range(count)]
        for probe in probes:
            probe.bind(("127.0.0.1", 0))
        return [int(probe.getsockname()[1]) for probe in probes]


def _die_with_parent() -> None:
    # Linux: the server gets SIGTERM when pytest itself is killed, so none outlives a run.
    prctl_set_parent_death_signal = 1
    ctypes.CDLL(None, use_errno=True).prctl(prctl_set_parent_death_signal, signal.SIGTERM)


def _environment(database: Path) -> dict[str, str]:
    paths = [str(ROOT / "services" / "api"), str(ROOT / "services" / "web")]
    inherited = os.environ.get("PYTHONPATH")
    return {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([*paths, *([inherited] if inherited else [])]),
        "API_DATABASE_URL": f"sqlite:///{database}",
        # Real job workers, with a queue of this server's own.
        "API_JOBS_URL": "",
        "API_JOBS_FILE": f"{database}.jobs",
    }


def _manage(arguments: list[str], environment: dict[str, str], log: Path) -> None:
    with log.open("a") as output:
        done = subprocess.run([sys.executable, "-m", "api.manage", *arguments], cwd=ROOT,
                              env=environment, stdout=output, stderr=subprocess.STDOUT,
                              check=False, timeout=120)
    if done.returncode != 0:
        raise ServerFailed(f"api.manage {' '.join(arguments)} failed:\n{_tail(log)}")


def _tail(log: Path, lines: int = 30) -> str:
    return "\n".join(log.read_text(errors="replace").splitlines()[-lines:])


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(STOP_SECONDS)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(STOP_SECONDS)


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310 (our own http URL)
            return int(response.status) == 200
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return False


@contextmanager
def _uvicorn(app: str, base: str, environment: dict[str, str],
             log: Path) -> Iterator[subprocess.Popen[bytes]]:
    """`uvicorn app` serving `base` until the block ends, however it ends."""
    with log.open("ab") as output:
        process = subprocess.Popen(
            [sys.executable, "-m", "uvicorn", app, "--host", "127.0.0.1",
             "--port", base.rpartition(":")[2], "--no-access-log"],
            cwd=ROOT, env=environment, stdout=output, stderr=subprocess.STDOUT,
            preexec_fn=_die_with_parent if sys.platform == "linux" else None,
        )
    try:
        yield process
    finally:
        _stop(process)


def _wait_until_answers(process: subprocess.Popen[bytes], url: str, log: Path) -> None:
    deadline = time.monotonic() + STARTUP_SECONDS
    while not _answers(url):
        if process.poll() is not None:
            raise ServerFailed(f"{url}: the server exited with {process.returncode}:\n"
                               f"{_tail(log)}")
        if time.monotonic() > deadline:
            raise ServerFailed(f"{url} did not answer in {STARTUP_SECONDS} s:\n{_tail(log)}")
        time.sleep(0.05)


@contextmanager
def running_servers(folder: Path) -> Iterator[Servers]:
    """A new database in `folder`, migrated and filled; the API and the web beside it."""
    environment = _environment(folder / "buurtkracht.db")
    api, web = (f"http://127.0.0.1:{port}" for port in free_ports(2))
    with ExitStack() as running:
        # The web never touches the database: it starts while the data is written.
        web_process = running.enter_context(_uvicorn(
            "web.main:app", web, {**environment, "WEB_API_URL": api}, folder / "web.log"))
        # `setup` is `migrate`, then `demo` into the empty database, in one process.
        _manage(["setup", "--initiatives", str(DEMO_INITIATIVES)], environment,
                folder / "manage.log")
        api_process = running.enter_context(_uvicorn(
            "api.main:app", api, {**environment, "API_PUBLIC_URL": api}, folder / "api.log"))
        _wait_until_answers(api_process, f"{api}/v1", folder / "api.log")
        _wait_until_answers(web_process, f"{web}/health", folder / "web.log")
        yield Servers(api=api, web=web, logs=folder)
