"""The enumerations of the domain. Codes are stable; labels are Dutch first, then English."""

from enum import StrEnum


class Theme(StrEnum):
    ONTMOETING = "ontmoeting"
    OPENBARE_RUIMTE = "openbare-ruimte"
    GROEN = "groen"
    JEUGD = "jeugd"
    TAAL_EDUCATIE = "taal-educatie"
    WERK_ECONOMIE = "werk-economie"
    GEZONDHEID_SPORT = "gezondheid-sport"
    CULTUUR = "cultuur"
    DUURZAAMHEID = "duurzaamheid"
    BUURTMEDIA = "buurtmedia"
    VEILIGHEID = "veiligheid"
    ZORG_BURENHULP = "zorg-burenhulp"


class TargetGroup(StrEnum):
    ALLE_BEWONERS = "alle-bewoners"
    KINDEREN = "kinderen"
    JONGEREN = "jongeren"
    OUDEREN = "ouderen"
    VROUWEN = "vrouwen"
    NIEUWKOMERS = "nieuwkomers"
    HERKOMSTGROEP = "herkomstgroep"


class OrganisationForm(StrEnum):
    BEWONERSINITIATIEF = "bewonersinitiatief"
    MAATSCHAPPELIJK_INITIATIEF = "maatschappelijk-initiatief"
    BUURTBUDGET = "buurtbudget"
    AGENDA_VAN_DE_BUURT = "agenda-van-de-buurt"
    BEWONERSVERENIGING = "bewonersvereniging"
    BEWONERSCOMMISSIE = "bewonerscommissie"
    BUURTBEHEER = "buurtbeheer"
    ZELFBEHEER = "zelfbeheer"
    WIJKPANEL = "wijkpanel"
    COOPERATIE = "cooperatie"
    RIGHT_TO_CHALLENGE = "right-to-challenge"
    PROFESSIONEEL_GEINITIEERD = "professioneel-geinitieerd"


class InitiatorType(StrEnum):
    BEWONER = "bewoner"
    BEWONERSGROEP = "bewonersgroep"
    BEWONERSORGANISATIE = "bewonersorganisatie"
    ONDERNEMER = "ondernemer"
    WELZIJNSORGANISATIE = "welzijnsorganisatie"
    WONINGCORPORATIE = "woningcorporatie"
    STADSDEEL = "stadsdeel"


RESIDENT_INITIATORS = frozenset(
    {InitiatorType.BEWONER, InitiatorType.BEWONERSGROEP, InitiatorType.BEWONERSORGANISATIE}
)


class ActivityType(StrEnum):
    EENMALIG_EVENEMENT = "eenmalig-evenement"
    TERUGKERENDE_ACTIVITEIT = "terugkerende-activiteit"
    FYSIEKE_INGREEP = "fysieke-ingreep"
    BEHEER = "beheer"
    BELANGENBEHARTIGING = "belangenbehartiging"


class ParticipationLevel(StrEnum):
    """The Dutch participation ladder, lowest rung first (order matters)."""

    INFORMEREN = "informeren"
    RAADPLEGEN = "raadplegen"
    ADVISEREN = "adviseren"
    COPRODUCEREN = "coproduceren"
    MEEBESLISSEN = "meebeslissen"
    ZELFBEHEER = "zelfbeheer"


class InitiativeStatus(StrEnum):
    IDEE = "idee"
    AANGEVRAAGD = "aangevraagd"
    TOEGEKEND = "toegekend"
    AFGEWEZEN = "afgewezen"
    IN_UITVOERING = "in-uitvoering"
    AFGEROND = "afgerond"
    GESTOPT = "gestopt"


class FundingScheme(StrEnum):
    BEWONERSINITIATIEF_KLEIN = "bewonersinitiatief-klein"
    BEWONERSINITIATIEF = "bewonersinitiatief"
    BUURTBUDGET = "buurtbudget"
    MAATSCHAPPELIJK_INITIATIEF = "maatschappelijk-initiatief"
    CORPORATIE_LEEFBAARHEID = "corporatie-leefbaarheid"
    FONDS = "fonds"
    GEEN = "geen"


class CoFunder(StrEnum):
    STADSDEEL = "stadsdeel"
    WONINGCORPORATIE = "woningcorporatie"
    FONDS = "fonds"
    CROWDFUNDING = "crowdfunding"
    BEDRIJFSLEVEN = "bedrijfsleven"


class ProfessionalRole(StrEnum):
    PARTICIPATIEMAKELAAR = "participatiemakelaar"
    GEBIEDSMAKELAAR = "gebiedsmakelaar"
    STADSDEELMEDEWERKER = "stadsdeelmedewerker"
    OPBOUWWERKER = "opbouwwerker"
    PARTICIPATIEMEDEWERKER = "participatiemedewerker"
    WELZIJNSWERKER = "welzijnswerker"
    GEBIEDSBEHEERDER = "gebiedsbeheerder"
    BUURTCONCIERGE = "buurtconcierge"
    BUURTBEMIDDELAAR = "buurtbemiddelaar"
    PROCESBEGELEIDER = "procesbegeleider"
    ONDERZOEKER = "onderzoeker"


