"""The meta-regression's and the Cox model's coefficients in plain words: "Met een
participatiemakelaar erbij (tegenover zonder) is de kans om in een maand te stoppen 0,55
keer zo groot: 45% kleiner (95%-BI 0,38 tot 0,80 keer). Het interval omvat 1 niet
(p = 0,002)."

A number is read per a unit people think in (100 hours, 0.1 of competence), a yes/no
fact as yes against no, a factor's level against its reference level. With the square of
the hours in the model as well, the hours coefficient b1 is only the slope at 0 hours (the
effect is b0 + b1·h + b2·h²), so it is read as that, with the peak at −b1 / (2·b2) hours
when the curve bends down (b2 < 0).
"""

import math
from collections.abc import Mapping
from dataclasses import dataclass

from web.effect_numbers import Numbers
from web.i18n import N_
from web.support_labels import SupportLabels

# (how many units the sentence speaks of, its subject)
PER_UNIT = {
    "hours": (100.0, N_("Per 100 uur ondersteuning meer")),
    "competence": (0.1, N_("Per 0,1 hogere competentie van de professionals")),
    "amountGranted": (1000.0, N_("Per 1.000 euro meer toegekend")),
    "durationMonths": (12.0, N_("Per jaar langere looptijd")),
}
YES_NO_SUBJECTS = {
    "makelaarInvolved": N_("Met een participatiemakelaar erbij (tegenover zonder)"),
    "takenOver": N_("Met (deels) overnemende ondersteuning (tegenover nooit overnemend)"),
    "residentInitiated": N_("Bij een initiatief van bewoners zelf (tegenover andere "
                            "initiatiefnemers)"),
    "residentInitiatedWithMakelaar": N_("Bij een bewonersinitiatief met participatiemakelaar "
                                        "(tegenover alle andere)"),
}
LEVEL = N_("Bij %(moderator)s „%(level)s” (tegenover „%(reference)s”)")
LEVEL_WITHOUT_REFERENCE = N_("Bij %(moderator)s „%(level)s” (tegenover de referentiecategorie)")
OTHER = N_("%(name)s: coëfficiënt %(value)s (95%%-BI %(low)s tot %(high)s).")
EFFECT_HIGHER = N_("%(subject)s is het effect gemiddeld %(amount)s hoger (95%%-BI %(low)s tot "
                   "%(high)s).")
EFFECT_LOWER = N_("%(subject)s is het effect gemiddeld %(amount)s lager (95%%-BI %(low)s tot "
                  "%(high)s).")
EFFECT_SURE = N_("Het interval omvat 0 niet (%(p)s).")
EFFECT_UNSURE = N_("Het interval omvat 0: dit verschil kan toeval zijn (%(p)s).")
HOURS_SLOPE = N_("Met ook het kwadraat van de uren in het model loopt het effect niet "
                 "gelijkmatig op met de uren. Bij 0 uur ondersteuning is de helling %(slope)s "
                 "per 100 uur (95%%-BI %(low)s tot %(high)s).")
HOURS_PEAK = N_("Het effect is het grootst bij ongeveer %(hours)s uur ondersteuning "
                "(−b1 / (2·b2)) en wordt daarboven weer kleiner.")
HAZARD_SMALLER = N_("%(subject)s is de kans om in een maand te stoppen %(ratio)s keer zo "
                    "groot: %(percent)s kleiner (95%%-BI %(low)s tot %(high)s keer).")
HAZARD_LARGER = N_("%(subject)s is de kans om in een maand te stoppen %(ratio)s keer zo "
                   "groot: %(percent)s groter (95%%-BI %(low)s tot %(high)s keer).")
HAZARD_SURE = N_("Het interval omvat 1 niet (%(p)s).")
HAZARD_UNSURE = N_("Het interval omvat 1: dit verschil kan toeval zijn (%(p)s).")


