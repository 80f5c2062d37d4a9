"""Dutch and English labels of every vocabulary's codes, and what each vocabulary is for."""

import re
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from api.areas.models import AreaType, MappingCertainty
from api.vocabularies.models import (
    ActivityType,
    CoFunder,
    Direction,
    EffectMeasure,
    EvaluationDesign,
    EvaluationMethod,
    EvidenceLevel,
    FundingScheme,
    IndicatorLevel,
    IndicatorTheme,
    InitiativeStatus,
    InitiatorType,
    MeasureKind,
    OrganisationForm,
    OrganisationKind,
    ParticipationLevel,
    ProfessionalRole,
    ScaleType,
    SupportKind,
    SupportStyle,
    TargetGroup,
    Theme,
)


@dataclass(frozen=True)
class Vocabulary:
    """One enumeration as users see it: its codes in declaration order, each with two labels."""

    codes: type[StrEnum]
    label_nl: str
    label_en: str
    description: str
    labels: Mapping[StrEnum, tuple[str, str]]
    # True when the declaration order means something (a ladder, a scale), not just habit.
    ordered: bool = False

    @property
    def name(self) -> str:
        """Kebab-case name of the enumeration: ParticipationLevel → participation-level."""
        return re.sub(r"(?<!^)(?=[A-Z])", "-", self.codes.__name__).lower()

    def terms(self) -> list[tuple[str, str, str]]:
        """(code, Dutch label, English label) for every code, in declaration order."""
        return [(code.value, *self.labels[code]) for code in self.codes]


