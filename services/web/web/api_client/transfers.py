"""Files to and from the API: uploads (multipart) and downloads (exports, templates, field
lists), with the signed-in person's token like every other call.

They get a timeout of their own: a 20 MB upload or an export of every table takes longer
than any page's data, and is no sign of a hung API.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import httpx2

from web.api_client import ApiClient, _authorized, raise_for_problem
from web.api_client.problems import unavailable

TRANSFER_TIMEOUT = httpx2.Timeout(120.0, connect=2.0, pool=5.0)
# What a file download passes on to the browser, as the API sent it. (Not its Link
# header: that names an API address, which means nothing in the browser.)
PASSED_ON = ("content-type", "content-disposition")


@dataclass(frozen=True)
class Download:
    content: bytes
    headers: Mapping[str, str]


async def transfer(api: ApiClient, method: str, path: str, *,
                   params: Sequence[tuple[str, str]] = (), files: Any = None,
                   data: Mapping[str, str] | None = None) -> httpx2.Response:
    """One call without a second try: an upload is not sent twice, and a download that
    failed on the way is better asked for again by the person."""
    try:
        response = await api.http.request(method, path, params=list(params), files=files,
                                          data=data, headers=_authorized({"Accept": "*/*"}),
                                          timeout=TRANSFER_TIMEOUT)
    except httpx2.TransportError as error:
        raise unavailable(error) from error
    raise_for_problem(response)
    return response


async def download(api: ApiClient, path: str,
                   params: Sequence[tuple[str, str]] = ()) -> Download:
    response = await transfer(api, "GET", path, params=params)
    kept = {name: response.headers[name] for name in PASSED_ON if name in response.headers}
    return Download(response.content, kept)
