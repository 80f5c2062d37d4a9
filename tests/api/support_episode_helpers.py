"""What the support-episode tests share: two initiatives and two professionals to link."""

from dataclasses import dataclass

import pytest
from sqlmodel import Session

from api.initiatives.models import Initiative
from api.professionals.models import Professional
from tests.api.builders import make_initiative, make_professional


@dataclass
class World:
    initiative: Initiative
    other_initiative: Initiative
    makelaar: Professional
    opbouwwerker: Professional


@pytest.fixture
def world(session: Session) -> World:
    return World(
        initiative=make_initiative(session),
        other_initiative=make_initiative(session, title="Buurtkeuken"),
        makelaar=make_professional(session),
        opbouwwerker=make_professional(session, name="Johan de Vries", role="opbouwwerker",
                                       organisation="Dynamo",
                                       organisationKind="welzijnsorganisatie"),
    )
