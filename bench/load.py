"""Load from a second process: wrk against a URL on 127.0.0.1, parsed into numbers."""

import re
import shutil
import subprocess
from dataclasses import dataclass

UNITS = {"us": 1e-3, "ms": 1.0, "s": 1000.0}


@dataclass(frozen=True)
class LoadResult:
    connections: int
    requests_per_second: float
    p50_ms: float
    p99_ms: float
    errors: int

    def row(self, name: str) -> str:
        return (f"{name:<34} {self.connections:>5} {self.requests_per_second:>10.0f} "
                f"{self.p50_ms:>9.2f} {self.p99_ms:>9.2f} {self.errors:>7}")


HEADER = f"{'endpoint':<34} {'conns':>5} {'req/s':>10} {'p50 ms':>9} {'p99 ms':>9} {'errors':>7}"


def ensure_wrk() -> str:
    found = shutil.which("wrk")
    if found:
        return found
    # Debian's wrk is the load generator; as root (CI, the dev machines) it is installed here.
    subprocess.run(["apt-get", "install", "-y", "-qq", "wrk"], check=True,
                   stdout=subprocess.DEVNULL)
    return shutil.which("wrk") or "wrk"


def _millis(text: str) -> float:
    match = re.fullmatch(r"([\d.]+)(us|ms|s)", text)
    if match is None:
        raise ValueError(f"unexpected wrk latency {text!r}")
    return float(match.group(1)) * UNITS[match.group(2)]


def parse_wrk(output: str, connections: int) -> LoadResult:
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))  # type: ignore[union-attr]
    p50 = _millis(re.search(r"\s50%\s+(\S+)", output).group(1))  # type: ignore[union-attr]
    p99 = _millis(re.search(r"\s99%\s+(\S+)", output).group(1))  # type: ignore[union-attr]
    errors = 0
    socket = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)",
                       output)
    if socket:
        errors += sum(int(value) for value in socket.groups())
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    if non_2xx:
        errors += int(non_2xx.group(1))
    return LoadResult(connections, rps, p50, p99, errors)


def run_load(url: str, connections: int, seconds: int, threads: int = 1,
             headers: dict[str, str] | None = None) -> LoadResult:
    """wrk with one thread: the second core is the server's, so the two never fight."""
    command = [ensure_wrk(), f"-t{min(threads, connections)}", f"-c{connections}",
               f"-d{seconds}s", "--latency", "--timeout", "5s"]
    for name, value in (headers or {}).items():
        command += ["-H", f"{name}: {value}"]
    command.append(url)
    output = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    return parse_wrk(output, connections)
