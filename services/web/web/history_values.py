"""How an initiative's history shows a change: each field by the label its form gives it,
each value in words (terms, names, dates, numbers), a personal value as hidden."""

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from babel.dates import format_date
from babel.numbers import format_decimal

from web.api_client.history import HIDDEN
from web.api_client.results import Vocabulary
from web.i18n import N_, gettext_in
from web.initiative_forms import VOCABULARY_OF as INITIATIVE_VOCABULARY_OF
from web.templating import BABEL_LOCALES

ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
# Bookkeeping, and what follows from another field: not worth a line of history.
UNSHOWN = frozenset({"id", "initiativeId", "evaluationId", "currentBuurtId", "wijkaanpak"})
# The vocabulary behind each coded field of an initiative and of its records.
VOCABULARY_OF: Mapping[str, str] = {
    **INITIATIVE_VOCABULARY_OF,
    "role": "professional-role", "kinds": "support-kind", "style": "support-style",
    "design": "evaluation-design", "methods": "evaluation-method",
    "evidenceLevel": "evidence-level", "kind": "measure-kind", "direction": "direction",
    "effectMeasure": "effect-measure",
}
# The labels of the forms (initiative, support, evaluation, outcome measure), in their order:
# a change lists its fields in this order too.
LABELS: Mapping[str, str] = {
    "title": N_("Titel"), "summary": N_("Samenvatting"),
    "status": N_("Status"), "organisationForm": N_("Organisatievorm"),
    "participationLevel": N_("Participatieniveau"), "activityType": N_("Soort activiteit"),
    "themes": N_("Thema's"), "targetGroups": N_("Doelgroepen"), "buurtId": N_("Buurt"),
    "location": N_("Locatie (adres of plek)"), "initiatorType": N_("Soort initiatiefnemer"),
    "initiatorName": N_("Naam initiatiefnemer"), "applicationDate": N_("Datum aanvraag"),
    "decisionDate": N_("Datum besluit"), "startDate": N_("Startdatum"),
    "endDate": N_("Einddatum"), "fundingScheme": N_("Subsidieregeling"),
    "amountRequested": N_("Aangevraagd bedrag (euro)"),
    "amountGranted": N_("Toegekend bedrag (euro)"),
    "ownContribution": N_("Eigen bijdrage (euro)"), "coFunders": N_("Medefinanciers"),
    "coreTeamSize": N_("Omvang kernteam"), "volunteers": N_("Vrijwilligers"),
    "participants": N_("Deelnemers"), "residentsReached": N_("Bereikte bewoners"),
    "continuedAfterSupport": N_("Doorgegaan na de ondersteuning"),
    "continuedMonths": N_("Hoe lang doorgegaan (maanden)"),
    "externalRef": N_("Kenmerk in het bronsysteem"),
    "professionalId": N_("Professional"), "role": N_("Rol in deze periode"),
    "hours": N_("Uren"), "kinds": N_("Soorten steun"), "style": N_("Stijl"),
    "situation": N_("Situatie"), "actionDescription": N_("Wat deed de professional"),
    "reasoning": N_("Waarom"), "result": N_("Wat gebeurde er"),
    "evaluatedOn": N_("Datum evaluatie"), "evaluator": N_("Evaluator (organisatie of team)"),
    "methods": N_("Methoden"), "design": N_("Opzet"), "evidenceLevel": N_("Bewijsniveau"),
    "theoryOfChange": N_("Veranderingstheorie beschreven"),
    "periodStart": N_("Begin onderzochte periode"), "periodEnd": N_("Einde onderzochte periode"),
    "outcomeMeasures": N_("Uitkomstmaten"), "indicatorId": N_("Indicator"), "kind": N_("Soort"),
    "note": N_("Toelichting"),
    "meanPre": N_("Gemiddelde voormeting"), "sdPre": N_("Sd voormeting"),
    "meanPost": N_("Gemiddelde nameting"), "sdPost": N_("Sd nameting"), "n": N_("n"),
    "prePostCorrelation": N_("Correlatie voor–na"),
    "meanTreatment": N_("Gemiddelde interventiegroep"), "sdTreatment": N_("Sd interventiegroep"),
    "nTreatment": N_("n interventiegroep"), "meanControl": N_("Gemiddelde controlegroep"),
    "sdControl": N_("Sd controlegroep"), "nControl": N_("n controlegroep"),
    "eventsTreatment": N_("Gebeurtenissen interventiegroep"),
    "eventsControl": N_("Gebeurtenissen controlegroep"), "events": N_("Gebeurtenissen"),
    "effectMeasure": N_("Effectmaat"), "effectSize": N_("Effectgrootte"),
    "samplingVariance": N_("Steekproefvariantie"),
    "monthsAfterSupport": N_("Maanden na de ondersteuning"), "observedOn": N_("Gezien op"),
    "stillRunning": N_("Loopt nog"), "stoppedAfterMonths": N_("Gestopt na (maanden)"),
    "residentsInLead": N_("Bewoners aan het roer"),
    "newPeopleJoined": N_("Nieuwe mensen"),
}
ORDER = {field: place for place, field in enumerate(LABELS)}


@dataclass(frozen=True)
class Names:
    """What codes and ids stand for, in the page's language."""

    lang: str
    vocabularies: Mapping[str, Vocabulary]
    buurten: Mapping[str, str]
    professionals: Mapping[str, str | None]
    indicators: Mapping[str, str]

    def text(self, message: str) -> str:
        return gettext_in(self.lang, message)

    def named(self, field: str, value: str) -> str | None:
        """The name an id or a code stands for; None when the field holds neither."""
        if field in VOCABULARY_OF:
            return self.vocabularies[VOCABULARY_OF[field]].term_label(value, self.lang)
        if field == "buurtId":
            return self.buurten.get(value, value)
        if field == "professionalId":
            return self.professionals.get(value) or self.text(N_("Onbekend"))
        if field == "indicatorId":
            return self.indicators.get(value, self.text(N_("Onbekend")))
        return None


def label_of(field: str, names: Names) -> str:
    """The form's label; a field no form shows (a newer API's) by its own name."""
    return names.text(LABELS[field]) if field in LABELS else field


def shown(field: str, value: Any, names: Names) -> str:
    """A value of the trail as the page shows it."""
    if value == HIDDEN:
        return names.text(N_("(afgeschermd)"))
    if value is None or value == "" or value == []:
        return names.text(N_("(leeg)"))
    if isinstance(value, bool):
        return names.text(N_("Ja") if value else N_("Nee"))
    if isinstance(value, list):
        if all(isinstance(item, dict) for item in value):  # e.g. an evaluation's measures
            return format_decimal(len(value), locale=BABEL_LOCALES[names.lang])
        return ", ".join(shown(field, item, names) for item in value)
    if isinstance(value, int | float):
        return format_decimal(value, locale=BABEL_LOCALES[names.lang])
    text = str(value)
    named = names.named(field, text)
    if named is not None:
        return named
    if ISO_DATE.fullmatch(text):
        return format_date(date.fromisoformat(text), "medium", locale=BABEL_LOCALES[names.lang])
    return text
