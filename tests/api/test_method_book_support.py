"""The method book's 'Ondersteuning die ertoe doet' chapter: its effects per support style
and hours band are those GET /v1/analysis/support answers, its durability those of
/support and /durability, for the same filters; the same inputs give the same HTML, and the
Kaplan–Meier plot is well-formed SVG that tells the styles apart without colour."""

from datetime import date
from typing import Any

import pytest
from defusedxml import ElementTree
from sqlmodel import Session
from starlette.testclient import TestClient

from api.method_book.chapters import support
from api.method_book.parameters import BookParameters
from tests.api.method_book_world import SVG, build_world, check_figures, get

# The world is built today: its data date's day, and the day the endpoints count to.
TODAY = date.today()


@pytest.fixture
def world(session: Session) -> None:
    build_world(session)


def _by(items: list[dict[str, Any]], name: str) -> dict[str, Any]:
    return next(item for item in items if item["by"] == name)


def _assert_as_the_endpoints(client: TestClient, numbers: dict[str, Any],
                             filters: dict[str, str]) -> None:
    report = get(client, "/v1/analysis/support", **filters)
    assert (numbers["method"], numbers["test"], numbers["level"]) == ("REML", "z", 95)
    assert numbers["effects"]["k"] == report["effects"]["k"]
    assert [grouping["by"] for grouping in numbers["effects"]["groupings"]] == [
        "supportStyle", "supportHours"]
    for grouping in numbers["effects"]["groupings"]:
        theirs = _by(report["effects"]["groupings"], grouping["by"])
        assert grouping["groups"] == [
            {key: group[key] for key in ("label", "k", "estimate", "ciLb", "ciUb", "note")}
            for group in theirs["groups"]]
        assert grouping["testP"] == (theirs["test"]["p"] if theirs["test"] else None)
        assert grouping["note"] == theirs["note"]
    mine, durability = numbers["durability"], report["durability"]
    assert (mine["n"], mine["events"], mine["leftOut"]) == (
        durability["n"], durability["events"], durability["leftOut"])
    theirs = _by(durability["groupings"], "supportStyle")
    assert mine["groups"] == [
        {key: group[key] for key in ("label", "n", "events", "survival12", "survival24",
                                     "median")} for group in theirs["groups"]]
    assert mine["logRank"] == theirs["logRank"] and mine["logRankNote"] == theirs["note"]
    curves = get(client, "/v1/analysis/durability", by="supportStyle", **filters)
    assert (mine["n"], mine["events"], mine["leftOut"]) == (
        curves["n"], curves["events"], curves["leftOut"])
    assert [(group["label"], group["n"], group["events"], group["median"])
            for group in mine["groups"]] == [
        (group["label"], group["n"], group["events"], group["median"])
        for group in curves["groups"]]
    assert mine["logRank"] == curves["logRank"]


@pytest.mark.usefixtures("world")
def test_the_numbers_are_those_of_the_support_and_durability_analyses(
    client: TestClient, session: Session,
) -> None:
    chapter = support.build(session, BookParameters(), TODAY)
    assert chapter.key == "ondersteuning" and chapter.numbers["effects"]["k"] == 20
    durability = chapter.numbers["durability"]
    assert durability["n"] == 20 and durability["logRank"] is not None
    assert [group["label"] for group in durability["groups"]] == [
        "faciliterend", "overnemend", "stimulerend"]
    hours = chapter.numbers["effects"]["groupings"][1]["groups"]
    assert [group["label"] for group in hours] == ["1-39", "40-149", "150+"]
    _assert_as_the_endpoints(client, chapter.numbers, {})
    assert [section for section, _ in chapter.sections] == [
        "ondersteuning-supportStyle", "ondersteuning-supportHours", "ondersteuning-durability"]


@pytest.mark.usefixtures("world")
def test_a_stadsdeel_narrows_the_numbers_as_the_area_filter_does(client: TestClient,
                                                                  session: Session) -> None:
    city = support.build(session, BookParameters(), TODAY).numbers
    west = support.build(session, BookParameters(stadsdeel="F"), TODAY).numbers
    centrum = support.build(session, BookParameters(stadsdeel="A"), TODAY).numbers
    assert (west["durability"]["n"], centrum["durability"]["n"]) == (12, 8)
    assert (west["durability"]["leftOut"], centrum["durability"]["leftOut"]) == (0, 0)
    assert west["durability"]["logRank"] != city["durability"]["logRank"]
    _assert_as_the_endpoints(client, west, {"area": "F"})
    _assert_as_the_endpoints(client, centrum, {"area": "A"})


@pytest.mark.usefixtures("world")
def test_the_same_inputs_give_the_same_html(session: Session) -> None:
    first = support.build(session, BookParameters(), TODAY)
    again = support.build(session, BookParameters(), TODAY)
    assert first.html.encode() == again.html.encode() and first.numbers == again.numbers
    english = support.build(session, BookParameters(language="en"), TODAY)
    assert english.numbers == first.numbers and english.title == "Support that matters"
    share = first.numbers["durability"]["groups"][0]["survival12"]
    assert f"<td>{share:.2f}</td>".replace(".", ",") in first.html
    assert f"<td>{share:.2f}</td>" in english.html
    assert "facilitating" in english.html and "faciliterend" in first.html


@pytest.mark.usefixtures("world")
def test_the_survival_plot_tells_the_styles_apart_by_dashes_and_labels(
    session: Session,
) -> None:
    chapter = support.build(session, BookParameters(), TODAY)
    assert check_figures(chapter.html) == 1
    [figure] = SVG.findall(chapter.html)
    root = ElementTree.fromstring(figure)
    paths = root.findall("{http://www.w3.org/2000/svg}path")[1:]  # after the axes
    assert len(paths) == 3
    assert len({path.get("stroke-dasharray") for path in paths}) == 3
    assert {path.get("stroke") for path in paths} == {"#000"}
    labels = {text.text for text in root.findall("{http://www.w3.org/2000/svg}text")}
    assert {"faciliterend", "overnemend", "stimulerend"} <= labels


def test_an_empty_world_gives_a_chapter_without_numbers(session: Session) -> None:
    chapter = support.build(session, BookParameters(language="en"), TODAY)
    assert chapter.numbers["effects"]["k"] == 0 and chapter.numbers["durability"]["n"] == 0
    assert chapter.numbers["durability"]["groups"] == []
    assert check_figures(chapter.html) == 1
