"""Word lists of the demo handelingsbeschrijvingen: situation, action, reasoning and result.

Placeholders: {title} the initiative, {buurt} its buurt, {obstacle} what held it up,
{partner} an organisation, {people} a number of residents.
"""

from api.vocabularies.models import ProfessionalRole, SupportKind, SupportStyle

R = ProfessionalRole
S = SupportStyle
K = SupportKind

SITUATIONS: dict[SupportStyle, tuple[str, ...]] = {
    S.STIMULEREND: (
        "Een paar bewoners van {buurt} liepen al een tijd rond met het idee voor {title}, "
        "maar wisten niet waar ze moesten beginnen.",
        "Op een bewonersavond kwam {title} ter sprake; er was enthousiasme, maar niemand nam "
        "het voortouw.",
        "De initiatiefnemer van {title} stond er vrijwel alleen voor en twijfelde of het door "
        "kon gaan.",
    ),
    S.FACILITEREND: (
        "De bewoners achter {title} hadden een duidelijk plan, maar liepen vast op {obstacle}.",
        "De groep van {title} draaide goed; alleen {obstacle} was nog niet geregeld.",
        "De kerngroep van {title} wist wat ze wilde en vroeg om hulp bij {obstacle}.",
    ),
    S.COPRODUCEREND: (
        "Bewoners en {partner} wilden samen werk maken van {title}, maar hadden nog geen "
        "gezamenlijke aanpak.",
        "Voor {title} moesten bewoners, {partner} en het stadsdeel het eens worden over wie "
        "wat doet.",
        "{title} raakte aan plannen van {partner}; bewoners wilden meebeslissen in plaats van "
        "alleen gehoord te worden.",
    ),
    S.OVERNEMEND: (
        "De kerngroep van {title} was kleiner geworden en afspraken bleven liggen.",
        "Er moest snel een aanvraag voor {title} de deur uit, en de bewoners hadden daar geen "
        "tijd voor.",
        "Na onenigheid in de groep van {title} wilde niemand meer de coördinatie doen.",
    ),
}
OBSTACLES = ("de subsidieaanvraag", "het vinden van een geschikte ruimte",
             "de vergunning van het stadsdeel", "de verzekering voor vrijwilligers",
             "het beheer van het geld", "afspraken met de corporatie over sleutels en schoonmaak",
             "het bekendmaken van de activiteiten")
PARTNERS = ("de corporatie", "de welzijnsorganisatie", "de basisschool", "het buurthuis",
            "ondernemers uit de straat", "de wijkagent")

