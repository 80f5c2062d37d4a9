"""The whole book: every chapter computed, then one HTML document with a table of contents,
the chapters and the method appendix; and the numbers of every chapter, by key."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from markupsafe import Markup
from sqlmodel import Session

from api.method_book.areas import find_stadsdeel
from api.method_book.chapters import Chapter, appendix, effects, initiatives, support
from api.method_book.data_hash import DataSnapshot, snapshot
from api.method_book.parameters import BookParameters
from api.method_book.render import render_fragment

# The chapters in the order of the book; the method appendix closes it.
CHAPTERS: tuple[Callable[[Session, BookParameters, date], Chapter], ...] = (
    initiatives.build, effects.build, support.build)
TITLE = {"nl": "Methodiekboek Buurtkracht", "en": "Buurtkracht method book"}


@dataclass(frozen=True)
class Book:
    html: str
    numbers: dict[str, Any]
    data: DataSnapshot


def _scope_name(session: Session, params: BookParameters) -> str:
    """Whose book it is, in words: the stadsdeel's name or the whole city."""
    if params.stadsdeel is None:
        return "Amsterdam"
    found = find_stadsdeel(session, params.stadsdeel)
    return found.name if found else params.stadsdeel


def write_book(session: Session, params: BookParameters) -> Book:
    """Compute and render the book from the data as they are now (one read of the data:
    the caller holds the session in one snapshot, see job.run_book). Durations are counted
    to the data date's day, never the clock's."""
    data = snapshot(session, params)
    chapters = [build(session, params, data.as_of) for build in CHAPTERS]
    chapters.append(appendix.build(params, data))
    title = f"{TITLE[params.language]} — {_scope_name(session, params)}"
    html = render_fragment(
        "book.html", params.language, title=title, params=params.canonical(),
        chapters=[(chapter, Markup(chapter.html)) for chapter in chapters])  # noqa: S704
    numbers = {"parameters": params.canonical(), "dataHash": data.data_hash,
               "chapters": {chapter.key: chapter.numbers for chapter in chapters}}
    return Book(html=html, numbers=numbers, data=data)
