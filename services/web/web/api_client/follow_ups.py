"""An initiative's follow-ups after its support ended: /v1/initiatives/{id}/follow-ups and
/v1/follow-ups/{id}, as typed results."""

from collections.abc import Mapping
from datetime import date
from typing import Any

from web.api_client import ApiClient
from web.api_client.results import Wire


class FollowUp(Wire):
    id: str
    initiative_id: str
    months_after_support: int
    observed_on: date
    still_running: bool
    stopped_after_months: int | None = None
    residents_in_lead: bool | None = None
    new_people_joined: int | None = None
    note: str | None = ""  # personal data (free text): null for a viewer
    external_ref: str | None = None
    version: int


def _items(body: Any) -> list[Any]:
    """The list as a page ({"items": […]}) or as a bare array."""
    return list(body["items"] if isinstance(body, dict) else body)


async def follow_ups(api: ApiClient, initiative_id: str) -> tuple[FollowUp, ...]:
    """All of them, by month after support (an initiative has a handful at most)."""
    response = await api._send("GET", f"/v1/initiatives/{initiative_id}/follow-ups",
                               params=[("pageSize", 100)])
    found = [FollowUp.model_validate(item) for item in _items(response.json())]
    return tuple(sorted(found, key=lambda item: item.months_after_support))


async def follow_up(api: ApiClient, follow_up_id: str) -> FollowUp:
    response = await api._send("GET", f"/v1/follow-ups/{follow_up_id}")
    return FollowUp.model_validate_json(response.content)


async def create_follow_up(api: ApiClient, initiative_id: str,
                           body: Mapping[str, object]) -> FollowUp:
    response = await api._send("POST", f"/v1/initiatives/{initiative_id}/follow-ups",
                               body=dict(body))
    return FollowUp.model_validate_json(response.content)


async def update_follow_up(api: ApiClient, follow_up_id: str, body: Mapping[str, object],
                           version: str) -> FollowUp:
    response = await api._send("PATCH", f"/v1/follow-ups/{follow_up_id}", body=dict(body),
                               headers={"If-Match": f'"{version}"'})
    return FollowUp.model_validate_json(response.content)


async def delete_follow_up(api: ApiClient, follow_up_id: str, version: str) -> None:
    await api._send("DELETE", f"/v1/follow-ups/{follow_up_id}",
                    headers={"If-Match": f'"{version}"'})
