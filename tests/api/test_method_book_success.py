"""The method book's 'Succesfactoren' chapter: its paths, fit and cases are those
POST /v1/analysis/success-factors answers for the same request, built from the book's
parameters; the paths read as sentences in Dutch and English; the same inputs give the same
HTML; a scope the analysis refuses gives a sentence, not an error."""

from datetime import date
from typing import Any

import pytest
from sqlmodel import Session, select
from starlette.testclient import TestClient

from api.initiatives.models import Initiative
from api.method_book.chapters import success_factors
from api.method_book.chapters.success_sentences import capped_titles, path_sentence
from api.method_book.parameters import BookParameters
from tests.api.method_book_world import build_world

# The world is built today: the day the endpoint counts to (the chapter's conditions do not
# depend on it).
TODAY = date.today()
CONDITIONS = ["makelaarInvolved", "hours", "residentInitiated", "supportStyle=overnemend"]


@pytest.fixture
def world(session: Session) -> None:
    """The book's test world, with a known continuation for durability: every initiative
    whose support mostly took over (style index 1) stopped, except one in four."""
    build_world(session)
    for initiative in session.exec(select(Initiative)).all():
        number = int(initiative.title.removeprefix("Initiatief "))
        initiative.continued_after_support = number % 3 != 1 or number % 4 == 0
    session.commit()


def _request(outcome: str, filters: dict[str, str]) -> dict[str, Any]:
    """The request a client sends for the book's question, written out by hand."""
    return {"conditions": [{"attribute": attribute} for attribute in CONDITIONS],
            "outcome": {"kind": outcome}, "filters": filters, "solution": "conservative"}


def _expected(answer: dict[str, Any]) -> dict[str, Any]:
    """The chapter's numbers for one outcome, read off the endpoint's answer."""
    titles = {case["id"]: case["title"] for case in answer["cases"]}

    def term(found: dict[str, Any]) -> dict[str, Any]:
        cases = sorted(({"id": case, "title": titles[case]} for case in found["cases"]),
                       key=lambda case: (case["title"], case["id"]))
        return {**{key: found[key] for key in ("term", "inclS", "pri", "covS", "covU")},
                "n": len(cases), "cases": cases}

    return {"outcomeName": answer["outcome"], "n": len(answer["cases"]),
            "leftOut": answer["leftOut"], "truncated": answer["truncated"],
            "message": answer["message"], "note": None,
            "solutions": [{**{key: solution[key] for key in (
                "name", "expression", "inclS", "pri", "covS")},
                "terms": [term(found) for found in solution["terms"]]}
                for solution in answer["solutions"]]}


def _assert_as_the_endpoint(client: TestClient, numbers: dict[str, Any],
                            filters: dict[str, str]) -> None:
    assert [found["outcome"] for found in numbers["outcomes"]] == ["effect", "durability"]
    for found in numbers["outcomes"]:
        request = _request(found["outcome"], filters)
        response = client.post("/v1/analysis/success-factors", json=request)
        replayed = client.post("/v1/analysis/success-factors", json=found["request"])
        assert replayed.json() == response.json()  # the stored request asks the same
        mine = {key: value for key, value in found.items()
                if key not in ("outcome", "request", "noPath")}
        if response.status_code == 422:
            assert mine["note"] == response.json()["detail"] and mine["solutions"] == []
            continue
        assert response.status_code == 200, response.text
        assert mine == _expected(response.json())


@pytest.mark.usefixtures("world")
@pytest.mark.parametrize("stadsdeel", [None, "F"])
def test_the_paths_are_those_of_the_success_factor_analysis(
    client: TestClient, session: Session, stadsdeel: str | None,
) -> None:
    chapter = success_factors.build(session, BookParameters(stadsdeel=stadsdeel), TODAY)
    numbers = chapter.numbers
    assert chapter.key == "succesfactoren" and chapter.title == "Succesfactoren"
    assert [condition["name"] for condition in numbers["conditions"]] == [
        "MAKELAAR_INVOLVED", "HOURS", "RESIDENT_INITIATED", "SUPPORT_STYLE_OVERNEMEND"]
    for found in numbers["outcomes"]:  # this world has a path for both outcomes
        assert found["note"] is None and found["solutions"][0]["terms"]
    assert numbers["outcomes"][0]["n"] == (12 if stadsdeel else 20)
    _assert_as_the_endpoint(client, numbers, {"area": stadsdeel} if stadsdeel else {})
    assert [section for section, _ in chapter.sections] == [
        "succesfactoren-reading", "succesfactoren-effect", "succesfactoren-durability"]


