"""The competency frameworks of the domain reference §2.2–2.3: the participatieprofessional
working list, the ACTIE dimensions and the three support approaches."""

import uuid
from dataclasses import dataclass

from sqlmodel import Session, select

from api.competences.models import (
    Competency,
    CompetencyCreate,
    CompetencyFramework,
    FrameworkCreate,
)
from api.vocabularies.models import CompetencyScale

VAN_VLIET = ("Van Vliet (2012), Samen werken aan de buurt. Het vakmanschap van de "
             "participatieprofessional. Met competentieprofiel. Kennisnetwerk Amsterdam / "
             "Hogeschool van Amsterdam (reeks Leren van de stad), hoofdstuk 3 en 6.")
DENTERS = ("Denters, Tonkens, Verhoeven & Bakker (2012), Burgers maken hun buurt. "
           "Platform31.")
WORKING_WORDING = "Werkformulering van Buurtkracht, niet uit de bron: "


@dataclass(frozen=True)
class SeedFramework:
    framework: FrameworkCreate
    # (code, name, description, behavioural indicator)
    competencies: tuple[tuple[str, str, str, str], ...]


WERKLIJST = SeedFramework(
    FrameworkCreate(
        code="participatieprofessional-werklijst",
        name="Werklijst competenties participatieprofessional",
        description=(
            "WERKLIJST, geen officieel competentieprofiel. De punten zijn één op één afgeleid "
            "van de hoofdstukindeling van Van Vliet (2012): C1–C7 volgen de paragrafen van "
            "hoofdstuk 3 (hoe professionals participatie ondersteunen), C8 hoofdstuk 6 "
            "(vakbekwaamheid). De officiële formulering van het competentieprofiel (bijlage, "
            "p. 57) was niet te raadplegen; vervang deze lijst zodra die beschikbaar is. / "
            "A WORKING LIST derived one-to-one from the chapter structure of Van Vliet (2012) "
            "ch. 3 (and ch. 6 for C8); not the official competency wording, as the published "
            "profile's appendix could not be retrieved."),
        source=VAN_VLIET, scale=CompetencyScale.SCORE),
    (
        ("C1", "Aansluiten bij belangen en interesses van bewoners",
         "Afgeleid van §3 'Het begint met de belangen en interesses van bewoners'.",
         "vertrekt vanuit wat bewoners zelf willen"),
        ("C2", "Communiceren", "Afgeleid van §3 'Goed kunnen communiceren'.",
         "kan met diverse bewoners en instanties helder communiceren"),
        ("C3", "Verbinden en netwerken", "Afgeleid van §3 'Verbindingen leggen en netwerken'.",
         "legt verbindingen tussen bewoners, organisaties en het stadsdeel"),
        ("C4", "Informeren en adviseren", "Afgeleid van §3 'Informeren en adviseren'.",
         "geeft informatie over regelingen, subsidies en procedures"),
        ("C5", "Motiveren, stimuleren, activeren",
         "Afgeleid van §3 'Motiveren, stimuleren, activeren'.",
         "brengt nieuwe groepen bewoners in beweging"),
        ("C6", "Aandacht voor mensen met problemen",
         "Afgeleid van §3 'Aandacht voor mensen met problemen'.",
         "signaleert en verwijst bewoners met problemen"),
        ("C7", "Politiek-strategisch handelen en samenwerken",
         "Afgeleid van §3 'Politiek-strategisch handelen en samenwerken'.",
         "opereert tussen systeem- en leefwereld, ook richting bestuur"),
        ("C8", "Reflecteren en leren (intervisie)",
         "Afgeleid van hoofdstuk 6 'Vakbekwaamheid': al doende leren; intervisie als "
         "instrument.",
         "neemt deel aan intervisie en leert al doende"),
    ),
)

