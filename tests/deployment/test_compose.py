"""docker-compose.yml, checked statically: there is no Docker engine on our machines."""

import re
from typing import Any
from urllib.parse import urlsplit

import pytest
import yaml
from sqlalchemy.engine import make_url

from api.config import Settings as ApiSettings
from api.ops import OpsSettings as ApiOpsSettings
from tests.deployment.files import IMAGE_OF, PORT_OF, PYPROJECT, ROOT, module_file
from web.config import Settings as WebSettings
from web.ops import OpsSettings as WebOpsSettings

COMPOSE: dict[str, Any] = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
SERVICES: dict[str, Any] = COMPOSE["services"]
VARIABLE = re.compile(r"\$\$|\$\{([^}]*)\}|\$(\w+)")


def interpolate(value: str, env: dict[str, str]) -> str:
    """Compose's variable substitution: ${NAME}, ${NAME:-default}, and $$ for a literal $."""
    def replace(match: re.Match[str]) -> str:
        if match.group(0) == "$$":
            return "$"
        if match.group(2):
            return env.get(match.group(2), "")
        expression = re.fullmatch(r"(\w+)(?::?-(.*))?", match.group(1), re.DOTALL)
        assert expression, f"unsupported substitution ${{{match.group(1)}}}"
        return env.get(expression.group(1)) or expression.group(2) or ""

    return VARIABLE.sub(replace, value)


def environment(service: str, env: dict[str, str] | None = None) -> dict[str, str]:
    raw = SERVICES[service].get("environment", {})
    if isinstance(raw, list):
        raw = dict(item.split("=", 1) for item in raw)
    return {name: interpolate(str(value), env or {}) for name, value in raw.items()}


def test_compose_has_exactly_the_database_the_queue_the_migration_the_api_and_the_web() -> None:
    assert set(SERVICES) == {"db", "queue", "migrate", "api", "web"}


def test_only_the_web_service_is_published() -> None:
    published = {name for name, service in SERVICES.items() if service.get("ports")}
    assert published == {"web"}
    (mapping,) = SERVICES["web"]["ports"]
    container_port = interpolate(str(mapping), {}).split(":")[-1].removesuffix("/tcp")
    assert int(container_port) == PORT_OF["web"]
    assert [str(port) for port in SERVICES["api"]["expose"]] == [str(PORT_OF["api"])]


@pytest.mark.parametrize(("service", "image"), IMAGE_OF.items())
def test_every_build_uses_the_dockerfile_with_its_own_service_argument(
    service: str, image: str
) -> None:
    build = SERVICES[service]["build"]
    assert (ROOT / build["context"] / build["dockerfile"]).resolve() == ROOT / "Dockerfile"
    assert build["args"] == {"SERVICE": image}
    assert "image" not in SERVICES[service] or ":latest" not in SERVICES[service]["image"]


def test_the_database_is_a_pinned_postgres_with_a_volume_and_a_healthcheck() -> None:
    db = SERVICES["db"]
    repository, _, tag = db["image"].partition(":")
    assert repository == "postgres"
    assert re.match(r"1[5-9]\b", tag), "pin a PostgreSQL major version"
    assert any(str(volume).endswith(":/var/lib/postgresql/data") for volume in db["volumes"])
    assert "pg_isready" in " ".join(db["healthcheck"]["test"])
    assert "POSTGRES_PASSWORD:-" in str(db["environment"]["POSTGRES_PASSWORD"])


def test_each_service_waits_for_what_it_needs() -> None:
    def conditions(service: str) -> dict[str, str]:
        return {name: spec["condition"] for name, spec in SERVICES[service]["depends_on"].items()}

    assert conditions("migrate") == {"db": "service_healthy"}
    assert conditions("api") == {"db": "service_healthy", "queue": "service_healthy",
                                 "migrate": "service_completed_successfully"}
    assert conditions("web") == {"api": "service_healthy"}
    assert SERVICES["migrate"]["restart"] == "no"


