"""Request bodies larger than their limit get a 413 problem that states the limit.

JSON bodies have one limit, imported files a larger one. A body announced too large is
refused before any of it is read; one that grows past its limit while streaming (no or a
false Content-Length) is cut off there. (Starlette's own limit answers in plain text and
without the number, which a person sending a spreadsheet cannot act on.)
"""

from collections.abc import Callable

import orjson
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.errors import ERROR_TYPE_BASE, PROBLEM_JSON


class _TooLarge(Exception):
    pass


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
            await _refuse(scope, send, limit)
            return
        received, started = 0, False

        async def counted_receive() -> Message:
            nonlocal received
            message = await receive()
            received += len(message.get("body", b""))
            if received > limit:
                raise _TooLarge
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
            await _refuse(scope, send, limit)


def _content_length(scope: Scope) -> int | None:
    for name, value in scope["headers"]:
        if name == b"content-length":
            return int(value) if value.isdigit() else None
    return None


async def _refuse(scope: Scope, send: Send, limit: int) -> None:
    size = f"{limit / 1024 / 1024:.0f} MB" if limit >= 1024 * 1024 else f"{limit // 1024} kB"
    body = orjson.dumps({
        "type": ERROR_TYPE_BASE + "too-large", "title": "Content Too Large", "status": 413,
        "detail": f"Dit is te groot: de grens is {size}. / This is too large: the limit is "
                  f"{size}.",
        "instance": scope["path"],
    })
    await send({"type": "http.response.start", "status": 413,
                "headers": [(b"content-type", PROBLEM_JSON.encode()),
                            (b"content-length", str(len(body)).encode()),
                            (b"connection", b"close")]})
    await send({"type": "http.response.body", "body": body})
