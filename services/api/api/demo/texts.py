"""Word lists the demo texts are composed from: titles, summaries, names, organisations."""

from api.vocabularies.models import (
    InitiatorType,
    ProfessionalRole,
    Theme,
)

# Per theme: (title, what the initiators do); {buurt} is the buurt's name.
PROJECTS: dict[Theme, tuple[tuple[str, str], ...]] = {
    Theme.ONTMOETING: (
        ("Buurtkamer {buurt}", "houden wekelijks een buurtkamer open voor ontmoeting"),
        ("Koffieochtend {buurt}", "schenken elke week koffie voor wie even wil bijpraten"),
        ("Burendag {buurt}", "organiseren een jaarlijkse burendag met muziek en eten"),
        ("Eettafel {buurt}", "koken eens per maand voor en met buurtgenoten"),
    ),
    Theme.OPENBARE_RUIMTE: (
        ("Opknapdag {buurt}", "knappen samen met de corporatie het plein op"),
        ("Portiekenaanpak {buurt}", "maken portieken en trappenhuizen schoon en houden ze bij"),
        ("Bankjes voor {buurt}", "richten een verwaarloosde hoek opnieuw in met bankjes"),
    ),
    Theme.GROEN: (
        ("Moestuin {buurt}", "leggen een moestuin aan op een braakliggend stuk grond"),
        ("Geveltuinen {buurt}", "beplanten geveltuinen en boomspiegels in de straat"),
        ("Buurttuin {buurt}", "beheren samen een groene binnentuin"),
    ),
    Theme.JEUGD: (
        ("Kinderclub {buurt}", "organiseren naschoolse activiteiten voor kinderen"),
        ("Speeltuinvereniging {buurt}", "beheren een speeltuin met vrijwillige ouders"),
        ("Voetbaltoernooi {buurt}", "zetten een toernooi op waar jongeren zelf de regie hebben"),
    ),
    Theme.TAAL_EDUCATIE: (
        ("Taalcafé {buurt}", "bieden wekelijks een taalcafé voor anderstalige buren"),
        ("Huiswerkklas {buurt}", "begeleiden kinderen bij hun huiswerk"),
        ("Voorleesouders {buurt}", "lezen voor aan peuters en leren ouders voorlezen"),
    ),
    Theme.WERK_ECONOMIE: (
        ("Naaiatelier {buurt}", "runnen een naaiatelier waar bewoners werkervaring opdoen"),
        ("Klussenbank {buurt}", "ruilen klussen en vaardigheden via een klussenbank"),
        ("Buurtonderneming {buurt}", "starten een kleine buurtonderneming"),
    ),
    Theme.GEZONDHEID_SPORT: (
        ("Wandelgroep {buurt}", "wandelen twee keer per week samen door de buurt"),
        ("Buurtsport {buurt}", "organiseren laagdrempelige sport in het buurthuis"),
        ("Gezond koken {buurt}", "koken gezond met ouders en kinderen"),
    ),
    Theme.CULTUUR: (
        ("Buurtfestival {buurt}", "organiseren een festival met optredens van buurtbewoners"),
        ("Buurtkoor {buurt}", "zingen wekelijks in een buurtkoor"),
        ("Kunstroute {buurt}", "zetten een kunstroute langs ateliers en portieken op"),
    ),
    Theme.DUURZAAMHEID: (
        ("Repair Café {buurt}", "repareren maandelijks spullen met vrijwillige reparateurs"),
        ("Energiecafé {buurt}", "geven buren advies over energie besparen"),
        ("Zwerfvuilploeg {buurt}", "ruimen samen zwerfvuil op en scheiden afval"),
    ),
    Theme.BUURTMEDIA: (
        ("Buurtkrant {buurt}", "maken een buurtkrant die huis aan huis wordt bezorgd"),
        ("Wijkwebsite {buurt}", "houden een wijkwebsite met nieuws en activiteiten bij"),
        ("Buurtradio {buurt}", "maken wekelijks een uitzending van de buurtradio"),
    ),
    Theme.VEILIGHEID: (
        ("Buurtpreventie {buurt}", "lopen 's avonds preventierondes door de buurt"),
        ("Buurtvaders {buurt}", "spreken jongeren op straat aan als buurtvaders"),
        ("Veilige schoolroute {buurt}", "begeleiden kinderen op de route naar school"),
    ),
    Theme.ZORG_BURENHULP: (
        ("Burenhulp {buurt}", "helpen buren met boodschappen en kleine klussen"),
        ("Ouderenbezoek {buurt}", "bezoeken alleenstaande ouderen"),
        ("Maaltijdservice {buurt}", "koken maaltijden voor buren die dat zelf niet meer kunnen"),
    ),
}

