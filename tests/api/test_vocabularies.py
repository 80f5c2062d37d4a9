"""Vocabularies: every code has a Dutch and an English label, served in declaration order."""

import inspect
import re
from enum import StrEnum

from starlette.testclient import TestClient

from api.areas import models as area_models
from api.vocabularies import models as vocabulary_models
from api.vocabularies.labels import BY_NAME, VOCABULARIES, labels_of
from api.vocabularies.models import EvidenceLevel, ParticipationLevel, Theme


def _enums_defined_in(module: object) -> set[type[StrEnum]]:
    return {
        member for _, member in inspect.getmembers(module, inspect.isclass)
        if issubclass(member, StrEnum) and member.__module__ == getattr(module, "__name__", "")
    }


def test_every_enumeration_of_the_domain_is_a_vocabulary() -> None:
    enums = _enums_defined_in(vocabulary_models) | _enums_defined_in(area_models)
    assert enums, "no enumerations found: did the models move?"
    assert enums == {vocabulary.codes for vocabulary in VOCABULARIES}


def test_every_code_has_a_dutch_and_an_english_label_and_nothing_else() -> None:
    for vocabulary in VOCABULARIES:
        assert set(vocabulary.labels) == set(vocabulary.codes), vocabulary.name
        for code, (label_nl, label_en) in vocabulary.labels.items():
            assert isinstance(code, vocabulary.codes), (vocabulary.name, code)
            assert label_nl.strip(), (vocabulary.name, code)
            assert label_en.strip(), (vocabulary.name, code)
        assert vocabulary.description.strip(), vocabulary.name
        assert vocabulary.label_nl, vocabulary.name
        assert vocabulary.label_en, vocabulary.name


def test_labels_within_a_vocabulary_are_distinct() -> None:
    for vocabulary in VOCABULARIES:
        dutch = [label_nl for label_nl, _ in vocabulary.labels.values()]
        english = [label_en for _, label_en in vocabulary.labels.values()]
        assert len(set(dutch)) == len(dutch), vocabulary.name
        assert len(set(english)) == len(english), vocabulary.name


def test_vocabulary_names_are_unique_and_kebab_case() -> None:
    assert len(BY_NAME) == len(VOCABULARIES)
    assert "participation-level" in BY_NAME
    assert "co-funder" in BY_NAME
    for name in BY_NAME:
        assert re.fullmatch(r"[a-z]+(-[a-z]+)*", name), name


def test_a_single_code_can_be_labelled_for_reports() -> None:
    assert labels_of(Theme.ONTMOETING) == ("Ontmoeting en sociale cohesie",
                                           "Meeting and social cohesion")


def test_the_list_names_every_vocabulary_with_its_description(client: TestClient) -> None:
    response = client.get("/v1/vocabularies")

    assert response.status_code == 200
    body = response.json()
    assert [item["name"] for item in body] == [vocabulary.name for vocabulary in VOCABULARIES]
    level = next(item for item in body if item["name"] == "participation-level")
    assert level == {
        "name": "participation-level",
        "labelNl": "Participatieniveau",
        "labelEn": "Participation level",
        "description": BY_NAME["participation-level"].description,
        "ordered": True,
    }


def test_a_vocabulary_lists_its_terms_in_declaration_order(client: TestClient) -> None:
    response = client.get("/v1/vocabularies/theme")

    assert response.status_code == 200
    body = response.json()
    assert body["name"] == "theme"
    assert body["ordered"] is False
    assert [term["code"] for term in body["terms"]] == [code.value for code in Theme]
    assert body["terms"][0] == {
        "code": "ontmoeting",
        "labelNl": "Ontmoeting en sociale cohesie",
        "labelEn": "Meeting and social cohesion",
    }


def test_participation_levels_come_in_ladder_order(client: TestClient) -> None:
    body = client.get("/v1/vocabularies/participation-level").json()

    assert body["ordered"] is True
    assert [term["code"] for term in body["terms"]] == [
        "informeren", "raadplegen", "adviseren", "coproduceren", "meebeslissen", "zelfbeheer",
    ]
    assert [term["code"] for term in body["terms"]] == [code.value for code in ParticipationLevel]


def test_evidence_levels_use_the_dutch_recognition_terms(client: TestClient) -> None:
    body = client.get("/v1/vocabularies/evidence-level").json()

    assert body["ordered"] is True
    assert [term["code"] for term in body["terms"]] == [code.value for code in EvidenceLevel]
    assert [term["labelNl"] for term in body["terms"]] == [
        "Goed beschreven", "Goed onderbouwd", "Eerste aanwijzingen voor effectiviteit",
        "Goede aanwijzingen voor effectiviteit", "Sterke aanwijzingen voor effectiviteit",
    ]


def test_area_vocabularies_are_served_too(client: TestClient) -> None:
    body = client.get("/v1/vocabularies/area-type").json()

    assert [term["code"] for term in body["terms"]] == [
        "gemeente", "stadsdeel", "gebied", "wijk", "buurt",
    ]
    assert client.get("/v1/vocabularies/mapping-certainty").status_code == 200


def test_every_vocabulary_in_the_list_can_be_fetched(client: TestClient) -> None:
    for item in client.get("/v1/vocabularies").json():
        response = client.get(f"/v1/vocabularies/{item['name']}")
        assert response.status_code == 200, item["name"]
        assert len(response.json()["terms"]) == len(BY_NAME[item["name"]].codes)


def test_an_unknown_vocabulary_is_a_404_problem(client: TestClient) -> None:
    response = client.get("/v1/vocabularies/colours")

    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"
    problem = response.json()
    assert problem["status"] == 404
    assert problem["type"].endswith("/not-found")
    assert "colours" in problem["detail"]
    assert problem["instance"] == "/v1/vocabularies/colours"


def test_the_snake_case_name_of_a_vocabulary_is_not_found(client: TestClient) -> None:
    assert client.get("/v1/vocabularies/participation_level").status_code == 404
