"""Viewers never see personal fields: a route class that nulls them in every JSON answer of
a resource's routes, lists and single items alike, for viewers only.

Applied per router (`APIRouter(route_class=redacting("professional"))`), after the route has
answered, so no route can forget it and the paths for everyone else stay untouched.
"""

from collections.abc import Callable, Coroutine
from typing import Any

import orjson
from fastapi import Request, Response
from fastapi.routing import APIRoute

from api.auth.identity import Caller
from api.auth.models import Role
from api.privacy import masked

Handler = Callable[[Request], Coroutine[Any, Any, Response]]


def _redacted(resource_type: str, body: Any) -> Any:
    if isinstance(body, dict) and isinstance(body.get("items"), list):
        return {**body, "items": [_redacted(resource_type, item) for item in body["items"]]}
    if isinstance(body, dict):
        return masked(resource_type, body, None)
    return body


def redacting(resource_type: str) -> type[APIRoute]:
    class RedactingRoute(APIRoute):
        def get_route_handler(self) -> Handler:
            handler = super().get_route_handler()

            async def handle(request: Request) -> Response:
                response = await handler(request)
                caller: Caller | None = getattr(request.state, "caller", None)
                if (caller is None or caller.role != Role.VIEWER
                        or response.media_type != "application/json"):
                    return response
                body = _redacted(resource_type, orjson.loads(response.body))
                headers = {key: value for key, value in response.headers.items()
                           if key.lower() != "content-length"}
                return Response(orjson.dumps(body), response.status_code, headers=headers,
                                media_type="application/json")
            return handle
    RedactingRoute.__name__ = f"Redacting{resource_type.title().replace('-', '')}Route"
    return RedactingRoute
