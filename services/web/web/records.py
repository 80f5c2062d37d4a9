"""Verslagen: the list of qualitative records (filtered by kind, a page at a time) and the
full-text search over them. For researchers and administrators only, as the API insists."""

import asyncio
import html
import re
from dataclasses import dataclass, replace
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from markupsafe import Markup, escape
from starlette.datastructures import QueryParams

from web.api_client import ApiClient, InvalidInput, NotFound, in_language
from web.api_client.records import RecordQuery, list_records, search_records
from web.form_values import page_number
from web.htmx import render
from web.i18n import language_of
from web.initiatives import page_window
from web.permissions import insist
from web.sessions import SignedIn
from web.templating import api_of

router = APIRouter()
LIST_PATH = "/verslagen"
SEARCH_PATH = "/verslagen/zoeken"
PAGE_SIZE = 20
KINDS = "record-kind"
MARKS = re.compile(r"(</?mark>)")
# Initiatives looked up for one page at most; a record is about a few.
MAX_CHOICES = 50
FILTERS = ("kind", "initiative")


async def _title(api: ApiClient, initiative_id: str) -> tuple[str, str] | None:
    try:
        return initiative_id, (await api.get_initiative(initiative_id)).title
    except (NotFound, InvalidInput):  # gone, or a made-up id in the address
        return None


async def initiative_choices(api: ApiClient, ids: list[str]) -> list[tuple[str, str]]:
    """(id, title) of the chosen initiatives that exist: each id once, and no more than
    MAX_CHOICES of them (one API call each; an address can repeat `initiative` at will)."""
    unique = list(dict.fromkeys(ids))[:MAX_CHOICES]
    found = await asyncio.gather(*(_title(api, each) for each in unique))
    return [pair for pair in found if pair is not None]


@dataclass(frozen=True)
class ListState:
    """The list as the address bar has it."""

    kind: str = ""
    initiative: str = ""  # only the records about this initiative (its page links here)
    page: int = 1

    @classmethod
    def from_query(cls, params: QueryParams) -> "ListState":
        return cls(kind=params.get("kind", ""), initiative=params.get("initiative", ""),
                   page=page_number(params.get("page", "1")))

    def url(self, page: int | None = None) -> str:
        state = replace(self, page=self.page if page is None else page)
        pairs = [(key, value) for key, value, default in (
            ("kind", state.kind, ""), ("initiative", state.initiative, ""),
            ("page", state.page, 1)) if value != default]
        return LIST_PATH + (f"?{urlencode(pairs)}" if pairs else "")


@dataclass(frozen=True)
class SearchState:
    q: str = ""
    page: int = 1

    @classmethod
    def from_query(cls, params: QueryParams) -> "SearchState":
        return cls(q=params.get("q", "").strip(), page=page_number(params.get("page", "1")))

    def url(self, page: int | None = None) -> str:
        pairs: list[tuple[str, str | int]] = [("q", self.q)]
        if (page or self.page) != 1:
            pairs.append(("page", page or self.page))
        return f"{SEARCH_PATH}?{urlencode(pairs)}"


def safe_snippet(snippet: str) -> Markup:
    """The API's snippet as HTML with no markup but <mark>. The API escapes the text
    already; reading it back and escaping it here again keeps any other tag out even if
    it did not."""
    parts = MARKS.split(snippet)
    return Markup("".join(  # noqa: S704 (every part but the marks escaped just here)
        part if part in ("<mark>", "</mark>") else str(escape(html.unescape(part)))
        for part in parts))


def _filter_errors(error: InvalidInput, lang: str) -> dict[str, str]:
    """Each refusal at its own filter: /kind at the kind, /initiative at the initiative."""
    found: dict[str, str] = {}
    for pointer, message in error.errors.items():
        name = pointer.strip("/").split("/")[0]
        found.setdefault(name if name in FILTERS else "kind", in_language(message, lang))
    return found or {"kind": in_language(error.detail, lang)}


@router.get(LIST_PATH, response_class=HTMLResponse)
async def list_page(request: Request, me: SignedIn) -> HTMLResponse:
    insist(me.may_read_records)
    state = ListState.from_query(request.query_params)
    api, lang = api_of(request), language_of(request)
    kinds = await api.vocabulary(KINDS)
    errors: dict[str, str] = {}
    page = None
    try:
        page = await list_records(api, RecordQuery(
            kind=state.kind or None, initiative=state.initiative or None, page=state.page,
            page_size=PAGE_SIZE))
    except InvalidInput as error:  # a kind or an id that does not exist, typed in the address
        errors = _filter_errors(error, lang)
    about = await initiative_choices(api, [state.initiative]) if state.initiative else []
    context = {"state": state, "page": page, "errors": errors, "kinds": kinds, "about": about,
               "choices": {"kind": kinds.choices(lang)},
               "window": page_window(state.page, page.pages) if page else []}
    return await render(request, "records/list.html", context, block="results",
                        status_code=422 if errors else 200)


@router.get(SEARCH_PATH, response_class=HTMLResponse)
async def search_page(request: Request, me: SignedIn) -> HTMLResponse:
    insist(me.may_read_records)
    state = SearchState.from_query(request.query_params)
    api, lang = api_of(request), language_of(request)
    errors: dict[str, str] = {}
    page = None
    if state.q:
        try:
            page = await search_records(api, state.q, state.page, PAGE_SIZE)
        except InvalidInput as error:
            errors = {"q": in_language(next(iter(error.errors.values()), error.detail), lang)}
    snippets = {hit.id: safe_snippet(hit.snippet) for hit in page.items} if page else {}
    context = {"state": state, "page": page, "errors": errors, "snippets": snippets,
               "kinds": await api.vocabulary(KINDS),
               "window": page_window(state.page, page.pages) if page else []}
    return await render(request, "records/search.html", context, block="results",
                        status_code=422 if errors else 200)
