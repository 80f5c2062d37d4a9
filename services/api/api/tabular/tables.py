"""The tables Buurtkracht exports and imports, column by column.

Records refer to each other by external reference (`externalRef`), never by database id, so
that an export imports into another database. A record without one is exported with
`buurtkracht:<id>`, which an import then keeps as its reference: export → import → export gives
the same file. Areas are Amsterdam codes (2015 and 2022 codes never coincide).
"""

from dataclasses import replace
from enum import StrEnum

from api.privacy import personal_fields_of
from api.tabular.columns import Column, Kind, Table
from api.vocabularies import models as v

OWN_REFERENCE = "buurtkracht:"


def _c(name: str, label: str, label_en: str, kind: Kind, meaning: str, meaning_en: str, *,
       unit: str | None = None, vocabulary: type[StrEnum] | None = None, required: bool = False,
       max_length: int | None = None, restricted: bool = False) -> Column:
    return Column(name, label, label_en, kind, meaning, meaning_en, unit=unit,
                  vocabulary=vocabulary, required=required, max_length=max_length,
                  restricted=restricted)


def _key(what: str, what_en: str) -> Column:
    return _c("externalRef", "Referentie", "Reference", "reference",
              f"Vaste referentie van {what} in het bronsysteem; een import herkent er de regel "
              "aan (dezelfde referentie werkt de bestaande bij).",
              f"Stable reference of the {what_en} in the source system; an import recognises "
              "the row by it (the same reference updates the existing one).",
              required=True, max_length=100)


def _with_privacy(resource: str, columns: tuple[Column, ...]) -> tuple[Column, ...]:
    """Mark personal columns from the one registry (api.privacy), so they cannot diverge."""
    personal = personal_fields_of(resource)
    return tuple(replace(column, personal=column.name in personal) for column in columns)


def _table(resource: str, privacy: str, title: str, title_en: str,
           columns: tuple[Column, ...]) -> Table:
    return Table(resource, title, title_en, _with_privacy(privacy, columns))


