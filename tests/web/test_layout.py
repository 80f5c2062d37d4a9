"""The base layout, the static files, the vendored front-end packages and the brand fallback."""

import gzip
import hashlib
import json
import re
from pathlib import Path

import httpx2
import pytest
from fastapi import FastAPI
from starlette.testclient import TestClient

from tests.web.conftest import signed_in
from web.main import create_app
from web.templating import BRAND_ASSETS, STATIC

WEB = STATIC.parent
ROOT = WEB.parents[2]
NAVIGATION = ["/", "/initiatives", "/professionals", "/compare", "/effects", "/success-factors",
              "/ondersteuning", "/areas"]


def _page(api_app: FastAPI, token: str, brand: Path, path: str = "/initiatives") -> str:
    app = create_app(transport=httpx2.ASGITransport(app=api_app), api_url="http://api.test",
                     brand_assets=brand)
    with TestClient(app) as web:
        return signed_in(web, token).get(path).text


def test_the_layout_has_landmarks_a_skip_link_and_the_navigation(web: TestClient) -> None:
    html = web.get("/initiatives").text
    body = html[html.index("<body"):]
    assert re.search(r'<a class="ams-skip-link ams-visually-hidden" href="#main">', body)
    assert body.index("ams-skip-link") < body.index("<header")
    assert '<main id="main"' in body and "<footer" in body
    hrefs = re.findall(r'class="ams-link bk-nav__link" href="([^"]+)"', body)
    # `web` is an administrator: the handelingsbeschrijvingen (personal data), the
    # competences, the codebook and the method books (every role), the records, importing
    # and the API tokens too.
    assert hrefs == [*NAVIGATION, "/handelingsbeschrijvingen", "/competenties", "/codes",
                     "/methodiekboek", "/verslagen", "/import", "/admin/api-tokens"]
    assert 'href="/initiatives" aria-current="page">Initiatieven</a>' in body
    assert 'media="print"' in html
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in html


def test_without_the_brand_files_the_layout_is_neutral(
    api_app: FastAPI, admin_token: str, tmp_path: Path
) -> None:
    html = _page(api_app, admin_token, tmp_path)
    assert "/static/theme.css" in html
    assert "/brand/" not in html and "<img" not in html
    assert '<span class="bk-brand__name">Buurtkracht</span>' in html


