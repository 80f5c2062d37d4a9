"""Log lines: one JSON object per line (containers) or plain text (a developer's console).

The standard library's logging with a small JSON formatter: no dependency, and the fields
are exactly ours (timestamp, level, service, request_id, logger, message and any `extra`).
"""

import json
import logging
import sys
from datetime import UTC, datetime
from typing import Literal

from web.ops.context import request_id

LogFormat = Literal["json", "text"]
HANDLER_NAME = "buurtkracht"
ACCESS_LOGGER = "web.access"
# Attributes every LogRecord has; anything else on a record came in through `extra`.
_STANDARD = frozenset(vars(logging.LogRecord("", 0, "", 0, "", None, None))) | {
    "message", "asctime", "request_id", "service", "taskName",
    "color_message"}  # uvicorn's message again, with terminal colours
_UVICORN = ("uvicorn", "uvicorn.error", "uvicorn.access")
# A line per call to the API: its own access line, under the same request id, says more.
_QUIETER = ("httpx2", "httpcore")


class RequestIdFilter(logging.Filter):
    """Gives every record the request id and the service, also those of other libraries."""

    def __init__(self, service: str) -> None:
        super().__init__()
        self.service = service

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = request_id.get()
        record.service = self.service
        return True


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        line: dict[str, object] = {
            "timestamp": datetime.fromtimestamp(record.created, UTC).isoformat(
                timespec="milliseconds"),
            "level": record.levelname.lower(),
            "service": getattr(record, "service", None),
            "request_id": getattr(record, "request_id", None),
            "logger": record.name,
            "message": record.getMessage(),
        }
        line.update({key: value for key, value in vars(record).items()
                     if key not in _STANDARD and not key.startswith("_")})
        if record.exc_info:
            line["exception"] = self.formatException(record.exc_info)
        return json.dumps(line, default=str, ensure_ascii=False)


class _StdoutHandler(logging.StreamHandler):  # type: ignore[type-arg]
    """Writes to whatever sys.stdout is at the time (test runners swap it)."""

    def emit(self, record: logging.LogRecord) -> None:
        self.stream = sys.stdout
        super().emit(record)


def _level() -> int:
    """uvicorn's --log-level governs ours too (the benchmarks run at `warning`, quietly);
    without uvicorn (tests, scripts): info."""
    return logging.getLogger("uvicorn.error").level or logging.INFO


def configure_logging(service: str, log_format: LogFormat) -> None:
    """Once per process: a handler on the root logger, uvicorn's own lines routed through it
    so that a container's output is one format. Calling it again changes nothing."""
    root = logging.getLogger()
    if any(handler.name == HANDLER_NAME for handler in root.handlers):
        return  # also the other service's: the tests run both in one process
    handler = _StdoutHandler()
    handler.name = HANDLER_NAME
    handler.addFilter(RequestIdFilter(service))
    handler.setFormatter(JsonFormatter() if log_format == "json" else logging.Formatter(
        "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"))
    root.addHandler(handler)
    root.setLevel(_level())
    for name in _QUIETER:
        logging.getLogger(name).setLevel(max(logging.WARNING, root.level))
    if log_format == "json":
        for name in _UVICORN:
            logger = logging.getLogger(name)
            # --no-access-log leaves uvicorn.access without handlers and propagation; a
            # handler reached through propagation would switch its line on again.
            if logger.handlers or logger.propagate:
                logger.handlers = []
                logger.propagate = True