INITIATIVES = _table("initiatives", "initiative", "Initiatieven", "Initiatives", (
    _key("het initiatief", "initiative"),
    _c("title", "Titel", "Title", "text", "Naam van het initiatief.", "Name of the initiative.",
       required=True, max_length=200),
    _c("summary", "Samenvatting", "Summary", "text", "Korte beschrijving.", "Short description.",
       max_length=4000),
    _c("location", "Locatie", "Location", "text", "Adres of plek in de buurt.",
       "Address or place in the buurt.", max_length=200, restricted=True),
    _c("buurt", "Buurt", "Neighbourhood", "area",
       "Buurt waarin het is aangemeld: Amsterdamse code (2015 of 2022), CBS-code of naam.",
       "Buurt it was registered in: Amsterdam code (2015 or 2022), CBS code or name.",
       required=True),
    _c("themes", "Thema's", "Themes", "codes", "Thema's, gescheiden door ;.",
       "Themes, separated by ;.", vocabulary=v.Theme),
    _c("targetGroups", "Doelgroepen", "Target groups", "codes", "Doelgroepen, gescheiden door ;.",
       "Target groups, separated by ;.", vocabulary=v.TargetGroup),
    _c("activityType", "Soort activiteit", "Activity type", "code", "Eenmalig, terugkerend, …",
       "One-off, recurring, …", vocabulary=v.ActivityType),
    _c("organisationForm", "Organisatievorm", "Organisation form", "code",
       "Vorm van het initiatief.", "Form of the initiative.", vocabulary=v.OrganisationForm,
       required=True),
    _c("initiatorType", "Initiatiefnemer (soort)", "Initiator type", "code",
       "Wie het nam: bewoner, groep, organisatie, …", "Who took it: resident, group, …",
       vocabulary=v.InitiatorType, required=True),
    _c("initiatorName", "Naam initiatiefnemer", "Initiator name", "text",
       "Groep, stichting of vereniging; persoonsgegeven.",
       "Group, foundation or association; personal data.", max_length=200),
    _c("participationLevel", "Participatieniveau", "Participation level", "code",
       "Trede op de participatieladder.", "Rung on the participation ladder.",
       vocabulary=v.ParticipationLevel, required=True),
    _c("status", "Status", "Status", "code", "Stand van zaken.", "Current state.",
       vocabulary=v.InitiativeStatus, required=True),
    _c("applicationDate", "Aanvraagdatum", "Application date", "date", "Datum van de aanvraag.",
       "Date of the application."),
    _c("decisionDate", "Besluitdatum", "Decision date", "date", "Datum van het besluit.",
       "Date of the decision."),
    _c("startDate", "Startdatum", "Start date", "date", "Eerste dag.", "First day."),
    _c("endDate", "Einddatum", "End date", "date", "Laatste dag.", "Last day."),
    _c("fundingScheme", "Regeling", "Funding scheme", "code", "Subsidieregeling.",
       "Funding scheme.", vocabulary=v.FundingScheme),
    _c("amountRequested", "Aangevraagd bedrag", "Amount requested", "integer",
       "Aangevraagd bedrag.", "Amount requested.", unit="euro"),
    _c("amountGranted", "Toegekend bedrag", "Amount granted", "integer", "Toegekend bedrag.",
       "Amount granted.", unit="euro"),
    _c("ownContribution", "Eigen bijdrage", "Own contribution", "integer",
       "Eigen bijdrage van de initiatiefnemers.", "The initiators' own contribution.",
       unit="euro"),
    _c("coFunders", "Medefinanciers", "Co-funders", "codes", "Medefinanciers, gescheiden door ;.",
       "Co-funders, separated by ;.", vocabulary=v.CoFunder),
    _c("coreTeamSize", "Kernteam", "Core team", "integer", "Aantal mensen in het kernteam.",
       "People in the core team.", unit="personen"),
    _c("volunteers", "Vrijwilligers", "Volunteers", "integer", "Aantal vrijwilligers.",
       "Number of volunteers.", unit="personen"),
    _c("participants", "Deelnemers", "Participants", "integer", "Aantal deelnemers.",
       "Number of participants.", unit="personen"),
    _c("residentsReached", "Bereikte bewoners", "Residents reached", "integer",
       "Aantal bereikte bewoners.", "Residents reached.", unit="personen"),
    _c("continuedAfterSupport", "Doorgegaan na ondersteuning", "Continued after support",
       "boolean", "Ging het door nadat de ondersteuning stopte?",
       "Did it go on after professional support ended?"),
    _c("continuedMonths", "Doorgegaan (maanden)", "Continued (months)", "integer",
       "Hoe lang het doorging na de ondersteuning.", "How long it went on after support.",
       unit="maanden"),
))

PROFESSIONALS = _table("professionals", "professional", "Professionals", "Professionals", (
    _key("de professional", "professional"),
    _c("name", "Naam", "Name", "text", "Naam; persoonsgegeven.", "Name; personal data.",
       required=True, max_length=120),
    _c("email", "E-mail", "Email", "text", "E-mailadres; persoonsgegeven.",
       "Email address; personal data.", max_length=200),
    _c("role", "Rol", "Role", "code", "Rol in de ondersteuning.", "Role in support.",
       vocabulary=v.ProfessionalRole, required=True),
    _c("organisation", "Organisatie", "Organisation", "text", "Werkgever.", "Employer.",
       required=True, max_length=200),
    _c("organisationKind", "Soort organisatie", "Organisation kind", "code",
       "Soort werkgever.", "Kind of employer.", vocabulary=v.OrganisationKind, required=True),
    _c("fte", "Fte", "FTE", "decimal", "Omvang van het contract, 1,0 = voltijd.",
       "Contract size, 1.0 = full time.", unit="fte"),
    _c("activeFrom", "Actief vanaf", "Active from", "date", "Eerste werkdag in de aanpak.",
       "First day in the programme."),
    _c("activeTo", "Actief tot", "Active to", "date", "Laatste werkdag in de aanpak.",
       "Last day in the programme."),
    _c("areas", "Werkgebieden", "Areas", "areas",
       "Stadsdelen, wijken of buurten waarin de professional werkt (codes, gescheiden door ;).",
       "Districts, quarters or neighbourhoods worked in (codes, separated by ;)."),
))

