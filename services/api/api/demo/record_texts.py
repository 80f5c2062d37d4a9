"""Dutch wording of the demo records (api.demo.records): titles, opening and closing
paragraphs per kind of record, paragraphs that express no code, and per seeded code
(api.qualitative.code_seed keys) passages that express it.

Placeholders: {naam} a fictitious resident, {rol} the professional ("de opbouwwerker"),
{titel} the initiative's title, {buurt} its buurt. Every passage is one or two sentences; a
coder codes the passage, not the sentence that may lead into it.
"""

from api.vocabularies.models import RecordKind as K

TITLES: dict[K, str] = {
    K.INTERVIEW: "Interview met {naam} over {titel}",
    K.HANDELINGSBESCHRIJVING: "Handelingsbeschrijving: {rol} bij {titel}",
    K.CASE_STUDY: "Casestudy {titel}",
    K.OBSERVATION: "Observatie bij {titel}",
    K.INTERVISION: "Intervisie over {titel}",
    K.EXPERT_MEETING: "Expertmeeting bewonersinitiatieven {buurt}",
}

OPENINGS: dict[K, tuple[str, ...]] = {
    K.INTERVIEW: (
        "Gesprek met {naam}, initiatiefnemer van {titel} in {buurt}. {naam} woont al jaren "
        "in de buurt en vertelt hoe het initiatief begon.",
        "Interview met {naam} over {titel}. Het gesprek vond plaats in het buurthuis in "
        "{buurt}; {naam} is vanaf het begin betrokken.",
    ),
    K.HANDELINGSBESCHRIJVING: (
        "Beschrijving van de ondersteuning van {titel} in {buurt}, opgetekend door {rol}. "
        "Aanspreekpunt van de bewoners was {naam}.",
        "{rol} beschrijft hoe de bewoners van {titel} werden ondersteund. De groep rond "
        "{naam} kwam zelf met de vraag.",
    ),
    K.CASE_STUDY: (
        "Deze casestudy volgt {titel} in {buurt} van idee tot nu, op basis van documenten, "
        "gesprekken met {naam} en andere bewoners en met {rol}.",
    ),
    K.OBSERVATION: (
        "Observatie van een bijeenkomst van {titel} in {buurt}. Aanwezig waren een tiental "
        "bewoners, onder wie {naam}, en {rol}.",
    ),
    K.INTERVISION: (
        "Verslag van een intervisiebijeenkomst, waarin {rol} de casus {titel} in {buurt} "
        "inbracht; de initiatiefnemer, {naam}, is met toestemming bij naam genoemd.",
    ),
    K.EXPERT_MEETING: (
        "Expertmeeting over bewonersinitiatieven in {buurt}, met {titel} als voorbeeld. "
        "{naam} sprak namens de bewoners, {rol} namens de professionals.",
    ),
}

CLOSINGS: tuple[str, ...] = (
    "Afgesproken is dat {naam} het verslag nog leest en aanvult.",
    "Het verslag is teruggelegd bij {naam} en {rol}; er kwamen geen correcties.",
    "Over een half jaar volgt een tweede gesprek.",
    "Foto's en de begroting van {titel} zijn bij het verslag bewaard.",
)

# Paragraphs that say something, but express none of the seeded codes.
FILLERS: tuple[str, ...] = (
    "De eerste bijeenkomst was in de zomer. Er kwamen meer mensen dan verwacht, vooral uit "
    "de straten rond het plein.",
    "{titel} draait op een vaste kern van een handvol bewoners. Wie tijd heeft, sluit aan.",
    "De aanvraag liep via het bewonersbudget van het stadsdeel. Het geld kwam na een paar "
    "weken binnen.",
    "In de winter lag het stil; in het voorjaar pakte de groep de draad weer op.",
    "De activiteiten vinden plaats in en rond het buurthuis in {buurt}.",
    "Er is een WhatsApp-groep voor de vrijwilligers, die {naam} beheert.",
    "Het weer werkte niet altijd mee, maar de opkomst bleef redelijk.",
    "De kosten vielen iets hoger uit dan begroot, vooral door materiaal.",
)

