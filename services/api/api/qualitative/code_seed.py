"""The seeded codebook: success factors from the domain reference §2.3 (ACTIE, Denters e.a.
2012) and §2.4 (the bakens of Welzijn Nieuwe Stijl), and an empty branch for obstacles.

The reference gives the names only; every definition and example here is Buurtkracht's
working wording and says so. The reference lists no obstacles, so "Belemmeringen" starts
empty: researchers add them as they find them, rather than Buurtkracht inventing a list.
"""

import uuid

from sqlmodel import Session, select

from api.qualitative.code_models import CodeCreate
from api.qualitative.models import Code

SEED_NAMESPACE = uuid.UUID("9d3c51e2-7a0b-4c6e-b1f4-2e8a6c0d5f17")
WORKING = "Werkformulering van Buurtkracht, niet uit de bron: "
DENTERS = " (ACTIE, Denters, Tonkens, Verhoeven & Bakker 2012, Burgers maken hun buurt)"
WNS = " (baken van Welzijn Nieuwe Stijl, VWS 2009)"

# (key, parent key, name, definition, example)
SEED: tuple[tuple[str, str | None, str, str, str], ...] = (
    ("succes", None, "Succesfactoren",
     "Wat volgens de bronnen bijdraagt aan het ontstaan en voortbestaan van "
     "bewonersinitiatieven en aan goede ondersteuning ervan.", ""),
    ("belemmering", None, "Belemmeringen",
     WORKING + "wat een bewonersinitiatief of de ondersteuning ervan in de weg zit. De "
     "domeinreferentie noemt geen lijst; voeg subcodes toe als ze in het materiaal opduiken.",
     ""),
    ("actie", "succes", "ACTIE", "De vijf dimensies van ondersteuning" + DENTERS + ".", ""),
    ("animo", "actie", "Animo", WORKING + "zin en energie om bewoners te steunen, ook als het "
     "tegenzit" + DENTERS + ".", WORKING + "'Ik bleef langskomen, ook toen de eerste "
     "aanvraag werd afgewezen.'"),
    ("contacten", "actie", "Contacten", WORKING + "een netwerk in en buiten de buurt dat "
     "initiatiefnemers verder helpt" + DENTERS + ".", WORKING + "'Via haar kwamen we bij de "
     "corporatie terecht voor een ruimte.'"),
    ("toerusting", "actie", "Toerusting", WORKING + "kennis en vaardigheden waarmee bewoners "
     "het zelf kunnen" + DENTERS + ".", WORKING + "'Hij liet ons zelf de begroting maken en "
     "keek alleen mee.'"),
    ("inbedding", "actie", "Inbedding", WORKING + "het initiatief een plek geven in "
     "organisaties, beleid en budgetten" + DENTERS + ".", WORKING + "'Het buurtontbijt staat "
     "nu vast in het jaarplan van het buurthuis.'"),
    ("empathie", "actie", "Empathie", WORKING + "zich verplaatsen in de leefwereld en motieven "
     "van bewoners" + DENTERS + ".", WORKING + "'Ze begreep dat we het voor onze kinderen "
     "deden, niet voor de subsidie.'"),
    ("wns", "succes", "Welzijn Nieuwe Stijl",
     "De acht bakens van Welzijn Nieuwe Stijl (VWS 2009) zoals ze gewoonlijk worden "
     "aangehaald; baken 5 en 6 zijn niet in een bron teruggevonden.", ""),
    ("wns1", "wns", "Gericht op de vraag achter de vraag", WORKING + "doorvragen naar wat "
     "bewoners werkelijk nodig hebben" + WNS + ".", WORKING + "'Ze vroegen om een "
     "vergaderruimte, maar eigenlijk zochten ze nieuwe vrijwilligers.'"),
    ("wns2", "wns", "Gebaseerd op eigen kracht van de burger", WORKING + "uitgaan van wat "
     "bewoners en hun omgeving zelf kunnen" + WNS + ".", WORKING + "'We hebben het eerst "
     "zelf geprobeerd; pas daarna vroegen we hulp.'"),
    ("wns3", "wns", "Direct erop af", WORKING + "snel en zonder omwegen contact zoeken bij "
     "signalen" + WNS + ".", WORKING + "'De opbouwwerker stond de volgende dag al op de "
     "stoep.'"),
    ("wns4", "wns", "Formeel en informeel in optimale verhouding", WORKING + "een goede "
     "verdeling tussen wat bewoners zelf doen en wat professionals doen" + WNS + ".",
     WORKING + "'De buren doen de boodschappen, de wijkverpleging de zorg.'"),
    ("wns5", "wns", "Doordachte balans tussen collectief en individueel", WORKING +
     "bewust kiezen tussen groepsaanpak en hulp aan één bewoner" + WNS + "; baken niet in "
     "een bron teruggevonden.", WORKING + "'Na de individuele gesprekken begonnen we een "
     "gespreksgroep.'"),
    ("wns6", "wns", "Integraal werken", WORKING + "samenwerken over de grenzen van vakgebieden "
     "en organisaties heen" + WNS + "; baken niet in een bron teruggevonden.",
     WORKING + "'Wijkagent, corporatie en welzijn zaten samen aan tafel.'"),
    ("wns7", "wns", "Niet vrijblijvend, maar resultaatgericht", WORKING + "problemen benoemen, "
     "een oplossing afspreken en op resultaat sturen" + WNS + ".", WORKING + "'We spraken "
     "af dat het speelplein er voor de zomer zou liggen.'"),
    ("wns8", "wns", "Gebaseerd op ruimte voor de professional", WORKING + "ruimte voor kennis, "
     "kunde en eigen oordeel van de professional, en steun daarbij" + WNS + ".",
     WORKING + "'Mijn leidinggevende liet mij zelf bepalen hoeveel tijd ik erin stak.'"),
)


def code_id(key: str) -> uuid.UUID:
    """The same id for a seeded code in every database, and so in every exported codebook."""
    return uuid.uuid5(SEED_NAMESPACE, key)


def seed_codes(session: Session) -> int:
    """Add the seeded codes not stored yet; one already there (by id) is left as researchers
    keep it, and so is a sibling they named the same. A code whose parent is gone is not
    added. Returns how many codes were added."""
    rows = session.exec(select(Code.id, Code.parent_id, Code.name)).all()
    stored = {row[0] for row in rows}
    names = {(parent_id, name.casefold()) for _, parent_id, name in rows}
    added = 0
    # Numbered among its siblings, as an import numbers them: an export read back then
    # finds the seeded codes unchanged.
    siblings_before: dict[str | None, int] = {}
    for key, parent, name, definition, example in SEED:
        parent_id = None if parent is None else code_id(parent)
        position = siblings_before[parent] = siblings_before.get(parent, -1) + 1
        if (code_id(key) in stored or (parent_id, name.casefold()) in names
                or (parent_id is not None and parent_id not in stored)):
            continue
        # Through the create shape, so a typo in the seed fails loudly.
        data = CodeCreate(name=name, definition=definition, example=example,
                          position=position, parent_id=parent_id)
        session.add(Code.model_validate(data, update={"id": code_id(key)}))
        session.flush()  # the parent before its children: no relationship orders them
        stored.add(code_id(key))
        added += 1
    session.commit()
    return added
