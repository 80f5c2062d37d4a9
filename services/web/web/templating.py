"""The Jinja2 environment: templates, translations, filters, and what the layout shows."""

import hashlib
from contextlib import suppress
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

from babel import Locale
from babel.dates import format_date
from babel.numbers import format_decimal
from fastapi import Request
from jinja2 import Environment, FileSystemLoader, StrictUndefined, pass_context
from jinja2.runtime import Context
from starlette.datastructures import MutableHeaders
from starlette.middleware.gzip import GZipMiddleware
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from web.api_client import ApiClient, ApiError, session_token
from web.api_client import accounts as accounts_api
from web.api_client.accounts import Me
from web.i18n import LANGUAGE_NAMES, LANGUAGES, LOCALES, gettext_in, ngettext_in

PACKAGE = Path(__file__).parent
TEMPLATES = PACKAGE / "templates"
STATIC = PACKAGE / "static"
# The City of Amsterdam's design tokens, fonts and logo: proprietary, fetched by
# `make brand` (web/vendoring.py), never committed. Without them the layout uses the
# neutral theme (static/theme.css), the system fonts and a plain wordmark.
BRAND_ASSETS = STATIC / "brand"
BRAND = "Buurtkracht"


@dataclass(frozen=True)
class Branding:
    """Which of the City's proprietary files are present; each is optional on its own."""

    tokens: bool
    fonts: bool
    logo: bool

    @classmethod
    def found_in(cls, directory: Path) -> "Branding":
        tokens = directory / "design-system-tokens"
        assets = directory / "design-system-assets"
        return cls(
            tokens=all((tokens / name).is_file() for name in ("index.css", "compact.css")),
            fonts=(assets / "font" / "index.css").is_file(),
            logo=all((assets / "logo" / name).is_file()
                     for name in ("amsterdam-logo.svg", "amsterdam-english-logo.svg")),
        )


# Parsed once: Babel parses a locale given as text again on every number and date.
BABEL_LOCALES = {lang: Locale.parse(code) for lang, code in LOCALES.items()}


@lru_cache(maxsize=256)
def static_url(path: str) -> str:
    """A static file's URL with a digest of its content: cached for long, never stale."""
    try:
        digest = hashlib.sha256((STATIC / path).read_bytes()).hexdigest()[:10]
    except FileNotFoundError:  # e.g. the brand files, fetched after start-up
        return f"/static/{path}"
    return f"/static/{path}?v={digest}"


@pass_context
def _gettext(context: Context, message: str) -> str:
    return gettext_in(context["lang"], message)


@pass_context
def _ngettext(context: Context, singular: str, plural: str, count: int) -> str:
    return ngettext_in(context["lang"], singular, plural, count)


@pass_context
def _number(context: Context, value: float | None) -> str:
    return "" if value is None else format_decimal(value, locale=BABEL_LOCALES[context["lang"]])


@pass_context
def _date(context: Context, value: date | None) -> str:
    return "" if value is None else format_date(value, "medium",
                                                locale=BABEL_LOCALES[context["lang"]])


def make_environment(branding: Branding) -> Environment:
    environment = Environment(
        loader=FileSystemLoader(TEMPLATES), autoescape=True, undefined=StrictUndefined,
        extensions=["jinja2.ext.i18n"], trim_blocks=True, lstrip_blocks=True,
        auto_reload=False,
    )
    environment.install_gettext_callables(  # type: ignore[attr-defined]
        _gettext, _ngettext, newstyle=True)
    environment.filters.update(number=_number, date=_date)
    environment.globals.update(brand=BRAND, branding=branding, static=static_url,
                               languages=LANGUAGES, language_names=LANGUAGE_NAMES)
    return environment


def api_of(request: Request) -> ApiClient:
    client: ApiClient = request.app.state.api
    return client


async def layout_context(request: Request, reach_api: bool) -> dict[str, Any]:
    """What the layout shows besides the page: the data attribution, from the API's
    landing resource, and who is signed in (also on pages that do not require it, such as
    a 404). An error page about the API itself does not wait for either."""
    api = api_of(request)
    landing = api.landing_if_known()
    me: Me | None = getattr(request.state, "me", None)
    if reach_api:
        with suppress(ApiError):  # the page is worth more than its footer
            landing = await api.landing()
        if me is None and session_token.get() is not None:
            with suppress(ApiError):  # an expired session: the header shows no name
                me = await accounts_api.me(api)
    return {"attribution": landing.attribution if landing else None, "me": me}


class _Cached:
    """Cache headers for static files: a URL with a content digest never changes."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        versioned = b"v=" in scope.get("query_string", b"")

        async def send_cached(message: Message) -> None:
            if message["type"] == "http.response.start" and message["status"] == 200:
                MutableHeaders(scope=message)["Cache-Control"] = (
                    "public, max-age=31536000, immutable" if versioned else "public, max-age=300")
            await send(message)

        await self.app(scope, receive, send_cached)


def static_files() -> ASGIApp:
    """/static: compressed (the design system's CSS shrinks to a sixth) and cached."""
    return _Cached(GZipMiddleware(StaticFiles(directory=STATIC), minimum_size=1024))