SUPPORT_EPISODES = _table(
    "support-episodes", "support-episode", "Ondersteuning", "Support episodes", (
        _key("de ondersteuning", "support episode"),
        _c("initiativeRef", "Initiatief", "Initiative", "reference",
           "Referentie van het ondersteunde initiatief.", "Reference of the initiative.",
           required=True, max_length=100),
        _c("professionalRef", "Professional", "Professional", "reference",
           "Referentie van de professional.", "Reference of the professional.",
           required=True, max_length=100, restricted=True),
        _c("role", "Rol", "Role", "code", "Rol in deze ondersteuning (anders die van de "
           "professional).", "Role in this episode (else the professional's).",
           vocabulary=v.ProfessionalRole),
        _c("startDate", "Startdatum", "Start date", "date", "Begin van de ondersteuning.",
           "Start of the support.", required=True),
        _c("endDate", "Einddatum", "End date", "date", "Einde van de ondersteuning.",
           "End of the support."),
        _c("hours", "Uren", "Hours", "decimal", "Uren ondersteuning.", "Hours of support.",
           unit="uur", required=True),
        _c("kinds", "Soorten steun", "Kinds of support", "codes",
           "Soorten steun, gescheiden door ;.", "Kinds of support, separated by ;.",
           vocabulary=v.SupportKind),
        _c("style", "Stijl", "Style", "code", "Stijl van ondersteunen.", "Support style.",
           vocabulary=v.SupportStyle),
        # The handelingsbeschrijving in its four parts. actionDescription keeps its label:
        # import templates already filled in carry it as their header.
        _c("situation", "Situatie", "Situation", "text",
           "Handelingsbeschrijving: de situatie die de professional aantrof; kan mensen noemen.",
           "Account: the situation the professional met; may name people.", max_length=20_000),
        _c("actionDescription", "Handelingsbeschrijving", "Action description", "text",
           "Handelingsbeschrijving: wat de professional deed; kan mensen noemen.",
           "Account: what the professional did; may name people.", max_length=20_000),
        _c("reasoning", "Waarom", "Why", "text",
           "Handelingsbeschrijving: waarom de professional zo handelde; kan mensen noemen.",
           "Account: why the professional acted so; may name people.", max_length=20_000),
        _c("result", "Wat gebeurde er", "What happened", "text",
           "Handelingsbeschrijving: wat het handelen opleverde; kan mensen noemen.",
           "Account: what came of it; may name people.", max_length=20_000),
    ))

EVALUATIONS = _table("evaluations", "evaluation", "Evaluaties", "Evaluations", (
    _key("de evaluatie", "evaluation"),
    _c("initiativeRef", "Initiatief", "Initiative", "reference",
       "Referentie van het geëvalueerde initiatief.", "Reference of the initiative.",
       required=True, max_length=100),
    _c("evaluatedOn", "Evaluatiedatum", "Evaluated on", "date", "Datum van de evaluatie.",
       "Date of the evaluation.", required=True),
    _c("evaluator", "Evaluator", "Evaluator", "text", "Organisatie of team.",
       "Organisation or team.", required=True, max_length=200),
    _c("methods", "Methoden", "Methods", "codes", "Methoden, gescheiden door ;.",
       "Methods, separated by ;.", vocabulary=v.EvaluationMethod),
    _c("design", "Onderzoeksopzet", "Design", "code", "Opzet van het onderzoek.",
       "Study design.", vocabulary=v.EvaluationDesign, required=True),
    _c("theoryOfChange", "Verandertheorie", "Theory of change", "boolean",
       "Zijn de werkzame elementen en de theorie erachter beschreven?",
       "Are the working elements and the theory behind them described?"),
    _c("periodStart", "Periode vanaf", "Period from", "date", "Begin van de onderzochte periode.",
       "Start of the period studied."),
    _c("periodEnd", "Periode tot", "Period to", "date", "Einde van de onderzochte periode.",
       "End of the period studied."),
    _c("summary", "Samenvatting", "Summary", "text", "Bevindingen; kan mensen noemen.",
       "Findings; may name people.", max_length=8000),
))