GOALS: dict[Theme, str] = {
    Theme.ONTMOETING: "Doel is dat buren elkaar beter leren kennen.",
    Theme.OPENBARE_RUIMTE: "Doel is een schonere en prettigere openbare ruimte.",
    Theme.GROEN: "Doel is meer groen en meer contact tussen buren.",
    Theme.JEUGD: "Doel is dat kinderen en jongeren veilig en zinvol kunnen spelen.",
    Theme.TAAL_EDUCATIE: "Doel is dat bewoners beter Nederlands spreken en meedoen.",
    Theme.WERK_ECONOMIE: "Doel is dat bewoners dichter bij werk of een eigen inkomen komen.",
    Theme.GEZONDHEID_SPORT: "Doel is dat bewoners gezonder leven en meer bewegen.",
    Theme.CULTUUR: "Doel is dat bewoners hun talenten laten zien en elkaar ontmoeten.",
    Theme.DUURZAAMHEID: "Doel is minder afval en lagere energielasten.",
    Theme.BUURTMEDIA: "Doel is dat bewoners weten wat er in de buurt gebeurt.",
    Theme.VEILIGHEID: "Doel is dat bewoners zich veiliger voelen in hun buurt.",
    Theme.ZORG_BURENHULP: "Doel is dat kwetsbare buren er niet alleen voor staan.",
}

PLACES: dict[Theme, str] = {
    Theme.GROEN: "Braakliggend terrein", Theme.JEUGD: "Speeltuin",
    Theme.OPENBARE_RUIMTE: "Plein", Theme.VEILIGHEID: "Straten rond het winkelcentrum",
    Theme.GEZONDHEID_SPORT: "Sporthal", Theme.CULTUUR: "Buurtpodium",
}
DEFAULT_PLACE = "Buurthuis"

SUBJECTS: dict[InitiatorType, str] = {
    InitiatorType.BEWONER: "Een bewoner en buren",
    InitiatorType.BEWONERSGROEP: "Bewoners",
    InitiatorType.BEWONERSORGANISATIE: "De bewonersorganisatie en haar leden",
    InitiatorType.ONDERNEMER: "Een ondernemer en bewoners",
    InitiatorType.WELZIJNSORGANISATIE: "Een welzijnsorganisatie en bewoners",
    InitiatorType.WONINGCORPORATIE: "De corporatie en huurders",
    InitiatorType.STADSDEEL: "Het stadsdeel en bewoners",
}
GROUP_NAMES = ("Bewonersgroep {buurt}", "Stichting Samen {buurt}", "Buurtvereniging {buurt}",
               "Vrienden van {buurt}", "Bewonerscommissie {buurt}", "Werkgroep {buurt} Vooruit")

FIRST_NAMES = (
    "Anna", "Bas", "Daan", "Els", "Femke", "Gert", "Ineke", "Joost", "Marloes", "Pieter",
    "Sanne", "Wouter", "Fatima", "Mohamed", "Karima", "Youssef", "Naima", "Said", "Hanane",
    "Mustafa", "Ayse", "Mehmet", "Emine", "Hasan", "Zeynep", "Kemal", "Priya", "Roy", "Sharon",
    "Rajesh", "Glenn", "Denise", "Kwame", "Akosua", "Nadia", "Lucas",
)
SURNAMES = (
    "de Vries", "Jansen", "Bakker", "Visser", "Smit", "Meijer", "de Boer", "Mulder", "Bos",
    "Vos", "El Amrani", "Bouzid", "Benali", "El Idrissi", "Ouali", "Tahiri", "Yilmaz", "Kaya",
    "Demir", "Şahin", "Çelik", "Öztürk", "Ramdin", "Sewnath", "Kanhai", "Pinas", "Lie A Fo",
    "Doelwijt", "Mensah", "Asante", "Boateng",
)

WELFARE = {"N": "Doras", "E": "Combiwel", "F": "Welzijn Nieuw-West", "M": "Dynamo",
           "T": "Welzijn Zuidoost", "A": "Combiwel Centrum", "K": "Combiwel Zuid"}
CORPORATIONS = ("Ymere", "Eigen Haard", "Stadgenoot", "Rochdale", "De Key", "De Alliantie")
BUREAUS = ("Nieuwe Maan", "Bureau Buurtwerk (fictief)", "Adviesbureau Samen Stad (fictief)")
INSTITUTES = ("Hogeschool van Amsterdam", "Universiteit van Amsterdam", "Verwey-Jonker Instituut")
EVALUATORS = ("Hogeschool van Amsterdam", "Verwey-Jonker Instituut", "DSP-groep", "Regioplan",
              "Onderzoek, Informatie en Statistiek", "Movisie")

ROLE_LABELS: dict[ProfessionalRole, str] = {
    ProfessionalRole.PARTICIPATIEMAKELAAR: "De participatiemakelaar",
    ProfessionalRole.GEBIEDSMAKELAAR: "De gebiedsmakelaar",
    ProfessionalRole.STADSDEELMEDEWERKER: "De medewerker van het stadsdeel",
    ProfessionalRole.OPBOUWWERKER: "De opbouwwerker",
    ProfessionalRole.PARTICIPATIEMEDEWERKER: "De participatiemedewerker",
    ProfessionalRole.WELZIJNSWERKER: "De welzijnswerker",
    ProfessionalRole.GEBIEDSBEHEERDER: "De gebiedsbeheerder",
    ProfessionalRole.BUURTCONCIERGE: "De buurtconciërge",
    ProfessionalRole.BUURTBEMIDDELAAR: "De buurtbemiddelaar",
    ProfessionalRole.PROCESBEGELEIDER: "De procesbegeleider",
    ProfessionalRole.ONDERZOEKER: "De onderzoeker",
}
