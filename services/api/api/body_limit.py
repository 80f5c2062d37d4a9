"""Request bodies larger than their limit get a 413 problem that states the limit.

JSON bodies have one limit, imported files a larger one. A body announced too large is
refused without being kept (its bytes are read and dropped, so that the client, still
sending, can read the answer); one that grows past its limit while streaming (no or a false
Content-Length) is cut off there. (Starlette's own limit answers in plain text and
without the number, which a person sending a spreadsheet cannot act on.)
"""

from collections.abc import Callable
from http import HTTPStatus

import orjson
from fastapi import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.errors import ERROR_TYPE_BASE, PROBLEM_JSON

# Most of a too-large body that is read (and dropped) before the 413 is sent.
DRAIN_BYTES = 64 * 1024 * 1024


class _TooLarge(HTTPException):
    """Raised while the body streams in. An HTTPException, so that FastAPI, reading the body
    for a route, passes it on as it is instead of turning it into a 400."""

    def __init__(self, limit: int) -> None:
        super().__init__(413, _detail(limit))


class BodyLimit:
    def __init__(self, app: ASGIApp, limit_for: Callable[[str], int]) -> None:
        self.app = app
        self.limit_for = limit_for

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.limit_for(scope["path"])
        announced = _content_length(scope)
        if announced is not None and announced > limit:
            await _drain(receive)
            await _refuse(scope, send, limit)
            return
        received, started = 0, False

        async def counted_receive() -> Message:
            nonlocal received
            message = await receive()
            received += len(message.get("body", b""))
            if received > limit:
                raise _TooLarge(limit)
            return message

        async def watched_send(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counted_receive, watched_send)
        except _TooLarge:
            if started:
                raise
            await _drain(receive)
            await _refuse(scope, send, limit)


async def _drain(receive: Receive) -> None:
    """Read the rest of the body and drop it: a client still sending when the answer comes
    and the connection closes sees a broken connection, not the 413 (up to DRAIN_BYTES; a
    larger body is cut off all the same)."""
    drained, more = 0, True
    while more and drained < DRAIN_BYTES:
        message = await receive()
        drained += len(message.get("body", b""))
        more = message.get("more_body", False) and message["type"] == "http.request"


def _content_length(scope: Scope) -> int | None:
    for name, value in scope["headers"]:
        if name == b"content-length":
            return int(value) if value.isdigit() else None
    return None


def _detail(limit: int) -> str:
    size = f"{limit / 1024 / 1024:.0f} MB" if limit >= 1024 * 1024 else f"{limit // 1024} kB"
    return f"Dit is te groot: de grens is {size}. / This is too large: the limit is {size}."


async def _refuse(scope: Scope, send: Send, limit: int) -> None:
    body = orjson.dumps({
        "type": ERROR_TYPE_BASE + "too-large", "title": HTTPStatus(413).phrase, "status": 413,
        "detail": _detail(limit), "instance": scope["path"],
    })
    await send({"type": "http.response.start", "status": 413,
                "headers": [(b"content-type", PROBLEM_JSON.encode()),
                            (b"content-length", str(len(body)).encode()),
                            (b"connection", b"close")]})
    await send({"type": "http.response.body", "body": body})
