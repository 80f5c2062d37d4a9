"""What the browser tests need outside Python: Debian's Chromium (and poppler's pdftoppm),
and the axe-core script."""

import fcntl
import json
import os
import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
WORK = ROOT / "var" / "e2e"  # git-ignored (var/)
CHROMIUM = Path("/usr/bin/chromium")
PDFTOPPM = Path("/usr/bin/pdftoppm")
AXE_VERSION = "4.14.1"
AXE_PACKAGE = WORK / "node_modules" / "axe-core"
# The machine reaches no internet: the browser's own background traffic is switched off, and
# every host name but the loopback address fails to resolve, so a page that links a CDN
# fails here at once instead of waiting for a network that is not there.
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
]


@contextmanager
def exclusive() -> Iterator[None]:
    """One xdist worker at a time installs (apt and npm each hold their own locks badly)."""
    WORK.mkdir(parents=True, exist_ok=True)
    with (WORK / "install.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def _run(command: list[str], timeout: float) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    return subprocess.run(command, check=False, capture_output=True, text=True,
                          timeout=timeout, env=environment)


def debian_tool(path: Path, package: str) -> Path:
    """A program from a Debian package; installed with apt when running as root (as CI
    does), else a skip."""
    if path.exists():
        return path
    if os.geteuid() != 0:
        pytest.skip(f"browser tests need {path} from Debian's {package}: "
                    f"sudo apt-get install {package}")
    # Waits for another apt or dpkg run to finish instead of failing at once.
    install = ["apt-get", "-o", "DPkg::Lock::Timeout=300", "install", "-y", "-q", package]
    with exclusive():
        if not path.exists():
            done = _run(install, timeout=900)
            if done.returncode != 0:  # an empty or stale package list: refresh it once
                _run(["apt-get", "update", "-q"], timeout=300)
                done = _run(install, timeout=900)
            if done.returncode != 0:
                pytest.fail(f"apt-get install {package} failed:\n{done.stderr[-2000:]}")
    return path


def chromium() -> Path:
    return debian_tool(CHROMIUM, "chromium")


def pdftoppm() -> Path:
    """Poppler's PDF-to-PNG renderer, for the method book's pages."""
    return debian_tool(PDFTOPPM, "poppler-utils")


def _installed_axe_version() -> str | None:
    manifest = AXE_PACKAGE / "package.json"
    if not manifest.exists():
        return None
    return str(json.loads(manifest.read_text())["version"])


def axe_script() -> str:
    """axe.min.js of the pinned axe-core, installed with npm into var/e2e the first time."""
    with exclusive():
        if _installed_axe_version() != AXE_VERSION:
            npm = shutil.which("npm")
            if npm is None:
                pytest.skip("browser tests need npm for the axe-core package: "
                            "sudo apt-get install npm")
            done = _run([npm, "install", "--no-save", "--prefix", str(WORK), "--ignore-scripts",
                         "--no-audit", "--no-fund", "--loglevel=error",
                         f"axe-core@{AXE_VERSION}"], timeout=300)
            if done.returncode != 0 or _installed_axe_version() != AXE_VERSION:
                pytest.fail(f"npm install axe-core@{AXE_VERSION} failed:\n{done.stderr[-2000:]}")
    return (AXE_PACKAGE / "axe.min.js").read_text()
