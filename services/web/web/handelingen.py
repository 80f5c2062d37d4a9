"""Handelingsbeschrijvingen: search the accounts of support (situation, what the professional
did, why, what happened) by text, role and style; each hit with its initiative and
professional. A plain GET form; htmx swaps only the results."""

import asyncio
from dataclasses import dataclass, replace
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from markupsafe import Markup
from starlette.datastructures import QueryParams

from web.api_client import ApiClient, InvalidInput, NotFound, in_language
from web.api_client.handelingen import AccountQuery, FoundEpisode, search_accounts
from web.api_client.professional_pages import Paged, get_professional
from web.form_values import page_number
from web.highlighting import excerpt, hits, pattern_of
from web.htmx import render
from web.i18n import language_of
from web.initiatives import page_window
from web.permissions import insist
from web.sessions import SignedIn
from web.templating import api_of

router = APIRouter()
SEARCH_PATH = "/handelingsbeschrijvingen"
PAGE_SIZE = 20
VOCABULARIES = ("professional-role", "support-style")


@dataclass(frozen=True)
class SearchState:
    """The search as the address bar has it."""

    q: str = ""
    role: str = ""
    style: str = ""
    page: int = 1

    @classmethod
    def from_query(cls, params: QueryParams) -> "SearchState":
        return cls(q=params.get("q", "").strip(), role=params.get("role", ""),
                   style=params.get("style", ""),
                   page=page_number(params.get("page", "1")))

    def api_query(self) -> AccountQuery:
        return AccountQuery(q=self.q or None, role=self.role or None, style=self.style or None,
                            page=self.page, page_size=PAGE_SIZE)

    def url(self, page: int | None = None) -> str:
        state = replace(self, page=self.page if page is None else page)
        pairs = [(key, value) for key, value, default in (
            ("q", state.q, ""), ("role", state.role, ""), ("style", state.style, ""),
            ("page", state.page, 1)) if value != default]
        return SEARCH_PATH + (f"?{urlencode(pairs)}" if pairs else "")


@dataclass(frozen=True)
class Hit:
    """One episode found: what the page links to, and the parts of its account to show."""

    episode: FoundEpisode
    initiative_title: str | None  # None: deleted since the search
    professional_name: str | None
    excerpts: list[tuple[str, Markup]]


async def _title(api: ApiClient, initiative_id: str) -> str | None:
    try:
        return (await api.get_initiative(initiative_id)).title
    except NotFound:
        return None


async def _name(api: ApiClient, professional_id: str) -> str | None:
    try:
        return (await get_professional(api, professional_id)).name
    except NotFound:
        return None


def _excerpts(episode: FoundEpisode, q: str) -> list[tuple[str, Markup]]:
    """The parts that hold the query (all filled parts without one), each shortened."""
    pattern = pattern_of(q)
    parts = episode.account_parts
    matching = [(part, text) for part, text in parts if hits(text, pattern)]
    return [(part, excerpt(text, pattern)) for part, text in (matching or parts)]


async def _hits(api: ApiClient, page: Paged[FoundEpisode], q: str) -> list[Hit]:
    """The page's episodes with the titles and names they link to: each initiative and
    professional asked for once however many of its episodes the page holds, all at once.
    (The API's lists cannot filter by several ids, so one call each.)"""
    initiative_ids = list(dict.fromkeys(item.initiative_id for item in page.items))
    professional_ids = list(dict.fromkeys(item.professional_id for item in page.items))
    found = await asyncio.gather(*(_title(api, key) for key in initiative_ids),
                                 *(_name(api, key) for key in professional_ids))
    title_of = dict(zip(initiative_ids, found[:len(initiative_ids)], strict=True))
    name_of = dict(zip(professional_ids, found[len(initiative_ids):], strict=True))
    return [Hit(item, title_of[item.initiative_id], name_of[item.professional_id],
                _excerpts(item, q)) for item in page.items]


@router.get(SEARCH_PATH, response_class=HTMLResponse)
async def search_page(request: Request, me: SignedIn) -> HTMLResponse:
    # The accounts are personal data: a viewer would find nothing to read (the API
    # refuses their search too).
    insist(me.sees_personal_data)
    state = SearchState.from_query(request.query_params)
    api, lang = api_of(request), language_of(request)
    vocabularies = await api.vocabularies(*VOCABULARIES)
    page: Paged[FoundEpisode] | None = None
    errors: dict[str, str] = {}
    try:
        page = await search_accounts(api, state.api_query())
    except InvalidInput as error:
        errors = {field: in_language(message, lang) for field, message in error.errors.items()}
        errors = errors or {"q": in_language(error.detail, lang)}
    choices = {"role": vocabularies["professional-role"].choices(lang),
               "style": vocabularies["support-style"].choices(lang)}
    context = {"state": state, "page": page, "errors": errors, "choices": choices,
               "vocabularies": vocabularies,
               "hits": await _hits(api, page, state.q) if page else [],
               "window": page_window(state.page, page.pages) if page else []}
    return await render(request, "handelingen/search.html", context, block="results",
                        status_code=422 if errors else 200)
