"""Start ASGI apps in their own uvicorn processes on 127.0.0.1 and stop them afterwards."""

import os
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


@contextmanager
def uvicorn_server(app: str, port: int, env: dict[str, str], ready_path: str,
                   headers: dict[str, str] | None = None) -> Iterator[str]:
    """One uvicorn worker serving `app`; yields its base URL once `ready_path` answers."""
    command = [sys.executable, "-m", "uvicorn", app, "--host", "127.0.0.1", "--port", str(port),
               "--no-access-log", "--log-level", "warning"]
    process = subprocess.Popen(command, cwd=ROOT, env={**os.environ, **env})
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_ready(base + ready_path, process, headers or {})
        yield base
    finally:
        process.terminate()
        process.wait(timeout=15)


def wait_until_ready(url: str, process: subprocess.Popen[bytes], headers: dict[str, str],
                     seconds: float = 60, attempt_seconds: float = 2) -> None:
    """Until `url` answers 200; an error when the process exits or the time runs out."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server for {url} exited with {process.returncode}")
        try:
            request = urllib.request.Request(url, headers=headers)  # noqa: S310 (loopback)
            with urllib.request.urlopen(request, timeout=attempt_seconds) as response:  # noqa: S310
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise TimeoutError(f"{url} did not answer within {seconds} s")
