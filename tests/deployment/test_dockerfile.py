"""The Dockerfile, checked statically: there is no Docker engine on our machines."""

import glob
import json
import re
import shlex

import pytest
from packaging.specifiers import SpecifierSet

from tests.deployment.files import (
    APP_OF,
    GLOBAL_ARGS,
    IMAGE_OF,
    PORT_OF,
    PYPROJECT,
    ROOT,
    STAGE_NAMES,
    STAGES,
    dockerignored,
    env_values,
    image_instructions,
    image_stages,
    module_file,
    substitute,
)


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
