"""Languages: Dutch first, English on request; Babel catalogues and the language switch.

The catalogues are the .po files under translations/, compiled in memory when the app
starts: nothing derived is committed, nothing is written next to the code (the image's
code is read-only), and a clean clone works without a build step. Message ids are the
Dutch texts, so the Dutch catalogue may leave every msgstr empty.
"""

import gettext
from functools import lru_cache
from io import BytesIO
from pathlib import Path
from typing import Annotated
from urllib.parse import urlsplit

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from fastapi import APIRouter, Form, Request, Response
from fastapi.responses import RedirectResponse

LANGUAGES = ("nl", "en")
DEFAULT_LANGUAGE = "nl"
# Endonyms: a language is offered in its own words, so they are data, not translations.
LANGUAGE_NAMES = {"nl": "Nederlands", "en": "English"}
LOCALES = {"nl": "nl_NL", "en": "en_GB"}
COOKIE = "lang"
COOKIE_SECONDS = 365 * 24 * 3600
TRANSLATIONS = Path(__file__).parent / "translations"
DOMAIN = "messages"

router = APIRouter()


def catalogue_path(lang: str) -> Path:
    return TRANSLATIONS / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


@lru_cache
def translations(lang: str) -> gettext.GNUTranslations:
    """The catalogue of `lang`, compiled from its .po file (fuzzy entries left out)."""
    with catalogue_path(lang).open("rb") as po:
        catalog = read_po(po, locale=LOCALES[lang], domain=DOMAIN)
    compiled = BytesIO()
    write_mo(compiled, catalog)
    compiled.seek(0)
    return gettext.GNUTranslations(compiled)


def chosen_language(value: str | None) -> str | None:
    return value if value in LANGUAGES else None


def language_of(request: Request) -> str:
    """`?lang=` for this request, else the cookie the switch set, else Dutch."""
    return (chosen_language(request.query_params.get("lang"))
            or chosen_language(request.cookies.get(COOKIE))
            or DEFAULT_LANGUAGE)


def gettext_in(lang: str, message: str) -> str:
    return translations(lang).gettext(message)


def ngettext_in(lang: str, singular: str, plural: str, count: int) -> str:
    return translations(lang).ngettext(singular, plural, count)


def N_(message: str) -> str:  # noqa: N802 (the name Babel's extractor looks for)
    """Marks a text in Python for the catalogues; `gettext_in` translates it when shown."""
    return message


def remember_language(response: Response, lang: str) -> None:
    """Set the language cookie (Lax: sent on top-level navigation, never on cross-site posts)."""
    response.set_cookie(COOKIE, lang, max_age=COOKIE_SECONDS, path="/", samesite="lax",
                        httponly=True)


def local_path(url: str | None) -> str | None:
    """The path and query of a URL if it points into this service (no open redirects)."""
    if not url:
        return None
    # Browsers drop some control characters and read a backslash as a slash: "/\t/x" or
    # "/\\x" would lead to another host. A path of this service needs neither, nor spaces.
    if any(ord(char) <= 0x20 or char in "\\\x7f" for char in url):
        return None
    parts = urlsplit(url)
    path = parts.path or "/"
    if parts.scheme or parts.netloc or not path.startswith("/") or path.startswith("//"):
        return None
    return path + (f"?{parts.query}" if parts.query else "")


def _back_to(request: Request, form_next: str | None) -> str:
    """Where the person was: the Referer (current even after htmx pushed a filtered URL),
    else the form's `next`, else the start page. Only paths of this service."""
    referer = urlsplit(request.headers.get("referer", ""))
    if referer.netloc and referer.netloc == request.url.netloc:
        back = local_path(referer._replace(scheme="", netloc="").geturl())
        if back:
            return back
    return local_path(form_next) or "/"


def _without_lang(path: str) -> str:
    """Drop a `lang` query parameter, which would otherwise override the new choice."""
    base, _, query = path.partition("?")
    kept = "&".join(part for part in query.split("&") if part and not part.startswith("lang="))
    return base + (f"?{kept}" if kept else "")


@router.post("/language", include_in_schema=False)
async def switch_language(
    request: Request,
    lang: Annotated[str, Form()] = DEFAULT_LANGUAGE,
    back: Annotated[str | None, Form(alias="next")] = None,
) -> RedirectResponse:
    """The language switch: a plain form, so it works without JavaScript (303, PRG)."""
    chosen = chosen_language(lang) or DEFAULT_LANGUAGE
    response = RedirectResponse(_without_lang(_back_to(request, back)), status_code=303)
    remember_language(response, chosen)
    return response
