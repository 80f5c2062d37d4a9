"""What the professionals tests share: an area they serve and listing names."""

from starlette.testclient import TestClient

from api.areas.models import AreaType, area_id

STADSDEEL_F = area_id(None, AreaType.STADSDEEL, "F")


def names(client: TestClient, query: str) -> list[str]:
    response = client.get(f"/v1/professionals?{query}")
    assert response.status_code == 200, response.text
    return [item["name"] for item in response.json()["items"]]
