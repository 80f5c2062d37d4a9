"""HTML forms to API bodies and back: typed values kept as typed, errors put at their field.

Form fields carry the API's own names (`startDate`), so an error's JSON pointer names its
field; outcome-measure rows are `measures-<row>-<name>`.
"""

from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from typing import Any

from starlette.datastructures import FormData, UploadFile

from web.api_client import InvalidInput, in_language

# What a form shows: one string per field, a list for a group of checkboxes.
Values = dict[str, str | list[str]]
TRUTH = {"": None, "true": True, "false": False}
MAX_PAGE = 1_000_000


def whole_number(value: str, max_digits: int = 9) -> int | None:
    """A whole number typed as ASCII digits only, or None. Not `str.isdigit()` alone: that
    is true for "²" or "①", which int() refuses (a 500 from a typed address)."""
    if value.isascii() and value.isdigit() and len(value) <= max_digits:
        return int(value)
    return None


def page_number(value: str) -> int:
    """A page from the address: 1 unless a positive whole number, at most MAX_PAGE."""
    found = whole_number(value.strip())
    return min(found, MAX_PAGE) if found else 1


def chosen_file(form: FormData, name: str = "file") -> UploadFile | None:
    """The file, if one was chosen: a browser sends an empty part for an empty input."""
    found = form.get(name)
    return found if isinstance(found, UploadFile) and found.filename else None


def read_values(form: FormData, scalars: Iterable[str], lists: Iterable[str] = ()) -> Values:
    """The named fields as typed; a field that was not sent is empty."""
    values: Values = {name: str(form.get(name) or "").strip() for name in scalars}
    values.update({name: [str(value) for value in form.getlist(name)] for name in lists})
    return values


def as_text(value: Any) -> str | list[str]:
    """A value of the API's JSON as a form shows it."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | tuple):
        return [str(item) for item in value]
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def body_of(values: Mapping[str, str | list[str]], *, booleans: Iterable[str] = (),
            never_null: Iterable[str] = (), keep_empty: bool = False) -> dict[str, object]:
    """An API body from typed values. Numbers and dates go as typed: the API parses and
    judges them, so its message is the one shown. An empty field is null (or left out
    when `keep_empty` is false, as a new resource wants); `never_null` fields are ""."""
    flags, texts = set(booleans), set(never_null)
    body: dict[str, object] = {}
    for name, value in values.items():
        found: object = value
        if name in flags:
            found = TRUTH.get(str(value))
        elif isinstance(value, str) and not value:
            found = "" if name in texts else None
        if found is not None or keep_empty:
            body[name] = found
    return body


def field_of(pointer: str, rows: Sequence[int] = ()) -> str:
    """The form field a JSON pointer names: /title → title, /themes/0 → themes,
    /outcomeMeasures/1/sdPre → measures-<row of the second measure>-sdPre."""
    parts = pointer.strip("/").split("/")
    index = whole_number(parts[1]) if len(parts) >= 3 else None
    if parts[0] == "outcomeMeasures" and index is not None:
        row = rows[index] if index < len(rows) else index
        return f"measures-{row}-{parts[2]}"
    return parts[0]


def errors_of(error: InvalidInput, lang: str, rows: Sequence[int] = ()) -> dict[str, str]:
    """One message per form field, in the page's language; the first one wins."""
    found: dict[str, str] = {}
    for pointer, message in error.errors.items():
        found.setdefault(field_of(pointer, rows), in_language(message, lang))
    if not found:
        found[""] = in_language(error.detail, lang)
    return found