ACTIE = SeedFramework(
    FrameworkCreate(
        code="actie", name="ACTIE: ondersteuning van bewonersinitiatieven",
        description=(
            "De vijf dimensies Animo, Contacten, Toerusting, Inbedding en Empathie van "
            "Denters e.a. (2012), voor professionals die bewonersinitiatieven ondersteunen. "
            "De namen komen uit de bron; omschrijvingen en gedragsindicatoren zijn "
            "werkformuleringen van Buurtkracht. / The five ACTIE dimensions; names from the "
            "source, descriptions and behavioural indicators are working wording."),
        source=DENTERS, scale=CompetencyScale.SCORE),
    (
        ("A", "Animo", WORKING_WORDING + "zin en energie om bewoners bij hun initiatief te "
         "steunen, ook als het tegenzit.",
         "toont oprechte belangstelling voor het initiatief en houdt die vast"),
        ("C", "Contacten", WORKING_WORDING + "een netwerk in en buiten de buurt dat "
         "initiatiefnemers verder helpt.",
         "brengt initiatiefnemers in contact met de juiste mensen bij stadsdeel, corporatie "
         "en welzijn"),
        ("T", "Toerusting", WORKING_WORDING + "kennis en vaardigheden (regels, geld, "
         "organiseren) waarmee bewoners het zelf kunnen.",
         "helpt bewoners zelf een plan of aanvraag te maken in plaats van het over te nemen"),
        ("I", "Inbedding", WORKING_WORDING + "het initiatief een plek geven in organisaties, "
         "beleid en budgetten.",
         "zorgt dat het initiatief een vaste plek krijgt bij een organisatie of in beleid"),
        ("E", "Empathie", WORKING_WORDING + "zich verplaatsen in de leefwereld en motieven "
         "van bewoners.",
         "luistert naar wat initiatiefnemers drijft en sluit aan bij hun taal en tempo"),
    ),
)

STYLES = SeedFramework(
    FrameworkCreate(
        code="ondersteuningsstijlen", name="Ondersteuningsstijlen (rood, blauw, wit)",
        description=(
            "Hoe goed de professional elk van de drie benaderingen van Denters e.a. (2012) "
            "beheerst, van startbekwaam tot vakvolwassen. De codes zijn die van de "
            "ondersteuningsstijl van een ondersteuningsepisode. Omschrijvingen en "
            "gedragsindicatoren zijn werkformuleringen. / How well the professional masters "
            "each of the three approaches (red, blue, white); working wording."),
        source=DENTERS, scale=CompetencyScale.LEVEL),
    (
        ("stimulerend", "Stimulerende benadering (rood)", WORKING_WORDING + "bewoners "
         "aansporen en in beweging brengen om zelf iets te ondernemen.",
         "daagt bewoners uit zelf een initiatief op te zetten"),
        ("faciliterend", "Faciliterende benadering (blauw)", WORKING_WORDING + "voorwaarden "
         "scheppen (geld, ruimte, regels) voor wat bewoners zelf beginnen.",
         "regelt middelen en haalt drempels weg zonder het initiatief over te nemen"),
        ("coproducerend", "Coproductie (wit)", WORKING_WORDING + "samen met bewoners "
         "optrekken als gelijkwaardige partners.",
         "maakt met bewoners afspraken over wie wat doet en komt ze na"),
    ),
)

FRAMEWORKS = (WERKLIJST, ACTIE, STYLES)
SEED_NAMESPACE = uuid.UUID("5b0e9a3c-2f41-4d7a-8c61-0e2f6d9b1a00")


def framework_id(code: str) -> uuid.UUID:
    """The same id for a seeded framework in every database (as areas and indicators have)."""
    return uuid.uuid5(SEED_NAMESPACE, code)


def competency_id(framework_code: str, code: str) -> uuid.UUID:
    return uuid.uuid5(SEED_NAMESPACE, f"{framework_code}:{code}")


def _competencies(seed: SeedFramework) -> list[Competency]:
    found = []
    for position, (code, name, description, indicator) in enumerate(seed.competencies, 1):
        # Through the create shape, so a typo in the seed fails loudly.
        data = CompetencyCreate(code=code, name=name, description=description,
                                behavioural_indicators=[indicator], position=position)
        found.append(Competency.model_validate(data, update={
            "id": competency_id(seed.framework.code, code),
            "framework_id": framework_id(seed.framework.code)}))
    return found


def seed_frameworks(session: Session) -> int:
    """Add the seeded frameworks not stored yet, each with its competencies; a framework
    already there, by its seeded id or by its code, is left as its administrators keep it
    (renamed or not). One an administrator deleted comes back. Returns how many frameworks
    were added."""
    stored = session.exec(select(CompetencyFramework.id, CompetencyFramework.code)).all()
    ids, codes = {found for found, _ in stored}, {code for _, code in stored}
    missing = [seed for seed in FRAMEWORKS if seed.framework.code not in codes
               and framework_id(seed.framework.code) not in ids]
    session.add_all(CompetencyFramework.model_validate(
        seed.framework, update={"id": framework_id(seed.framework.code)}) for seed in missing)
    # The frameworks first: no relationship tells the unit of work which table goes first.
    session.flush()
    session.add_all(competency for seed in missing for competency in _competencies(seed))
    session.commit()
    return len(missing)