_STATISTICS: tuple[tuple[str, str, str, Kind], ...] = (
    ("meanPre", "Gemiddelde voormeting", "Mean before", "decimal"),
    ("sdPre", "SD voormeting", "SD before", "decimal"),
    ("meanPost", "Gemiddelde nameting", "Mean after", "decimal"),
    ("sdPost", "SD nameting", "SD after", "decimal"),
    ("n", "n", "n", "integer"),
    ("prePostCorrelation", "Correlatie voor-na", "Pre-post correlation", "decimal"),
    ("meanTreatment", "Gemiddelde deelnemers", "Mean treatment", "decimal"),
    ("sdTreatment", "SD deelnemers", "SD treatment", "decimal"),
    ("nTreatment", "n deelnemers", "n treatment", "integer"),
    ("meanControl", "Gemiddelde controle", "Mean control", "decimal"),
    ("sdControl", "SD controle", "SD control", "decimal"),
    ("nControl", "n controle", "n control", "integer"),
    ("eventsTreatment", "Gebeurtenissen deelnemers", "Events treatment", "integer"),
    ("eventsControl", "Gebeurtenissen controle", "Events control", "integer"),
    ("events", "Gebeurtenissen", "Events", "integer"),
)

OUTCOME_MEASURES = _table(
    "outcome-measures", "outcome-measure", "Uitkomstmaten", "Outcome measures", (
        _c("evaluationRef", "Evaluatie", "Evaluation", "reference",
           "Referentie van de evaluatie; een import vervangt alle uitkomstmaten van een "
           "evaluatie door die in het bestand.", "Reference of the evaluation; an import "
           "replaces an evaluation's outcome measures by those in the file.",
           required=True, max_length=100),
        _c("indicator", "Indicator", "Indicator", "reference", "Code van de indicator.",
           "Code of the indicator.", required=True, max_length=100),
        _c("kind", "Soort maat", "Measure kind", "code", "Welke ruwe statistieken er zijn.",
           "Which raw statistics are given.", vocabulary=v.MeasureKind, required=True),
        *(_c(name, label, label_en, kind, f"{label} (bij de soort maat die het vraagt).",
             f"{label_en} (for the measure kind that asks for it).")
          for name, label, label_en, kind in _STATISTICS),
        _c("effectMeasure", "Effectmaat", "Effect measure", "code", "Soort effectgrootte.",
           "Kind of effect size.", vocabulary=v.EffectMeasure),
        _c("effectSize", "Effectgrootte", "Effect size", "decimal", "Gerapporteerde effectgrootte.",
           "Reported effect size."),
        _c("samplingVariance", "Steekproefvariantie", "Sampling variance", "decimal",
           "Variantie van de effectgrootte.", "Variance of the effect size."),
        _c("direction", "Richting", "Direction", "code", "Richting van het effect.",
           "Direction of the effect.", vocabulary=v.Direction),
        _c("note", "Toelichting", "Note", "text", "Toelichting; kan mensen noemen.",
           "Note; may name people.", max_length=2000),
    ))

TABLES: dict[str, Table] = {table.resource: table for table in (
    INITIATIVES, PROFESSIONALS, SUPPORT_EPISODES, EVALUATIONS, OUTCOME_MEASURES)}
