"""The method book's 'Wat werkt' chapter: its numbers are those GET /v1/analysis/effects
answers for the same filters, its HTML is the same for the same inputs, and its forest plots
are well-formed SVG."""

import re
from collections import Counter
from datetime import date
from typing import Any

import pytest
from sqlmodel import Session
from starlette.testclient import TestClient

from api.analyses.effects.evidence import ORDER
from api.method_book.chapters import effects
from api.method_book.parameters import BookParameters
from tests.api.method_book_world import build_world, check_figures, get

# The world is built today: its data date's day, and the day the endpoints count to.
TODAY = date.today()

MODEL_KEYS = ("estimate", "ciLb", "ciUb", "piLb", "piUb", "i2", "tau2", "pval")


@pytest.fixture
def world(session: Session) -> None:
    build_world(session)


def _expected_group(group: dict[str, Any]) -> dict[str, Any]:
    model = group["model"] or {}
    levels = Counter(item["evidenceLevel"] for item in group["initiatives"])
    return {"label": group["label"], "k": group["k"], "note": group["note"],
            **{key: model.get(key) for key in MODEL_KEYS}, "evidenceLevels": dict(levels)}


def _assert_as_the_endpoint(client: TestClient, numbers: dict[str, Any],
                            filters: dict[str, str]) -> None:
    assert (numbers["method"], numbers["test"], numbers["level"]) == ("REML", "z", 95)
    plain = get(client, "/v1/analysis/effects", **filters)
    assert numbers["overall"] == _expected_group(plain["overall"])
    assert numbers["evidenceLevels"] == plain["evidenceLevels"]
    assert [grouping["by"] for grouping in numbers["groupings"]] == [
        "organisationForm", "supportStyle", "makelaarInvolved", "residentInitiated"]
    for grouping in numbers["groupings"]:
        report = get(client, "/v1/analysis/effects", groupBy=grouping["by"], **filters)
        assert grouping["groups"] == [_expected_group(group) for group in report["groups"]]
        test = report["subgroupTest"]
        assert grouping["subgroupP"] == (test["commonTau2"]["qmP"] if test else None)
        assert grouping["subgroupNote"] == report["subgroupNote"]


@pytest.mark.usefixtures("world")
def test_the_numbers_are_those_of_the_effects_analysis(client: TestClient,
                                                       session: Session) -> None:
    chapter = effects.build(session, BookParameters(), TODAY)
    assert chapter.key == "wat-werkt" and chapter.title == "Wat werkt"
    assert chapter.numbers["overall"]["k"] == 20
    assert {group["label"] for group in chapter.numbers["groupings"][1]["groups"]} == {
        "faciliterend", "overnemend", "stimulerend"}
    _assert_as_the_endpoint(client, chapter.numbers, {})
    assert [section for section, _ in chapter.sections] == [
        "wat-werkt-organisationForm", "wat-werkt-supportStyle", "wat-werkt-makelaarInvolved",
        "wat-werkt-residentInitiated"]
    for section, _ in chapter.sections:
        assert f'<section id="{section}">' in chapter.html


@pytest.mark.usefixtures("world")
def test_a_stadsdeel_narrows_the_numbers_as_the_area_filter_does(client: TestClient,
                                                                  session: Session) -> None:
    city = effects.build(session, BookParameters(), TODAY).numbers
    west = effects.build(session, BookParameters(stadsdeel="F"), TODAY).numbers
    centrum = effects.build(session, BookParameters(stadsdeel="A"), TODAY).numbers
    assert (west["overall"]["k"], centrum["overall"]["k"]) == (12, 8)
    assert west["overall"]["estimate"] != city["overall"]["estimate"]
    _assert_as_the_endpoint(client, west, {"area": "F"})
    _assert_as_the_endpoint(client, centrum, {"area": "A"})


@pytest.mark.usefixtures("world")
def test_the_same_inputs_give_the_same_html(session: Session) -> None:
    first = effects.build(session, BookParameters(), TODAY)
    again = effects.build(session, BookParameters(), TODAY)
    assert first.html.encode() == again.html.encode() and first.numbers == again.numbers
    english = effects.build(session, BookParameters(language="en"), TODAY)
    assert english.numbers == first.numbers and english.title == "What works"
    pooled = first.numbers["overall"]["estimate"]
    assert f"{pooled:.2f}".replace(".", ",") in first.html
    assert f"{pooled:.2f}" in english.html
    assert first.html.startswith('<section id="wat-werkt" class="chapter">')


@pytest.mark.usefixtures("world")
def test_every_forest_plot_is_well_formed_svg_beside_its_table(session: Session) -> None:
    for language in ("nl", "en"):
        chapter = effects.build(session, BookParameters(language=language), TODAY)  # type: ignore[arg-type]
        assert check_figures(chapter.html) == 4
        assert chapter.html.count("<table>") == 8  # each grouping: effects, evidence levels
        assert "<title id=\"wat-werkt-supportStyle-fig-title\">" in chapter.html


