"""Errors on the wire: RFC 9457 problem details, and the handlers that produce them."""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from http import HTTPStatus
from typing import Any, Literal

import orjson
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import Response
from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy.exc import DBAPIError, OperationalError
from starlette.exceptions import HTTPException as StarletteHTTPException

from api.validation_messages import bilingual

PROBLEM_JSON = "application/problem+json"
ERROR_TYPE_BASE = "https://buurtkracht.nl/problems/"


class ErrorLocation(BaseModel):
    model_config = ConfigDict(extra="forbid")

    pointer: str | None = Field(None, description="JSON Pointer into the body, e.g. /title")
    name: str | None = Field(None, description="Name of the query, path or header parameter")


class InvalidParam(BaseModel):
    model_config = ConfigDict(populate_by_name=True)

    in_: Literal["body", "query", "path", "header"] = Field(alias="in")
    location: ErrorLocation
    code: str
    detail: str


class Problem(BaseModel):
    """RFC 9457 problem details, as every error response of this API is shaped."""

    type: str = Field(examples=[ERROR_TYPE_BASE + "invalid-input"])
    title: str
    status: int
    detail: str
    instance: str
    errors: list[InvalidParam] | None = None


@dataclass(frozen=True)
class FieldError:
    """One bad value: where it is (a body pointer or a parameter name) and what is wrong."""

    location: str
    code: str
    detail: str
    in_: Literal["body", "query", "path", "header"] = "body"

    def to_wire(self) -> dict[str, Any]:
        key = "pointer" if self.in_ == "body" else "name"
        return {"in": self.in_, "location": {key: self.location}, "code": self.code,
                "detail": self.detail}


class ApiError(Exception):
    status = HTTPStatus.INTERNAL_SERVER_ERROR
    code = "internal-error"

    def __init__(self, detail: str, headers: Mapping[str, str] | None = None) -> None:
        super().__init__(detail)
        self.detail = detail
        self.headers = dict(headers or {})


class Unauthorized(ApiError):
    """401: no credentials, or ones that are wrong, expired or revoked (never which)."""

    status = HTTPStatus.UNAUTHORIZED
    code = "unauthorized"

    def __init__(self, detail: str = "Niet aangemeld of ongeldige aanmelding. / "
                 "Not signed in, or the credentials are not valid.") -> None:
        super().__init__(detail, {"WWW-Authenticate": 'Bearer realm="buurtkracht"'})


class Forbidden(ApiError):
    """403: signed in, but this role or scope may not do this."""

    status = HTTPStatus.FORBIDDEN
    code = "forbidden"


class TooManyRequests(ApiError):
    status = HTTPStatus.TOO_MANY_REQUESTS
    code = "too-many-requests"

    def __init__(self, detail: str, retry_after_seconds: int) -> None:
        super().__init__(detail, {"Retry-After": str(retry_after_seconds)})


class NotFound(ApiError):
    status = HTTPStatus.NOT_FOUND
    code = "not-found"


class Conflict(ApiError):
    status = HTTPStatus.CONFLICT
    code = "conflict"


class PreconditionFailed(ApiError):
    status = HTTPStatus.PRECONDITION_FAILED
    code = "precondition-failed"


class PayloadTooLarge(ApiError):
    status = HTTPStatus.REQUEST_ENTITY_TOO_LARGE
    code = "too-large"


class CannotAnalyse(ApiError):
    """Valid input that the analysis cannot use: too few studies, a model that does not
    converge. The detail says why in both languages."""

    status = HTTPStatus.UNPROCESSABLE_ENTITY
    code = "cannot-analyse"


class InvalidInput(ApiError):
    status = HTTPStatus.BAD_REQUEST
    code = "invalid-input"

    def __init__(self, errors: Sequence[FieldError], detail: str | None = None) -> None:
        super().__init__(detail or "De invoer is ongeldig. / The input is invalid.")
        self.errors = list(errors)


