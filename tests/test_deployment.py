"""The container deployment, checked statically: there is no Docker engine on our machines."""

import fnmatch
import glob
import json
import re
import shlex
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
import yaml
from packaging.specifiers import SpecifierSet
from sqlalchemy.engine import make_url

from api.config import Settings as ApiSettings
from web.config import Settings as WebSettings

ROOT = Path(__file__).resolve().parents[1]
PYPROJECT: dict[str, Any] = tomllib.loads((ROOT / "pyproject.toml").read_text())
COMPOSE: dict[str, Any] = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
SERVICES: dict[str, Any] = COMPOSE["services"]
DOCKERFILE = (ROOT / "Dockerfile").read_text()
IGNORED = [line.strip() for line in (ROOT / ".dockerignore").read_text().splitlines()
           if line.strip() and not line.startswith("#")]

IMAGE_OF = {"migrate": "api", "api": "api", "web": "web"}  # compose service → SERVICE arg
PORT_OF = {"api": 8000, "web": 8080}
APP_OF = {"api": "api.main:app", "web": "web.main:app"}
VARIABLE = re.compile(r"\$\$|\$\{([^}]*)\}|\$(\w+)")


# --- reading the files ------------------------------------------------------------------

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


@dataclass
class Stage:
    base: str
    name: str | None
    instructions: list[tuple[str, str]] = field(default_factory=list)


def _logical_lines(text: str) -> list[str]:
    """Join continuation lines and drop comments, as the Dockerfile parser does."""
    lines: list[str] = []
    current = ""
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.endswith("\\"):
            current += line[:-1] + " "
            continue
        lines.append(current + line)
        current = ""
    return lines


def _parse_dockerfile(text: str) -> tuple[dict[str, str], list[Stage]]:
    global_args: dict[str, str] = {}
    stages: list[Stage] = []
    for line in _logical_lines(text):
        keyword, _, rest = line.partition(" ")
        keyword, rest = keyword.upper(), rest.strip()
        if keyword == "FROM":
            words = [word for word in rest.split() if not word.startswith("--")]
            name = words[2] if len(words) == 3 and words[1].upper() == "AS" else None
            stages.append(Stage(words[0], name))
        elif not stages:
            assert keyword == "ARG", f"only ARG may come before the first FROM, not {keyword}"
            name, _, default = rest.partition("=")
            global_args[name.strip()] = default.strip()
        else:
            stages[-1].instructions.append((keyword, rest))
    return global_args, stages


GLOBAL_ARGS, STAGES = _parse_dockerfile(DOCKERFILE)
STAGE_NAMES = {stage.name for stage in STAGES if stage.name}


def substitute(text: str, args: dict[str, str]) -> str:
    return re.sub(r"\$\{(\w+)\}|\$(\w+)", lambda m: args[m.group(1) or m.group(2)], text)


def image_stages(service: str) -> list[Stage]:
    """The stages the image for SERVICE=service is made of, base first."""
    args = {**GLOBAL_ARGS, "SERVICE": service}
    by_name = {stage.name: stage for stage in STAGES if stage.name}
    chain = [STAGES[-1]]
    while (base := substitute(chain[0].base, args)) in by_name:
        chain.insert(0, by_name[base])
    return chain


def image_instructions(service: str) -> list[tuple[str, str]]:
    return [item for stage in image_stages(service) for item in stage.instructions]


def env_values(instructions: list[tuple[str, str]]) -> dict[str, str]:
    values: dict[str, str] = {}
    for keyword, rest in instructions:
        if keyword == "ENV":
            for word in shlex.split(rest):
                name, _, value = word.partition("=")
                values[name] = value
    return values


def dockerignored(relative: str) -> bool:
    """Whether .dockerignore keeps a path out of the build context (last match wins)."""
    parts = relative.split("/")
    ignored = False
    for raw in IGNORED:
        pattern = _ignore_regex(raw.removeprefix("!").strip("/"))
        if any(pattern.fullmatch("/".join(parts[:end])) for end in range(1, len(parts) + 1)):
            ignored = not raw.startswith("!")
    return ignored