def test_every_service_waited_on_for_health_has_a_healthcheck() -> None:
    for name in ("db", "queue", "api"):
        healthcheck = SERVICES[name]["healthcheck"]
        assert not healthcheck.get("disable"), name
        assert healthcheck["test"][0] in ("CMD", "CMD-SHELL"), name
    api_check = SERVICES["api"]["healthcheck"]["test"]
    assert api_check[1:3] == ["python", "-c"], "slim images have no curl"
    compile(api_check[3], "healthcheck", "exec")
    assert f"127.0.0.1:{PORT_OF['api']}/" in api_check[3]


@pytest.mark.parametrize("env", [{}, {"POSTGRES_PASSWORD": "an0ther-Secret"}])
def test_the_api_and_the_migration_reach_the_database_as_its_own_user(
    env: dict[str, str]
) -> None:
    db = environment("db", env)
    for service in ("migrate", "api"):
        url = make_url(environment(service, env)["API_DATABASE_URL"])
        assert url.drivername == "postgresql+psycopg", service
        assert url.host == "db", service
        assert url.port in (None, 5432), service
        assert url.database == db["POSTGRES_DB"], service
        assert url.username == db["POSTGRES_USER"], service
        assert url.password == db["POSTGRES_PASSWORD"], service
    api_extra = PYPROJECT["project"]["optional-dependencies"]["api"]
    assert any(requirement.startswith("psycopg") for requirement in api_extra)


def test_the_web_reaches_the_api_by_its_service_name_and_port() -> None:
    url = urlsplit(environment("web")["WEB_API_URL"])
    assert url.scheme == "http"
    assert url.hostname == "api"
    assert url.port == PORT_OF["api"]


def test_the_api_believes_the_address_the_web_passes_on() -> None:
    """The login throttle counts failures per person's address, which reaches the API in
    the web's X-Forwarded-For; the API, published nowhere, trusts its callers for it."""
    assert "api" not in {name for name, service in SERVICES.items() if service.get("ports")}
    assert environment("api")["API_TRUSTED_PROXIES"] == "*"
    proxy = {"WEB_FORWARDED_ALLOW_IPS": "10.0.0.5"}
    assert environment("web", proxy)["FORWARDED_ALLOW_IPS"] == "10.0.0.5"  # uvicorn reads it
    assert environment("web")["FORWARDED_ALLOW_IPS"] == "127.0.0.1"


def test_every_setting_compose_passes_is_one_the_service_reads() -> None:
    for service, settings, ops in (("migrate", ApiSettings, ApiOpsSettings),
                                   ("api", ApiSettings, ApiOpsSettings),
                                   ("web", WebSettings, WebOpsSettings)):
        prefix = str(settings.model_config.get("env_prefix", ""))
        assert ops.model_config.get("env_prefix") == prefix
        known = {prefix + name.upper() for name in (*settings.model_fields, *ops.model_fields)}
        passed = {name for name in environment(service) if name.startswith(prefix)}
        assert passed, service
        assert passed <= known, (service, passed - known)


def test_the_migration_migrates_and_then_loads_demo_data_with_real_commands() -> None:
    command = SERVICES["migrate"]["command"]
    text = command if isinstance(command, str) else " ".join(command)
    calls = re.findall(r"python -m ([\w.]+) (\w+)", text)
    assert [sub for _, sub in calls] == ["migrate", "demo"]
    assert "&&" in text.split("demo")[0], "demo data only after a successful migration"
    for module, subcommand in calls:
        assert module == "api.manage"
        assert f'"{subcommand}"' in module_file(module).read_text()


def test_every_api_container_takes_jobs_from_one_redis_queue() -> None:
    """Any API replica picks up an import: the queue is shared, not in a container's files."""
    queue = SERVICES["queue"]
    repository, _, tag = queue["image"].partition(":")
    assert repository == "redis" and re.match(r"\d+", tag), "pin a Redis major version"
    assert "redis-cli" in " ".join(queue["healthcheck"]["test"])
    url = urlsplit(environment("api")["API_JOBS_URL"])
    assert (url.scheme, url.hostname, url.port) == ("redis", "queue", 6379)
    api_extra = PYPROJECT["project"]["optional-dependencies"]["api"]
    assert any(requirement.startswith(("huey", "redis")) for requirement in api_extra)
    assert not queue.get("ports"), "the queue is for the API only"