def problem_response(
    request: Request,
    status: int,
    detail: str,
    code: str,
    errors: Sequence[FieldError] = (),
    headers: Mapping[str, str] | None = None,
) -> Response:
    body: dict[str, Any] = {
        "type": ERROR_TYPE_BASE + code,
        "title": HTTPStatus(status).phrase,
        "status": status,
        "detail": detail,
        "instance": request.url.path,
    }
    if errors:
        body["errors"] = [error.to_wire() for error in errors]
    return Response(orjson.dumps(body), status, headers=headers, media_type=PROBLEM_JSON)


def _pydantic_location(loc: Sequence[int | str]) -> tuple[str, str]:
    """Turn a pydantic `loc` into ("body", "/a/0/b") or ("query", "pageSize")."""
    where = str(loc[0]) if loc else "body"
    rest = [str(part) for part in loc[1:]]
    if where == "body":
        return "body", "/" + "/".join(rest) if rest else ""
    return where, rest[0] if rest else ""


def field_errors_from_validation(error: RequestValidationError) -> list[FieldError]:
    found: list[FieldError] = []
    for item in error.errors():
        where, location = _pydantic_location(item.get("loc", ()))
        code = str(item.get("type", "invalid")).replace("_", "-")
        in_ = where if where in ("body", "query", "path", "header") else "body"
        found.append(FieldError(location, code, bilingual(dict(item)), in_))  # type: ignore[arg-type]
    return found


async def _on_validation_error(request: Request, error: Exception) -> Response:
    assert isinstance(error, RequestValidationError)
    return problem_response(
        request, 400, "De invoer is ongeldig. / The input is invalid.", "invalid-input",
        field_errors_from_validation(error),
    )


async def _on_api_error(request: Request, error: Exception) -> Response:
    assert isinstance(error, ApiError)
    errors = error.errors if isinstance(error, InvalidInput) else ()
    return problem_response(request, error.status, error.detail, error.code, errors,
                            headers=error.headers)


async def _on_http_error(request: Request, error: Exception) -> Response:
    assert isinstance(error, StarletteHTTPException)
    status = HTTPStatus(error.status_code)
    detail = error.detail if isinstance(error.detail, str) else status.description
    # 413: the type api.body_limit gives a body announced too large, for one found so.
    code = "too-large" if status == 413 else status.phrase.lower().replace(" ", "-")
    return problem_response(request, status, detail, code, headers=error.headers)


async def _on_database_unavailable(request: Request, error: Exception) -> Response:
    """The database cannot answer now (down, restarting, unreachable within the connect
    timeout, or SQLite's one write lock held by an import longer than a write waits): 503,
    to be tried again, not a 500.

    A write that meets this may or may not be stored: when the connection broke during its
    COMMIT, nobody can tell. The client only counts it as done on a 2xx; trying it again
    is safe for an If-Match update (412 if the first one did land), and for a create it
    may give a second row (docs/reliability.md).
    """
    busy = "locked" in str(error)
    detail = ("De database is even bezet (er wordt een bestand geïmporteerd); probeer het zo "
              "opnieuw. / The database is busy (a file is being imported); try again shortly."
              if busy else "De database is niet bereikbaar; probeer het zo opnieuw. / "
              "The database cannot be reached; try again shortly.")
    return problem_response(request, 503, detail, "database-unavailable",
                            headers={"Retry-After": "5"})


async def _on_database_error(request: Request, error: Exception) -> Response:
    """Any other driver error: a lost connection (the server ended it, the socket closed)
    is the database being unavailable; the rest is a fault of ours."""
    assert isinstance(error, DBAPIError)
    if error.connection_invalidated:
        return await _on_database_unavailable(request, error)
    return await _on_unexpected_error(request, error)


async def _on_unexpected_error(request: Request, error: Exception) -> Response:
    return problem_response(
        request, 500, "Er ging iets mis aan onze kant. / Something went wrong on our side.",
        "internal-error",
    )


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(RequestValidationError, _on_validation_error)
    app.add_exception_handler(ApiError, _on_api_error)
    app.add_exception_handler(StarletteHTTPException, _on_http_error)
    app.add_exception_handler(OperationalError, _on_database_unavailable)
    app.add_exception_handler(DBAPIError, _on_database_error)
    app.add_exception_handler(Exception, _on_unexpected_error)
