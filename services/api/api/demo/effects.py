"""The structure planted in the demo data: true effects and durability (see docs/demo-data.md)."""

import math

from api.vocabularies.models import OrganisationForm, SupportStyle

BASE_EFFECT = 0.10
RESIDENT_WITH_MAKELAAR_EFFECT = 0.30
HOURS_PEAK = 150.0
HOURS_EFFECT_AT_PEAK = 0.25
TAU = 0.10  # SD of the true effects between initiatives with the same characteristics

FORM_EFFECT: dict[OrganisationForm, float] = {
    OrganisationForm.ZELFBEHEER: 0.05,
    OrganisationForm.COOPERATIE: 0.05,
    OrganisationForm.RIGHT_TO_CHALLENGE: 0.05,
    OrganisationForm.BEWONERSVERENIGING: 0.03,
    OrganisationForm.BUURTBEHEER: 0.03,
    OrganisationForm.WIJKPANEL: -0.03,
    OrganisationForm.PROFESSIONEEL_GEINITIEERD: -0.05,
}

# Log-odds that a finished (afgerond) initiative went on after its support ended.
CONTINUATION_BASE = 0.0
CONTINUATION_FORM: dict[OrganisationForm, float] = {
    OrganisationForm.ZELFBEHEER: 1.2,
    OrganisationForm.COOPERATIE: 1.2,
    OrganisationForm.BEWONERSVERENIGING: 1.0,
    OrganisationForm.BUURTBEHEER: 1.0,
    OrganisationForm.RIGHT_TO_CHALLENGE: 0.8,
    OrganisationForm.BEWONERSCOMMISSIE: 0.6,
    OrganisationForm.WIJKPANEL: 0.3,
    OrganisationForm.MAATSCHAPPELIJK_INITIATIEF: 0.2,
    OrganisationForm.AGENDA_VAN_DE_BUURT: -0.2,
    OrganisationForm.PROFESSIONEEL_GEINITIEERD: -1.2,
}
CONTINUATION_TAKEN_OVER = -1.0  # some episode was 'overnemend': professionals did the work


def hours_effect(hours: float) -> float:
    """Concave in the total hours of support: 0 at none, the peak at 150 hours, then down."""
    ratio = hours / HOURS_PEAK
    return HOURS_EFFECT_AT_PEAK * ratio * math.exp(1.0 - ratio)


def planted_effect(
    resident_initiated: bool, makelaar_involved: bool, hours: float, form: OrganisationForm
) -> float:
    """The expected standardised effect (SD units, positive = better) before the noise."""
    bonus = RESIDENT_WITH_MAKELAAR_EFFECT if resident_initiated and makelaar_involved else 0.0
    return BASE_EFFECT + bonus + hours_effect(hours) + FORM_EFFECT.get(form, 0.0)


def continuation_probability(form: OrganisationForm, styles: set[SupportStyle]) -> float:
    """Chance that a finished initiative continued after its professional support ended."""
    logit = CONTINUATION_BASE + CONTINUATION_FORM.get(form, 0.0)
    if SupportStyle.OVERNEMEND in styles:
        logit += CONTINUATION_TAKEN_OVER
    return 1.0 / (1.0 + math.exp(-logit))


# How long a continued initiative keeps going after its support ended: exponential in months
# with this hazard (stops per month), raised or lowered by the support it had (log hazard
# ratios, which a Cox model of the follow-ups should find back).
STOP_HAZARD_BASE = 1 / 30
STOP_LOG_HR_TAKEN_OVER = 0.8  # some episode was 'overnemend'
STOP_LOG_HR_MAKELAAR = -0.6  # a participatiemakelaar supported it
STOP_LOG_HR_PER_100_HOURS = -0.3  # per 100 hours of support
FOLLOW_UP_MONTHS = (6, 12, 24)


def stop_hazard(styles: set[SupportStyle], makelaar: bool, hours: float) -> float:
    """Stops per month of a continued initiative after its support ended."""
    log_hr = STOP_LOG_HR_PER_100_HOURS * hours / 100
    if SupportStyle.OVERNEMEND in styles:
        log_hr += STOP_LOG_HR_TAKEN_OVER
    if makelaar:
        log_hr += STOP_LOG_HR_MAKELAAR
    return STOP_HAZARD_BASE * math.exp(log_hr)
