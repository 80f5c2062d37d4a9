"""Writing parsed rows: a new reference creates a record, a known one updates what differs
(with its audit event), an equal row changes nothing. Every refusal becomes a report line at
the row and column it concerns; the caller decides whether anything is kept."""

import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError
from sqlmodel import Session

from api.auth.identity import Caller
from api.auth.rules import check_initiative_scope, check_scope
from api.errors import ApiError, FieldError, InvalidInput
from api.imports.bulk import NewInitiative, create_initiatives
from api.imports.parse import PROGRESS_EVERY, Parsed, ParsedRow
from api.imports.payloads import COLUMN_NAMES, Lookups, blank_texts, payload
from api.imports.targets import Target
from api.initiatives.models import InitiativeCreate
from api.tabular.problems import Problem
from api.validation_messages import bilingual


@dataclass
class Outcome:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    removed: int = 0  # outcome measures replaced by those in the file
    problems: list[Problem] = field(default_factory=list)
    notes: list[Problem] = field(default_factory=list)


def write_rows(session: Session, target: Target, parsed: Parsed, lookups: Lookups,
               caller: Caller, progress: Callable[[int], None], outcome: Outcome) -> Outcome:
    """Write the rows, adding to `outcome` (which may hold problems found before)."""
    known = lookups.references.setdefault(target.table.resource, {})
    new: list[NewInitiative] | None = [] if target.table.resource == "initiatives" else None
    snapshots = target.snapshots(session, list(known.values()))
    blank = blank_texts(target.create_model)
    for index, row in enumerate(parsed.rows, start=1):
        built = payload(row, lookups, blank)
        outcome.notes += built.notes
        if built.problems:
            outcome.problems += built.problems
        else:
            try:
                _write_row(session, target, row, built.body, (known, snapshots), caller,
                           outcome, new)
            except (ValidationError, ApiError) as error:
                session.rollback()  # the refused row's half-made changes go (its savepoint)
                outcome.problems += refusal_problems(row, error)
        if index % PROGRESS_EVERY == 0:
            progress(index)
    if new:
        _create_new(session, new, caller, outcome)
    return outcome


def _create_new(session: Session, new: list[NewInitiative], caller: Caller,
                outcome: Outcome) -> None:
    """Check every new initiative (also when other rows failed: the dry run reports all),
    and store them only when nothing failed anywhere."""
    store = not outcome.problems
    try:
        refused = create_initiatives(session, new, caller, store=store)
    except ApiError as error:  # a constraint that failed at the insert (a race)
        outcome.problems.append(Problem("refused", *_split(error.detail)))
        return
    for row, refusal in refused:
        outcome.problems += [from_field_error(row, e) for e in refusal.errors]
    if store and not refused:
        outcome.created += len(new)


def refusal_problems(row: ParsedRow, error: ValidationError | ApiError) -> list[Problem]:
    """A refused row's report lines, at the columns the refusal names."""
    if isinstance(error, ValidationError):
        return [from_validation(row, e) for e in error.errors()]
    if isinstance(error, InvalidInput):
        return [from_field_error(row, e) for e in error.errors]
    return [whole_row(row, error.detail)]


def _write_row(session: Session, target: Target, row: ParsedRow, body: dict[str, Any],
               stored: tuple[dict[str, uuid.UUID], dict[uuid.UUID, Any]], caller: Caller,
               outcome: Outcome, new: list[NewInitiative] | None) -> None:
    """Create or update the row's record; new initiatives are only collected in `new`, to be
    stored together at the end."""
    known, snapshots = stored
    reference = str(row.values["externalRef"])
    existing = known.get(reference)
    _check_scope(session, target, caller, body)
    if existing is None and new is not None:
        new.append(NewInitiative(row, InitiativeCreate.model_validate(body)))
        return
    if existing is None:
        record = target.create(session, target.create_model.model_validate(body))
        known[reference] = record.id
        outcome.created += 1
        return
    before = snapshots.get(existing) or target.public(
        session, target.load(session, existing)).model_dump(mode="json", by_alias=True)
    _check_fixed(target, row, body, before)
    # An empty cell of a field the API fills itself (a support episode's role) leaves it.
    wanted = {key: value for key, value in body.items()
              if key != "externalRef" and key not in target.fixed
              and not (value is None and key in target.defaulted)}
    proposed = target.update_model.model_validate(wanted).model_dump(
        mode="json", by_alias=True, exclude_unset=True)
    changed = [key for key, value in proposed.items() if _same(value) != _same(before.get(key))]
    if not changed:
        outcome.unchanged += 1
        return
    record = target.load(session, existing)
    if "buurtId" in changed:
        check_scope(target.rule, caller, session, [record.current_buurt_id])
    changes = target.update_model.model_validate({key: wanted[key] for key in changed})
    target.update(session, record, changes, None)
    outcome.updated += 1


def _check_scope(session: Session, target: Target, caller: Caller, body: dict[str, Any]) -> None:
    """An editor writes only in their own stadsdelen, as through the API."""
    if "buurtId" in body:
        check_scope(target.rule, caller, session, [body["buurtId"]])
    if "initiativeId" in body:
        check_initiative_scope(target.rule, caller, session, [body["initiativeId"]])


def _check_fixed(target: Target, row: ParsedRow, body: dict[str, Any],
                 before: dict[str, Any]) -> None:
    for key in target.fixed:
        if key in body and str(body[key]) != str(before.get(key)):
            column = COLUMN_NAMES.get(key, key)
            raise InvalidInput([FieldError(
                f"/{column}", "cannot-move",
                "Een bestaand record kan niet naar een ander initiatief worden verplaatst. / "
                "An existing record cannot be moved to another initiative.")])


def _same(value: Any) -> Any:
    """Lists of codes compare as sets: the order in a cell means nothing."""
    return sorted(map(str, value)) if isinstance(value, list) else value


def _split(text: str) -> tuple[str, str]:
    dutch, _, english = text.partition(" / ")
    return dutch, english or dutch


def from_validation(row: ParsedRow, error: Any) -> Problem:
    location = error.get("loc") or ("",)
    column = COLUMN_NAMES.get(str(location[0]), str(location[0]))
    dutch, english = _split(bilingual(error))
    return row.problem(column, "invalid", dutch, english)


def from_field_error(row: ParsedRow, error: FieldError) -> Problem:
    api_name = error.location.strip("/").split("/")[0]
    dutch, english = _split(error.detail)
    return row.problem(COLUMN_NAMES.get(api_name, api_name), error.code, dutch, english)


def whole_row(row: ParsedRow, detail: str) -> Problem:
    dutch, english = _split(detail)
    return Problem("refused", dutch, english, row=row.number)
