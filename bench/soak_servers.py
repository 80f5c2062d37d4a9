"""The soak's servers: the API and the web service in their own uvicorn processes, with their
process ids, and a sampler of each one's resident memory (RSS) every few seconds."""

import asyncio
import math
import os
import signal
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path

from bench.servers import ROOT, wait_until_ready

API_PORT, WEB_PORT = 8121, 8124
WINDOW_SECONDS = 60.0
# As in the image (Dockerfile): jemalloc for every allocation, Python's small objects
# included, so that memory a large request freed goes back to the system (jemalloc's decay)
# instead of staying with the process as its high-water mark.
JEMALLOC = next(iter(sorted(Path("/usr/lib").glob("*-linux-gnu/libjemalloc.so.2"))),
                Path("/usr/lib/libjemalloc.so.2"))  # Debian's libjemalloc2, any architecture
IMAGE_ALLOCATOR = {"LD_PRELOAD": str(JEMALLOC), "PYTHONMALLOC": "malloc"}


@dataclass(frozen=True)
class Server:
    name: str
    base: str
    pid: int


@dataclass
class MemoryLog:
    """(seconds since the start, RSS in MiB) per server name."""

    samples: dict[str, list[tuple[float, float]]] = field(default_factory=dict)

    def growth_after(self, name: str, warm_up: float) -> tuple[float, float, float]:
        """(RSS in the minute after the warm-up, RSS in the last minute, growth in %) of one
        server. Each is the median of its minute's samples: one sample catches whatever the
        requests in flight hold at that moment, a minute's median what the process keeps."""
        samples = self.samples[name]
        end = samples[-1][0]
        # A run too short for two minutes after its warm-up compares thirds of what is left,
        # so that the two windows never overlap (and never say 0 % by comparing one thing).
        window = min(WINDOW_SECONDS, (end - warm_up) / 3)
        first = _median_between(samples, warm_up, warm_up + window)
        last = _median_between(samples, end - window, end + 1)
        return first, last, (last - first) / first * 100

    def per_minute(self, name: str) -> list[float]:
        """The median RSS of each minute: whether memory levels off or keeps climbing."""
        samples = self.samples[name]
        minutes = max(1, round(samples[-1][0] / 60))  # the last sample comes at about the end
        return [_median_between(samples, minute * 60, (minute + 1) * 60)
                for minute in range(minutes)]


def _median_between(samples: list[tuple[float, float]], start: float, stop: float) -> float:
    """The median RSS sampled in [start, stop); NaN when none was (a verdict on NaN fails)."""
    inside = [rss for at, rss in samples if start <= at < stop]
    return statistics.median(inside) if inside else math.nan


def rss_mib(pid: int) -> float:
    """VmRSS from /proc (no psutil needed): the resident memory of one process."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"no VmRSS for process {pid}")


async def sample_memory(servers: list[Server], log: MemoryLog, every: float,
                        stop: asyncio.Event) -> None:
    started = time.monotonic()
    while not stop.is_set():
        for server in servers:
            log.samples.setdefault(server.name, []).append(
                (time.monotonic() - started, rss_mib(server.pid)))
        with suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), every)


@contextmanager
def _uvicorn(name: str, app: str, port: int, env: dict[str, str], ready: str,
             headers: dict[str, str], allocator: dict[str, str]) -> Iterator[Server]:
    command = [sys.executable, "-m", "uvicorn", app, "--host", "127.0.0.1", "--port", str(port),
               "--no-access-log", "--log-level", "warning"]
    process = subprocess.Popen(command, cwd=ROOT, env={**os.environ, **allocator, **env})
    base = f"http://127.0.0.1:{port}"
    try:
        # Under the soak's load a start-up check may take longer: more time, longer tries.
        wait_until_ready(base + ready, process, headers, seconds=90, attempt_seconds=5)
        yield Server(name, base, process.pid)
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@contextmanager
def api_and_web(database_url: str, token: str,
                system_allocator: bool = False) -> Iterator[list[Server]]:
    """Both servers, the web service calling this API; both stopped on the way out. They
    allocate as in the image, or with the system's allocator (glibc, pymalloc)."""
    if not system_allocator and not JEMALLOC.exists():
        raise SystemExit(f"{JEMALLOC} is missing: install libjemalloc2 (as the image does) "
                         "or run with --system-allocator")
    allocator = {} if system_allocator else IMAGE_ALLOCATOR
    signed = {"Authorization": f"Bearer {token}"}
    cookie = {"Cookie": f"bk_session={token}"}
    api_env = {"API_DATABASE_URL": database_url,
               "API_PUBLIC_URL": f"http://127.0.0.1:{API_PORT}"}
    with ExitStack() as stack:
        api = stack.enter_context(_uvicorn("api", "api.main:app", API_PORT, api_env,
                                           "/v1/initiatives?pageSize=1", signed, allocator))
        web = stack.enter_context(_uvicorn("web", "web.main:app", WEB_PORT,
                                           {"WEB_API_URL": api.base}, "/initiatives", cookie,
                                           allocator))
        yield [api, web]
