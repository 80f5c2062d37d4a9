"""The codebook (/v1/codes) as the codebook pages read and write it: the tree, one code, its
segments across records and its co-occurrence, and the REFI-QDA codebook file."""

from collections.abc import Mapping
from typing import BinaryIO

from web.api_client import ApiClient, if_match
from web.api_client.professional_pages import API_PAGE_SIZE, Paged
from web.api_client.results import Wire
from web.api_client.transfers import Download, download, transfer

PATH = "/v1/codes"
# A codebook holds at most a few thousand codes (the API imports 5,000 per file at most).
MAX_CODE_PAGES = 60


class Code(Wire):
    """One code, where it hangs: depth 0 at the top, `path` the names from the top down."""

    id: str
    parent_id: str | None = None
    name: str
    definition: str = ""
    example: str = ""
    position: int = 0
    depth: int = 0
    path: tuple[str, ...] = ()
    version: int = 0


class CodeSegment(Wire):
    """A coded stretch of a record's text, quoted; the quote is record text (personal data)."""

    id: str
    record_id: str
    record_title: str
    code_id: str
    coder_id: str
    coder_label: str
    start: int
    end: int
    quote: str


class CoOccurrence(Wire):
    code_a: str
    code_b: str
    records: int


class Imported(Wire):
    """What an import of a codebook file did."""

    created: int
    updated: int
    unchanged: int


async def list_codes(api: ApiClient) -> tuple[Code, ...]:
    """The whole codebook, depth-first: each code before its subcodes."""
    found: list[Code] = []
    for number in range(1, MAX_CODE_PAGES + 1):
        params = [("page", str(number)), ("pageSize", str(API_PAGE_SIZE))]
        response = await api._send("GET", PATH, params=params)
        page = Paged[Code].model_validate_json(response.content)
        found.extend(page.items)
        if number >= page.pages:
            break
    return tuple(found)


async def get_code(api: ApiClient, code_id: str) -> Code:
    return Code.model_validate_json((await api._send("GET", f"{PATH}/{code_id}")).content)


async def create_code(api: ApiClient, body: Mapping[str, object]) -> Code:
    response = await api._send("POST", PATH, body=dict(body))
    return Code.model_validate_json(response.content)


async def update_code(api: ApiClient, code_id: str, body: Mapping[str, object],
                      version: str) -> Code:
    """A `parentId` in the body moves the code with its subcodes (null: to the top)."""
    response = await api._send("PATCH", f"{PATH}/{code_id}", body=dict(body),
                               headers=if_match(version))
    return Code.model_validate_json(response.content)


async def delete_code(api: ApiClient, code_id: str, version: str) -> None:
    """Deletes the code and its subcodes; a Conflict while any of them codes a segment."""
    await api._send("DELETE", f"{PATH}/{code_id}", headers=if_match(version))


async def code_segments(api: ApiClient, code_id: str, descendants: bool,
                        limit: int) -> tuple[tuple[CodeSegment, ...], int]:
    """The code's segments across records (with its subcodes' when `descendants`), by
    record title: the first `limit` of them, and how many there are."""
    found: list[CodeSegment] = []
    total = 0
    for number in range(1, MAX_CODE_PAGES + 1):
        params = [("descendants", "true" if descendants else "false"), ("page", str(number)),
                  ("pageSize", str(API_PAGE_SIZE))]
        response = await api._send("GET", f"{PATH}/{code_id}/segments", params=params)
        page = Paged[CodeSegment].model_validate_json(response.content)
        found.extend(page.items)
        total = page.total
        if number >= page.pages or len(found) >= limit:
            break
    return tuple(found[:limit]), total


async def co_occurrence(api: ApiClient) -> tuple[CoOccurrence, ...]:
    """Per pair of codes the records where segments of both overlap, the most first."""
    response = await api._send("GET", f"{PATH}/co-occurrence")
    return tuple(CoOccurrence.model_validate(item) for item in response.json())


async def export_codebook(api: ApiClient) -> Download:
    """The codebook as a REFI-QDA codebook file (.qdc), as the API names it."""
    return await download(api, f"{PATH}/export")


async def import_codebook(api: ApiClient, name: str, file: BinaryIO) -> Imported:
    """Merges a .qdc file by guid, all or nothing: InvalidInput at `file` when it is broken."""
    files = {"file": (name, file, "application/xml")}
    response = await transfer(api, "POST", f"{PATH}/import", files=files)
    return Imported.model_validate_json(response.content)