VOCABULARIES: tuple[Vocabulary, ...] = (
    Vocabulary(Theme, "Thema", "Theme", "Inhoudelijk thema van een initiatief.", {
        Theme.ONTMOETING: ("Ontmoeting en sociale cohesie", "Meeting and social cohesion"),
        Theme.OPENBARE_RUIMTE: ("Openbare ruimte (schoon, heel, veilig)",
                                "Public space (clean, intact, safe)"),
        Theme.GROEN: ("Groen", "Greenery"),
        Theme.JEUGD: ("Jeugd en opvoeding", "Youth and parenting"),
        Theme.TAAL_EDUCATIE: ("Taal en educatie", "Language and education"),
        Theme.WERK_ECONOMIE: ("Werk en economie", "Work and economy"),
        Theme.GEZONDHEID_SPORT: ("Gezondheid en sport", "Health and sport"),
        Theme.CULTUUR: ("Cultuur en kunst", "Culture and the arts"),
        Theme.DUURZAAMHEID: ("Duurzaamheid", "Sustainability"),
        Theme.BUURTMEDIA: ("Buurtmedia en communicatie", "Neighbourhood media and communication"),
        Theme.VEILIGHEID: ("Veiligheid", "Safety"),
        Theme.ZORG_BURENHULP: ("Zorg en burenhulp", "Care and neighbourly help"),
    }),
    Vocabulary(TargetGroup, "Doelgroep", "Target group",
               "Voor wie een initiatief in de eerste plaats bedoeld is.", {
        TargetGroup.ALLE_BEWONERS: ("Alle bewoners", "All residents"),
        TargetGroup.KINDEREN: ("Kinderen", "Children"),
        TargetGroup.JONGEREN: ("Jongeren", "Young people"),
        TargetGroup.OUDEREN: ("Ouderen", "Older people"),
        TargetGroup.VROUWEN: ("Vrouwen", "Women"),
        TargetGroup.NIEUWKOMERS: ("Nieuwkomers", "Newcomers"),
        TargetGroup.HERKOMSTGROEP: ("Specifieke herkomstgroep", "Specific group by origin"),
    }),
    Vocabulary(OrganisationForm, "Organisatievorm", "Organisation form",
               "Vorm waarin bewoners meedoen: regeling, overlegvorm of eigen organisatie.", {
        OrganisationForm.BEWONERSINITIATIEF: ("Bewonersinitiatief", "Residents' initiative"),
        OrganisationForm.MAATSCHAPPELIJK_INITIATIEF: ("Maatschappelijk initiatief",
                                                      "Civic initiative"),
        OrganisationForm.BUURTBUDGET: ("Buurtbudget / wijkbudget", "Neighbourhood budget"),
        OrganisationForm.AGENDA_VAN_DE_BUURT: ("Agenda van de buurt / gebiedsagenda",
                                               "Neighbourhood agenda"),
        OrganisationForm.BEWONERSVERENIGING: ("Bewonersvereniging / buurtvereniging",
                                              "Residents' association"),
        OrganisationForm.BEWONERSCOMMISSIE: ("Bewonerscommissie / huurdersvereniging",
                                             "Tenants' committee"),
        OrganisationForm.BUURTBEHEER: ("Buurtbeheer", "Neighbourhood management"),
        OrganisationForm.ZELFBEHEER: ("Zelfbeheer", "Self-management"),
        OrganisationForm.WIJKPANEL: ("Wijkpanel / bewonerspanel", "Residents' panel"),
        OrganisationForm.COOPERATIE: ("Buurtcoöperatie / bewonersbedrijf",
                                      "Neighbourhood co-operative"),
        OrganisationForm.RIGHT_TO_CHALLENGE: ("Right to Challenge (uitdaagrecht)",
                                              "Right to Challenge"),
        OrganisationForm.PROFESSIONEEL_GEINITIEERD: ("Professioneel geïnitieerd",
                                                     "Initiated by professionals"),
    }),
    Vocabulary(InitiatorType, "Initiatiefnemer", "Initiator",
               "Wie het initiatief heeft genomen.", {
        InitiatorType.BEWONER: ("Bewoner", "Resident"),
        InitiatorType.BEWONERSGROEP: ("Bewonersgroep (informeel netwerk)",
                                      "Group of residents (informal network)"),
        InitiatorType.BEWONERSORGANISATIE: ("Bewonersorganisatie (stichting of vereniging)",
                                            "Residents' organisation (foundation or association)"),
        InitiatorType.ONDERNEMER: ("Ondernemer", "Local entrepreneur"),
        InitiatorType.WELZIJNSORGANISATIE: ("Welzijnsorganisatie", "Welfare organisation"),
        InitiatorType.WONINGCORPORATIE: ("Woningcorporatie", "Housing association"),
        InitiatorType.STADSDEEL: ("Stadsdeel", "District"),
    }),
    Vocabulary(ActivityType, "Activiteitstype", "Activity type",
               "Soort activiteit waaruit een initiatief bestaat.", {
        ActivityType.EENMALIG_EVENEMENT: ("Eenmalig evenement", "One-off event"),
        ActivityType.TERUGKERENDE_ACTIVITEIT: ("Terugkerende activiteit", "Recurring activity"),
        ActivityType.FYSIEKE_INGREEP: ("Fysieke ingreep", "Physical intervention"),
        ActivityType.BEHEER: ("Beheer", "Maintenance and management"),
        ActivityType.BELANGENBEHARTIGING: ("Belangenbehartiging", "Advocacy"),
    }),
    Vocabulary(ParticipationLevel, "Participatieniveau", "Participation level",
               "Trede op de participatieladder: hoeveel invloed bewoners hebben, van laag naar "
               "hoog.", {
        ParticipationLevel.INFORMEREN: ("Informeren", "Informing"),
        ParticipationLevel.RAADPLEGEN: ("Raadplegen", "Consulting"),
        ParticipationLevel.ADVISEREN: ("Adviseren", "Advising"),
        ParticipationLevel.COPRODUCEREN: ("Coproduceren", "Co-producing"),
        ParticipationLevel.MEEBESLISSEN: ("Meebeslissen", "Co-deciding"),
        ParticipationLevel.ZELFBEHEER: ("Zelfbeheer", "Self-management"),
    }, ordered=True),
    Vocabulary(InitiativeStatus, "Status", "Status",
               "Fase van een initiatief, van idee tot afronding.", {
        InitiativeStatus.IDEE: ("Idee", "Idea"),
        InitiativeStatus.AANGEVRAAGD: ("Aangevraagd", "Applied for"),
        InitiativeStatus.TOEGEKEND: ("Toegekend", "Granted"),
        InitiativeStatus.AFGEWEZEN: ("Afgewezen", "Rejected"),
        InitiativeStatus.IN_UITVOERING: ("In uitvoering", "In progress"),
        InitiativeStatus.AFGEROND: ("Afgerond", "Completed"),
        InitiativeStatus.GESTOPT: ("Gestopt", "Discontinued"),
    }),
    Vocabulary(FundingScheme, "Regeling", "Funding scheme",
               "Subsidieregeling of budget waaruit een initiatief vooral wordt betaald.", {
        FundingScheme.BEWONERSINITIATIEF_KLEIN: ("Bewonersinitiatief klein (tot € 500)",
                                                 "Small residents' initiative (up to €500)"),
        FundingScheme.BEWONERSINITIATIEF: ("Bewonersinitiatief (tot € 5.000)",
                                           "Residents' initiative (up to €5,000)"),
        FundingScheme.BUURTBUDGET: ("Buurtbudget", "Neighbourhood budget"),
        FundingScheme.MAATSCHAPPELIJK_INITIATIEF: ("Maatschappelijk initiatief",
                                                   "Civic initiative"),
        FundingScheme.CORPORATIE_LEEFBAARHEID: ("Leefbaarheidsbudget woningcorporatie",
                                                "Housing association liveability budget"),
        FundingScheme.FONDS: ("Fonds", "Charitable fund"),
        FundingScheme.GEEN: ("Geen regeling", "No scheme"),
    }),
    Vocabulary(CoFunder, "Medefinancier", "Co-funder",
               "Wie naast de regeling meebetaalt (cofinanciering).", {
        CoFunder.STADSDEEL: ("Stadsdeel", "District"),
        CoFunder.WONINGCORPORATIE: ("Woningcorporatie", "Housing association"),
        CoFunder.FONDS: ("Fonds", "Charitable fund"),
        CoFunder.CROWDFUNDING: ("Crowdfunding", "Crowdfunding"),
        CoFunder.BEDRIJFSLEVEN: ("Bedrijfsleven", "Businesses"),
    }),
    Vocabulary(ProfessionalRole, "Rol", "Role",
               "Rol van een professional die bewonersparticipatie ondersteunt.", {
        ProfessionalRole.PARTICIPATIEMAKELAAR: ("Participatiemakelaar", "Participation broker"),
        ProfessionalRole.GEBIEDSMAKELAAR: ("Gebiedsmakelaar / gebiedsmanager",
                                           "Area broker / area manager"),
        ProfessionalRole.STADSDEELMEDEWERKER: ("Stadsdeelmedewerker", "District officer"),
        ProfessionalRole.OPBOUWWERKER: ("Opbouwwerker", "Community development worker"),
        ProfessionalRole.PARTICIPATIEMEDEWERKER: ("Participatiemedewerker (Huis van de Wijk)",
                                                  "Participation worker (community centre)"),
        ProfessionalRole.WELZIJNSWERKER: ("Welzijnswerker", "Welfare worker"),
        ProfessionalRole.GEBIEDSBEHEERDER: ("Gebiedsbeheerder (woningcorporatie)",
                                            "Estate manager (housing association)"),
        ProfessionalRole.BUURTCONCIERGE: ("Buurtconciërge", "Neighbourhood caretaker"),
        ProfessionalRole.BUURTBEMIDDELAAR: ("Buurtbemiddelaar", "Neighbourhood mediator"),
        ProfessionalRole.PROCESBEGELEIDER: ("Onafhankelijk procesbegeleider",
                                            "Independent facilitator"),
        ProfessionalRole.ONDERZOEKER: ("Onderzoeker / evaluator", "Researcher / evaluator"),
    }),
    Vocabulary(OrganisationKind, "Soort organisatie", "Kind of organisation",
               "Soort organisatie waarvoor een professional werkt.", {
        OrganisationKind.STADSDEEL: ("Stadsdeel", "District"),
        OrganisationKind.GEMEENTE: ("Gemeente (centrale stad)", "Municipality (central city)"),
        OrganisationKind.WELZIJNSORGANISATIE: ("Welzijnsorganisatie", "Welfare organisation"),
        OrganisationKind.WONINGCORPORATIE: ("Woningcorporatie", "Housing association"),
        OrganisationKind.ADVIESBUREAU: ("Adviesbureau", "Consultancy"),
        OrganisationKind.KENNISINSTELLING: ("Kennisinstelling", "Research institution"),
        OrganisationKind.ZELFSTANDIGE: ("Zelfstandige (zzp)", "Self-employed"),
    }),
    Vocabulary(SupportKind, "Soort ondersteuning", "Kind of support",
               "Wat een professional doet om een initiatief te ondersteunen.", {
        SupportKind.INFORMEREN_ADVISEREN: ("Informeren en adviseren", "Informing and advising"),
        SupportKind.VERBINDEN_NETWERKEN: ("Verbinden en netwerken",
                                          "Connecting and networking"),
        SupportKind.ACTIVEREN: ("Motiveren, stimuleren, activeren",
                                "Motivating, encouraging, activating"),
        SupportKind.FACILITEREN: ("Faciliteren met geld of ruimte",
                                  "Facilitating with money or space"),
        SupportKind.PROCESBEGELEIDING: ("Procesbegeleiding", "Process facilitation"),
        SupportKind.SIGNALEREN_AGENDEREN: ("Signaleren en agenderen",
                                           "Flagging issues and putting them on the agenda"),
    }),
    Vocabulary(SupportStyle, "Ondersteuningsstijl", "Support style",
               "Houding van de professional tegenover het initiatief (rood, blauw, wit naar "
               "Denters e.a. 2012), tot overnemen toe.", {
        SupportStyle.STIMULEREND: ("Stimulerend (rood)", "Stimulating (red)"),
        SupportStyle.FACILITEREND: ("Faciliterend (blauw)", "Facilitating (blue)"),
        SupportStyle.COPRODUCEREND: ("Coproducerend (wit)", "Co-producing (white)"),
        SupportStyle.OVERNEMEND: ("Overnemend", "Taking over"),
    }),
    Vocabulary(IndicatorTheme, "Thema indicator", "Indicator theme",
               "Effectthema van een uitkomstindicator (naar Van Haperen 2014).", {
        IndicatorTheme.SOCIALE_COHESIE: ("Sociale cohesie", "Social cohesion"),
        IndicatorTheme.WELZIJN: ("Welzijn en zelfredzaamheid", "Well-being and self-reliance"),
        IndicatorTheme.LEEFOMGEVING: ("Leefomgeving", "Living environment"),
        IndicatorTheme.VEILIGHEID: ("Veiligheid", "Safety"),
        IndicatorTheme.BEWONER_BESTUUR: ("Verhouding bewoners en bestuur",
                                         "Relations between residents and government"),
        IndicatorTheme.KENMERKEN_INITIATIEF: ("Kenmerken van initiatieven",
                                              "Characteristics of initiatives"),
    }),
    Vocabulary(IndicatorLevel, "Meetniveau", "Level of measurement",
               "Waarover een indicator iets zegt: een bewoner, een buurt of een initiatief.", {
        IndicatorLevel.BEWONER: ("Bewoner", "Resident"),
        IndicatorLevel.BUURT: ("Buurt", "Neighbourhood"),
        IndicatorLevel.INITIATIEF: ("Initiatief", "Initiative"),
    }),
    Vocabulary(ScaleType, "Meetschaal", "Scale", "Schaal waarop een indicator wordt gemeten.", {
        ScaleType.RAPPORTCIJFER: ("Rapportcijfer (1–10)", "Rating (1–10)"),
        ScaleType.SCORE_0_10: ("Score (0–10)", "Score (0–10)"),
        ScaleType.LIKERT_1_5: ("Likertschaal (1–5)", "Likert scale (1–5)"),
        ScaleType.PERCENTAGE: ("Percentage", "Percentage"),
        ScaleType.AANTAL: ("Aantal", "Count"),
        ScaleType.LADDER_1_6: ("Trede op de participatieladder (1–6)",
                               "Rung on the participation ladder (1–6)"),
        ScaleType.ZRM_1_5: ("Zelfredzaamheid-Matrix (1–5)", "Self-Sufficiency Matrix (1–5)"),
        ScaleType.EURO: ("Bedrag in euro", "Amount in euros"),
        ScaleType.INDEX: ("Index", "Index"),
    }),
    Vocabulary(EvaluationDesign, "Onderzoeksopzet", "Study design",
               "Opzet van een evaluatie, van zwak naar sterk; bepaalt mede de bewijskracht.", {
        EvaluationDesign.BESCHRIJVEND: ("Beschrijvend", "Descriptive"),
        EvaluationDesign.VOOR_NAMETING: ("Voor- en nameting", "Pre/post"),
        EvaluationDesign.VOOR_NAMETING_CONTROLEGROEP: ("Voor- en nameting met controlegroep",
                                                       "Pre/post with comparison group"),
        EvaluationDesign.GERANDOMISEERD: ("Gerandomiseerd experiment",
                                          "Randomised controlled trial"),
    }, ordered=True),
    Vocabulary(EvidenceLevel, "Bewijskracht", "Level of evidence",
               "Niveau van erkenning van interventies (Erkenningscommissie Interventies), van "
               "laag naar hoog.", {
        EvidenceLevel.GOED_BESCHREVEN: ("Goed beschreven", "Well described"),
        EvidenceLevel.GOED_ONDERBOUWD: ("Goed onderbouwd", "Well founded"),
        EvidenceLevel.EERSTE_AANWIJZINGEN: ("Eerste aanwijzingen voor effectiviteit",
                                            "First indications of effectiveness"),
        EvidenceLevel.GOEDE_AANWIJZINGEN: ("Goede aanwijzingen voor effectiviteit",
                                           "Good indications of effectiveness"),
        EvidenceLevel.STERKE_AANWIJZINGEN: ("Sterke aanwijzingen voor effectiviteit",
                                            "Strong indications of effectiveness"),
    }, ordered=True),
    Vocabulary(EvaluationMethod, "Onderzoeksmethode", "Research method",
               "Hoe de gegevens voor een evaluatie zijn verzameld.", {
        EvaluationMethod.ENQUETE: ("Enquête", "Survey"),
        EvaluationMethod.INTERVIEWS: ("Interviews", "Interviews"),
        EvaluationMethod.FOCUSGROEP: ("Focusgroep", "Focus group"),
        EvaluationMethod.OBSERVATIE: ("Observatie", "Observation"),
        EvaluationMethod.MONITORDATA: ("Monitorgegevens", "Monitoring data"),
        EvaluationMethod.REGISTRATIE: ("Registratie", "Administrative records"),
        EvaluationMethod.DOCUMENTANALYSE: ("Documentanalyse", "Document analysis"),
    }),
    Vocabulary(MeasureKind, "Soort uitkomstmaat", "Kind of outcome measure",
               "Welke ruwe gegevens een uitkomstmaat bevat.", {
        MeasureKind.PRE_POST: ("Voor- en nameting (gemiddelden, sd's, n, correlatie)",
                               "Pre/post (means, SDs, n, correlation)"),
        MeasureKind.TWO_GROUP: ("Twee groepen (gemiddelden, sd's, n)",
                                "Two groups (means, SDs, n)"),
        MeasureKind.COUNTS: ("Aantallen in twee groepen", "Counts in two groups"),
        MeasureKind.PROPORTION: ("Aandeel (aantal van n)", "Proportion (events out of n)"),
        MeasureKind.EFFECT_SIZE: ("Gerapporteerde effectgrootte met variantie",
                                  "Reported effect size with its variance"),
        MeasureKind.DIRECTION: ("Alleen de richting", "Direction only"),
    }),
    Vocabulary(Direction, "Richting", "Direction",
               "Richting van een effect, wanneer er geen getallen zijn.", {
        Direction.POSITIVE: ("Positief", "Positive"),
        Direction.NONE: ("Geen effect", "No effect"),
        Direction.NEGATIVE: ("Negatief", "Negative"),
    }, ordered=True),
    Vocabulary(EffectMeasure, "Effectmaat", "Effect measure",
               "Maat voor de effectgrootte, met de afkortingen van het R-pakket metafor.", {
        EffectMeasure.SMD: ("Gestandaardiseerd verschil in gemiddelden (Hedges' g)",
                            "Standardised mean difference (Hedges' g)"),
        EffectMeasure.SMCR: ("Gestandaardiseerde gemiddelde verandering (sd voormeting)",
                             "Standardised mean change (raw-score standardisation)"),
        EffectMeasure.SMCC: ("Gestandaardiseerde gemiddelde verandering (sd verschilscores)",
                             "Standardised mean change (change-score standardisation)"),
        EffectMeasure.MD: ("Verschil in gemiddelden", "Mean difference"),
        EffectMeasure.MC: ("Gemiddelde verandering", "Mean change"),
        EffectMeasure.ROM: ("Verhouding van gemiddelden (log)", "Ratio of means (log)"),
        EffectMeasure.OR: ("Oddsratio (log)", "Odds ratio (log)"),
        EffectMeasure.RR: ("Relatief risico (log)", "Risk ratio (log)"),
        EffectMeasure.RD: ("Risicoverschil", "Risk difference"),
        EffectMeasure.PR: ("Proportie", "Raw proportion"),
        EffectMeasure.PLO: ("Proportie (logit)", "Logit-transformed proportion"),
    }),
    Vocabulary(AreaType, "Gebiedsniveau", "Area level",
               "Niveau in de Amsterdamse gebiedsindeling, van groot naar klein.", {
        AreaType.GEMEENTE: ("Gemeente", "Municipality"),
        AreaType.STADSDEEL: ("Stadsdeel", "District"),
        AreaType.GEBIED: ("Gebied (GGW-gebied)", "Area (GGW area)"),
        AreaType.WIJK: ("Wijk", "Quarter"),
        AreaType.BUURT: ("Buurt", "Neighbourhood"),
    }, ordered=True),
    Vocabulary(MappingCertainty, "Zekerheid koppeling", "Mapping certainty",
               "Hoe zeker de koppeling van een Wijkaanpak-buurt (2007) aan de buurten van 2022 "
               "is.", {
        MappingCertainty.HOOG: ("Hoog", "High"),
        MappingCertainty.MIDDEL: ("Middel", "Medium"),
        MappingCertainty.LAAG: ("Laag", "Low"),
    }, ordered=True),
)

BY_NAME: dict[str, Vocabulary] = {vocabulary.name: vocabulary for vocabulary in VOCABULARIES}
_BY_ENUM: dict[type[StrEnum], Vocabulary] = {v.codes: v for v in VOCABULARIES}


def labels_of(code: StrEnum) -> tuple[str, str]:
    """The Dutch and English label of one code, e.g. for reports and exports."""
    return _BY_ENUM[type(code)].labels[code]
