"""Initiatives pages: the list with filters, sorting and pages."""

from dataclasses import dataclass, replace
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from starlette.datastructures import QueryParams

from web.api_client import InitiativePage, InitiativeQuery, InvalidInput, in_language
from web.form_values import page_number
from web.htmx import render
from web.i18n import language_of
from web.templating import api_of

router = APIRouter()
LIST_PATH = "/initiatives"
PAGE_SIZE = 25
SORT_KEYS = ("title", "status", "startDate")
DEFAULT_SORT = "title"
VOCABULARIES = ("initiative-status", "theme", "organisation-form")


@dataclass(frozen=True)
class ListState:
    """The list as the address bar has it: what a bookmark or a shared link brings back."""

    q: str = ""
    area: str = ""
    status: str = ""
    theme: str = ""
    sort: str = DEFAULT_SORT
    page: int = 1

    @classmethod
    def from_query(cls, params: QueryParams) -> "ListState":
        sort = params.get("sort", DEFAULT_SORT)
        return cls(
            q=params.get("q", "").strip(), area=params.get("area", "").strip(),
            status=params.get("status", ""), theme=params.get("theme", ""),
            sort=sort if sort.lstrip("-") in SORT_KEYS else DEFAULT_SORT,
            page=page_number(params.get("page", "1")),
        )

    def api_query(self) -> InitiativeQuery:
        return InitiativeQuery(q=self.q or None, area=self.area or None,
                               status=(self.status,) if self.status else (),
                               theme=(self.theme,) if self.theme else (),
                               sort=self.sort, page=self.page, page_size=PAGE_SIZE)

    def url(self, sort: str | None = None, page: int | None = None) -> str:
        """This list's address in another order or at another page; empty and default
        values left out, so the address stays short."""
        state = replace(self, sort=self.sort if sort is None else sort,
                        page=self.page if page is None else page)
        pairs = [(key, value) for key, value, default in (
            ("q", state.q, ""), ("area", state.area, ""), ("status", state.status, ""),
            ("theme", state.theme, ""), ("sort", state.sort, DEFAULT_SORT), ("page", state.page, 1),
        ) if value != default]
        return LIST_PATH + (f"?{urlencode(pairs)}" if pairs else "")

    def export_url(self, file_format: str) -> str:
        """Every initiative this list finds, on all its pages, as a file."""
        pairs = [("format", file_format), *((key, value) for key, value in (
            ("q", self.q), ("area", self.area), ("status", self.status),
            ("theme", self.theme)) if value)]
        return f"/export/initiatives?{urlencode(pairs)}"

    def sort_url(self, key: str) -> str:
        """Sorting on a column starts at page 1; a second click reverses the order."""
        return self.url(sort=f"-{key}" if self.sort == key else key, page=1)

    def aria_sort(self, key: str) -> str:
        if self.sort == key:
            return "ascending"
        return "descending" if self.sort == f"-{key}" else "none"


def page_window(current: int, last: int, around: int = 2) -> list[int | None]:
    """Page numbers to offer: the first, the last, and a few around the current one;
    None where numbers are left out."""
    shown = sorted({1, last, *range(max(1, current - around), min(last, current + around) + 1)})
    window: list[int | None] = []
    for number in shown:
        if window and number - (window[-1] or 0) > 1:
            window.append(None)
        window.append(number)
    return window


@router.get("/initiatives", response_class=HTMLResponse)
async def list_initiatives(request: Request) -> HTMLResponse:
    state = ListState.from_query(request.query_params)
    api = api_of(request)
    vocabularies = await api.vocabularies(*VOCABULARIES)
    stadsdelen = await api.stadsdelen()
    buurten = await api.buurt_names()
    lang = language_of(request)
    page: InitiativePage | None = None
    errors: dict[str, str] = {}
    try:
        page = await api.list_initiatives(state.api_query())
    except InvalidInput as error:
        errors = {field: in_language(message, lang) for field, message in error.errors.items()}
    choices = {"area": [(area.code, area.name) for area in stadsdelen],
               "status": vocabularies["initiative-status"].choices(lang),
               "theme": vocabularies["theme"].choices(lang)}
    context = {
        "state": state, "page": page, "errors": errors, "choices": choices,
        "vocabularies": vocabularies, "buurten": buurten,
        "window": page_window(state.page, page.pages) if page else [],
    }
    return await render(request, "initiatives/list.html", context, block="results",
                        status_code=422 if errors else 200)
