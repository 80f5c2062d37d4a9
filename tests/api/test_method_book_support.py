"""The method book's 'Ondersteuning die ertoe doet' chapter: its effects per kind of
support, professional role, support style, hours band and (research books only) competence
band are those GET /v1/analysis/support answers, its durability those of /support and
/durability, for the same filters; the same inputs give the same HTML, and the Kaplan–Meier
plot is well-formed SVG that tells the styles apart without colour."""

from datetime import date
from typing import Any

import pytest
from defusedxml import ElementTree
from sqlmodel import Session, select
from starlette.testclient import TestClient

from api.method_book.chapters import support
from api.method_book.parameters import BookParameters
from api.professionals.models import Professional
from tests.api.method_book_world import SVG, build_world, check_figures, get
from tests.api.survival_builders import assess

# The world is built today: its data date's day, and the day the endpoints count to.
TODAY = date.today()
GROUPINGS = ("supportKind", "professionalRole", "supportStyle", "supportHours")


@pytest.fixture
def world(session: Session) -> None:
    build_world(session)
    # The participatiemakelaar of the odd initiatives judged 4 of 5 by a peer (0.75, mastery);
    # the opbouwwerker not assessed: two competence bands.
    makelaar = session.exec(select(Professional.id).where(
        Professional.role == "participatiemakelaar")).one()
    assess(session, makelaar, [("C1", "peer", date(2020, 1, 1), 4)])
    session.commit()


def _by(items: list[dict[str, Any]], name: str) -> dict[str, Any]:
    return next(item for item in items if item["by"] == name)


def _assert_as_the_endpoints(client: TestClient, numbers: dict[str, Any],
                             filters: dict[str, str],
                             expected: tuple[str, ...] = (*GROUPINGS, "competence")
                             ) -> None:
    report = get(client, "/v1/analysis/support", **filters)
    assert (numbers["method"], numbers["test"], numbers["level"]) == ("REML", "z", 95)
    assert numbers["effects"]["k"] == report["effects"]["k"]
    assert [grouping["by"] for grouping in numbers["effects"]["groupings"]] == list(expected)
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
    groupings = {grouping["by"]: grouping for grouping in chapter.numbers["effects"]["groupings"]}
    assert [group["label"] for group in groupings["supportHours"]["groups"]] == [
        "1-39", "40-149", "150+"]
    assert [(group["label"], group["k"]) for group in groupings["professionalRole"]["groups"]
            ] == [("opbouwwerker", 10), ("participatiemakelaar", 10)]
    assert [(group["label"], group["k"]) for group in groupings["competence"]["groups"]] == [
        ("0.75-1", 10), ("onbekend", 10)]
    assert groupings["supportKind"]["testP"] is None  # kinds overlap: no test
    _assert_as_the_endpoints(client, chapter.numbers, {})
    assert [section for section, _ in chapter.sections] == [
        *(f"ondersteuning-{by}" for by in (*GROUPINGS, "competence")), "ondersteuning-durability"]


@pytest.mark.usefixtures("world")
def test_a_book_for_everyone_does_not_group_by_competence(client: TestClient,
                                                          session: Session) -> None:
    """Competence comes from assessments (personal data): a research book only."""
    chapter = support.build(session, BookParameters(audience="everyone"), TODAY)
    _assert_as_the_endpoints(client, chapter.numbers, {}, GROUPINGS)
    assert "ondersteuning-competence" not in chapter.html
    research = support.build(session, BookParameters(), TODAY)
    assert 'id="ondersteuning-competence"' in research.html and "0,75 of hoger" in research.html


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
    assert "Participation broker" in english.html and "Participatiemakelaar" in first.html
    assert "Connecting and networking" in english.html and "Verbinden en netwerken" in first.html


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


def test_a_new_assessment_changes_a_research_books_hash_not_an_everyone_books(
        world: None, session: Session) -> None:
    """Competence comes from assessments: a research book's hash covers them."""
    from api.method_book.book import write_book

    makelaar = session.exec(select(Professional.id).where(
        Professional.role == "participatiemakelaar")).one()
    research, everyone = BookParameters(), BookParameters(audience="everyone")
    before = (write_book(session, research), write_book(session, everyone))
    assess(session, makelaar, [("C9", "peer", date(2021, 1, 1), 1)])
    session.commit()
    after = (write_book(session, research), write_book(session, everyone))
    assert before[0].html != after[0].html  # the competence groups moved
    assert before[0].data.data_hash != after[0].data.data_hash
    assert before[1].data.data_hash == after[1].data.data_hash
    assert before[1].html == after[1].html
