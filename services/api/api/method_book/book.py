"""The whole book: every chapter computed, then one HTML document with a table of contents,
the chapters and the method appendix; and the numbers of every chapter, by key."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from markupsafe import Markup
from sqlmodel import Session

from api.analyses.effects import service as effects_service
from api.method_book.areas import find_stadsdeel
from api.method_book.chapters import (
    Chapter,
    appendix,
    effects,
    initiatives,
    recommendations,
    success_factors,
    support,
    voices,
)
from api.method_book.data_hash import DataSnapshot, snapshot
from api.method_book.parameters import BookParameters
from api.method_book.render import render_fragment

Builder = Callable[[Session, BookParameters, date], Chapter]
# The chapters from the data, in the order of the book; the voices (quotes of research
# records) only in a research book. Then the recommendations, from these chapters' numbers
# alone, and the method appendix.
CHAPTERS: tuple[Builder, ...] = (
    initiatives.build, effects.build, success_factors.build, support.build)
RESEARCH_ONLY: tuple[Builder, ...] = (voices.build,)
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
    builders = [*CHAPTERS, *(RESEARCH_ONLY if params.for_research else ())]
    session.info[effects_service.POOLS] = {}  # one snapshot: the effects gathered once
    try:
        chapters = [build(session, params, data.as_of) for build in builders]
    finally:
        session.info.pop(effects_service.POOLS, None)
    chapters.append(recommendations.build(
        params, {chapter.key: chapter.numbers for chapter in chapters}))
    chapters.append(appendix.build(params, data))
    title = f"{TITLE[params.language]} — {_scope_name(session, params)}"
    html = render_fragment(
        "book.html", params.language, title=title, params=params.canonical(),
        chapters=[(chapter, Markup(chapter.html)) for chapter in chapters])  # noqa: S704
    numbers = {"parameters": params.canonical(), "dataHash": data.data_hash,
               "chapters": {chapter.key: chapter.numbers for chapter in chapters}}
    return Book(html=html, numbers=numbers, data=data)