class OrganisationKind(StrEnum):
    STADSDEEL = "stadsdeel"
    GEMEENTE = "gemeente"
    WELZIJNSORGANISATIE = "welzijnsorganisatie"
    WONINGCORPORATIE = "woningcorporatie"
    ADVIESBUREAU = "adviesbureau"
    KENNISINSTELLING = "kennisinstelling"
    ZELFSTANDIGE = "zelfstandige"


class SupportKind(StrEnum):
    INFORMEREN_ADVISEREN = "informeren-adviseren"
    VERBINDEN_NETWERKEN = "verbinden-netwerken"
    ACTIVEREN = "activeren"
    FACILITEREN = "faciliteren"
    PROCESBEGELEIDING = "procesbegeleiding"
    SIGNALEREN_AGENDEREN = "signaleren-agenderen"


class SupportStyle(StrEnum):
    STIMULEREND = "stimulerend"
    FACILITEREND = "faciliterend"
    COPRODUCEREND = "coproducerend"
    OVERNEMEND = "overnemend"


class IndicatorTheme(StrEnum):
    SOCIALE_COHESIE = "sociale-cohesie"
    WELZIJN = "welzijn"
    LEEFOMGEVING = "leefomgeving"
    VEILIGHEID = "veiligheid"
    BEWONER_BESTUUR = "bewoner-bestuur"
    KENMERKEN_INITIATIEF = "kenmerken-initiatief"


class IndicatorLevel(StrEnum):
    BEWONER = "bewoner"
    BUURT = "buurt"
    INITIATIEF = "initiatief"


class ScaleType(StrEnum):
    RAPPORTCIJFER = "rapportcijfer-1-10"
    SCORE_0_10 = "score-0-10"
    LIKERT_1_5 = "likert-1-5"
    PERCENTAGE = "percentage"
    AANTAL = "aantal"
    LADDER_1_6 = "ladder-1-6"
    ZRM_1_5 = "zrm-1-5"
    EURO = "euro"
    INDEX = "index"


class EvaluationDesign(StrEnum):
    BESCHRIJVEND = "beschrijvend"
    VOOR_NAMETING = "voor-nameting"
    VOOR_NAMETING_CONTROLEGROEP = "voor-nameting-controlegroep"
    GERANDOMISEERD = "gerandomiseerd"


class EvidenceLevel(StrEnum):
    GOED_BESCHREVEN = "goed-beschreven"
    GOED_ONDERBOUWD = "goed-onderbouwd"
    EERSTE_AANWIJZINGEN = "eerste-aanwijzingen"
    GOEDE_AANWIJZINGEN = "goede-aanwijzingen"
    STERKE_AANWIJZINGEN = "sterke-aanwijzingen"


class EvaluationMethod(StrEnum):
    ENQUETE = "enquete"
    INTERVIEWS = "interviews"
    FOCUSGROEP = "focusgroep"
    OBSERVATIE = "observatie"
    MONITORDATA = "monitordata"
    REGISTRATIE = "registratie"
    DOCUMENTANALYSE = "documentanalyse"


class MeasureKind(StrEnum):
    """Which raw statistics an outcome measure carries."""

    PRE_POST = "pre-post"
    TWO_GROUP = "two-group"
    COUNTS = "counts"
    PROPORTION = "proportion"
    EFFECT_SIZE = "effect-size"
    DIRECTION = "direction"


class Direction(StrEnum):
    POSITIVE = "positive"
    NONE = "none"
    NEGATIVE = "negative"


class EffectMeasure(StrEnum):
    SMD = "SMD"
    SMCR = "SMCR"
    SMCC = "SMCC"
    MD = "MD"
    MC = "MC"
    ROM = "ROM"
    OR = "OR"
    RR = "RR"
    RD = "RD"
    PR = "PR"
    PLO = "PLO"


class CompetencyScale(StrEnum):
    """How a framework's competencies are scored."""

    SCORE = "score"  # 1 (weak) to 5 (strong)
    LEVEL = "level"  # startbekwaam, vakbekwaam, vakvolwassen


class ProficiencyLevel(StrEnum):
    STARTBEKWAAM = "startbekwaam"
    VAKBEKWAAM = "vakbekwaam"
    VAKVOLWASSEN = "vakvolwassen"


class AssessmentPerspective(StrEnum):
    """Who judged: the professional themself, a colleague, their manager or a resident."""

    SELF = "self"
    PEER = "peer"
    MANAGER = "manager"
    RESIDENT = "resident"


class RecordKind(StrEnum):
    """What a qualitative record is: the research material behind the method book."""

    CASE_STUDY = "case-study"
    INTERVIEW = "interview"
    HANDELINGSBESCHRIJVING = "handelingsbeschrijving"
    EXPERT_MEETING = "expert-meeting"
    INTERVISION = "intervision"
    OBSERVATION = "observation"
