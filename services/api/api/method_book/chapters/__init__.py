"""A chapter of the method book: its numbers (JSON-able, the same as the API's analyses give
for the same parameters) and its HTML fragment, rendered from those numbers alone.

A chapter is built by `build(session, params, as_of) -> Chapter`; `as_of` is the day
durations are counted to (the book's data date: see DataSnapshot.as_of), never the clock."""

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Chapter:
    key: str  # stable, used as the HTML id and the key in the numbers file
    title: str  # in the book's language
    numbers: dict[str, Any]  # JSON-able; sorted keys when written, floats as computed
    html: str  # a fragment: <section id="{key}"> … </section>, no timestamps, no random ids
    sections: list[tuple[str, str]] = field(default_factory=list)  # (id, title) for the TOC
