"""Front-end packages into static/: `make vendor` (all) and `make brand` (the City's files).

    python -m web.vendoring [--brand-only] [--optional]

npm installs the exact versions of npm/package.json from npm/package-lock.json (integrity
checked) into a work folder outside the source tree; the files the pages need are copied:

- static/vendor/: the design system's component CSS (EUPL-1.2) and htmx (0BSD). Committed,
  so a clean clone needs no npm; `make vendor-check` shows they are reproduced byte for
  byte, and npm/vendored.json records their digests for the test suite.
- static/brand/: the City of Amsterdam's design tokens, Amsterdam Sans and logo. Their
  licences make them proprietary: fetched at build time, git-ignored, never committed.

The standard library only: the Docker build runs this before anything else is installed.
"""

import argparse
import hashlib
import json
import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
NPM = HERE / "npm"
STATIC = HERE / "static"
MANIFEST = NPM / "vendored.json"
CSS, TOKENS = "@amsterdam/design-system-css", "@amsterdam/design-system-tokens"
ASSETS, HTMX = "@amsterdam/design-system-assets", "htmx.org"
FONTS = ("Light", "Regular", "Italic", "Bold", "BoldItalic", "ExtraBold", "Black")

# (package, file in the package, destination under static/)
COMMITTED = [
    (CSS, "dist/index.css", "vendor/design-system-css/index.css"),
    (CSS, "dist/index.css.map", "vendor/design-system-css/index.css.map"),
    (CSS, "LICENSE.md", "vendor/design-system-css/LICENSE.md"),
    (HTMX, "dist/htmx.min.js", "vendor/htmx/htmx.min.js"),
    (HTMX, "LICENSE", "vendor/htmx/LICENSE"),
]
BRAND = [
    (TOKENS, "dist/index.css", "brand/design-system-tokens/index.css"),
    (TOKENS, "dist/compact.css", "brand/design-system-tokens/compact.css"),
    (TOKENS, "LICENSE.md", "brand/design-system-tokens/LICENSE.md"),
    (ASSETS, "LICENSE.md", "brand/design-system-assets/LICENSE.md"),
    (ASSETS, "font/index.css", "brand/design-system-assets/font/index.css"),
    (ASSETS, "font/LICENSE.md", "brand/design-system-assets/font/LICENSE.md"),
    *((ASSETS, f"font/AmsterdamSans-{name}.woff2",
       f"brand/design-system-assets/font/AmsterdamSans-{name}.woff2") for name in FONTS),
    (ASSETS, "logo/amsterdam-logo.svg", "brand/design-system-assets/logo/amsterdam-logo.svg"),
    (ASSETS, "logo/amsterdam-english-logo.svg",
     "brand/design-system-assets/logo/amsterdam-english-logo.svg"),
]


class VendoringFailed(Exception):
    pass


def npm_install(work: Path) -> Path:
    """`npm ci` of the pinned packages in `work`; returns its node_modules."""
    npm = shutil.which("npm")
    if npm is None:
        raise VendoringFailed("npm is not installed (Debian: apt-get install npm)")
    work.mkdir(parents=True, exist_ok=True)
    for name in ("package.json", "package-lock.json"):
        shutil.copyfile(NPM / name, work / name)
    # A fixed command; --ignore-scripts: no package runs code of its own while installing.
    command = [npm, "ci", "--ignore-scripts", "--no-audit", "--no-fund", "--loglevel=error"]
    done = subprocess.run(command, cwd=work, check=False, capture_output=True, text=True)  # noqa: S603
    if done.returncode != 0:
        raise VendoringFailed(f"npm ci failed:\n{done.stderr.strip()}")
    return work / "node_modules"


def installed_version(node_modules: Path, package: str) -> str:
    manifest = json.loads((node_modules / package / "package.json").read_text())
    return str(manifest["version"])


def copy_files(node_modules: Path, files: list[tuple[str, str, str]], static: Path) -> None:
    for package, source, destination in files:
        target = static / destination
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(node_modules / package / source, target)


def manifest_of(node_modules: Path, static: Path) -> dict[str, dict[str, str]]:
    """package@version → {file under static/: sha256} for the committed files."""
    found: dict[str, dict[str, str]] = {}
    for package, _source, destination in COMMITTED:
        key = f"{package}@{installed_version(node_modules, package)}"
        digest = hashlib.sha256((static / destination).read_bytes()).hexdigest()
        found.setdefault(key, {})[destination] = digest
    return found


def vendor(work: Path, static: Path, brand_only: bool) -> None:
    node_modules = npm_install(work)
    if not brand_only:
        copy_files(node_modules, COMMITTED, static)
        text = json.dumps(manifest_of(node_modules, static), indent=2, sort_keys=True)
        MANIFEST.write_text(text + "\n")
        print(f"vendored into {static / 'vendor'} (committed; see {MANIFEST.name})")
    shutil.rmtree(static / "brand", ignore_errors=True)
    copy_files(node_modules, BRAND, static)
    print(f"fetched the City of Amsterdam's tokens, fonts and logo into {static / 'brand'} "
          "(proprietary: git-ignored, never commit them)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--brand-only", action="store_true",
                        help="only the City of Amsterdam's proprietary files (static/brand)")
    parser.add_argument("--optional", action="store_true",
                        help="without npm or the registry, say so and succeed: the neutral "
                        "look is used")
    parser.add_argument("--static", type=Path, default=STATIC)
    parser.add_argument("--work", type=Path, default=Path("build") / "npm")
    options = parser.parse_args(argv)
    try:
        vendor(options.work, options.static, options.brand_only)
    except VendoringFailed as error:
        if not options.optional:
            print(f"vendoring: {error}", file=sys.stderr)
            return 1
        print(f"Not fetched: the City of Amsterdam's look ({error}). The web service uses "
              "its neutral look.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
