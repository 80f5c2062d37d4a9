"""Words for the codes of the effects analyses: groupings, group labels, moderators and the
coefficients of a meta-regression, in the reader's language."""

from collections.abc import Mapping
from dataclasses import dataclass

from web.api_client.results import Vocabulary
from web.i18n import N_, gettext_in

OVERALL = "alle"
NO_SUPPORT = "geen-ondersteuning"
INTERCEPT = "intrcpt"
GROUPING_LABELS = {
    "organisationForm": N_("Organisatievorm"), "theme": N_("Thema"),
    "supportKind": N_("Soort ondersteuning"),
    "professionalRole": N_("Rol van de professional (meeste uren)"),
    "supportStyle": N_("Ondersteuningsstijl (meeste uren)"), "stadsdeel": N_("Stadsdeel"),
    "participationLevel": N_("Participatieniveau"), "initiatorType": N_("Initiatiefnemer"),
    "residentInitiated": N_("Bewonersinitiatief of niet"),
    "makelaarInvolved": N_("Participatiemakelaar betrokken of niet"),
    "residentInitiatedWithMakelaar": N_("Bewonersinitiatief met participatiemakelaar of niet"),
}
MODERATOR_LABELS = {
    "hours": N_("Uren ondersteuning"), "hoursSquared": N_("Uren ondersteuning (kwadraat)"),
    "makelaarInvolved": N_("Participatiemakelaar betrokken"),
    "residentInitiated": N_("Bewonersinitiatief"),
    "residentInitiatedWithMakelaar": N_("Bewonersinitiatief met participatiemakelaar"),
    "amountGranted": N_("Toegekend bedrag (€)"), "durationMonths": N_("Looptijd (maanden)"),
    "organisationForm": N_("Organisatievorm"),
    "professionalRole": N_("Rol van de professional (meeste uren)"),
    "supportStyle": N_("Ondersteuningsstijl (meeste uren)"), "stadsdeel": N_("Stadsdeel"),
    "participationLevel": N_("Participatieniveau"), "initiatorType": N_("Initiatiefnemer"),
}
# The yes/no groupings: "ja" alone says nothing in a plot, so each side is named.
YES_NO_LABELS = {
    "residentInitiated": (N_("Bewonersinitiatief"), N_("Geen bewonersinitiatief")),
    "makelaarInvolved": (N_("Met participatiemakelaar"), N_("Zonder participatiemakelaar")),
    "residentInitiatedWithMakelaar": (N_("Bewonersinitiatief met participatiemakelaar"),
                                      N_("Alle andere initiatieven")),
}
VOCABULARY_OF = {
    "organisationForm": "organisation-form", "theme": "theme", "supportKind": "support-kind",
    "professionalRole": "professional-role", "supportStyle": "support-style",
    "participationLevel": "participation-level", "initiatorType": "initiator-type",
}
VOCABULARIES = (*VOCABULARY_OF.values(), "evidence-level")
OVERALL_LABEL = N_("Alle initiatieven")
NO_SUPPORT_LABEL = N_("Geen ondersteuning")
INTERCEPT_LABEL = N_("Constante (intercept)")


@dataclass(frozen=True)
class Labels:
    """What a code is called, for one language; an unknown code shows as itself."""

    lang: str
    vocabularies: Mapping[str, Vocabulary]
    stadsdelen: Mapping[str, str]  # code → name

    def text(self, message: str) -> str:
        return gettext_in(self.lang, message)

    def grouping(self, name: str) -> str:
        return self.text(GROUPING_LABELS[name]) if name in GROUPING_LABELS else name

    def moderator(self, name: str) -> str:
        return self.text(MODERATOR_LABELS[name]) if name in MODERATOR_LABELS else name

    def group(self, grouping: str | None, code: str) -> str:
        """A group's name: the overall pool, a vocabulary term, a stadsdeel, yes or no."""
        if code == OVERALL:
            return self.text(OVERALL_LABEL)
        if code == NO_SUPPORT:
            return self.text(NO_SUPPORT_LABEL)
        if grouping in YES_NO_LABELS and code in ("ja", "nee"):
            return self.text(YES_NO_LABELS[grouping][code == "nee"])
        if grouping == "stadsdeel":
            return self.stadsdelen.get(code, code)
        vocabulary = self.vocabularies.get(VOCABULARY_OF.get(grouping or "", ""))
        return vocabulary.term_label(code, self.lang) if vocabulary else code

    def group_order(self, grouping: str | None, code: str) -> tuple[int, str]:
        """Where a group comes: in its vocabulary's order (the participation ladder runs
        low to high), otherwise by name; no support last."""
        vocabulary = self.vocabularies.get(VOCABULARY_OF.get(grouping or "", ""))
        codes = [term.code for term in vocabulary.terms] if vocabulary else []
        position = codes.index(code) if code in codes else len(codes) + (code == NO_SUPPORT)
        return position, self.group(grouping, code).casefold()

    def evidence_level(self, code: str) -> str:
        vocabulary = self.vocabularies.get("evidence-level")
        return vocabulary.term_label(code, self.lang) if vocabulary else code

    def coefficient(self, name: str) -> str:
        """metafor names a factor's coefficient by the moderator and the level run
        together (organisationFormzelfbeheer): "Organisatievorm: Zelfbeheer"."""
        if name == INTERCEPT:
            return self.text(INTERCEPT_LABEL)
        if name in MODERATOR_LABELS:
            return self.moderator(name)
        for moderator in sorted(MODERATOR_LABELS, key=len, reverse=True):
            if name.startswith(moderator):
                level = name[len(moderator):]
                return f"{self.moderator(moderator)}: {self.group(moderator, level)}"
        return name
