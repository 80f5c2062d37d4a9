"""JSON conventions of the API: lowerCamelCase names, list pages, sorting and ETags."""

import json
from collections.abc import Iterable, Iterator, Sequence
from typing import Any, Generic, Literal, TypeVar, TypeVarTuple, get_args

import orjson
from fastapi import Request, Response
from pydantic import BaseModel, Field
from pydantic.alias_generators import to_camel
from sqlalchemy import ColumnElement, FromClause, Select, and_, func, select
from sqlmodel import Session
from sqlmodel._compat import SQLModelConfig

from api.errors import FieldError, InvalidInput, PreconditionFailed

CAMEL = SQLModelConfig(alias_generator=to_camel, populate_by_name=True)
MAX_PAGE_SIZE = 100
# The databases' OFFSET is a signed 64-bit integer: a larger page is a 400, not a 500.
MAX_PAGE = (2**63 - 1) // MAX_PAGE_SIZE
T = TypeVar("T")
Ts = TypeVarTuple("Ts")


class ApiModel(BaseModel):
    model_config = CAMEL


class PageLinks(ApiModel):
    self: str
    next: str | None = None
    prev: str | None = None


class Page(ApiModel, Generic[T]):
    """One page of a list: the items and how to reach the neighbouring pages."""

    items: list[T]
    page: int
    page_size: int
    total: int = Field(description="Number of items that match the filters, over all pages")
    links: PageLinks = Field(serialization_alias="_links", validation_alias="_links")


class PageParams(ApiModel):
    page: int = Field(1, ge=1, le=MAX_PAGE, description="Page number, starting at 1")
    page_size: int = Field(20, ge=1, le=MAX_PAGE_SIZE, description="Items per page")

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.page_size