# What the professional did, per kind of support, after the role ("De opbouwwerker …").
ACTS: dict[SupportKind, tuple[str, ...]] = {
    K.INFORMEREN_ADVISEREN: ("legde uit hoe de subsidieregeling werkt en hielp bij de aanvraag",
                             "gaf advies over de begroting en de verantwoording achteraf"),
    K.VERBINDEN_NETWERKEN: ("bracht de bewoners in contact met de corporatie en andere "
                            "initiatieven",
                            "stelde de initiatiefnemers voor aan de beheerder van het buurthuis "
                            "en aan de school"),
    K.ACTIVEREN: ("ging langs de deuren om nieuwe bewoners te laten meedoen",
                  "sprak bewoners op het plein en bij de school aan om mee te doen"),
    K.FACILITEREN: ("regelde een ruimte en materiaal",
                    "zorgde voor een sleutel van het buurthuis en een klein budget"),
    K.PROCESBEGELEIDING: ("begeleidde de overleggen van de kerngroep",
                          "hielp de groep taken te verdelen en afspraken vast te leggen"),
    K.SIGNALEREN_AGENDEREN: ("bracht wat bewoners signaleerden in bij het stadsdeel",
                             "zette de knelpunten van de groep op de agenda van het "
                             "gebiedsoverleg"),
}
# How the style shows in the action, one sentence after it.
MANNER: dict[SupportStyle, tuple[str, ...]] = {
    S.STIMULEREND: ("Liet de uitvoering bewust bij de bewoners.",
                    "Moedigde de groep aan de volgende stap zelf te zetten."),
    S.FACILITEREND: ("Bleef verder op de achtergrond.",
                     "Haalde drempels weg en liet de rest aan de groep."),
    S.COPRODUCEREND: ("Maakte met de bewoners afspraken over wie wat doet.",
                      "Trok samen met de bewoners op in het overleg met de partners."),
    S.OVERNEMEND: ("Schreef de aanvraag grotendeels zelf en zat de overleggen voor.",
                   "Nam de coördinatie tijdelijk over."),
}
REASONS: dict[SupportStyle, tuple[str, ...]] = {
    S.STIMULEREND: (
        "De groep moest zelf in beweging komen; wie het zelf doet, houdt het langer vol.",
        "Er was energie, maar nog geen richting: een duwtje was genoeg.",
        "Nieuwe bewoners haken eerder aan als buren hen vragen dan als een professional dat "
        "doet.",
    ),
    S.FACILITEREND: (
        "De bewoners konden het zelf en hadden vooral praktische steun nodig.",
        "Het initiatief was van de bewoners; het ging erom drempels weg te halen, niet om het "
        "roer over te nemen.",
        "Regels en formulieren mochten het enthousiasme niet smoren.",
    ),
    S.COPRODUCEREND: (
        "Bewoners en organisaties wilden het samen doen, als gelijkwaardige partners.",
        "Zonder de corporatie en het stadsdeel aan tafel was het plan niet uitvoerbaar.",
        "Gedeelde verantwoordelijkheid maakt dat iedereen zich aan de afspraken houdt.",
    ),
    S.OVERNEMEND: (
        "De groep kreeg het niet rond, dus nam de professional veel werk over.",
        "De termijn voor de aanvraag liep af; anders was het geld verloren gegaan.",
        "Het initiatief dreigde stil te vallen; overnemen leek de enige manier om het te "
        "redden.",
    ),
}
ROLE_MOTIVES: dict[ProfessionalRole, str] = {
    R.PARTICIPATIEMAKELAAR: "Het werk van een participatiemakelaar is bewoners en stadsdeel "
                            "bij elkaar te brengen.",
    R.GEBIEDSMAKELAAR: "Een gebiedsmakelaar kijkt naar wat het hele gebied nodig heeft.",
    R.STADSDEELMEDEWERKER: "Vanuit het stadsdeel moest het ook binnen de regels en de planning "
                           "passen.",
    R.OPBOUWWERKER: "Opbouwwerk gaat uit van de eigen kracht van bewoners.",
    R.PARTICIPATIEMEDEWERKER: "In het Huis van de Wijk hoort hulp bij aanvragen bij het vaste "
                              "werk.",
    R.WELZIJNSWERKER: "Vanuit het welzijnswerk was er ook aandacht voor bewoners die het "
                      "moeilijk hebben.",
    R.GEBIEDSBEHEERDER: "Voor de corporatie telt dat huurders zich verantwoordelijk voelen voor "
                        "hun complex.",
    R.BUURTCONCIERGE: "Als buurtconciërge is er dagelijks contact met bewoners op straat.",
    R.BUURTBEMIDDELAAR: "Buurtbemiddeling wil dat buren er samen uitkomen.",
    R.PROCESBEGELEIDER: "De opdracht van de procesbegeleider was het proces vlot te trekken.",
    R.ONDERZOEKER: "Het onderzoek volgde het initiatief en gaf terug wat opviel.",
}
RESULTS: dict[SupportStyle, tuple[str, ...]] = {
    S.STIMULEREND: ("Er meldden zich {people} nieuwe bewoners; de groep nam zelf het voortouw.",
                    "De bewoners schreven zelf hun plan en dienden het in."),
    S.FACILITEREND: ("De aanvraag werd toegekend en de groep kon van start.",
                     "Met ruimte en materiaal geregeld draaide het initiatief zelfstandig "
                     "verder."),
    S.COPRODUCEREND: ("Bewoners en {partner} legden samen vast wie wat doet bij de uitvoering.",
                      "Het plan werd samen uitgevoerd; de bewoners hielden zeggenschap."),
    S.OVERNEMEND: ("Het initiatief ging door, maar leunde sterk op de professional.",
                   "De aanvraag was op tijd binnen; de bewoners bleven wel afhankelijk van de "
                   "professional."),
}
STOPPED_RESULTS = ("Ondanks de steun viel de groep uit elkaar en stopte het initiatief.",
                   "Er kwamen te weinig vrijwilligers bij; de activiteiten zijn gestopt.")
ONGOING_RESULT = "De ondersteuning loopt nog; de eerste stappen zijn gezet."
