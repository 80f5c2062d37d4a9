"""Per request: its id (taken from X-Request-ID or made), its access line and its metrics.

Pure ASGI and the outermost layer, so that it also sees the answers of the layers inside it
(the security middleware's refusals, the compressed pages).
"""

import logging
import time

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from web.ops.context import HEADER, accepted_or_new, request_id
from web.ops.logs import ACCESS_LOGGER
from web.ops.metrics import UNMATCHED, RequestMetrics

access_log = logging.getLogger(ACCESS_LOGGER)
HEADER_KEY = HEADER.lower().encode()


def route_template(scope: Scope, root_path: str) -> str | None:
    """The route's path with its {placeholders}, never the ids and queries in the URL.

    A mounted app (the web's /static) leaves no route in the scope, only its prefix added to
    the root path.
    """
    route = scope.get("route")
    template = getattr(route, "path_format", None) or getattr(route, "path", None)
    if template:
        return str(template)
    mounted = str(scope.get("root_path", ""))
    return mounted.removeprefix(root_path) + "/{path}" if mounted != root_path else None


class RequestContext:
    def __init__(self, app: ASGIApp, metrics: RequestMetrics) -> None:
        self.app = app
        self.metrics = metrics

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        incoming = dict(scope["headers"]).get(HEADER_KEY)
        current = accepted_or_new(incoming.decode("latin-1") if incoming else None)
        reset = request_id.set(current)
        root_path = str(scope.get("root_path", ""))
        started = time.perf_counter()
        status = 500  # unless an answer starts: an exception escaped every handler

        async def send_with_id(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                message["headers"] = [*message.get("headers", []),
                                      (HEADER_KEY, current.encode())]
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        finally:
            self._record(scope, root_path, status, time.perf_counter() - started)
            request_id.reset(reset)

    def _record(self, scope: Scope, root_path: str, status: int, seconds: float) -> None:
        template = route_template(scope, root_path)
        method = scope["method"]
        self.metrics.observe(method, template or UNMATCHED, status, seconds)
        access_log.info("%s %s %s", method, template or UNMATCHED, status, extra={
            "method": method, "path": template or scope["path"][:200], "status": status,
            "duration_ms": round(seconds * 1000, 1)})