def page_links(path: str, query: str, params: PageParams, total: int) -> dict[str, str | None]:
    """Self, next and prev links that keep every other query parameter as it was."""
    kept = "&".join(part for part in query.split("&") if part and not part.startswith("page="))

    def link(page: int) -> str:
        return f"{path}?{kept + '&' if kept else ''}page={page}"

    last = max(1, -(-total // params.page_size))
    return {
        "self": link(params.page),
        "next": link(params.page + 1) if params.page < last else None,
        "prev": link(params.page - 1) if params.page > 1 else None,
    }


def parse_sort(value: str | None, allowed: dict[str, str], default: str) -> list[tuple[str, bool]]:
    """Parse `sort=-startDate,title` into [(column, descending)]; unknown keys are a 400."""
    keys = [key.strip() for key in (value or default).split(",") if key.strip()]
    order: list[tuple[str, bool]] = []
    for key in keys:
        name = key.lstrip("-+")
        if name not in allowed:
            known = ", ".join(sorted(allowed))
            raise InvalidInput(
                [FieldError("sort", "unknown-sort-key",
                            f"Onbekende sorteersleutel '{name}'; kies uit: {known}.", "query")]
            )
        order.append((allowed[name], key.startswith("-")))
    return order


def page_query(
    session: Session, query: Select[*Ts], table: FromClause,
    conditions: Iterable[ColumnElement[bool]], order: list[tuple[str, bool]], page: PageParams,
) -> tuple[Select[*Ts], int]:
    """The query cut to one page of the rows that meet the conditions, in the parsed sort
    order with ties broken by id; and how many rows meet them over all pages."""
    where = and_(True, *conditions)
    total = session.connection().execute(
        select(func.count()).select_from(table).where(where)).scalar_one()
    ordering = [table.c[name].desc() if desc else table.c[name].asc() for name, desc in order]
    paged = (query.where(where).order_by(*ordering, table.c.id)
             .limit(page.page_size).offset(page.offset))
    return paged, total


def etag_of(version: int) -> str:
    return f'"{version}"'


def set_etag(response: Response, version: int) -> None:
    response.headers["ETag"] = etag_of(version)


def check_if_match(if_match: str | None, version: int) -> None:
    """Refuse a write made against an older version than the one stored (optimistic lock)."""
    if if_match is None:
        return
    tags = {tag.strip().removeprefix("W/") for tag in if_match.split(",")}
    if "*" in tags or etag_of(version) in tags:
        return
    raise PreconditionFailed(
        "De gegevens zijn intussen door iemand anders gewijzigd; haal ze opnieuw op. / "
        "The resource has changed since you read it; fetch it again."
    )


def json_response(content: Any, status_code: int = 200,
                  headers: Sequence[tuple[str, str]] = ()) -> Response:
    """A JSON response serialised by orjson, for hot paths that skip response_model."""
    body = orjson.dumps(content, option=orjson.OPT_NAIVE_UTC | orjson.OPT_UTC_Z)
    return Response(body, status_code, headers=dict(headers), media_type="application/json")


def page_response(request: Request, paging: PageParams, items: list[Any], total: int) -> Response:
    """One page of wire-ready items in the `Page` shape, with links to the pages beside it."""
    links = page_links(request.url.path, request.url.query, paging, total)
    return json_response({"items": items, "page": paging.page, "pageSize": paging.page_size,
                          "total": total, "_links": links})


def _nul_pointers(document: Any) -> Iterator[str]:
    """The JSON Pointer of every string in the document that holds a NUL character."""
    stack: list[tuple[str, Any]] = [("", document)]
    while stack:
        pointer, value = stack.pop()
        if isinstance(value, str) and "\x00" in value:
            yield pointer
        elif isinstance(value, dict):
            stack.extend((f"{pointer}/{key.replace('~', '~0').replace('/', '~1')}", item)
                         for key, item in value.items())
        elif isinstance(value, list):
            stack.extend((f"{pointer}/{index}", item) for index, item in enumerate(value))


NUL_DETAIL = ("Tekst mag geen NUL-teken (\\u0000) bevatten. / Text may not contain a NUL "
              "character (\\u0000).")


async def refuse_nul_characters(request: Request) -> None:
    """An app-wide dependency: a NUL character ("\\u0000") in a path or query parameter, or
    in any string of a JSON body, is a 400 naming where. PostgreSQL cannot hold NUL in text (a
    filter compared with it fails in the driver), and no person means one."""
    places: list[tuple[Literal["path", "query"], str]] = sorted(
        {("path", name) for name, value in request.path_params.items() if "\x00" in str(value)}
        | {("query", name) for name, value in request.query_params.multi_items()
           if "\x00" in value or "\x00" in name})
    if places:
        raise InvalidInput([FieldError(name.replace("\x00", "\\u0000"), "nul-character",
                                       NUL_DETAIL, in_) for in_, name in places[:MAX_PAGE_SIZE]])
    if "json" not in request.headers.get("content-type", ""):
        return
    body = await request.body()  # read once: FastAPI has it cached for the route
    if b"\\u0000" not in body:  # the cheap check; only then parse
        return
    try:
        document = json.loads(body)
    except (ValueError, RecursionError):
        return  # FastAPI's own parsing answers bad JSON
    pointers = sorted(_nul_pointers(document))
    if pointers:
        raise InvalidInput([FieldError(pointer, "nul-character", NUL_DETAIL)
                            for pointer in pointers[:MAX_PAGE_SIZE]])


def _nullable(annotation: Any) -> bool:
    return annotation is None or type(None) in get_args(annotation)


def refuse_nulls(values: dict[str, Any], create_model: type[BaseModel]) -> None:
    """A PATCH may not clear a field that a new resource must have, or that has no null."""
    required = [name for name, field in create_model.model_fields.items()
                if name in values and values[name] is None
                and (field.is_required() or not _nullable(field.annotation))]
    if required:
        raise InvalidInput([
            FieldError("/" + to_camel(name), "required",
                       "Dit veld is verplicht. / This field is required.")
            for name in required
        ])
