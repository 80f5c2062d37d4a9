"""An initiative's history: the audit trail's events of the initiative and of its support
episodes, evaluations and outcome measures, newest first (GET /v1/audit-events?initiative=)."""

from datetime import datetime
from typing import Any

from pydantic import Field

from web.api_client import ApiClient
from web.api_client.results import PageLinks, Wire

# How the trail shows a personal value: that it changed, never what it said (api/privacy.py).
HIDDEN = "[persoonsgegeven]"
CREATE, UPDATE, DELETE = "create", "update", "delete"
PAGE_SIZE = 25


class Change(Wire):
    before: Any = None
    after: Any = None


class AuditEvent(Wire):
    id: str
    occurred_at: datetime
    actor_kind: str
    actor_label: str  # a username, token:<name>, or system
    actor_name: str | None = None  # the account's display name; none for tokens
    action: str
    resource_type: str
    resource_id: str
    changes: dict[str, Change] = Field(default_factory=dict)


class AuditPage(Wire):
    items: tuple[AuditEvent, ...]
    page: int
    page_size: int
    total: int
    links: PageLinks = Field(alias="_links")

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.page_size))


async def initiative_history(api: ApiClient, initiative_id: str, page: int = 1) -> AuditPage:
    params = [("initiative", initiative_id), ("page", page), ("pageSize", PAGE_SIZE)]
    response = await api._send("GET", "/v1/audit-events", params=params)
    return AuditPage.model_validate_json(response.content)
