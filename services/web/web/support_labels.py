"""Words for the support groupings and moderators that only "Wat vraagt ondersteuning"
uses (bands of hours and of competence, overnemend or not), on top of the effects labels."""

from web.effect_labels import MODERATOR_LABELS, Labels
from web.i18n import N_

EXTRA_GROUPINGS = {
    "supportHours": N_("Uren ondersteuning (klassen)"),
    "takenOver": N_("Overnemende ondersteuning of niet"),
    "competence": N_("Competentie van de professionals (klassen)"),
}
EXTRA_MODERATORS = {
    "takenOver": N_("Overnemende ondersteuning"),
    "competence": N_("Competentie van de professionals (0–1)"),
}
BANDS = {
    "supportHours": {"0": N_("Geen uren"), "1-39": N_("Meer dan 0, minder dan 40 uur"),
                     "40-149": N_("40 tot 150 uur"), "150+": N_("150 uur of meer")},
    "competence": {"0-0.5": N_("Competentie onder 0,5"),
                   "0.5-0.75": N_("Competentie 0,5 tot 0,75"),
                   "0.75-1": N_("Competentie 0,75 of meer"),
                   "onbekend": N_("Competentie niet beoordeeld")},
}
EXTRA_YES_NO = {"takenOver": (N_("Deels overnemend ondersteund"), N_("Nooit overnemend"))}
EVERY_MODERATOR = {**MODERATOR_LABELS, **EXTRA_MODERATORS}


class SupportLabels(Labels):
    """Labels that also know the support analysis's own groupings and moderators."""

    def grouping(self, name: str) -> str:
        if name in EXTRA_GROUPINGS:
            return self.text(EXTRA_GROUPINGS[name])
        return super().grouping(name)

    def moderator(self, name: str) -> str:
        if name in EXTRA_MODERATORS:
            return self.text(EXTRA_MODERATORS[name])
        return super().moderator(name)

    def group(self, grouping: str | None, code: str) -> str:
        bands = BANDS.get(grouping or "", {})
        if code in bands:
            return self.text(bands[code])
        if grouping in EXTRA_YES_NO and code in ("ja", "nee"):
            return self.text(EXTRA_YES_NO[grouping][code == "nee"])
        return super().group(grouping, code)

    def group_order(self, grouping: str | None, code: str) -> tuple[int, str]:
        """Bands low to high, as the API lists them; otherwise as the effects page."""
        bands = list(BANDS.get(grouping or "", {}))
        if code in bands:
            return bands.index(code), ""
        return super().group_order(grouping, code)

    def coefficient(self, name: str) -> str:
        """"supportStyleovernemend" → "Ondersteuningsstijl (meeste uren): Overnemend"."""
        if name in EVERY_MODERATOR:
            return self.moderator(name)
        for moderator in sorted(EVERY_MODERATOR, key=len, reverse=True):
            if name.startswith(moderator):
                level = name[len(moderator):]
                return f"{self.moderator(moderator)}: {self.group(moderator, level)}"
        return super().coefficient(name)

    def split(self, name: str) -> tuple[str, str | None]:
        """A coefficient's moderator and, for a factor, its level."""
        if name in EVERY_MODERATOR:
            return name, None
        for moderator in sorted(EVERY_MODERATOR, key=len, reverse=True):
            if name.startswith(moderator):
                return moderator, name[len(moderator):]
        return name, None

