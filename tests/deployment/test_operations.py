"""Operations in docker-compose.yml and the Dockerfile, checked statically: each service
is checked for readiness, restarts by itself, stops gracefully and logs JSON lines."""

import json
import re
from pathlib import Path

import pytest

from bench.soak_servers import IMAGE_ALLOCATOR
from tests.deployment.files import PORT_OF, env_values, image_instructions
from tests.deployment.test_compose import SERVICES

SERVED = ("api", "web")
GRACE_SECONDS_FLAG = "--timeout-graceful-shutdown"


def _seconds(duration: str) -> float:
    """Compose's durations as used here: 10s, 1m30s, 500ms."""
    parts = re.findall(r"(\d+(?:\.\d+)?)(ms|s|m|h)", str(duration))
    assert parts and "".join(a + b for a, b in parts) == str(duration), duration
    unit = {"ms": 0.001, "s": 1, "m": 60, "h": 3600}
    return sum(float(amount) * unit[name] for amount, name in parts)


def _command(service: str) -> list[str]:
    instructions = image_instructions(service)
    (command,) = [rest for keyword, rest in instructions if keyword == "CMD"][-1:]
    found: list[str] = json.loads(command)
    return found


@pytest.mark.parametrize("service", SERVED)
def test_compose_checks_that_each_service_is_ready(service: str) -> None:
    healthcheck = SERVICES[service]["healthcheck"]
    test = healthcheck["test"]
    assert test[:3] == ["CMD", "python", "-c"], "slim images have no curl"
    compile(test[3], "healthcheck", "exec")
    assert f"'http://127.0.0.1:{PORT_OF[service]}/ready'" in test[3]
    asked_for = float(re.search(r"timeout=(\d+(?:\.\d+)?)", test[3]).group(1))  # type: ignore[union-attr]
    assert asked_for < _seconds(healthcheck["timeout"]) <= _seconds(healthcheck["interval"])
    assert 2 <= healthcheck["retries"] <= 10
    assert _seconds(healthcheck["start_period"]) >= 10, "imports and start-up take seconds"


@pytest.mark.parametrize("service", SERVED)
def test_each_service_restarts_by_itself(service: str) -> None:
    assert SERVICES[service]["restart"] == "unless-stopped"


def test_the_web_starts_once_the_api_is_ready() -> None:
    assert SERVICES["web"]["depends_on"]["api"]["condition"] == "service_healthy"


@pytest.mark.parametrize("service", SERVED)
def test_requests_in_flight_may_finish_before_the_container_is_killed(service: str) -> None:
    command = _command(service)
    grace = float(command[command.index(GRACE_SECONDS_FLAG) + 1])
    assert 5 <= grace <= 60
    assert _seconds(SERVICES[service]["stop_grace_period"]) >= grace + 5


def test_a_running_job_may_finish_too() -> None:
    from api.jobs import SHUTDOWN_SECONDS

    command = _command("api")
    grace = float(command[command.index(GRACE_SECONDS_FLAG) + 1])
    assert _seconds(SERVICES["api"]["stop_grace_period"]) >= grace + SHUTDOWN_SECONDS


@pytest.mark.parametrize("service", SERVED)
def test_each_image_logs_json_lines_of_its_own(service: str) -> None:
    assert env_values(image_instructions(service))[f"{service.upper()}_LOG_FORMAT"] == "json"
    assert "--no-access-log" in _command(service), "the app writes the access line"


@pytest.mark.parametrize("service", SERVED)
def test_the_image_checks_liveness_and_compose_readiness(service: str) -> None:
    assert env_values(image_instructions(service))["HEALTH_PATH"] == "/health"


@pytest.mark.parametrize("service", SERVED)
def test_each_image_allocates_as_the_soak_measured_it(service: str) -> None:
    """The soak's memory verdict holds for the allocator it ran with (bench/soak_servers.py):
    the image must preload the same library, installed and linked where it is preloaded."""
    instructions = image_instructions(service)
    environment = env_values(instructions)
    preloaded = environment["LD_PRELOAD"]
    assert Path(preloaded).name == Path(IMAGE_ALLOCATOR["LD_PRELOAD"]).name
    assert environment["PYTHONMALLOC"] == IMAGE_ALLOCATOR["PYTHONMALLOC"]
    runs = " ".join(rest for keyword, rest in instructions if keyword == "RUN")
    assert "libjemalloc2" in runs.split()
    link = re.search(r'ln -s ("[^"]+"|\S+) (\S+)', runs)
    assert link is not None, runs
    assert "libjemalloc" in link.group(1) and link.group(2) == preloaded
    assert f"test -e {preloaded}" in runs, "a broken link must fail the build"