def test_with_the_brand_files_the_layout_uses_them(
    api_app: FastAPI, admin_token: str, tmp_path: Path
) -> None:
    for name in ("design-system-tokens/index.css", "design-system-tokens/compact.css",
                 "design-system-assets/font/index.css",
                 "design-system-assets/logo/amsterdam-logo.svg",
                 "design-system-assets/logo/amsterdam-english-logo.svg"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("/* */")
    html = _page(api_app, admin_token, tmp_path)
    for name in ("design-system-tokens/index.css", "design-system-tokens/compact.css",
                 "design-system-assets/font/index.css"):
        assert f"/static/brand/{name}" in html
    assert html.index("theme.css") < html.index("design-system-tokens/index.css")
    assert 'amsterdam-logo.svg' in html and 'alt="Gemeente Amsterdam"' in html
    english = _page(api_app, admin_token, tmp_path, "/initiatives?lang=en")
    assert 'amsterdam-english-logo.svg' in english and 'alt="City of Amsterdam"' in english


@pytest.mark.parametrize("template", sorted((WEB / "templates").rglob("*.html")),
                         ids=lambda path: path.name)
def test_templates_hold_no_inline_script_or_style(template: Path) -> None:
    source = template.read_text()
    assert not re.search(r"<script(?![^>]*\bsrc=)", source), "inline script: CSP forbids it"
    assert not re.search(r"<style|\sstyle=|\son[a-z]+=|hx-on", source), "inline style or handler"
    assert "//cdn" not in source and "https://" not in source, "no CDN: vendor it"


def test_static_files_are_compressed_and_cached(web: TestClient) -> None:
    html = web.get("/initiatives").text
    url = re.search(r'src="(/static/vendor/htmx/htmx\.min\.js\?v=[0-9a-f]+)"', html)
    assert url is not None
    response = web.get(url.group(1), headers={"Accept-Encoding": "gzip"})
    assert response.status_code == 200
    assert response.headers["content-encoding"] == "gzip"
    assert "immutable" in response.headers["cache-control"]
    assert response.content == (STATIC / "vendor/htmx/htmx.min.js").read_bytes()
    css = web.get("/static/vendor/design-system-css/index.css", headers={"Accept-Encoding": "gzip"})
    assert css.headers["content-encoding"] == "gzip"
    assert len(gzip.compress(css.content)) < 40_000  # of about 155 KB


def test_the_vendored_files_are_the_pinned_packages_unchanged() -> None:
    npm = WEB / "npm"
    pins = json.loads((npm / "package.json").read_text())["dependencies"]
    assert pins == {"@amsterdam/design-system-assets": "2.6.0",
                    "@amsterdam/design-system-css": "4.4.0",
                    "@amsterdam/design-system-tokens": "4.3.0",
                    "htmx.org": "2.0.11"}
    locked = json.loads((npm / "package-lock.json").read_text())["packages"]
    for package, version in pins.items():
        entry = locked[f"node_modules/{package}"]
        assert entry["version"] == version and entry["integrity"].startswith("sha512-")
    manifest = json.loads((npm / "vendored.json").read_text())
    assert set(manifest) == {"@amsterdam/design-system-css@4.4.0", "htmx.org@2.0.11"}
    for files in manifest.values():
        for name, digest in files.items():
            assert hashlib.sha256((STATIC / name).read_bytes()).hexdigest() == digest, name
    assert "2.0.11" in (STATIC / "vendor/htmx/htmx.min.js").read_text()


def test_the_citys_proprietary_files_are_never_committed() -> None:
    ignored = (ROOT / ".gitignore").read_text().splitlines()
    assert f"{BRAND_ASSETS.relative_to(ROOT)}/" in ignored
    committed = [path for path in STATIC.rglob("*")
                 if path.is_file() and BRAND_ASSETS not in path.parents]
    assert not [path for path in committed if path.suffix in (".woff", ".woff2")]
    assert not [path for path in committed
                if "proprietary" in path.read_text(errors="ignore").lower()
                and path.name.startswith("LICENSE")]


def _used_components() -> set[str]:
    """Design-system blocks the templates use: ams-table for ams-table__cell."""
    source = " ".join(path.read_text() for path in (WEB / "templates").rglob("*.html"))
    return {re.split(r"__|--", name)[0] for name in re.findall(r"ams-[a-z0-9_-]*[a-z0-9]", source)}


def test_the_neutral_theme_defines_every_token_the_used_components_read() -> None:
    css = (STATIC / "vendor/design-system-css/index.css").read_text()
    theme = (STATIC / "theme.css").read_text()
    defined = set(re.findall(r"(--[a-z0-9-]+)\s*:", theme)) | set(
        re.findall(r"(--[a-z0-9_-]+)\s*:", css))
    blocks = _used_components()
    assert {"ams-table", "ams-button", "ams-pagination"} <= blocks
    read: set[str] = set()
    for selector, declarations in re.findall(r"([^{}]+)\{([^{}]*)\}", css):
        # A rule counts when one of its selectors needs only components the pages use.
        for part in selector.split(","):
            classes = {re.split(r"__|--", name)[0]
                       for name in re.findall(r"\.(ams-[a-z0-9_-]*[a-z0-9])", part)}
            if classes and classes <= blocks:
                read.update(re.findall(r"var\((--ams-[a-z0-9-]+)", declarations))
    missing = sorted(read - defined)
    assert not missing, f"add to static/theme.css: {missing}"