def _ignore_regex(pattern: str) -> re.Pattern[str]:
    regex = ""
    index = 0
    while index < len(pattern):
        if pattern.startswith("**/", index):
            regex, index = regex + "(?:.*/)?", index + 3
        elif pattern.startswith("**", index):
            regex, index = regex + ".*", index + 2
        elif pattern[index] in "*?":
            regex, index = regex + ("[^/]*" if pattern[index] == "*" else "[^/]"), index + 1
        elif pattern[index] == "[":
            end = pattern.index("]", index)
            regex, index = regex + pattern[index:end + 1], end + 1
        else:
            regex, index = regex + re.escape(pattern[index]), index + 1
    return re.compile(regex)


def module_file(module: str) -> Path:
    """The source file `python -m module` or `uvicorn module:app` would load."""
    for where in PYPROJECT["tool"]["setuptools"]["packages"]["find"]["where"]:
        base = ROOT / str(where) / Path(*module.split("."))
        for candidate in (base.with_suffix(".py"), base / "__main__.py"):
            if candidate.is_file():
                return candidate
    raise AssertionError(f"module {module} not found in the repository")


# --- docker-compose.yml -----------------------------------------------------------------

def test_compose_has_exactly_the_database_the_migration_the_api_and_the_web() -> None:
    assert set(SERVICES) == {"db", "migrate", "api", "web"}


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
    assert conditions("api") == {"db": "service_healthy",
                                 "migrate": "service_completed_successfully"}
    assert conditions("web") == {"api": "service_healthy"}
    assert SERVICES["migrate"]["restart"] == "no"


def test_every_service_waited_on_for_health_has_a_healthcheck() -> None:
    for name in ("db", "api"):
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


def test_every_setting_compose_passes_is_one_the_service_reads() -> None:
    for service, settings in (("migrate", ApiSettings), ("api", ApiSettings),
                              ("web", WebSettings)):
        prefix = str(settings.model_config.get("env_prefix", ""))
        known = {prefix + name.upper() for name in settings.model_fields}
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


# --- Dockerfile ---------------------------------------------------------------------------

def test_service_is_a_build_argument_of_the_dockerfile() -> None:
    assert "SERVICE" in GLOBAL_ARGS
    for service in ("api", "web"):
        assert substitute(STAGES[-1].base, {"SERVICE": service}) in STAGE_NAMES


def test_every_base_image_is_a_slim_python_with_a_pinned_tag() -> None:
    requires = SpecifierSet(PYPROJECT["project"]["requires-python"])
    for stage in STAGES:
        if stage.base in STAGE_NAMES or "$" in stage.base:
            continue
        repository, _, tag = stage.base.partition(":")
        assert repository == "python", stage.base
        assert "slim" in tag, stage.base
        assert tag and "latest" not in tag, stage.base
        version = re.match(r"\d+\.\d+", tag)
        assert version and requires.contains(version.group(0) + ".0"), stage.base


def test_the_image_installs_the_project_with_the_service_extra() -> None:
    installs = [(stage, rest) for stage in STAGES for keyword, rest in stage.instructions
                if keyword == "RUN" and re.search(r"pip install [^&]*\.\[\$\{?SERVICE\}?\]", rest)]
    assert len(installs) == 1
    stage, command = installs[0]
    assert "--no-cache-dir" in command
    assert ("ARG", "SERVICE") in stage.instructions
    assert set(IMAGE_OF.values()) <= set(PYPROJECT["project"]["optional-dependencies"])
    for service in ("api", "web"):
        chain = image_stages(service)
        copies = [rest for s in chain for keyword, rest in s.instructions if keyword == "COPY"]
        assert stage in chain or any(f"--from={stage.name}" in copy for copy in copies)


@pytest.mark.parametrize("service", ["api", "web"])
def test_each_image_runs_its_app_as_a_non_root_user(service: str) -> None:
    instructions = image_instructions(service)
    keywords = [keyword for keyword, _ in instructions]
    start = max(i for i, keyword in enumerate(keywords) if keyword in ("CMD", "ENTRYPOINT"))
    users = [rest for keyword, rest in instructions[:start] if keyword == "USER"]
    assert users, "no USER before CMD"
    assert "USER" not in keywords[start:]
    assert re.fullmatch(r"[1-9]\d*(:\d+)?", users[-1]), "a numeric, non-root uid"
    command = json.loads(instructions[start][1])
    assert command[:2] == ["uvicorn", APP_OF[service]]
    assert command[command.index("--host") + 1] == "0.0.0.0"  # noqa: S104  (in a container)
    assert command[command.index("--port") + 1] == str(PORT_OF[service])


