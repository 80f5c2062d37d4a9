"""The id of the request being handled, for log lines and for the calls it makes onward."""

import re
import uuid
from contextvars import ContextVar

HEADER = "X-Request-ID"
# What a caller may choose: short, and nothing that could break a log line or a header.
VALID_ID = re.compile(r"[A-Za-z0-9._-]{1,64}")

request_id: ContextVar[str | None] = ContextVar("request_id", default=None)


def accepted_or_new(incoming: str | None) -> str:
    """The caller's id when it is a valid one (so one id follows a request from the load
    balancer through the web to the API), otherwise a new one."""
    if incoming is not None and VALID_ID.fullmatch(incoming):
        return incoming
    return uuid.uuid4().hex
