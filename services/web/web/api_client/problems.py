"""The API's refusals (RFC 9457 problems) as Python exceptions, one class per kind a page
or the error handlers treat differently."""

from collections.abc import Mapping

import httpx2


class ApiError(Exception):
    """The API refused a request in a way no page expects (a bug on one side or the other)."""

    def __init__(self, status: int, detail: str) -> None:
        super().__init__(f"{status}: {detail}")
        self.status = status
        self.detail = detail


class ApiUnavailable(ApiError):
    """The API could not be reached, timed out, or answered with a server error."""


class NotFound(ApiError):
    """404: the resource does not exist (any more)."""


class InvalidInput(ApiError):
    """400: bad input, with one message per field: pointer (/title) or parameter (q)."""

    def __init__(self, status: int, detail: str, errors: Mapping[str, str]) -> None:
        super().__init__(status, detail)
        self.errors = dict(errors)


class Conflict(ApiError):
    """409: the change clashes with other data (e.g. a professional who still has episodes)."""


class Stale(ApiError):
    """412: someone else changed the resource since it was read; nothing was written."""


class Unauthorized(ApiError):
    """401: nobody is signed in, or the session expired or was revoked (or, when signing in,
    the name or password was wrong: the API never says which)."""


class Forbidden(ApiError):
    """403: signed in, but this person's role or stadsdelen do not allow it."""


class TooManyRequests(ApiError):
    """429: too many failed sign-ins of late; `retry_after` seconds until the next try."""

    def __init__(self, status: int, detail: str, retry_after: int) -> None:
        super().__init__(status, detail)
        self.retry_after = retry_after


def unavailable(error: Exception) -> ApiUnavailable:
    return ApiUnavailable(503, str(error) or type(error).__name__)


def in_language(text: str, lang: str) -> str:
    """The API writes its messages as 'Nederlands / English': the half for `lang`."""
    dutch, separator, english = text.partition(" / ")
    if not separator:
        return text
    return english if lang == "en" else dutch


def _problem(response: httpx2.Response) -> tuple[str, dict[str, str]]:
    """Detail and field errors of an RFC 9457 problem; tolerant of other bodies."""
    try:
        body = response.json()
    except ValueError:
        return response.reason_phrase, {}
    if not isinstance(body, dict):
        return response.reason_phrase, {}
    errors: dict[str, str] = {}
    for item in body.get("errors") or []:
        location = item.get("location") or {}
        where = location.get("pointer") or location.get("name") or ""
        errors.setdefault(str(where), str(item.get("detail", "")))
    return str(body.get("detail") or response.reason_phrase), errors


def _seconds(value: str | None) -> int:
    """Retry-After in seconds; the API sends a number, anything else counts as a minute."""
    return int(value) if value and value.isdigit() else 60


def raise_for_problem(response: httpx2.Response) -> None:
    status = response.status_code
    if status < 400:
        return
    if status >= 500:
        raise ApiUnavailable(status, f"the API answered {status}")
    detail, errors = _problem(response)
    if status in (400, 422):
        raise InvalidInput(status, detail, errors)
    if status == 429:
        raise TooManyRequests(status, detail, _seconds(response.headers.get("retry-after")))
    kinds: dict[int, type[ApiError]] = {401: Unauthorized, 403: Forbidden, 404: NotFound,
                                        409: Conflict, 412: Stale}
    raise kinds.get(status, ApiError)(status, detail)