@pytest.mark.parametrize("service", ["api", "web"])
def test_each_image_exposes_its_port_and_checks_its_health_with_python(service: str) -> None:
    instructions = image_instructions(service)
    exposed = [rest for keyword, rest in instructions if keyword == "EXPOSE"]
    assert exposed == [str(PORT_OF[service])]
    (healthcheck,) = [rest for keyword, rest in instructions if keyword == "HEALTHCHECK"]
    command = json.loads(healthcheck.partition(" CMD ")[2])
    assert command[:2] == ["python", "-c"], "slim images have no curl"
    compile(command[2], "HEALTHCHECK", "exec")
    env = env_values(instructions)
    assert env["PYTHONDONTWRITEBYTECODE"] == "1"
    assert env["PYTHONUNBUFFERED"] == "1"
    assert env.get("PORT", str(PORT_OF[service])) == str(PORT_OF[service])


@pytest.mark.parametrize("app", APP_OF.values())
def test_the_apps_the_images_start_exist(app: str) -> None:
    module, _, attribute = app.partition(":")
    assert re.search(rf"^{attribute}\s*[:=]", module_file(module).read_text(), re.MULTILINE)


def test_every_copy_source_exists_and_is_in_the_build_context() -> None:
    copies = [rest for stage in STAGES for keyword, rest in stage.instructions
              if keyword in ("COPY", "ADD")]
    sources = [word for rest in copies if "--from=" not in rest
               for word in shlex.split(rest)[:-1] if not word.startswith("--")]
    assert sources
    for source in sources:
        assert glob.glob(str(ROOT / source)), f"COPY {source}: not in the repository"
        assert not dockerignored(source.removeprefix("./")), f"COPY {source}: in .dockerignore"


# --- what goes into the image -------------------------------------------------------------

def test_the_build_context_leaves_out_local_state_and_caches() -> None:
    for path in (".git/HEAD", ".venv/bin/python", "var/buurtkracht.db", ".env",
                 "services/api/api/__pycache__/main.cpython-311.pyc", ".pytest_cache/x",
                 "tests/conftest.py"):
        assert dockerignored(path), path
    assert not dockerignored("services/web/web/templates/base.html")


def _find_packages(where: Path, find: dict[str, Any]) -> list[str]:
    """setuptools' package discovery for [tool.setuptools.packages.find] (namespaces on)."""
    found: list[str] = []
    for directory in sorted(path for path in where.rglob("*") if path.is_dir()):
        parts = directory.relative_to(where).parts
        if not all(part.isidentifier() for part in parts):
            continue
        if not find.get("namespaces", True) and not all(
            (where.joinpath(*parts[:end]) / "__init__.py").is_file()
            for end in range(1, len(parts) + 1)
        ):
            continue
        name = ".".join(parts)
        if any(fnmatch.fnmatchcase(name, pattern) for pattern in find.get("include", ["*"])) \
                and not any(fnmatch.fnmatchcase(name, p) for p in find.get("exclude", [])):
            found.append(name)
    return found


def _packaged_files(where: Path, config: dict[str, Any]) -> set[Path]:
    """The files a non-editable `pip install .` copies, as setuptools selects them."""
    package_data: dict[str, list[str]] = config.get("package-data", {})
    files: set[Path] = set()
    for package in _find_packages(where, config["packages"]["find"]):
        directory = where.joinpath(*package.split("."))
        files.update(directory.glob("*.py"))
        for pattern in package_data.get("*", []) + package_data.get(package, []):
            files.update(Path(found) for found in glob.glob(str(directory / pattern),
                                                            recursive=True))
    return {path for path in files if path.is_file()}


def test_the_installed_packages_carry_every_file_of_the_source_packages() -> None:
    config = PYPROJECT["tool"]["setuptools"]
    for where in config["packages"]["find"]["where"]:
        source = ROOT / str(where)
        packaged = _packaged_files(source, config)
        present = {path for path in source.rglob("*") if path.is_file()
                   and "__pycache__" not in path.parts and path.suffix != ".pyc"
                   and not any(part.endswith(".egg-info") for part in path.parts)}
        missing = sorted(str(path.relative_to(ROOT)) for path in present - packaged)
        assert not missing, f"not installed by `pip install .` (see package-data): {missing}"
        ignored = sorted(str(p.relative_to(ROOT)) for p in present
                         if dockerignored(str(p.relative_to(ROOT))))
        assert not ignored, f"left out of the build context by .dockerignore: {ignored}"