@pytest.mark.usefixtures("world")
def test_the_paths_read_as_sentences_with_their_initiatives(session: Session) -> None:
    chapter = success_factors.build(session, BookParameters(stadsdeel="F"), TODAY)
    effect = chapter.numbers["outcomes"][0]
    term = effect["solutions"][0]["terms"][0]
    sentence = path_sentence("effect", term, "nl")
    assert sentence.startswith("Initiatieven ") and " waren effectief: consistentie " in sentence
    assert f"dekking {term['covS']:.2f}".replace(".", ",") in sentence
    assert sentence in chapter.html
    assert all(case["title"] in chapter.html for case in term["cases"])


@pytest.mark.usefixtures("world")
def test_the_same_inputs_give_the_same_html(session: Session) -> None:
    first = success_factors.build(session, BookParameters(), TODAY)
    again = success_factors.build(session, BookParameters(), TODAY)
    assert first.html.encode() == again.html.encode() and first.numbers == again.numbers
    english = success_factors.build(session, BookParameters(language="en"), TODAY)
    assert english.numbers == first.numbers and english.title == "Success factors"
    assert "were effective: consistency " in english.html and "consistentie" not in english.html
    assert "waren effectief: consistentie " in first.html and "consistency" not in first.html


def test_an_unanalysable_scope_gives_a_sentence(client: TestClient, session: Session) -> None:
    for language, sentence in (("nl", "niet te maken. Te weinig initiatieven"),
                               ("en", "cannot be made for this choice of area, theme and "
                                      "period. Too few initiatives")):
        chapter = success_factors.build(session, BookParameters(language=language), TODAY)
        assert [found["solutions"] for found in chapter.numbers["outcomes"]] == [[], []]
        assert [found["noPath"] for found in chapter.numbers["outcomes"]] == [False, False]
        assert chapter.html.count(sentence) == 2
    _assert_as_the_endpoint(client, chapter.numbers, {})


def test_durability_without_follow_up_is_refused_and_effect_still_told(
    client: TestClient, session: Session,
) -> None:
    build_world(session)  # no initiative says whether it kept going
    numbers = success_factors.build(session, BookParameters(), TODAY).numbers
    effect, durability = numbers["outcomes"]
    assert effect["note"] is None and durability["note"] is not None
    assert (durability["n"], durability["solutions"], durability["noPath"]) == (None, [], False)
    _assert_as_the_endpoint(client, numbers, {})


def test_no_combination_reaching_the_cut_is_told_as_a_finding(
    client: TestClient, session: Session,
) -> None:
    build_world(session)
    for initiative in session.exec(select(Initiative)).all():
        initiative.continued_after_support = False  # nothing to explain
    session.commit()
    chapter = success_factors.build(session, BookParameters(), TODAY)
    durability = chapter.numbers["outcomes"][1]
    assert durability["noPath"] and durability["solutions"] == []
    assert "Geen combinatie van deze voorwaarden ging betrouwbaar genoeg" in chapter.html
    _assert_as_the_endpoint(client, chapter.numbers, {})


def test_negations_read_as_without_and_long_lists_are_cut() -> None:
    term = {"term": "MAKELAAR_INVOLVED*~HOURS*~RESIDENT_INITIATED", "inclS": 0.857,
            "covS": 0.4249, "n": 12}
    assert path_sentence("effect", term, "nl") == (
        "Initiatieven met een participatiemakelaar, met weinig of geen uren ondersteuning "
        "en niet door bewoners gestart waren effectief: consistentie 0,86, dekking 0,42 "
        "(12 initiatieven).")
    assert path_sentence("durability", {**term, "term": "~MAKELAAR_INVOLVED", "n": 1},
                         "en") == ("Initiatives without a participatiemakelaar kept going "
                                   "after the support ended: consistency 0.86, coverage "
                                   "0.42 (1 initiative).")
    cases = [{"title": f"Initiatief {number:02d}"} for number in range(12, 0, -1)]
    assert capped_titles(cases, "nl") == (
        ", ".join(f"Initiatief {number:02d}" for number in range(1, 11)) + " en 2 andere")
    assert capped_titles(cases[:11], "en").endswith("Initiatief 11 and 1 other")
    assert capped_titles(cases[:3], "en") == "Initiatief 10, Initiatief 11, Initiatief 12"
