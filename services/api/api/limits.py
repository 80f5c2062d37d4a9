"""ASGI middleware: the API-Version header on every response, and a bounded request queue."""

import anyio
import orjson
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api import API_VERSION


class ServiceLimits:
    """Runs at most `concurrency` requests at once and lets at most `backlog` wait.

    The database pool holds `concurrency` connections, so a running request never waits
    for one; a request beyond the backlog is refused at once with 503 instead of stalling.
    """

    def __init__(self, app: ASGIApp, concurrency: int, backlog: int) -> None:
        self.app = app
        self.slots = anyio.Semaphore(concurrency)
        self.backlog = backlog
        self.waiting = 0

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_version(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [
                    *message.get("headers", []), (b"api-version", API_VERSION.encode())
                ]
            await send(message)

        if self.slots.value == 0 and self.waiting >= self.backlog:
            await _refuse(send_with_version, scope)
            return
        self.waiting += 1
        try:
            await self.slots.acquire()
        finally:
            self.waiting -= 1
        try:
            await self.app(scope, receive, send_with_version)
        finally:
            self.slots.release()


async def _refuse(send: Send, scope: Scope) -> None:
    body = orjson.dumps({
        "type": "https://buurtkracht.nl/problems/overloaded",
        "title": "Service Unavailable",
        "status": 503,
        "detail": "De API is even te druk; probeer het zo opnieuw. / The API is busy; retry soon.",
        "instance": scope.get("path", ""),
    })
    await send({
        "type": "http.response.start",
        "status": 503,
        "headers": [(b"content-type", b"application/problem+json"), (b"retry-after", b"1")],
    })
    await send({"type": "http.response.body", "body": body})