@dataclass(frozen=True)
class Readings:
    labels: SupportLabels
    numbers: Numbers

    def text(self, message: str) -> str:
        return self.labels.text(message)

    def subject(self, name: str, references: Mapping[str, str]) -> tuple[str, float] | None:
        """What a coefficient speaks of, and per how many of its units; None: no plain
        reading (a squared term, say)."""
        moderator, level = self.labels.split(name)
        if level is None and moderator in PER_UNIT:
            units, subject = PER_UNIT[moderator]
            return self.text(subject), units
        if level is None and moderator in YES_NO_SUBJECTS:
            return self.text(YES_NO_SUBJECTS[moderator]), 1.0
        if level is None:
            return None
        label = self.labels.moderator(moderator)
        words = {"moderator": label[:1].lower() + label[1:],
                 "level": self.labels.group(moderator, level)}
        if moderator in references:
            words["reference"] = self.labels.group(moderator, references[moderator])
            return self.text(LEVEL) % words, 1.0
        return self.text(LEVEL_WITHOUT_REFERENCE) % words, 1.0

    def effect(self, name: str, estimate: float | None, low: float | None,
               high: float | None, p: float | None,
               references: Mapping[str, str]) -> str:
        """A meta-regression coefficient: how much larger the effect is."""
        found = self.subject(name, references)
        n = self.numbers
        if found is None or estimate is None or low is None or high is None:
            return self.other(name, estimate, low, high)
        subject, units = found
        pattern = EFFECT_HIGHER if estimate >= 0 else EFFECT_LOWER
        # Enough decimals that a small amount per unit does not read as 0,00.
        decimals = n.decimals(estimate * units, low * units, high * units)
        said = self.text(pattern) % {
            "subject": subject, "amount": n.fixed(abs(estimate * units), decimals),
            "low": n.fixed(low * units, decimals), "high": n.fixed(high * units, decimals)}
        sure = low > 0 or high < 0
        return f"{said} {self.text(EFFECT_SURE if sure else EFFECT_UNSURE) % {'p': n.p_phrase(p)}}"

    def hours_slope(self, slope: float | None, low: float | None, high: float | None,
                    p: float | None, squared: float | None) -> str:
        """The hours coefficient b1 beside hoursSquared b2: the slope at 0 hours, and where
        the effect peaks when the curve bends down (b2 < 0, and up first: b1 > 0)."""
        n = self.numbers
        if slope is None or low is None or high is None:
            return self.other("hours", slope, low, high)
        units = PER_UNIT["hours"][0]
        decimals = n.decimals(slope * units, low * units, high * units)
        said = self.text(HOURS_SLOPE) % {
            "slope": n.fixed(slope * units, decimals), "low": n.fixed(low * units, decimals),
            "high": n.fixed(high * units, decimals)}
        sure = low > 0 or high < 0
        said += f" {self.text(EFFECT_SURE if sure else EFFECT_UNSURE) % {'p': n.p_phrase(p)}}"
        if squared is not None and squared < 0 < slope:
            said += " " + self.text(HOURS_PEAK) % {"hours": n.count(round(-slope / (2 * squared)))}
        return said

    def other(self, name: str, value: float | None, low: float | None,
              high: float | None) -> str:
        """A coefficient with no plain reading: its value and interval."""
        n = self.numbers
        return self.text(OTHER) % {"name": self.labels.coefficient(name),
                                   "value": n.coefficient(value), "low": n.coefficient(low),
                                   "high": n.coefficient(high)}

    def hazard(self, name: str, ratio: float, low: float, high: float, p: float,
               references: Mapping[str, str]) -> str:
        """A Cox coefficient: how many times as likely stopping is, in a given month."""
        found = self.subject(name, references)
        n = self.numbers
        if found is None:
            return self.text(OTHER) % {"name": self.labels.coefficient(name),
                                       "value": n.fixed(ratio), "low": n.fixed(low),
                                       "high": n.fixed(high)}
        subject, units = found
        ratio, low, high = (_power(value, units) for value in (ratio, low, high))
        pattern = HAZARD_SMALLER if ratio < 1 else HAZARD_LARGER
        said = self.text(pattern) % {
            "subject": subject, "ratio": n.coefficient(ratio), "low": n.coefficient(low),
            "high": n.coefficient(high), "percent": n.percent(abs(1 - ratio) * 100)}
        sure = high < 1 or low > 1
        return f"{said} {self.text(HAZARD_SURE if sure else HAZARD_UNSURE) % {'p': n.p_phrase(p)}}"


def _power(value: float, units: float) -> float:
    """A hazard ratio per unit as one per `units` units."""
    return math.exp(math.log(value) * units) if value > 0 else value


def effect_references(names: list[str], groupings: Mapping[str, list[str]],
                      labels: SupportLabels) -> dict[str, str]:
    """A factor's reference level in the meta-regression: the one level of its grouping
    that has no coefficient (when exactly one has none)."""
    found: dict[str, str] = {}
    for moderator, levels in groupings.items():
        coded = {level for name in names
                 for split, level in [labels.split(name)] if split == moderator}
        missing = [level for level in levels if level not in coded]
        if coded and len(missing) == 1:
            found[moderator] = missing[0]
    return found
