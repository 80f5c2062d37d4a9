"""Cross-site request refusal (CSRF) and the security headers of every response.

Pure ASGI middleware: Starlette's BaseHTTPMiddleware costs a task and a stream per request.
Browsers say where a request comes from (`Sec-Fetch-Site`, `Origin`), and the language
cookie is SameSite=Lax; so an unsafe method from another site is refused outright, without
tokens in forms. A request with neither header (curl, tests, very old browsers) cannot
carry a victim's cookies across sites and is let through.
"""

from collections.abc import Awaitable, Callable, Iterable

from starlette.datastructures import Headers, MutableHeaders
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "frame-ancestors 'none'; base-uri 'self'; form-action 'self'"
)
SECURITY_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
}
DEFAULT_PORTS = {"http": "80", "https": "443"}

Refusal = Callable[[Request], Awaitable[Response]]


def own_origin(scope: Scope, headers: Headers) -> str:
    """scheme://host[:port] as the browser addressed this service (default port left out)."""
    scheme = str(scope.get("scheme", "http"))
    host = headers.get("host")
    if host is None:
        server = scope.get("server") or ("localhost", None)
        host = f"{server[0]}:{server[1]}" if server[1] else str(server[0])
    name, _, port = host.rpartition(":") if host.count(":") == 1 else (host, "", "")
    if port == DEFAULT_PORTS.get(scheme):
        host = name
    return f"{scheme}://{host.lower()}"


def is_cross_site(scope: Scope, trusted_origins: frozenset[str]) -> bool:
    headers = Headers(scope=scope)
    origin = headers.get("origin")
    if origin is not None and origin in trusted_origins:
        return False
    # same-site is another origin on the same registrable domain: another application.
    if headers.get("sec-fetch-site") in ("cross-site", "same-site"):
        return True
    return origin is not None and origin != own_origin(scope, headers)


class SecurityMiddleware:
    def __init__(self, app: ASGIApp, refuse: Refusal, trusted_origins: Iterable[str] = ()) -> None:
        self.app = app
        self.refuse = refuse
        self.trusted_origins = frozenset(origin.rstrip("/") for origin in trusted_origins)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                add_security_headers(MutableHeaders(scope=message))
            await send(message)

        if scope["method"] in UNSAFE_METHODS and is_cross_site(scope, self.trusted_origins):
            response = await self.refuse(Request(scope, receive))
            await response(scope, receive, send_with_headers)
            return
        await self.app(scope, receive, send_with_headers)


def add_security_headers(headers: MutableHeaders) -> None:
    """A response that sets its own policy keeps it (the method book, a document with its
    own inline style and no script: web/method_book_pages.py); every other gets ours."""
    for name, value in SECURITY_HEADERS.items():
        if name not in headers:
            headers[name] = value
