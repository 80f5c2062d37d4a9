"""The deployment files, read once, and the small parsers the deployment tests share."""

import re
import shlex
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
PYPROJECT: dict[str, Any] = tomllib.loads((ROOT / "pyproject.toml").read_text())
DOCKERFILE = (ROOT / "Dockerfile").read_text()
IGNORED = [line.strip() for line in (ROOT / ".dockerignore").read_text().splitlines()
           if line.strip() and not line.startswith("#")]

IMAGE_OF = {"migrate": "api", "api": "api", "web": "web"}  # compose service → SERVICE arg
PORT_OF = {"api": 8000, "web": 8080}
APP_OF = {"api": "api.main:app", "web": "web.main:app"}


# --- the Dockerfile ---------------------------------------------------------------------

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


# --- the build context and the source tree ----------------------------------------------

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