# Lead-ins that may precede a passage in its paragraph (not coded themselves).
LEADS: tuple[str, ...] = (
    "Gevraagd naar de rol van de professional:",
    "Daarover zegt {naam}:",
    "Een voorbeeld.",
    "Dat bleek ook later.",
    "Achteraf gezien was dat belangrijk.",
)

# Per seeded code key: passages that express it.
PASSAGES: dict[str, tuple[str, ...]] = {
    "animo": (
        "{rol} bleef langskomen, ook toen de eerste aanvraag werd afgewezen.",
        "Ook op zaterdagavond stond {rol} nog te helpen met opruimen; 'dat doe je gewoon "
        "als je erin gelooft', zei {naam}.",
    ),
    "contacten": (
        "Via {rol} kwamen we bij de corporatie terecht, die een ruimte beschikbaar stelde.",
        "{rol} bracht {naam} in contact met de school en met een ondernemer uit de buurt.",
    ),
    "toerusting": (
        "{rol} liet ons zelf de begroting maken en keek alleen mee; nu kunnen we dat zelf.",
        "{naam} volgde op aanraden van {rol} een training vergaderen en subsidie aanvragen, "
        "en leert het nu aan nieuwe vrijwilligers.",
    ),
    "inbedding": (
        "{titel} staat nu vast in het jaarplan van het buurthuis.",
        "Dankzij {rol} is de activiteit opgenomen in het gebiedsplan van {buurt}, met een "
        "eigen post op de begroting.",
    ),
    "empathie": (
        "{rol} begreep dat we het voor onze kinderen deden, niet voor de subsidie.",
        "'Ze luisterde eerst, zonder meteen met oplossingen te komen', vertelt {naam}.",
    ),
    "wns1": (
        "We vroegen om een vergaderruimte, maar eigenlijk zochten we nieuwe vrijwilligers; "
        "{rol} had dat snel door.",
        "{rol} vroeg door op de klacht over het plein en kwam uit bij de eenzaamheid van "
        "oudere bewoners.",
    ),
    "wns2": (
        "We hebben het eerst zelf geprobeerd; pas daarna vroegen we hulp.",
        "{naam} en de buren regelden zelf de vergunning, de spullen en de vrijwilligers; "
        "{rol} hoefde weinig te doen.",
        "Het idee en de uitvoering zijn van de bewoners zelf; {rol} hield zich bewust op de "
        "achtergrond.",
    ),
    "wns3": (
        "{rol} stond de volgende dag al op de stoep.",
        "Na het eerste signaal belde {rol} meteen aan bij {naam}.",
    ),
    "wns4": (
        "De buren doen de boodschappen en de koffie, {rol} regelt wat echt vakwerk is.",
        "Vrijwilligers draaien de avonden; de professional komt alleen als het moet.",
    ),
    "wns5": (
        "Na de gesprekken met losse bewoners begonnen we een gespreksgroep.",
        "{rol} koos ervoor eerst {naam} apart te helpen en daarna de hele groep.",
    ),
    "wns6": (
        "Wijkagent, corporatie en welzijn zaten samen met {naam} aan tafel.",
        "{rol} haalde de gebiedsbeheerder en de wijkverpleging erbij om het samen op te "
        "pakken.",
    ),
    "wns7": (
        "We spraken af dat {titel} voor de zomer zou beginnen, en zo ging het ook.",
        "{rol} maakte met de groep een plan met drie doelen en een datum voor elk.",
    ),
    "wns8": (
        "{rol}: 'Mijn leidinggevende liet mij zelf bepalen hoeveel tijd ik erin stak.'",
        "{rol} kreeg de ruimte om buiten de vaste uren aanwezig te zijn.",
    ),
}

# Codes a second coder confuses with each other now and then (similar wording).
CONFUSED: dict[str, str] = {
    "wns2": "toerusting", "toerusting": "wns2", "contacten": "wns6", "wns6": "contacten",
    "inbedding": "wns6", "empathie": "wns1", "wns1": "empathie", "wns3": "animo",
    "animo": "wns3", "wns4": "wns2", "wns5": "wns1", "wns7": "wns4", "wns8": "animo",
}
