"""HTTP route of /v1/records/{recordId}/pseudonymise: names in a record's text become stable
codes, as a preview (a copy to share) or stored with the coded segments moved along."""

from dataclasses import dataclass
from typing import Annotated

from fastapi import APIRouter, Depends, Header, Response
from pydantic import Field, StringConstraints, field_validator
from sqlmodel import Session

from api.auth.rules import WRITE_RECORDS, require
from api.config import get_settings
from api.db import SessionDep
from api.errors import FieldError, InvalidInput
from api.qualitative import records, segments
from api.qualitative.models import RECORD_TEXT_MAX, QualitativeRecord
from api.qualitative.pseudonyms import Pseudonymised, pseudonymise
from api.qualitative.record_routes import RecordDep
from api.wire import ApiModel, check_if_match, set_etag

MAX_NAMES = 200
TITLE_MAX, AUTHOR_MAX = 300, 200  # as QualitativeRecord's fields
# All names together: the matching time grows with the words of the longest name, and a
# list of this length holds hundreds of ordinary names.
MAX_NAME_CHARACTERS = 5_000

router = APIRouter(prefix="/v1/records", tags=["records"],
                   dependencies=[Depends(require(WRITE_RECORDS))])
IfMatch = Annotated[str | None, Header(description="ETag of the version you edited")]
Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=2, max_length=200)]


class PseudonymiseRequest(ApiModel):
    names: list[Name] = Field(min_length=1, max_length=MAX_NAMES,
                              description="Names to replace: whole words, ignoring case")
    apply: bool = Field(False, description="Store the new text (else: a preview only)")

    @field_validator("names")
    @classmethod
    def _not_too_long_together(cls, names: list[str]) -> list[str]:
        if sum(map(len, names)) > MAX_NAME_CHARACTERS:
            raise ValueError(f"De namen samen mogen hoogstens {MAX_NAME_CHARACTERS:,} tekens "
                             f"hebben. / The names together may have at most "
                             f"{MAX_NAME_CHARACTERS:,} characters.")
        return names


class NameReplaced(ApiModel):
    name: str
    code: str = Field(description="What replaces the name, e.g. [Naam 7Q2MK]")
    count: int = Field(description="Occurrences replaced; 0 when the name was not found")


class Pseudonymisation(ApiModel):
    text: str
    title: str = Field(description="The title, names replaced as in the text")
    author: str = Field(description="The author, names replaced as in the text")
    replacements: list[NameReplaced] = Field(
        description="Per name its code and occurrences in the text, title and author")
    segments: int = Field(description="Coded segments of the record, all kept")
    applied: bool = Field(description="Whether the record was stored: its names replaced, or "
                                      "(none found) marked as pseudonymised all the same")


@dataclass(frozen=True)
class _Record:
    """The record's text, title and author, each pseudonymised."""

    text: Pseudonymised
    title: Pseudonymised
    author: Pseudonymised

    @property
    def changed(self) -> bool:
        return any(part.replacements for part in (self.text, self.title, self.author))

    def counted(self) -> list[NameReplaced]:
        return [NameReplaced(name=name, code=code, count=sum(
            found[2] for found in (title, author)) + count)
            for (name, code, count), title, author in zip(
                self.text.names, self.title.names, self.author.names, strict=True)]


def _too_long(field: str, length: int, most: int) -> FieldError:
    # Short names, many times: codes are longer than the names they replace.
    return FieldError("/names", f"{field}-too-long",
                      f"Met de codes zou {field} {length:,} tekens lang worden; er mogen "
                      f"{most:,}. / With the codes the {field} would be {length:,} "
                      f"characters; at most {most:,} are allowed.")


def _apply(session: Session, record: QualitativeRecord, result: _Record) -> QualitativeRecord:
    """Move the segments and store text, title and author in one commit (record locked)."""
    errors = [_too_long(field, len(value), most) for field, value, most in (
        ("text", result.text.text, RECORD_TEXT_MAX), ("title", result.title.text, TITLE_MAX),
        ("author", result.author.text, AUTHOR_MAX)) if len(value) > most]
    if errors:
        raise InvalidInput(errors)
    segments.move_segments(session, record.id, result.text.new_start, result.text.new_end)
    return records.store_text(session, record, result.text.text, result.title.text,
                              result.author.text)


@router.post("/{recordId}/pseudonymise",
             summary="Replace names in the record's text, title and author by stable codes "
                     "(preview or store)")
def pseudonymise_record(record: RecordDep, data: PseudonymiseRequest, session: SessionDep,
                        response: Response, if_match: IfMatch = None) -> Pseudonymisation:
    if data.apply:
        record = records.lock_record(session, record)
        check_if_match(if_match, record.version)
    key = get_settings().pseudonym_key.get_secret_value().encode()
    result = _Record(*(pseudonymise(part, data.names, key)
                       for part in (record.text, record.title, record.author)))
    kept = segments.count_segments(session, record.id)
    if data.apply and result.changed:
        record = _apply(session, record, result)
    elif data.apply:  # no name found: marked as checked all the same (the book may quote it)
        record = records.store_text(session, record, record.text, record.title, record.author)
    set_etag(response, record.version)
    return Pseudonymisation(text=result.text.text, title=result.title.text,
                            author=result.author.text, segments=kept, applied=data.apply,
                            replacements=result.counted())
