"""What a page offers the signed-in person: links to what the API would refuse are not
shown, and such a form answers 403 before it is filled in. The API still decides every
write; this only spares people a form they cannot send."""

from fastapi import HTTPException, Request

from web.api_client import Initiative
from web.api_client.area_index import area_index
from web.templating import api_of


async def stadsdeel_of(request: Request, initiative: Initiative) -> str:
    """The stadsdeel code of the initiative's current (2022) buurt: the first letter of the
    buurt's code, as the API reckons it."""
    index = await area_index(api_of(request))
    buurt = index.by_id.get(initiative.current_buurt_id)
    return buurt.code[:1] if buurt else ""


def insist(allowed: bool) -> None:
    """The 403 page (an alert for htmx) when the person may not do this."""
    if not allowed:
        raise HTTPException(403)