@pytest.mark.usefixtures("world")
def test_the_evidence_level_tables_count_what_the_numbers_hold(session: Session) -> None:
    chapter = effects.build(session, BookParameters(), TODAY)
    for grouping in chapter.numbers["groupings"]:
        section = chapter.html.split(f'<section id="wat-werkt-{grouping["by"]}">')[1]
        table = section.split("initiatieven per bewijsniveau</caption>")[1].split("</table>")[0]
        rows = re.findall(r"<tr>\s*<th scope=\"row\">[^<]*</th>((?:\s*<td>\d+</td>)+)", table)
        printed = [[int(cell) for cell in re.findall(r"<td>(\d+)</td>", row)] for row in rows]
        levels = [level for level in ORDER if any(
            level.value in group["evidenceLevels"] for group in grouping["groups"])]
        assert printed == [[group["evidenceLevels"].get(level.value, 0) for level in levels]
                           for group in grouping["groups"]]
        assert sum(map(sum, printed)) > 0


def test_an_empty_world_gives_a_chapter_without_numbers(session: Session) -> None:
    chapter = effects.build(session, BookParameters(), TODAY)
    assert chapter.numbers["overall"]["k"] == 0
    assert chapter.numbers["overall"]["estimate"] is None
    assert all(grouping["groups"] == [] for grouping in chapter.numbers["groupings"])
    assert check_figures(chapter.html) == 4


def test_the_statistics_packages_english_notes_are_dutch_in_a_dutch_book() -> None:
    from api.method_book.chapters.notes import readable_note
    from api.vocabularies.models import OrganisationForm

    note = ("No common-tau² test: 3 studies cannot estimate 3 group means and tau² (metafor "
            "stops with the same error).; right-to-challenge: k = 1: tau² cannot be estimated "
            "and is 0, as in metafor.")
    assert readable_note(note, "nl", OrganisationForm) == (
        "Geen toets met een gemeenschappelijke tau²: 3 initiatieven zijn te weinig om 3 "
        "groepsgemiddelden en tau² te schatten (metafor stopt ook).; Right to Challenge "
        "(uitdaagrecht): k = 1: tau² is niet te schatten en is 0, zoals in metafor.")
    assert readable_note(note, "en", OrganisationForm) == (
        "No common-tau² test: 3 initiatives are too few to estimate 3 group means and tau² "
        "(metafor stops too).; Right to Challenge: k = 1: tau² cannot be estimated and is 0, "
        "as in metafor.")
    assert readable_note("geen-ondersteuning: k = 1: tau² cannot be estimated and is 0, as "
                         "in metafor.", "en").startswith("no support: k = 1")
    failed = ("Geen toets mogelijk (Number of parameters to be estimated is larger than the "
              "number of studies: 3 studies for 3 coefficient(s) and tau².). / No test "
              "possible: Number of parameters to be estimated is larger than the number of "
              "studies: 3 studies for 3 coefficient(s) and tau².")
    assert readable_note(failed, "nl") == (
        "Geen toets mogelijk: 3 initiatieven zijn te weinig om 3 coëfficiënten en tau² te "
        "schatten.")
    assert readable_note(failed, "en") == (
        "No test possible: 3 initiatives are too few to estimate 3 coefficients and tau².")
    assert readable_note("Te weinig. / Too few.", "nl") == "Te weinig."
    assert readable_note("Te weinig. / Too few.", "en") == "Too few."
    local = ("No common-tau² test: 3 studies cannot estimate 3 group means and tau² (metafor "
             "stops with the same error).; right-to-challenge: Fisher scoring stopped at a "
             "local maximum; tau² set to 0 as metafor does.")  # "; " inside one note too
    assert readable_note(local, "nl", OrganisationForm).endswith(
        "; Right to Challenge (uitdaagrecht): de schatting van tau² bleef steken in een lokaal "
        "maximum; tau² is 0, zoals metafor doet.")
    wrapped = ("Geen toets mogelijk (Variances must be positive; not so at 3.). / No test "
               "possible: Variances must be positive; not so at 3.")
    assert readable_note(wrapped, "en") == "No test possible: Variances must be positive; " \
                                           "not so at 3."
    assert readable_note(wrapped, "nl") == (
        "Geen toets mogelijk (opmerking van het statistiekpakket (Engels): Variances must be "
        "positive; not so at 3.).")
    band = "0.75-1: k = 1: tau² cannot be estimated and is 0, as in metafor."
    assert readable_note(band, "nl", name={"0.75-1": "0,75 of hoger"}.__getitem__) == (
        "0,75 of hoger: k = 1: tau² is niet te schatten en is 0, zoals in metafor.")
    unknown = "Fisher scoring algorithm did not converge."
    assert readable_note(unknown, "nl") == (
        "opmerking van het statistiekpakket (Engels): Fisher scoring algorithm did not converge.")
    assert readable_note(unknown, "en") == unknown and readable_note(None, "nl") == ""
