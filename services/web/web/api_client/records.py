"""Qualitative records (/v1/records) as the record pages read and write them: one page of the
list, one record, its changes, the text of an uploaded file, the full-text search and the
pseudonymisation of names."""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import BinaryIO

from web.api_client import ApiClient, if_match
from web.api_client.professional_pages import Paged
from web.api_client.results import Wire
from web.api_client.transfers import transfer

PATH = "/v1/records"


class RecordSummary(Wire):
    """A record as a list shows it (the list sends the text too; pages do not show it)."""

    id: str
    kind: str
    title: str
    recorded_on: date
    author: str = ""
    initiative_ids: tuple[str, ...] = ()
    professional_ids: tuple[str, ...] = ()


class Record(RecordSummary):
    """One record; `version` goes back with a change (If-Match)."""

    text: str = ""
    external_ref: str | None = None
    version: int
    created_at: datetime
    updated_at: datetime


class UploadedText(Wire):
    """An uploaded file turned into text by the API; nothing stored yet."""

    text: str
    file_name: str
    characters: int


class RecordHit(Wire):
    """A search hit; `snippet` is HTML from the API: escaped text, matches in <mark>."""

    id: str
    title: str
    kind: str
    recorded_on: date
    snippet: str


class Replacement(Wire):
    name: str
    code: str
    count: int


class Pseudonymised(Wire):
    """The text with every name replaced by its stable code; `applied` says if it was kept."""

    text: str
    replacements: tuple[Replacement, ...] = ()
    segments: int = 0
    applied: bool = False


@dataclass(frozen=True)
class RecordQuery:
    kind: str | None = None
    initiative: str | None = None
    page: int = 1
    page_size: int = 20

    def params(self) -> list[tuple[str, str | int]]:
        found: list[tuple[str, str | int]] = [("page", self.page), ("pageSize", self.page_size)]
        found.extend((key, value) for key, value in (("kind", self.kind),
                                                      ("initiative", self.initiative)) if value)
        return found


async def list_records(api: ApiClient, query: RecordQuery) -> Paged[RecordSummary]:
    """One page, the most recently recorded first."""
    response = await api._send("GET", PATH, params=query.params())
    return Paged[RecordSummary].model_validate_json(response.content)


async def get_record(api: ApiClient, record_id: str) -> Record:
    return Record.model_validate_json((await api._send("GET", f"{PATH}/{record_id}")).content)


async def create_record(api: ApiClient, body: Mapping[str, object]) -> Record:
    response = await api._send("POST", PATH, body=dict(body))
    return Record.model_validate_json(response.content)


async def update_record(api: ApiClient, record_id: str, body: Mapping[str, object],
                        version: str) -> Record:
    """A Conflict when the new text cuts through a coded passage; Stale when outdated."""
    response = await api._send("PATCH", f"{PATH}/{record_id}", body=dict(body),
                               headers=if_match(version))
    return Record.model_validate_json(response.content)


async def delete_record(api: ApiClient, record_id: str, version: str) -> None:
    await api._send("DELETE", f"{PATH}/{record_id}", headers=if_match(version))


async def text_of_file(api: ApiClient, name: str, file: BinaryIO,
                       content_type: str | None) -> UploadedText:
    """The text of a .txt or .docx file; InvalidInput (400), or an ApiError with status 413
    or 415 and the API's reason, when it has none to give."""
    files = {"file": (name, file, content_type or "application/octet-stream")}
    response = await transfer(api, "POST", f"{PATH}/text", files=files)
    return UploadedText.model_validate_json(response.content)


async def search_records(api: ApiClient, q: str, page: int,
                         page_size: int = 20) -> Paged[RecordHit]:
    params = [("q", q), ("page", page), ("pageSize", page_size)]
    response = await api._send("GET", f"{PATH}/search", params=params)
    return Paged[RecordHit].model_validate_json(response.content)


async def pseudonymise(api: ApiClient, record_id: str, names: list[str], *,
                       version: str | None = None) -> Pseudonymised:
    """A preview (no `version`), or with the version read: the names replaced for good."""
    body = {"names": names, "apply": version is not None}
    headers = if_match(version) if version is not None else None
    response = await api._send("POST", f"{PATH}/{record_id}/pseudonymise", body=body,
                               headers=headers)
    return Pseudonymised.model_validate_json(response.content)
